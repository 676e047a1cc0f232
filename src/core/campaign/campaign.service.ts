import type { CampaignTarget, CampaignTargetCreate, CampaignTargetUpdate, CampaignTargetWithdraw } from '../../contracts/campaign.js';
import type { Db, Executor } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import type { MetricId } from '../../domain/metrics.js';
import { todayInChina } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { regionInScope } from '../access/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertReferencesExist } from '../references/references.js';
import { code12, requireManagedTarget } from './campaign.access.js';
import { defaultTitle, toAuditView, toCampaignTarget } from './campaign.mapper.js';
import { findActiveTwin, findTarget, insertTarget, updateTarget } from './campaign.repository.js';

/**
 * Setting, changing and withdrawing targets: the caller manages the target's area, the version is
 * checked, and every change is audited in its transaction (docs/metrics.md "Campaign targets").
 */
const versionConflict = () => new AppError('VERSION_CONFLICT', '该工作目标已被他人修改，请刷新后重试');
const duplicate = () => new AppError('CONFLICT', '该区划已有同一指标、同一完成期限的工作目标，请修改原目标或另定期限',
  [{ field: 'deadline', code: 'DUPLICATE', message: '同一区划、指标和期限的目标已存在' }]);
const pastDeadline = (deadline: string) => new AppError('VALIDATION_FAILED', `完成期限 ${deadline} 已过，请设定今天或以后的日期`,
  [{ field: 'deadline', code: 'DEADLINE_PASSED', message: '完成期限不能早于今天' }]);

async function reread(tx: Executor, id: string): Promise<CampaignTarget> {
  return toCampaignTarget((await findTarget(tx, id))!, true);
}

export async function createTarget(db: Db, actor: Actor, input: CampaignTargetCreate): Promise<CampaignTarget> {
  const scope = requireAction(actor, 'target.manage');
  const regionCode = code12(input.region);
  if (!regionInScope(scope, regionCode)) {
    throw new AppError('FORBIDDEN', '只能为本级或所辖区划设定工作目标', [{ field: 'region', code: 'OUT_OF_SCOPE', message: '区划不在您的管理范围内' }]);
  }
  if (input.deadline < todayInChina()) throw pastDeadline(input.deadline);
  return db.transaction().execute(async (tx) => {
    await assertReferencesExist(tx, { regionCode }, { regionCode: 'region' });
    if (await findActiveTwin(tx, { regionCode, metric: input.metric, deadline: input.deadline })) throw duplicate();
    const id = await insertTarget(tx, {
      region_code: regionCode, metric: input.metric, target_rate: input.targetRate, deadline: input.deadline,
      title: input.title ?? defaultTitle(input.metric as MetricId, input.targetRate), note: input.note || null,
      set_by: actor.userId, set_by_name: actor.username,
    });
    const out = await reread(tx, id);
    await recordAudit(tx, actor, { action: 'campaign_target.create', entity: 'campaign_target', entityId: id, after: toAuditView(out) });
    return out;
  });
}

export async function changeTarget(db: Db, actor: Actor, id: string, input: CampaignTargetUpdate): Promise<CampaignTarget> {
  return db.transaction().execute(async (tx) => {
    const row = await requireManagedTarget(tx, actor, id);
    if (row.version !== input.version) throw versionConflict();
    if (row.status !== 'active') throw new AppError('CONFLICT', '该工作目标已撤回，不能修改');
    const before = toCampaignTarget(row, true);
    if (input.deadline !== undefined && input.deadline !== before.deadline && input.deadline < todayInChina()) throw pastDeadline(input.deadline);
    const deadline = input.deadline ?? before.deadline;
    if (await findActiveTwin(tx, { regionCode: row.region_code, metric: row.metric, deadline }, id)) throw duplicate();
    const ok = await updateTarget(tx, id, input.version, {
      ...(input.targetRate !== undefined ? { target_rate: input.targetRate } : {}),
      ...(input.deadline !== undefined ? { deadline: input.deadline } : {}),
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.note !== undefined ? { note: input.note || null } : {}),
    });
    if (!ok) throw versionConflict();
    const after = await reread(tx, id);
    await recordAudit(tx, actor, { action: 'campaign_target.update', entity: 'campaign_target', entityId: id, before: toAuditView(before), after: toAuditView(after) });
    return after;
  });
}

/** Withdraws (撤回) a target: it leaves the page and the bulletin, its record and audit stay. */
export async function withdrawTarget(db: Db, actor: Actor, id: string, input: CampaignTargetWithdraw): Promise<CampaignTarget> {
  return db.transaction().execute(async (tx) => {
    const row = await requireManagedTarget(tx, actor, id);
    if (row.version !== input.version) throw versionConflict();
    if (row.status !== 'active') throw new AppError('CONFLICT', '该工作目标已撤回');
    const before = toCampaignTarget(row, true);
    const ok = await updateTarget(tx, id, input.version, { status: 'withdrawn', withdrawn_on: todayInChina(), withdrawn_reason: input.reason });
    if (!ok) throw versionConflict();
    const after = await reread(tx, id);
    await recordAudit(tx, actor, { action: 'campaign_target.withdraw', entity: 'campaign_target', entityId: id, before: toAuditView(before), after: toAuditView(after) });
    return after;
  });
}
