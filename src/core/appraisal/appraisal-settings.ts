import type { AppraisalSettingsInput } from '../../contracts/appraisal.js';
import type { Db, Executor } from '../../db/schema.js';
import { DEFAULT_APPRAISAL_SETTINGS, type AppraisalSettings } from '../../domain/appraisal.js';
import type { Actor } from '../access/actor.js';
import { holdsAction, requireAction, requireUnrestricted } from '../access/require.js';
import { scopeFor } from '../access/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { versionConflict } from '../party-org/party-org.access.js';

/**
 * 补贴档次 per appraisal grade (docs/annual-report.md): one app_setting row `appraisal.settings`, read
 * by anyone who reads organisations, changed by the organisation department holding org.manage over
 * the whole jurisdiction (as the dues settings).
 */
const KEY = 'appraisal.settings';

export async function readAppraisalSettings(db: Executor, lock = false): Promise<AppraisalSettings> {
  let q = db.selectFrom('app_setting').select('value').where('key', '=', KEY);
  if (lock) q = q.forUpdate();
  const v = (await q.executeTakeFirst())?.value as Partial<AppraisalSettings> | undefined;
  return { ...DEFAULT_APPRAISAL_SETTINGS, ...(v ?? {}) };
}

const canChange = (actor: Actor) => holdsAction(actor, 'org.manage') && scopeFor(actor, 'org.manage').all;

export async function getAppraisalSettings(db: Db, actor: Actor) {
  requireAction(actor, 'org.read');
  return { ...(await readAppraisalSettings(db)), canChange: canChange(actor) };
}

export async function saveAppraisalSettings(db: Db, actor: Actor, input: AppraisalSettingsInput) {
  requireUnrestricted(actor, 'org.manage', '述职评议补贴档次由全辖区的组织部门设置');
  return db.transaction().execute(async (tx) => {
    const before = await readAppraisalSettings(tx, true);
    if (before.version !== input.version) throw versionConflict();
    const after: AppraisalSettings = { allowance: input.allowance, version: before.version + 1 };
    const json = JSON.stringify(after);
    await tx.insertInto('app_setting').values({ key: KEY, value: json }).onConflict((oc) => oc.column('key').doUpdateSet({ value: json })).execute();
    await recordAudit(tx, actor, { action: 'appraisal.settings', entity: 'app_setting', entityId: KEY, before, after });
    return { ...after, canChange: true };
  });
}
