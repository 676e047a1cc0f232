import { z } from 'zod';
import { RegionPrefix } from './region.js';
import { METRIC_IDS } from '../domain/metrics.js';

/**
 * Coverage figures, drill-down lists, trends and snapshots (docs/metrics.md). Figures travel as
 * numerator/denominator pairs; `rate` is a display convenience (percent, one decimal, null when
 * the population is empty).
 */
export const MetricIdSchema = z.enum(METRIC_IDS as unknown as [string, ...string[]]);
export const PeriodString = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '应为 YYYY-MM 格式的月份');
const Prefix = RegionPrefix;
const Id = z.string().regex(/^\d{1,18}$/);

export const CoverageFiltersSchema = z.object({
  regionPrefix: Prefix.optional(),
  parkId: Id.optional(),
  associationId: Id.optional(),
  industry: z.string().max(60).optional(),
  sizeClass: z.enum(['large', 'medium', 'small', 'micro', '']).optional(),
  aboveDesignatedSize: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  /** A past month end (YYYY-MM) recomputed from history; or a date; default today. */
  month: PeriodString.optional(),
  date: z.iso.date().optional(),
});
export type CoverageFiltersInput = z.infer<typeof CoverageFiltersSchema>;

export const FiguresQuery = CoverageFiltersSchema.extend({
  groupBy: z.enum(['none', 'region', 'park', 'association', 'industry', 'size']).default('region'),
});
export type FiguresQuery = z.infer<typeof FiguresQuery>;

export const PairSchema = z.object({ numerator: z.number(), denominator: z.number(), rate: z.number().nullable() });
export type PairDto = z.infer<typeof PairSchema>;
const Pairs = z.record(z.string(), PairSchema);

export const MetricInfo = z.object({
  id: z.string(), label: z.string(), population: z.string(), numeratorLabel: z.string(), denominatorLabel: z.string(), higherIsBetter: z.boolean(),
  /** What the figure counts: enterprises (drill: /api/coverage/drill) or 党支部 (drill: /api/life/compliance/orgs). */
  subject: z.enum(['enterprise', 'partyOrg']).optional(),
});

export const FiguresResult = z.object({
  asOf: z.string(),
  source: z.enum(['current', 'history']),
  metrics: z.array(MetricInfo),
  total: z.object({ enterprises: z.number(), pairs: Pairs }),
  groupBy: z.string(),
  groups: z.array(z.object({ key: z.string().nullable(), label: z.string(), enterprises: z.number(), pairs: Pairs })),
  /** Set when another refresh of today's figures was under way: they may miss the last few seconds' edits (≈ 0.1 s of work behind). */
  refreshing: z.literal(true).optional(),
  /** Set when a read replica answered (LX_READ_DATABASE_URL): how many seconds behind the primary it was. */
  replicaLagSeconds: z.number().optional(),
});
export type FiguresResult = z.infer<typeof FiguresResult>;

export const DrillQuery = CoverageFiltersSchema.extend({
  metric: MetricIdSchema,
  part: z.enum(['numerator', 'denominator']),
  cursor: Id.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
});
export type DrillQuery = z.infer<typeof DrillQuery>;

export const DrillItem = z.object({
  id: z.string(), name: z.string(), creditCode: z.string(), regionCode: z.string().nullable(), regionName: z.string().nullable(),
  status: z.string(), statusLabel: z.string(), fullMembers: z.number(), employees: z.number(), unionMembers: z.number(),
  /** fullMembers counted from the party-member roster; false: the ledger's typed number (填报数). */
  membersFromRoster: z.boolean(),
  /** unionMembers counted from the covering unions' real-name rosters; false: their typed 会员数. */
  unionMembersFromRoster: z.boolean(),
  sizeClass: z.string().nullable(), industry: z.string().nullable(),
  /** What this row adds to the figure: 1 enterprise, or its employees / union members. */
  contributes: z.number(),
});
export const DrillPage = z.object({
  asOf: z.string(), metric: z.string(), part: z.string(), items: z.array(DrillItem), nextCursor: z.string().nullable(),
  /** Enterprises in the whole list: on the first page only (null on later pages, which the client already counted). */
  total: z.number().nullable(),
});
/** The whole list as XLSX: the same filters and scope, no paging. */
export const DrillExportQuery = DrillQuery.omit({ cursor: true, limit: true });
export type DrillExportQuery = z.infer<typeof DrillExportQuery>;
export type DrillPage = z.infer<typeof DrillPage>;

export const TrendQuery = z.object({
  regionPrefix: Prefix.optional(),
  parkId: Id.optional(),
  associationId: Id.optional(),
  months: z.coerce.number().int().min(2).max(36).default(12),
  until: PeriodString.optional(),
});
export type TrendQuery = z.infer<typeof TrendQuery>;

export const TrendResult = z.object({
  scope: z.object({ kind: z.string(), key: z.string(), label: z.string() }),
  periods: z.array(z.string()),
  series: z.record(z.string(), z.array(PairSchema.nullable())),
});
export type TrendResult = z.infer<typeof TrendResult>;

export const SnapshotTake = z.object({ month: PeriodString });
export const SnapshotResult = z.object({ period: z.string(), asOf: z.string(), rows: z.number() });
export type SnapshotResult = z.infer<typeof SnapshotResult>;
export const SnapshotList = z.object({ items: z.array(z.object({ period: z.string(), computedAt: z.string() })) });

export const BulletinQuery = z.object({
  region: Prefix,
  month: PeriodString,
  format: z.enum(['pdf', 'docx', 'xlsx', 'html']).default('pdf'),
});
export type BulletinQuery = z.infer<typeof BulletinQuery>;
