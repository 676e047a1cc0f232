import type { Db, Executor } from '../../db/schema.js';
import type { DuesSettingsInput, DuesSettingsView } from '../../contracts/dues.js';
import { DEFAULT_DUES_SETTINGS, type DuesSettings } from '../../domain/dues.js';
import type { Actor } from '../access/actor.js';
import { holdsAction, requireAction, requireUnrestricted } from '../access/require.js';
import { scopeFor } from '../access/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { versionConflict } from '../party-org/party-org.access.js';

/**
 * The local dues settings (docs/dues.md), one app_setting row `dues.settings`: the share returned
 * to the enterprise organisation and how a changed basis is recomputed. Read by anyone who reads the
 * ledger; changed by the organisation department holding org.manage over the whole jurisdiction.
 */
const KEY = 'dues.settings';

export async function readDuesSettings(db: Executor, lock = false): Promise<DuesSettings> {
  let q = db.selectFrom('app_setting').select('value').where('key', '=', KEY);
  if (lock) q = q.forUpdate();
  const v = (await q.executeTakeFirst())?.value as Partial<DuesSettings> | undefined;
  return { ...DEFAULT_DUES_SETTINGS, ...(v ?? {}) };
}

/** Whether the caller may change them: org.manage over the whole jurisdiction (the form is shown by it). */
const canChange = (actor: Actor) => holdsAction(actor, 'org.manage') && scopeFor(actor, 'org.manage').all;

export async function getDuesSettings(db: Db, actor: Actor): Promise<DuesSettingsView> {
  requireAction(actor, 'org.read');
  return { ...(await readDuesSettings(db)), canChange: canChange(actor) };
}

export async function saveDuesSettings(db: Db, actor: Actor, input: DuesSettingsInput): Promise<DuesSettingsView> {
  requireUnrestricted(actor, 'org.manage', '党费返还比例和重算方式由全辖区的组织部门设置');
  return db.transaction().execute(async (tx) => {
    const before = await readDuesSettings(tx, true);
    if (before.version !== input.version) throw versionConflict();
    const after: DuesSettings = { returnRatioBp: input.returnRatioBp, recalcMode: input.recalcMode, version: before.version + 1 };
    const json = JSON.stringify(after);
    await tx.insertInto('app_setting').values({ key: KEY, value: json }).onConflict((oc) => oc.column('key').doUpdateSet({ value: json })).execute();
    await recordAudit(tx, actor, { action: 'dues.settings', entity: 'app_setting', entityId: KEY, before, after });
    return { ...after, canChange: true };
  });
}
