import type { ApprovalDecision, ApprovalDelegate, ApprovalDetail } from '../../contracts/approval.js';
import type { Executor } from '../../db/schema.js';
import { APPROVAL_KIND_CATALOGUE, APPROVAL_STEP_LABEL, LEVEL_LABEL, levelTitle, type ApprovalKind } from '../../domain/approval.js';
import { AppError } from '../../domain/errors.js';
import { todayInChina } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { scopeForRole } from '../access/role-scope.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Keyring } from '../crypto/keyring.js';
import { versionConflict } from '../party-org/party-org.access.js';
import type { ApprovalDeps } from './approval-submit.js';
import { closeLevelTask, openLevelTask, openReturnedTask } from './approval-tasks.js';
import { decideRefusal, requireVisibleRequest } from './approval.access.js';
import { requestAuditView } from './approval.mapper.js';
import { getApprovalIn } from './approval.query.js';
import * as repo from './approval.repository.js';
import { adapterOf } from './adapters.js';

/**
 * A level's decision (docs/approvals.md, "Deciding"): approve — the next level's task opens, or at
 * the last level the record's rule checks run and the workflow's step is recorded; return with a
 * comment — the requester's task opens; delegate while away. Each under the request's row lock at
 * the version the decider read: two deciders at once, one wins and the other gets 409.
 */
type Locked = { r: repo.RequestRow; region: string | null; kind: ApprovalKind };

async function lockForDecision(tx: Executor, actor: Actor, id: string, version: number): Promise<Locked> {
  const seen = await requireVisibleRequest(tx, actor, id);
  const r = await repo.lockRequest(tx, id);
  if (!r || r.version !== version) throw versionConflict();
  const refusal = await decideRefusal(tx, actor, r);
  if (refusal) throw refusal;
  return { r, region: seen.org_region, kind: r.kind as ApprovalKind };
}

const step = (r: repo.RequestRow, actor: Actor, action: 'approved' | 'returned' | 'delegated' | 'completed', comment: string | null, data: Record<string, unknown> = {}) => ({
  request_id: r.id, level: r.current_level, level_role: r.levels[r.current_level], action, actor_user_id: actor.userId, actor_name: actor.username,
  comment, data: JSON.stringify(data),
});

export async function decide(d: ApprovalDeps, actor: Actor, id: string, input: ApprovalDecision): Promise<ApprovalDetail> {
  return d.db.transaction().execute(async (tx) => {
    await decideIn(tx, d.keyring, actor, id, input);
    return getApprovalIn(tx, actor, id);
  });
}

/** A decision inside the caller's transaction (a module's own review page deciding through the engine). */
export async function decideIn(tx: Executor, keyring: Keyring, actor: Actor, id: string, input: ApprovalDecision): Promise<void> {
  const l = await lockForDecision(tx, actor, id, input.version);
  const comment = input.comment || null;
  const data = await levelData(tx, actor, l, input.decision, comment, input.marks);
  if (input.decision === 'return') await returnIn(tx, actor, l, comment!, data);
  else await approveIn(tx, keyring, actor, l, comment, data);
}

/** What a module keeps of each level's decision (a checklist's marks), recorded by its adapter; no marks for a kind that takes none. */
async function levelData(tx: Executor, actor: Actor, { r, kind }: Locked, decision: 'approve' | 'return', comment: string | null, marks?: Record<string, number>) {
  const a = adapterOf(kind);
  if (!a.decided) {
    if (marks) throw field('marks', 'NOT_MARKED', `“${APPROVAL_KIND_CATALOGUE[kind].label}”不逐项打分`);
    return {};
  }
  const last = r.current_level === r.levels.length - 1;
  return a.decided(tx, actor, kind, r.subject_id, { decision, comment, marks, levels: r.levels, index: r.current_level, last, requesterUserId: r.requester_user_id });
}

async function approveIn(tx: Executor, keyring: Keyring, actor: Actor, l: Locked, comment: string | null, data: Record<string, unknown>): Promise<void> {
  const { r, kind } = l;
  const a = adapterOf(kind);
  const last = r.current_level === r.levels.length - 1;
  const title = levelTitle(kind, r.levels[r.current_level]);
  if (last) {
    const found = await a.blockers(tx, kind, r.subject_id, r.payload);
    if (found.length) {
      throw new AppError('CONFLICT', `规则检查未通过，不能${title}：${found.map((f) => f.title).join('；')}`,
        found.map((f) => ({ field: 'rules', code: 'RULE_FINDING', message: `${f.title}：${f.message}（依据：${f.source}）` })));
    }
  }
  const after = await record(tx, actor, l, 'approved', comment, last
    ? { state: 'approved', current_level: r.current_level + 1, decided_at: new Date() } : { current_level: r.current_level + 1 }, `${title}：同意`, data);
  if (last) {
    await a.apply(tx, keyring, actor, kind, r.subject_id, r.payload);
    await repo.insertStep(tx, { ...step(r, actor, 'completed', null), level: null, level_role: null });
  } else {
    await openLevelTask(tx, actor, after, l.region);
  }
}

