import type { Db, Executor } from '../../db/schema.js';
import type { DuesSettingsInput, DuesSettingsView } from '../../contracts/dues.js';
import { DEFAULT_DUES_SETTINGS, type DuesSettings } from '../../domain/dues.js';
import type { Actor } from '../access/actor.js';
import { jurisdictionSetting } from '../settings/jurisdiction-setting.js';

/**
 * The local dues settings (docs/dues.md), one app_setting row `dues.settings`: the share returned
 * to the enterprise organisation and how a changed basis is recomputed. Read by anyone who reads the
 * ledger; changed by the organisation department holding org.manage over the whole jurisdiction.
 */
const setting = jurisdictionSetting<DuesSettings>({
  key: 'dues.settings', action: 'dues.settings', refusal: '党费返还比例和重算方式由全辖区的组织部门设置',
  normalise: (v) => ({ ...DEFAULT_DUES_SETTINGS, ...(v ?? {}) }),
});

export const readDuesSettings = (db: Executor, lock = false): Promise<DuesSettings> => setting.read(db, lock);
export const getDuesSettings = (db: Db, actor: Actor): Promise<DuesSettingsView> => setting.view(db, actor);
export const saveDuesSettings = (db: Db, actor: Actor, input: DuesSettingsInput): Promise<DuesSettingsView> =>
  setting.save(db, actor, input.version, { returnRatioBp: input.returnRatioBp, recalcMode: input.recalcMode });
