import { z } from 'zod';
import { LOCAL_PARAM_KEYS } from '../domain/rules/local-settings.js';
import { DateString } from './party-org.js';

/**
 * 发展党员 province settings (docs/recruitment.md, "Settings"): 公示天数 and the wait before
 * 积极分子, per province (the first two digits of the holding organisation's region) from a day,
 * citing the local document. The whole list is replaced at once, with the version read.
 */
export const LocalSettingSchema = z.object({
  province: z.string().regex(/^[1-9]\d$/, '省级区划代码应为2位数字'),
  param: z.enum(LOCAL_PARAM_KEYS),
  value: z.number().int().min(0).max(366),
  validFrom: DateString,
  source: z.string().trim().min(1).max(200),
}).strict();
export type LocalSettingDto = z.infer<typeof LocalSettingSchema>;

export const RecruitmentSettings = z.object({
  version: z.number(),
  entries: z.array(LocalSettingSchema),
  /** Whether the caller may change them (the web shows the form only then). */
  canChange: z.boolean(),
});
export type RecruitmentSettings = z.infer<typeof RecruitmentSettings>;

export const RecruitmentSettingsInput = z.object({ version: z.number().int().min(0), entries: z.array(LocalSettingSchema).max(500) }).strict();
export type RecruitmentSettingsInput = z.infer<typeof RecruitmentSettingsInput>;
