import type { ApprovalDetail, ApprovalWithdraw } from '../../contracts/approval.js';
import type { Executor } from '../../db/schema.js';
import { APPROVAL_KIND_CATALOGUE, APPROVAL_STEP_LABEL, type ApprovalKind } from '../../domain/approval.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { versionConflict } from '../party-org/party-org.access.js';
import type { ApprovalDeps } from './approval-submit.js';
import { closeTasksOnWithdraw } from './approval-tasks.js';
import { requireVisibleRequest, withdrawRefusal } from './approval.access.js';
import { requestAuditView } from './approval.mapper.js';
import { getApprovalIn } from './approval.query.js';
import * as repo from './approval.repository.js';
import { adapterOf } from './adapters.js';

/**
 * 撤回 (docs/approvals.md, "Withdrawing"): a pending or returned request taken back ends as 已撤回 —
 * its tasks cancelled, the guard on the record's direct write lifted (only pending and returned
 * requests guard), a line on the record's history, audited; at the version the withdrawer read. A
 * withdrawn request is never decided or resubmitted again; the record may be submitted afresh.
 */
export async function withdrawRequest(d: ApprovalDeps, actor: Actor, id: string, input: ApprovalWithdraw): Promise<ApprovalDetail> {
  return d.db.transaction().execute(async (tx) => {
    await withdrawRequestIn(tx, actor, id, input);
    return getApprovalIn(tx, actor, id);
  });
}

export async function withdrawRequestIn(tx: Executor, actor: Actor, id: string, input: ApprovalWithdraw): Promise<repo.RequestRow> {
  await requireVisibleRequest(tx, actor, id);
  const r = await repo.lockRequest(tx, id);
  if (!r || r.version !== input.version) throw versionConflict();
  const refusal = await withdrawRefusal(tx, actor, r);
  if (refusal) throw refusal;
  const kind = r.kind as ApprovalKind;
  const a = adapterOf(kind);
  const after = await repo.updateRequest(tx, id, r.version, { state: 'withdrawn', deputy_user_id: null, deputy_until: null });
  if (!after) throw versionConflict();
  const comment = input.comment || null;
  // The level it waited at (a returned request waits at none: it is with the requester).
  const level = r.state === 'pending' ? { level: r.current_level, level_role: r.levels[r.current_level] } : { level: null, level_role: null };
  await repo.insertStep(tx, { request_id: id, ...level, action: 'withdrawn', actor_user_id: actor.userId, actor_name: actor.username, comment });
  if (a.withdrawn) await a.withdrawn(tx, actor, kind, r.subject_id);
  await a.note(tx, actor, r.subject_id, { approvalId: id, action: 'withdrawn', step: `${APPROVAL_STEP_LABEL.withdrawn}（${APPROVAL_KIND_CATALOGUE[kind].label}）`, kind, comment });
  await closeTasksOnWithdraw(tx, actor, r);
  await recordAudit(tx, actor, { action: 'approval.withdraw', entity: 'approval_request', entityId: id, before: requestAuditView(r), after: { ...requestAuditView(after), comment } });
  return after;
}
