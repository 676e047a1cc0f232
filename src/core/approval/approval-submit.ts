import type { ApprovalDetail, ApprovalResubmit, ApprovalSubmit } from '../../contracts/approval.js';
import type { Db, Executor } from '../../db/schema.js';
import { APPROVAL_KIND_CATALOGUE, APPROVAL_STEP_LABEL, applicableLevels, resolveFlow } from '../../domain/approval.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Keyring } from '../crypto/keyring.js';
import { versionConflict } from '../party-org/party-org.access.js';
import { readAreas } from './approval-flows.js';
import { closeReturnedTask, openLevelTask } from './approval-tasks.js';
import { requireVisibleRequest } from './approval.access.js';
import { requestAuditView } from './approval.mapper.js';
import { getApprovalIn } from './approval.query.js';
import * as repo from './approval.repository.js';
import { adapterOf } from './adapters.js';

export type ApprovalDeps = { db: Db; keyring: Keyring };

/**
 * Starting and restarting a request (docs/approvals.md, "Requests"). The workflow's own action is
 * checked in full by its adapter when it is submitted, the flow in force is copied onto the
 * request, and the first level's task opens — all in one transaction, audited.
 */
const openConflict = () => new AppError('CONFLICT', '该事项已有审批中的申请，请勿重复提交', [{ field: 'subjectId', code: 'OPEN_REQUEST', message: '已有审批中的申请' }]);

export async function submitRequest(d: ApprovalDeps, actor: Actor, input: ApprovalSubmit): Promise<ApprovalDetail> {
  return d.db.transaction().execute(async (tx) => getApprovalIn(tx, actor, (await submitRequestIn(tx, d.keyring, actor, input)).id));
}

/** The submission inside the caller's transaction (a module that submits as part of its own action: a checklist's 提交审核). */
export async function submitRequestIn(tx: Executor, keyring: Keyring, actor: Actor, input: ApprovalSubmit): Promise<repo.RequestRow> {
  if (!actor.userId) throw new AppError('FORBIDDEN', '审批申请须由本人账号提交', [{ code: 'ACCOUNT_REQUIRED', message: '须以个人账号提交' }]);
  const a = adapterOf(input.kind);
  const { subject, payload } = await a.prepare(tx, keyring, actor, input.kind, input.subjectId, input.payload, input.version);
  if (await repo.openRequestOf(tx, a.subjectTable, input.subjectId)) throw openConflict();
  const flow = resolveFlow(input.kind, subject.regionCode, await readAreas(tx));
  const fitting = applicableLevels(flow.levels, subject.regionCode);
  const own = a.levels ? applicableLevels(await a.levels(tx, input.kind, input.subjectId, flow, fitting), subject.regionCode) : fitting;
  // An organisation placed in no street (an association's branch) has no 社区 or 街道 level: the district decides.
  const levels = own.length ? own : ['org_admin' as const];
  const row = await repo.insertRequest(tx, {
    kind: input.kind, subject_table: a.subjectTable, subject_id: input.subjectId, party_org_id: subject.orgId, subject_label: subject.label,
    payload: JSON.stringify(payload), levels: JSON.stringify(levels), flow_prefix: flow.fromPrefix, requester_user_id: actor.userId!,
  }).catch(raced);
  await repo.insertStep(tx, { request_id: row.id, level: null, level_role: null, action: 'submitted', actor_user_id: actor.userId, actor_name: actor.username, comment: input.comment || null });
  await a.note(tx, actor, input.subjectId, { approvalId: row.id, action: 'submitted', step: `${APPROVAL_STEP_LABEL.submitted}（${APPROVAL_KIND_CATALOGUE[input.kind].label}）`, kind: input.kind, comment: input.comment ?? null });
  await openLevelTask(tx, actor, row, subject.regionCode);
  await recordAudit(tx, actor, { action: 'approval.submit', entity: 'approval_request', entityId: row.id, after: { ...requestAuditView(row), payload } });
  return row;
}

/** A returned request, corrected and sent again by its requester: it starts again at the first level. */
export async function resubmitRequest(d: ApprovalDeps, actor: Actor, id: string, input: ApprovalResubmit): Promise<ApprovalDetail> {
  return d.db.transaction().execute(async (tx) => getApprovalIn(tx, actor, (await resubmitRequestIn(tx, d.keyring, actor, id, input)).id));
}

export async function resubmitRequestIn(tx: Executor, keyring: Keyring, actor: Actor, id: string, input: ApprovalResubmit): Promise<repo.RequestRow> {
  const seen = await requireVisibleRequest(tx, actor, id);
  const r = await repo.lockRequest(tx, id);
  if (!r || r.version !== input.version) throw versionConflict();
  if (r.state !== 'returned') throw new AppError('CONFLICT', '只有已退回的申请可以重新提交', [{ code: 'NOT_RETURNED', message: '申请未退回' }]);
  if (r.requester_user_id !== actor.userId) throw new AppError('FORBIDDEN', '退回的申请由原申请人修改后重新提交', [{ code: 'NOT_REQUESTER', message: '不是申请人' }]);
  const kind = r.kind as ApprovalSubmit['kind'];
  const a = adapterOf(kind);
  const { payload } = await a.prepare(tx, keyring, actor, kind, r.subject_id, { ...r.payload, ...(input.payload ?? {}) });
  const after = await repo.updateRequest(tx, id, r.version, { state: 'pending', current_level: 0, payload: JSON.stringify(payload), deputy_user_id: null, deputy_until: null });
  if (!after) throw versionConflict();
  await repo.insertStep(tx, { request_id: id, level: null, level_role: null, action: 'resubmitted', actor_user_id: actor.userId, actor_name: actor.username, comment: input.comment || null });
  await a.note(tx, actor, r.subject_id, { approvalId: id, action: 'resubmitted', step: `${APPROVAL_STEP_LABEL.resubmitted}（${APPROVAL_KIND_CATALOGUE[kind].label}）`, kind, comment: input.comment ?? null });
  await closeReturnedTask(tx, actor, after);
  await openLevelTask(tx, actor, after, seen.org_region);
  await recordAudit(tx, actor, { action: 'approval.resubmit', entity: 'approval_request', entityId: id, before: requestAuditView(r), after: { ...requestAuditView(after), payload } });
  return after;
}

function raced(err: unknown): never {
  if ((err as { code?: string }).code === '23505') throw openConflict();
  throw err;
}
