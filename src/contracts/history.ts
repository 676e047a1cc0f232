import { z } from 'zod';
import { HistoryEvent, IdString } from './party-org.js';

/** How many of the latest events a detail (organisation, union) carries; the rest are paged. */
export const DETAIL_HISTORY_LIMIT = 20;

/** `GET …/:id/history`: keyset pages by event id, newest first; `cursor` is the last id already shown. */
export const HistoryQuery = z.object({
  cursor: IdString.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type HistoryQuery = z.infer<typeof HistoryQuery>;

export const HistoryPage = z.object({
  items: z.array(HistoryEvent),
  nextCursor: z.string().nullable(),
  /** A partial view pages nothing: its events name enterprises and parents; this counts them. */
  hiddenCount: z.number(),
});
export type HistoryPage = z.infer<typeof HistoryPage>;
