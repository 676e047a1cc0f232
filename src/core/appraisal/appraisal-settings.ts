import type { AppraisalSettingsInput } from '../../contracts/appraisal.js';
import type { Db, Executor } from '../../db/schema.js';
import { DEFAULT_APPRAISAL_SETTINGS, type AppraisalSettings } from '../../domain/appraisal.js';
import type { Actor } from '../access/actor.js';
import { jurisdictionSetting } from '../settings/jurisdiction-setting.js';

/**
 * 补贴档次 per appraisal grade (docs/annual-report.md): one app_setting row `appraisal.settings`, read
 * by anyone who reads organisations, changed by the organisation department holding org.manage over
 * the whole jurisdiction (as the dues settings).
 */
const setting = jurisdictionSetting<AppraisalSettings>({
  key: 'appraisal.settings', action: 'appraisal.settings', refusal: '述职评议补贴档次由全辖区的组织部门设置',
  normalise: (v) => ({ ...DEFAULT_APPRAISAL_SETTINGS, ...(v ?? {}) }),
});

export const readAppraisalSettings = (db: Executor, lock = false): Promise<AppraisalSettings> => setting.read(db, lock);
export const getAppraisalSettings = (db: Db, actor: Actor) => setting.view(db, actor);
export const saveAppraisalSettings = (db: Db, actor: Actor, input: AppraisalSettingsInput) => setting.save(db, actor, input.version, { allowance: input.allowance });
