import type { RecruitmentSettings, RecruitmentSettingsInput } from '../../contracts/recruitment-settings.js';
import type { Db, Executor } from '../../db/schema.js';
import { RULE_SET } from '../../domain/rules/rule-set.js';
import type { RuleSet } from '../../domain/rules/rule-set.js';
import { LOCAL_PARAM_LABELS, LOCAL_PARAM_RANGES, withLocalSettings, type LocalSetting } from '../../domain/rules/local-settings.js';
import type { Actor } from '../access/actor.js';
import { jurisdictionSetting } from '../settings/jurisdiction-setting.js';
import { field } from './recruitment-checks.js';

/**
 * The province settings of 发展党员 (docs/recruitment.md, "Settings"), one app_setting row
 * `recruitment.settings`, as dues-settings.ts: read by anyone who reads organisations; changed by
 * the organisation department holding org.manage over the whole jurisdiction; audited. The rules
 * read them as province overrides (rulesWithSettings).
 */
type Stored = { version: number; entries: LocalSetting[] };
const setting = jurisdictionSetting<Stored>({
  key: 'recruitment.settings', action: 'recruitment.settings', refusal: '发展党员的省级设置由全辖区的组织部门修改',
  normalise: (v) => ({ version: v?.version ?? 0, entries: v?.entries ?? [] }),
});

/** The rule set the recruitment findings are judged by: the national rules with the province settings. */
export async function rulesWithSettings(db: Executor): Promise<RuleSet> {
  return withLocalSettings(RULE_SET, (await setting.read(db)).entries);
}

export const getRecruitmentSettings = (db: Db, actor: Actor): Promise<RecruitmentSettings> => setting.view(db, actor);

function check(entries: LocalSetting[]): void {
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    const [min, max] = LOCAL_PARAM_RANGES[e.param];
    if (e.value < min || e.value > max) throw field(`entries.${i}.value`, 'OUT_OF_RANGE', `${LOCAL_PARAM_LABELS[e.param]}应在${min}至${max}之间`);
    const key = `${e.province}:${e.param}:${e.validFrom}`;
    if (seen.has(key)) throw field(`entries.${i}.validFrom`, 'DUPLICATE', `同一省份同一事项自${e.validFrom}起的设置重复`);
    seen.add(key);
  });
}

export const saveRecruitmentSettings = (db: Db, actor: Actor, input: RecruitmentSettingsInput): Promise<RecruitmentSettings> =>
  setting.save(db, actor, input.version, { entries: input.entries }, () => check(input.entries));
