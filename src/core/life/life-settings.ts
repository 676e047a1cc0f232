import type { LifeSettings, LifeSettingsInput } from '../../contracts/life-settings.js';
import type { Db, Executor } from '../../db/schema.js';
import { PLATFORM_SETTING } from '../../domain/rules/citations.js';
import { LIFE_DEFAULTS, type LifeOptions } from '../../domain/rules/life-catalogue.js';
import type { Actor } from '../access/actor.js';
import { requireAction, requireUnrestricted } from '../access/require.js';
import { scopeFor } from '../access/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { versionConflict } from '../party-org/party-org.access.js';

/**
 * The 组织生活 settings of the jurisdiction (docs/life.md, "Settings"), one app_setting row as
 * dues-settings.ts and recruitment-settings.ts: the 党课 frequency of a 党支部 and the months that
 * make a branch 不活跃. Read by anyone who reads organisations; changed by the organisation
 * department holding org.manage over the whole jurisdiction (a district or city deployment lies in
 * one province, so the jurisdiction's setting is the province's); audited. The calendar, the
 * roll-up, the coverage figure, the bulletin and the work list all read them through here.
 */
const KEY = 'life.settings';
type Stored = Required<LifeOptions> & { version: number };

async function readStored(db: Executor, lock = false): Promise<Stored> {
  let q = db.selectFrom('app_setting').select('value').where('key', '=', KEY);
  if (lock) q = q.forUpdate();
  const v = (await q.executeTakeFirst())?.value as Partial<Stored> | undefined;
  return { version: v?.version ?? 0, partyLessonEvery: v?.partyLessonEvery ?? LIFE_DEFAULTS.partyLessonEvery, dormantMonths: v?.dormantMonths ?? LIFE_DEFAULTS.dormantMonths };
}

/** The options the rules take (LifeOptions), as set. */
export async function lifeOptions(db: Executor): Promise<Required<LifeOptions>> {
  const { partyLessonEvery, dormantMonths } = await readStored(db);
  return { partyLessonEvery, dormantMonths };
}

const canChange = (actor: Actor) => scopeFor(actor, 'org.manage').all;

export async function getLifeSettings(db: Db, actor: Actor): Promise<LifeSettings> {
  requireAction(actor, 'org.read');
  return { ...(await readStored(db)), source: PLATFORM_SETTING, canChange: canChange(actor) };
}

export async function saveLifeSettings(db: Db, actor: Actor, input: LifeSettingsInput): Promise<LifeSettings> {
  requireUnrestricted(actor, 'org.manage', '组织生活设置由全辖区的组织部门修改');
  return db.transaction().execute(async (tx) => {
    const before = await readStored(tx, true);
    if (before.version !== input.version) throw versionConflict();
    const after: Stored = { version: before.version + 1, partyLessonEvery: input.partyLessonEvery, dormantMonths: input.dormantMonths };
    const json = JSON.stringify(after);
    await tx.insertInto('app_setting').values({ key: KEY, value: json }).onConflict((oc) => oc.column('key').doUpdateSet({ value: json })).execute();
    await recordAudit(tx, actor, { action: 'life.settings', entity: 'app_setting', entityId: KEY, before, after });
    return { ...after, source: PLATFORM_SETTING, canChange: true };
  });
}
