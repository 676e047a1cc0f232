import { z } from 'zod';
import { RegionPrefix } from './region.js';

/**
 * 劳务派遣工入会占比 behind the dashboard figure (docs/unions.md "在统计和月通报中"): the area's unions
 * that keep a roster (会员实名制), each with its active members and how many of them are 劳务派遣.
 */
export const DispatchedQuery = z.object({
  regionPrefix: RegionPrefix.optional(),
  /** Only unions with at least one dispatched member (the numerator's rows). */
  onlyDispatched: z.enum(['true', 'false']).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).strict();
export type DispatchedQuery = z.infer<typeof DispatchedQuery>;
export const DispatchedExportQuery = DispatchedQuery.omit({ offset: true, limit: true });
export type DispatchedExportQuery = z.infer<typeof DispatchedExportQuery>;

export const DispatchedRow = z.object({
  unionId: z.string(), unionName: z.string(), regionCode: z.string().nullable(), streetName: z.string().nullable(),
  members: z.number(), dispatched: z.number(),
});
export type DispatchedRow = z.infer<typeof DispatchedRow>;
export const DispatchedPage = z.object({
  items: z.array(DispatchedRow),
  /** Unions in the list; the sums are the figure's pair (dispatched / members). */
  total: z.number(), sums: z.object({ members: z.number(), dispatched: z.number() }), asOf: z.string(),
});
export type DispatchedPage = z.infer<typeof DispatchedPage>;
