import { z } from 'zod';

/**
 * 组织生活 settings (docs/life.md, "Settings"): how often a 党支部 is expected to hold a 党课 (the
 * 条例 fixes it only for a 党委 secretary; each quarter is practice) and after how many months
 * without any meeting a branch counts as 不活跃. Platform settings, cited as such.
 */
export const FrequencySchema = z.enum(['month', 'quarter', 'halfYear', 'year']);
export const LifeSettings = z.object({
  version: z.number(),
  partyLessonEvery: FrequencySchema,
  dormantMonths: z.number(),
  /** How the calendar and findings cite them. */
  source: z.string(),
  /** Whether the caller may change them (the web shows the form only then). */
  canChange: z.boolean(),
});
export type LifeSettings = z.infer<typeof LifeSettings>;
export const LifeSettingsInput = z.object({
  version: z.number().int().min(0),
  partyLessonEvery: FrequencySchema,
  dormantMonths: z.number().int().min(3, '不活跃月数应在3至24之间').max(24, '不活跃月数应在3至24之间'),
}).strict();
export type LifeSettingsInput = z.infer<typeof LifeSettingsInput>;
