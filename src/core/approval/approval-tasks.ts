import type { Executor } from '../../db/schema.js';
import { levelTitle, type ApprovalKind } from '../../domain/approval.js';
import type { Actor } from '../access/actor.js';
import { closeTask, openTask } from '../task/task-writer.js';
import { deputyActive } from './approval.access.js';
import type { RequestRow } from './approval.repository.js';

/**
 * The inbox side of a request (docs/approvals.md, "Tasks"), written in the decision's transaction:
 * the current level's task (reopened level after level, assigned to a deputy while one is named),
 * closed by the decision; the requester's task when a level returns the request.
 */
const SUBJECT = 'approval_request';
const levelKind = (r: RequestRow) => `approval.${r.kind}`;
const base = (r: RequestRow, regionCode: string | null) => ({
  subjectTable: SUBJECT, subjectId: r.id, linkPath: `/approvals/${r.id}`, anchor: { partyOrgId: r.party_org_id }, regionCode,
});

/** The task of the level the request waits at: 可办理 only for that level's role (a deputy holds it too). */
export async function openLevelTask(tx: Executor, actor: Actor, r: RequestRow, regionCode: string | null): Promise<void> {
  const role = r.levels[r.current_level];
  const title = levelTitle(r.kind as ApprovalKind, role);
  await openTask(tx, actor, {
    ...base(r, regionCode), kind: levelKind(r), subjectLabel: `${r.subject_label}：待${title}`, reason: `待${title}`,
    assigneeUserId: deputyActive(r) ? r.deputy_user_id : null, assigneeRole: role,
  });
}

export async function closeLevelTask(tx: Executor, actor: Actor, r: RequestRow, closedBy: string, reason: string): Promise<void> {
  await closeTask(tx, actor, { kind: levelKind(r), subjectTable: SUBJECT, subjectId: r.id, closedBy, reason });
}

export async function openReturnedTask(tx: Executor, actor: Actor, r: RequestRow, regionCode: string | null): Promise<void> {
  await openTask(tx, actor, {
    ...base(r, regionCode), kind: 'approval.returned', subjectLabel: `${r.subject_label}：已退回，待修改后重新提交`, reason: '审批退回',
    assigneeUserId: r.requester_user_id,
  });
}

export async function closeReturnedTask(tx: Executor, actor: Actor, r: RequestRow): Promise<void> {
  await closeTask(tx, actor, { kind: 'approval.returned', subjectTable: SUBJECT, subjectId: r.id, closedBy: 'approval.resubmit', reason: '已重新提交' });
}

/** 撤回: the level's task and the requester's task of a returned request end, cancelled (nobody did the work). */
export async function closeTasksOnWithdraw(tx: Executor, actor: Actor, r: RequestRow): Promise<void> {
  for (const kind of [levelKind(r), 'approval.returned']) {
    await closeTask(tx, actor, { kind, subjectTable: SUBJECT, subjectId: r.id, closedBy: 'approval.withdraw', reason: '申请人撤回', state: 'cancelled' });
  }
}
