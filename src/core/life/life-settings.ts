import type { LifeSettings, LifeSettingsInput } from '../../contracts/life-settings.js';
import type { Db, Executor } from '../../db/schema.js';
import { PLATFORM_SETTING } from '../../domain/rules/citations.js';
import { LIFE_DEFAULTS, type LifeOptions } from '../../domain/rules/life-catalogue.js';
import type { Actor } from '../access/actor.js';
import { jurisdictionSetting } from '../settings/jurisdiction-setting.js';

/**
 * The 组织生活 settings of the jurisdiction (docs/life.md, "Settings"), one app_setting row as
 * dues-settings.ts and recruitment-settings.ts: the 党课 frequency of a 党支部 and the months that
 * make a branch 不活跃. Read by anyone who reads organisations; changed by the organisation
 * department holding org.manage over the whole jurisdiction (a district or city deployment lies in
 * one province, so the jurisdiction's setting is the province's); audited. The calendar, the
 * roll-up, the coverage figure, the bulletin and the work list all read them through here.
 */
type Stored = Required<LifeOptions> & { version: number };
const setting = jurisdictionSetting<Stored>({
  key: 'life.settings', action: 'life.settings', refusal: '组织生活设置由全辖区的组织部门修改',
  normalise: (v) => ({ version: v?.version ?? 0, partyLessonEvery: v?.partyLessonEvery ?? LIFE_DEFAULTS.partyLessonEvery, dormantMonths: v?.dormantMonths ?? LIFE_DEFAULTS.dormantMonths }),
});

/** The options the rules take (LifeOptions), as set. */
export async function lifeOptions(db: Executor): Promise<Required<LifeOptions>> {
  const { partyLessonEvery, dormantMonths } = await setting.read(db);
  return { partyLessonEvery, dormantMonths };
}

export async function getLifeSettings(db: Db, actor: Actor): Promise<LifeSettings> {
  return { ...(await setting.view(db, actor)), source: PLATFORM_SETTING };
}

export async function saveLifeSettings(db: Db, actor: Actor, input: LifeSettingsInput): Promise<LifeSettings> {
  return { ...(await setting.save(db, actor, input.version, { partyLessonEvery: input.partyLessonEvery, dormantMonths: input.dormantMonths })), source: PLATFORM_SETTING };
}
