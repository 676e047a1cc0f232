import { z } from 'zod';

/**
 * 培训和党建保障设置 (docs/training.md, "Settings"): the yearly 学时 a 党组织书记 is expected to train
 * (56 by default) and the share of payroll an enterprise may book as its Party organisation's work
 * expense (1% by default, in basis points). Province settings kept by the jurisdiction's
 * organisation department; `changedOn` is the day the values in force were set.
 */
export const TrainingSettings = z.object({
  version: z.number(),
  secretaryHours: z.number(),
  expenseRatioBp: z.number(),
  changedOn: z.string().nullable(),
  /** Where each default comes from, and whether the value in force is the default. */
  sources: z.object({ secretaryHours: z.string(), expenseRatio: z.string() }),
  defaults: z.object({ secretaryHours: z.number(), expenseRatioBp: z.number() }),
  canChange: z.boolean(),
});
export type TrainingSettings = z.infer<typeof TrainingSettings>;
export const TrainingSettingsInput = z.object({
  version: z.number().int().min(0),
  secretaryHours: z.number().int().min(1, '书记年度培训学时应在1至200之间').max(200, '书记年度培训学时应在1至200之间'),
  expenseRatioBp: z.number().int().min(1, '列支比例应在0.01%至10%之间').max(1000, '列支比例应在0.01%至10%之间'),
}).strict();
export type TrainingSettingsInput = z.infer<typeof TrainingSettingsInput>;