async function returnIn(tx: Executor, actor: Actor, l: Locked, comment: string, data: Record<string, unknown>): Promise<void> {
  const after = await record(tx, actor, l, 'returned', comment, { state: 'returned' }, `${levelTitle(l.kind, l.r.levels[l.r.current_level])}：退回修改`, data);
  await openReturnedTask(tx, actor, after, l.region);
}

/**
 * What every decision writes, in its transaction: the request at its next version (any delegation
 * ends with the level), the step, the record's history line, the level's task closed, the audit entry.
 */
async function record(tx: Executor, actor: Actor, { r, kind }: Locked, action: 'approved' | 'returned', comment: string | null,
  set: Parameters<typeof repo.updateRequest>[3], closeReason: string, data: Record<string, unknown>): Promise<repo.RequestRow> {
  const after = await repo.updateRequest(tx, r.id, r.version, { ...set, deputy_user_id: null, deputy_until: null });
  if (!after) throw versionConflict();
  await repo.insertStep(tx, step(r, actor, action, comment, data));
  await adapterOf(kind).note(tx, actor, r.subject_id, { approvalId: r.id, action, step: APPROVAL_STEP_LABEL[action], level: LEVEL_LABEL[r.levels[r.current_level]], comment });
  await closeLevelTask(tx, actor, r, action === 'approved' ? 'approval.approve' : 'approval.return', closeReason);
  await recordAudit(tx, actor, { action: action === 'approved' ? 'approval.approve' : 'approval.return', entity: 'approval_request', entityId: r.id, before: requestAuditView(r), after: { ...requestAuditView(after), comment } });
  return after;
}

/**
 * 委托代审: a decider of the level, going away, names a deputy who holds the same role over the
 * record's own place, until a date; the level's task is assigned to the deputy meanwhile.
 */
export async function delegate(d: ApprovalDeps, actor: Actor, id: string, input: ApprovalDelegate): Promise<ApprovalDetail> {
  return d.db.transaction().execute(async (tx) => {
    const { r, region } = await lockForDecision(tx, actor, id, input.version);
    const role = r.levels[r.current_level];
    if (input.until < todayInChina()) throw field('until', 'PAST_DATE', '委托截止日期不能早于今天');
    if (input.deputyUserId === actor.userId || input.deputyUserId === r.requester_user_id) {
      throw field('deputyUserId', 'INVALID_DEPUTY', '不能委托本人或申请人代审');
    }
    const rows = await repo.grantsOf(tx, input.deputyUserId);
    const deputy = { kind: 'user' as const, userId: input.deputyUserId, username: rows[0]?.name ?? '', ip: null, userAgent: null, grants: rows.map((x) => x.grant) };
    if (!rows.length || !(await repo.orgOwned(tx, scopeForRole(deputy, role), r.party_org_id))) {
      throw field('deputyUserId', 'DEPUTY_NOT_ELIGIBLE', `代审人须为同一辖区的${LEVEL_LABEL[role]}审批人员`);
    }
    const after = await repo.updateRequest(tx, id, r.version, { deputy_user_id: input.deputyUserId, deputy_until: input.until });
    if (!after) throw versionConflict();
    await repo.insertStep(tx, step(r, actor, 'delegated', input.comment || null, { deputy: rows[0].name, until: input.until }));
    await closeLevelTask(tx, actor, r, 'approval.delegate', `已委托${rows[0].name}代审`);
    await openLevelTask(tx, actor, after, region);
    await recordAudit(tx, actor, { action: 'approval.delegate', entity: 'approval_request', entityId: id, before: requestAuditView(r), after: { ...requestAuditView(after), deputyUserId: input.deputyUserId, until: input.until } });
    return getApprovalIn(tx, actor, id);
  });
}

const field = (f: string, code: string, message: string) => new AppError('VALIDATION_FAILED', message, [{ field: f, code, message }]);
