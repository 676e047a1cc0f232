import type { Executor } from '../../db/schema.js';
import { probationEndsOn } from '../../domain/task-kinds/recruitment.js';
import type { Actor } from '../access/actor.js';
import { closeTask, openTask } from '../task/task-writer.js';

/**
 * The branch's 预备期满讨论转正 task (kind recruitment.probationEnd, docs/inbox.md "更多待办类别"),
 * kept in step with the case in the step's own transaction: approved as 预备党员 → open, due on the
 * probation's last day; 延长预备期 → the due date moves (closed as 预备期已延长 and reopened);
 * 转正 → done; 取消预备党员资格 or the case closed → cancelled.
 */
type CaseRow = { id: string; org_id: string; person_id: string; stage: string; meeting_on: string | null; extension_months: number | null };

const SUBJECT = { kind: 'recruitment.probationEnd', subjectTable: 'recruitment_case' } as const;

export async function syncProbationTask(tx: Executor, actor: Actor, step: string, before: CaseRow, after: CaseRow): Promise<void> {
  const was = before.stage === 'probationary';
  const is = after.stage === 'probationary' && after.meeting_on !== null;
  if (was && !is) {
    const done = after.stage === 'full';
    await closeTask(tx, actor, {
      ...SUBJECT, subjectId: after.id, closedBy: `recruitment.${step}`, state: done ? 'done' : 'cancelled',
      reason: done ? '支部大会已讨论同意转为正式党员' : step === 'cancel' ? '已取消预备党员资格' : '发展党员记录已结束',
    });
    return;
  }
  if (!is) return;
  if (was && step === 'extend') {
    await closeTask(tx, actor, { ...SUBJECT, subjectId: after.id, closedBy: 'recruitment.extend', reason: '预备期已延长，按延长后的期满日重新计算' });
  } else if (was && before.org_id === after.org_id) return;
  const info = await tx.selectFrom('person as p').innerJoin('party_org as o', (j) => j.on('o.id', '=', after.org_id))
    .select(['p.name', 'o.region_code']).where('p.id', '=', after.person_id).executeTakeFirstOrThrow();
  await openTask(tx, actor, {
    ...SUBJECT, subjectId: after.id, subjectLabel: `${info.name}（预备党员）`, linkPath: `/recruitment/${after.id}`,
    anchor: { partyOrgId: after.org_id }, regionCode: info.region_code, dueOn: probationEndsOn(after.meeting_on!, after.extension_months),
    reason: step === 'extend' ? '预备期延长，待期满讨论转正' : '接收为预备党员，预备期开始',
  });
}
