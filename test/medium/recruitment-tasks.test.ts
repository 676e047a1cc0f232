import { describe, expect, it } from 'vitest';
import { testEngine } from '../helpers/db.js';
import { useRecruitmentWorld } from '../helpers/recruitment-world.js';

/**
 * The branch's 预备期满讨论转正 task (kind recruitment.probationEnd, docs/inbox.md "更多待办类别") on a
 * real database, written by the case's own steps: 审批接收 opens it due on the probation's last day;
 * 延长预备期 moves the due date; 转正 closes it (done); 取消预备党员资格 cancels it — each with its history.
 */
describe(`recruitment tasks on ${testEngine()}`, () => {
  const w = useRecruitmentWorld();
  const { applicant, step, toMeeting } = w;

  const task = (caseId: string) => w.database.db.selectFrom('task').selectAll().where('kind', '=', 'recruitment.probationEnd').where('subject_id', '=', caseId).executeTakeFirst();
  const events = async (taskId: string) => (await w.database.db.selectFrom('task_event').select(['event', 'reason']).where('task_id', '=', taskId).orderBy('id').execute()).map((e) => `${e.event}:${e.reason}`);

  it('审批接收 opens the task due on the probation\'s last day; 转正 closes it', async () => {
    const c = await applicant();
    await toMeeting(c.id);
    expect(await task(c.id)).toBeUndefined();
    const approved = await step(c.id, { step: 'approve', on: '2021-07-15', approverOrgId: w.committeeA });
    const t = await task(c.id);
    expect(t).toMatchObject({ state: 'open', due_on: approved.probationEndsOn, party_org_id: w.branchA, link_path: `/recruitment/${c.id}` });
    expect(t!.subject_label).toMatch(/^申请人\d+（预备党员）$/);
    await step(c.id, { step: 'confirm', meetingOn: '2022-06-02', approvedOn: '2022-06-20', on: '2022-06-01' });
    expect(await task(c.id)).toMatchObject({ state: 'done', closed_by: 'recruitment.confirm' });
    expect(await events(t!.id)).toEqual(['opened:接收为预备党员，预备期开始', 'closed:支部大会已讨论同意转为正式党员']);
  });

  it('延长预备期 moves the due date; 取消预备党员资格 cancels the task', async () => {
    const c = await applicant();
    await toMeeting(c.id);
    await step(c.id, { step: 'approve', on: '2021-07-15', approverOrgId: w.committeeA });
    const vote = { voting: 10, present: 8, yes: 7 };
    const extended = await step(c.id, { step: 'extend', meetingOn: '2022-06-02', on: '2022-06-20', months: 6, reason: '预备期间表现不够理想，需继续考察', ...vote });
    const t = await task(c.id);
    expect(t).toMatchObject({ state: 'open', due_on: extended.probationEndsOn });
    expect(extended.probationEndsOn).toBe('2022-11-30');
    await step(c.id, { step: 'cancel', meetingOn: '2022-12-02', on: '2022-12-10', reason: '延长预备期满仍不具备党员条件', ...vote });
    expect(await task(c.id)).toMatchObject({ state: 'cancelled', closed_by: 'recruitment.cancel' });
    expect(await events(t!.id)).toEqual([
      'opened:接收为预备党员，预备期开始', 'closed:预备期已延长，按延长后的期满日重新计算', 'reopened:预备期延长，待期满讨论转正', 'cancelled:已取消预备党员资格',
    ]);
  });
});
