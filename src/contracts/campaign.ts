import { z } from 'zod';
import { MetricIdSchema, PeriodString } from './coverage-metrics.js';
import { IdString } from './party-org.js';
import { RegionPrefix } from './region.js';

/**
 * Campaign targets (工作目标): an area's target for one coverage metric, and its progress at the
 * statistics page's date (docs/metrics.md "Campaign targets"). Rates are percents with one decimal.
 */
const TargetRate = z.number({ error: '目标值应为 0 到 100 之间的百分数' }).min(0, '目标值不能小于 0').max(100, '目标值不能超过 100')
  .refine((v) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-9, '目标值最多保留一位小数');
const Title = z.string().trim().min(1, '请填写目标名称').max(100, '目标名称不超过 100 个字');
const Note = z.string().trim().max(500, '说明不超过 500 个字');
const Deadline = z.iso.date({ error: '完成期限应为日期（YYYY-MM-DD）' });
const Version = z.number().int().min(1);

export const CampaignTargetCreate = z.object({
  region: RegionPrefix,
  metric: MetricIdSchema,
  targetRate: TargetRate,
  deadline: Deadline,
  /** Defaults to the metric and rate in words ("“两个覆盖”率达到100%"). */
  title: Title.optional(),
  note: Note.optional(),
}).strict();
export type CampaignTargetCreate = z.infer<typeof CampaignTargetCreate>;

export const CampaignTargetUpdate = z.object({
  version: Version,
  targetRate: TargetRate.optional(),
  deadline: Deadline.optional(),
  title: Title.optional(),
  note: Note.nullable().optional(),
}).strict();
export type CampaignTargetUpdate = z.infer<typeof CampaignTargetUpdate>;

export const CampaignTargetWithdraw = z.object({ version: Version, reason: z.string().trim().min(1, '请填写撤回原因').max(500, '撤回原因不超过 500 个字') }).strict();
export type CampaignTargetWithdraw = z.infer<typeof CampaignTargetWithdraw>;

export const CampaignTarget = z.object({
  id: z.string(),
  /** The area the target was set for: its significant prefix and name. */
  region: z.string(),
  regionName: z.string(),
  metric: z.string(),
  metricLabel: z.string(),
  higherIsBetter: z.boolean(),
  targetRate: z.number(),
  deadline: z.string(),
  title: z.string(),
  note: z.string().nullable(),
  status: z.enum(['active', 'withdrawn']),
  setByName: z.string(),
  setAt: z.string(),
  withdrawnOn: z.string().nullable(),
  withdrawnReason: z.string().nullable(),
  version: z.number(),
  /** Whether the caller may edit or withdraw it (set for their own area or one under it). */
  manageable: z.boolean(),
});
export type CampaignTarget = z.infer<typeof CampaignTarget>;

export const BehindArea = z.object({
  region: z.string(), name: z.string(), numerator: z.number(), denominator: z.number(), rate: z.number().nullable(), gap: z.number(),
});
export const TargetProgress = z.object({
  numerator: z.number(), denominator: z.number(), rate: z.number().nullable(), gap: z.number(), unit: z.enum(['户', '人']),
  status: z.enum(['met', 'inProgress', 'missed', 'noPopulation']), statusLabel: z.string(), daysLeft: z.number(),
  behind: z.array(BehindArea),
});
export type TargetProgress = z.infer<typeof TargetProgress>;

export const CampaignTargetListQuery = z.object({
  region: RegionPrefix,
  /** A past month: progress at its month end (as the statistics page's month view); default today. */
  month: PeriodString.optional(),
  includeWithdrawn: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export type CampaignTargetListQuery = z.infer<typeof CampaignTargetListQuery>;

export const CampaignTargetList = z.object({
  region: z.string(),
  regionName: z.string(),
  asOf: z.string(),
  /** Whether the caller may set a new target for this area. */
  canSet: z.boolean(),
  total: z.number(),
  items: z.array(z.object({ target: CampaignTarget, progress: TargetProgress.nullable() })),
});
export type CampaignTargetList = z.infer<typeof CampaignTargetList>;

export const CampaignTargetParams = z.object({ id: IdString });
