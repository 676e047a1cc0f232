import type { RecruitmentSettings, RecruitmentSettingsInput } from '../../contracts/recruitment-settings.js';
import type { Db, Executor } from '../../db/schema.js';
import { RULE_SET } from '../../domain/rules/rule-set.js';
import type { RuleSet } from '../../domain/rules/rule-set.js';
import { LOCAL_PARAM_LABELS, LOCAL_PARAM_RANGES, withLocalSettings, type LocalSetting } from '../../domain/rules/local-settings.js';
import type { Actor } from '../access/actor.js';
import { requireAction, requireUnrestricted } from '../access/require.js';
import { scopeFor } from '../access/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { versionConflict } from '../party-org/party-org.access.js';
import { field } from './recruitment-checks.js';

/**
 * The province settings of 发展党员 (docs/recruitment.md, "Settings"), one app_setting row
 * `recruitment.settings`, as dues-settings.ts: read by anyone who reads organisations; changed by
 * the organisation department holding org.manage over the whole jurisdiction; audited. The rules
 * read them as province overrides (rulesWithSettings).
 */
const KEY = 'recruitment.settings';
type Stored = { version: number; entries: LocalSetting[] };

async function readStored(db: Executor, lock = false): Promise<Stored> {
  let q = db.selectFrom('app_setting').select('value').where('key', '=', KEY);
  if (lock) q = q.forUpdate();
  const v = (await q.executeTakeFirst())?.value as Partial<Stored> | undefined;
  return { version: v?.version ?? 0, entries: v?.entries ?? [] };
}

/** The rule set the recruitment findings are judged by: the national rules with the province settings. */
export async function rulesWithSettings(db: Executor): Promise<RuleSet> {
  return withLocalSettings(RULE_SET, (await readStored(db)).entries);
}

const canChange = (actor: Actor) => scopeFor(actor, 'org.manage').all;

export async function getRecruitmentSettings(db: Db, actor: Actor): Promise<RecruitmentSettings> {
  requireAction(actor, 'org.read');
  return { ...(await readStored(db)), canChange: canChange(actor) };
}

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

export async function saveRecruitmentSettings(db: Db, actor: Actor, input: RecruitmentSettingsInput): Promise<RecruitmentSettings> {
  requireUnrestricted(actor, 'org.manage', '发展党员的省级设置由全辖区的组织部门修改');
  check(input.entries);
  return db.transaction().execute(async (tx) => {
    const before = await readStored(tx, true);
    if (before.version !== input.version) throw versionConflict();
    const after: Stored = { version: before.version + 1, entries: input.entries };
    const json = JSON.stringify(after);
    await tx.insertInto('app_setting').values({ key: KEY, value: json }).onConflict((oc) => oc.column('key').doUpdateSet({ value: json })).execute();
    await recordAudit(tx, actor, { action: 'recruitment.settings', entity: 'app_setting', entityId: KEY, before, after });
    return { ...after, canChange: true };
  });
}
