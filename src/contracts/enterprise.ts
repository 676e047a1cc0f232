import { z } from 'zod';
import { RegionPrefix } from './region.js';

/** The ledger's API contract: list, detail with history, placement, imports. Shared by api, cli and web. */

export const OperatingStatusSchema = z.enum(['active', 'suspended', 'deregistered', 'revoked', 'moved_out']);
export const SizeClassSchema = z.enum(['large', 'medium', 'small', 'micro']);
export const PlacementSchema = z.enum(['placed', 'pending', 'manual']);
export const EnterpriseSortSchema = z.enum(['name', 'founded_on', 'employee_count', 'updated_at']);

const idParam = z.string().regex(/^\d{1,18}$/, '编号格式不正确');
const boolParam = z.enum(['true', 'false']).transform((v) => v === 'true');

export const EnterpriseFilterSchema = z.object({
  regionPrefix: RegionPrefix.optional(),
  parkId: idParam.optional(),
  associationId: idParam.optional(),
  sizeClass: SizeClassSchema.optional(),
  aboveDesignatedSize: boolParam.optional(),
  operatingStatus: OperatingStatusSchema.optional(),
  placement: PlacementSchema.optional(),
  q: z.string().trim().min(1).max(100).optional(),
});
export type EnterpriseFilter = z.infer<typeof EnterpriseFilterSchema>;

export const EnterpriseListQuerySchema = EnterpriseFilterSchema.extend({
  sort: EnterpriseSortSchema.default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type EnterpriseListQuery = z.infer<typeof EnterpriseListQuerySchema>;

export const EnterpriseListItemSchema = z.object({
  id: z.string(),
  creditCode: z.string(),
  name: z.string(),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  placement: PlacementSchema,
  parkId: z.string().nullable(),
  parkName: z.string().nullable(),
  associationId: z.string().nullable(),
  associationName: z.string().nullable(),
  sizeClass: SizeClassSchema.nullable(),
  aboveDesignatedSize: z.boolean(),
  operatingStatus: OperatingStatusSchema,
  employeeCount: z.number().nullable(),
  memberCount: z.number().nullable(),
  foundedOn: z.string().nullable(),
  updatedAt: z.string(),
  /** Optimistic lock: a placement from a list row (the 待认定属地 queue) sends the version it read. */
  version: z.number(),
});
export type EnterpriseListItem = z.infer<typeof EnterpriseListItemSchema>;

export const EnterpriseListSchema = z.object({
  items: z.array(EnterpriseListItemSchema),
  nextCursor: z.string().nullable(),
  total: z.number(),
});
export type EnterpriseList = z.infer<typeof EnterpriseListSchema>;

export const EnterpriseChangeSchema = z.object({
  id: z.string(),
  kind: z.string(),
  importId: z.string().nullable(),
  changedAt: z.string(),
  /** { factKey: [before, after] } — empty for `created` (the first version is the record itself). */
  changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])),
  /** Where the change came from (import / manual 人工更正 / survey 排查摸底 / placement) and, for a correction, who and why. */
  source: z.enum(['import', 'manual', 'survey', 'placement']).nullable().optional(),
  sourceLabel: z.string().optional(),
  actorName: z.string().nullable().optional(),
  reason: z.string().nullable().optional(),
  campaignName: z.string().nullable().optional(),
});

export const EnterpriseDetailSchema = EnterpriseListItemSchema.extend({
  ownershipType: z.string().nullable(),
  legalRepresentative: z.string().nullable(),
  address: z.string().nullable(),
  industry: z.string().nullable(),
  registeredCapital: z.string().nullable(),
  ownerProfile: z.string().nullable(),
  /** Facts no registration file carries (issue 17 item 5): the contact (phone masked) and the enterprise's own union report. */
  contactName: z.string().nullable().optional(),
  contactPhone: z.string().nullable().optional(),
  unionReported: z.boolean().nullable().optional(),
  /** Facts a person corrected that a later import leaves alone until the source changes them. */
  corrections: z.array(z.object({ fact: z.string(), label: z.string(), source: z.enum(['manual', 'survey']), setAt: z.string() })).optional(),
  source: z.string(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  createdAt: z.string(),
  history: z.array(EnterpriseChangeSchema),
});
export type EnterpriseDetail = z.infer<typeof EnterpriseDetailSchema>;

export const PlacementUpdateSchema = z.object({
  regionCode: z.string().regex(/^\d{12}$/, '区划代码应为 12 位数字'),
  /** The enterprise's version as read; a stale one is 409 VERSION_CONFLICT even when the region is the same. */
  version: z.number().int().min(1),
});
export type PlacementUpdate = z.infer<typeof PlacementUpdateSchema>;

export const IdParamsSchema = z.object({ id: idParam });

export const RowErrorSchema = z.object({
  row: z.number(),
  column: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
export type RowErrorOut = z.infer<typeof RowErrorSchema>;

const NamedEnterpriseSchema = z.object({ id: z.string(), creditCode: z.string(), name: z.string() });

export const ImportResultSchema = z.object({
  importId: z.string(),
  dryRun: z.boolean(),
  rows: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  merged: z.number(),
  rejected: z.number(),
  /** How many updated enterprises changed each fact (factKey → count). */
  updatedFacts: z.record(z.string(), z.number()),
  /** Enterprises whose status changed to deregistered / revoked in this import (at most 1000 each). */
  deregistered: z.array(NamedEnterpriseSchema),
  revoked: z.array(NamedEnterpriseSchema),
  pendingPlacement: z.number(),
  parksCreated: z.array(z.string()),
  associationsCreated: z.array(z.string()),
  errors: z.array(RowErrorSchema),
  errorsTruncated: z.boolean(),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

export const ImportStatusSchema = z.enum(['running', 'completed', 'failed', 'dry_run']);

export const ImportProgressSchema = z.object({
  phase: z.string(),
  bytesRead: z.number(),
  totalBytes: z.number(),
  rows: z.number(),
  applied: z.number(),
});

export const ImportBatchSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  source: z.string(),
  status: ImportStatusSchema,
  dryRun: z.boolean(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  progress: ImportProgressSchema,
  result: ImportResultSchema.nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type ImportBatch = z.infer<typeof ImportBatchSchema>;

export const ImportStartedSchema = z.object({ importId: z.string() });

export const NamedEntitySchema = z.object({ id: z.string(), name: z.string(), regionCode: z.string().nullable() });
export type NamedEntity = z.infer<typeof NamedEntitySchema>;

export const ImportMappingSchema = z.object({
  mapping: z.record(z.string().min(1).max(100), z.string().min(1).max(50)),
});
export type ImportMapping = z.infer<typeof ImportMappingSchema>;
