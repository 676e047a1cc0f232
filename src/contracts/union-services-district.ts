import { z } from 'zod';

/**
 * The district page 困难职工帮扶 (docs/unions.md "工会服务", district pages): files by street and level,
 * this year's payments and overdue 复核, each number drilling to `GET /api/hardship` with the same filter.
 */
const Region = z.string().regex(/^\d{2,12}$/, '应为2至12位区划代码');

export const HardshipRollupQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  region: Region.optional(),
}).strict();
export type HardshipRollupQuery = z.infer<typeof HardshipRollupQuery>;

export const HardshipCounts = z.object({
  unions: z.number(), files: z.number(), applied: z.number(),
  /** 在档帮扶 files, and of them by level. */
  approved: z.number(), deep: z.number(), relative: z.number(), accident: z.number(),
  closed: z.number(), rejected: z.number(), overdue: z.number(),
  /** Files paid something this year and the year's amount (fen). */
  paidFiles: z.number(), paidFen: z.number(),
});
export type HardshipCounts = z.infer<typeof HardshipCounts>;

export const HardshipRollup = z.object({
  year: z.number(), asOf: z.string(),
  rows: z.array(HardshipCounts.extend({ region: z.string(), name: z.string().nullable() })),
  sum: HardshipCounts,
});
export type HardshipRollup = z.infer<typeof HardshipRollup>;
