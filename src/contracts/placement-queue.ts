import { z } from 'zod';
import { EnterpriseListItemSchema, EnterpriseListQuerySchema, EnterpriseFilterSchema } from './enterprise.js';

/**
 * The 待认定属地 queue at volume (docs/regions.md "The placement queue"): each pending enterprise
 * with the township the platform suggests for it, a filter by that township, and bulk decisions.
 */

const regionCode = z.string().regex(/^\d{12}$/, '区划代码应为 12 位数字');
const idParam = z.string().regex(/^\d{1,18}$/, '编号格式不正确');

/** `address`: placing by the address would place it now; `road`: only a road named like a township. */
export const SuggestionBasisSchema = z.enum(['address', 'road']);
export type SuggestionBasis = z.infer<typeof SuggestionBasisSchema>;

export const PlacementSuggestionSchema = z.object({
  regionCode: z.string(),
  /** The suggested region's name with its township, e.g. "建设路街道" or "嵩山路街道刘砦社区". */
  regionName: z.string(),
  /** The township (street) it lies in: what the queue filters and groups by. */
  townshipCode: z.string(),
  basis: SuggestionBasisSchema,
});
export type PlacementSuggestion = z.infer<typeof PlacementSuggestionSchema>;

/** `suggested`: a township code (its rows), or `none` (rows without a suggestion). */
export const QueueFilterSchema = EnterpriseFilterSchema.omit({ placement: true }).extend({
  suggested: z.union([regionCode, z.literal('none')]).optional(),
});
export type QueueFilter = z.infer<typeof QueueFilterSchema>;

export const PlacementQueueQuerySchema = EnterpriseListQuerySchema.omit({ placement: true }).extend({
  suggested: QueueFilterSchema.shape.suggested,
});
export type PlacementQueueQuery = z.infer<typeof PlacementQueueQuerySchema>;

export const PlacementQueueItemSchema = EnterpriseListItemSchema.extend({
  address: z.string().nullable(),
  /** Why it was not placed automatically, in the placer's words. */
  reason: z.string(),
  suggestion: PlacementSuggestionSchema.nullable(),
});
export type PlacementQueueItem = z.infer<typeof PlacementQueueItemSchema>;

export const SuggestedTownshipSchema = z.object({ townshipCode: z.string(), name: z.string(), count: z.number() });

export const PlacementQueueSchema = z.object({
  items: z.array(PlacementQueueItemSchema),
  nextCursor: z.string().nullable(),
  /** Rows matching every filter, `suggested` included. */
  total: z.number(),
  /** The queue under the other filters, grouped by suggested township (most rows first). */
  townships: z.array(SuggestedTownshipSchema),
  withoutSuggestion: z.number(),
});
export type PlacementQueue = z.infer<typeof PlacementQueueSchema>;

/** At most this many rows per bulk request: one transaction an official waits for, a few seconds. */
export const BULK_PLACEMENT_MAX = 1000;

const RowRefSchema = z.object({ id: idParam, version: z.number().int().min(1) });
const rows = z.array(RowRefSchema).min(1, '请至少选择一家企业').max(BULK_PLACEMENT_MAX, `一次最多处理 ${BULK_PLACEMENT_MAX} 家企业`);

/**
 * Accept the suggestions of the rows listed (each with the version the official saw), or of every
 * row matching `all.filter` — then `all.expectedTotal` is the count the official confirmed, and a
 * queue that has changed since is refused (409) rather than accepted blind.
 */
export const AcceptSuggestionsSchema = z.object({
  items: rows.optional(),
  all: z.object({ filter: QueueFilterSchema, expectedTotal: z.number().int().min(1).max(BULK_PLACEMENT_MAX, `一次最多处理 ${BULK_PLACEMENT_MAX} 家企业，请按建议街道筛选后分批接受`) }).strict().optional(),
}).strict().refine((b) => (b.items ? 1 : 0) + (b.all ? 1 : 0) === 1, { message: '请选择企业（items），或确认接受当前筛选的全部建议（all），二者选一', path: ['items'] });
export type AcceptSuggestions = z.infer<typeof AcceptSuggestionsSchema>;

/** One township or community chosen for many rows. */
export const BulkPlaceSchema = z.object({ regionCode, items: rows }).strict();
export type BulkPlace = z.infer<typeof BulkPlaceSchema>;

/**
 * Per row: placed, or why not — `conflict` (changed since it was read), `notPending` (already placed),
 * `notFound` (gone or not the caller's), `noSuggestion`, `outOfScope` (suggested region not the caller's).
 */
export const BulkOutcomeSchema = z.enum(['placed', 'conflict', 'notPending', 'notFound', 'noSuggestion', 'outOfScope']);
export type BulkOutcome = z.infer<typeof BulkOutcomeSchema>;

export const BulkPlacementResultSchema = z.object({
  placed: z.number(),
  skipped: z.number(),
  rows: z.array(z.object({
    id: z.string(),
    name: z.string().nullable(),
    outcome: BulkOutcomeSchema,
    regionCode: z.string().nullable(),
    regionName: z.string().nullable(),
    message: z.string(),
  })),
});
export type BulkPlacementResult = z.infer<typeof BulkPlacementResultSchema>;
