import { describe, expect, it } from 'vitest';
import type { InboxPage } from '../../src/contracts/task.js';
import { testEngine } from '../helpers/db.js';
import { useTwoStreets } from '../helpers/two-streets.js';

/**
 * 接收转入党员组织关系 (kind transfer.receive, docs/inbox.md "更多待办类别") on the two streets: the
 * letter's task belongs to the receiving organisation — a transfer into my organisation from the other
 * street is my task; one I send to the other street is theirs, not mine. 接收 / 退回 close it (done),
 * 撤回 cancels it; each in the step's own transaction, with its history.
 */
describe(`transfer tasks on ${testEngine()}`, () => {
  const t = useTwoStreets(['sys', 'townA', 'multi']);
  const inbox = async (who: string, state = 'open') =>
    ((await t.send('GET', `/api/inbox?view=role&kind=transfer.receive&state=${state}`, undefined, who)).json() as InboxPage);
  const issue = async (who: string, member: string, org: string) => {
    const res = await t.send('POST', '/api/member-transfers', { memberId: t.cs.members[member], toOrgId: t.cs.orgs[org] }, who);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; version: number; validUntil: string };
  };
  const taskOf = (id: string) => t.database.db.selectFrom('task').selectAll().where('kind', '=', 'transfer.receive').where('subject_id', '=', id).executeTakeFirst();
  const events = async (taskId: string) => (await t.database.db.selectFrom('task_event').select(['event', 'reason']).where('task_id', '=', taskId).orderBy('id').execute());

  it("a letter I send to the other street is the receiver's task; 退回 closes it", async () => {
    const letter = await issue('townA', 'mA', 'T1支部');
    const theirs = await inbox('multi');
    const task = theirs.items.find((x) => x.link.href === '/transfers');
    expect(task).toMatchObject({ kindLabel: '接收转入党员组织关系', actionable: true });
    expect(task!.subjectName).toMatch(/由A街支部转入/);
    expect(task!.dueOn).toBe(letter.validUntil);
    expect(task!.source).toMatch(/《中国共产党党员教育管理工作条例》第二十五条/);
    expect((await inbox('townA')).total).toBe(0);
    const ret = await t.send('POST', `/api/member-transfers/${letter.id}/return`, { version: letter.version, reason: '该党员不在本支部所在单位工作' }, 'multi');
    expect(ret.statusCode, ret.body).toBe(200);
    expect((await inbox('multi')).total).toBe(0);
    const row = await taskOf(letter.id);
    expect(row).toMatchObject({ state: 'done', closed_by: 'transfer.return' });
    expect(await events(row!.id)).toEqual([{ event: 'opened', reason: '介绍信已开具，待接收' }, { event: 'closed', reason: '已退回' }]);
  });

  it('a transfer into my organisation from the other street is my task; 接收 closes it; a revoked one is cancelled', async () => {
    const letter = await issue('multi', 'mJ', 'A街支部');
    const mine = await inbox('townA');
    expect(mine.total).toBe(1);
    expect(mine.items[0]).toMatchObject({ actionable: true });
    // A街支部 also covers an enterprise of multi's street: multi sees the task through that link, and may not act on it.
    expect((await inbox('multi')).items.map((x) => [x.id, x.actionable])).toEqual([[mine.items[0]!.id, false]]);
    const ok = await t.send('POST', `/api/member-transfers/${letter.id}/accept`, { version: letter.version }, 'townA');
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await inbox('townA')).total).toBe(0);
    expect((await inbox('townA', 'done')).items.map((x) => x.closedReason)).toHaveLength(1);
    expect(await taskOf(letter.id)).toMatchObject({ state: 'done', closed_by: 'transfer.accept' });

    // Back the other way, then revoked by the sender: the receiver's task goes away as 已撤销, not 已完成.
    const back = await issue('townA', 'mJ', 'T1支部');
    expect((await inbox('multi')).total).toBe(1);
    const rev = await t.send('POST', `/api/member-transfers/${back.id}/revoke`, { version: back.version, reason: '党员工作单位未变动' }, 'townA');
    expect(rev.statusCode, rev.body).toBe(200);
    expect((await inbox('multi')).total).toBe(0);
    const row = await taskOf(back.id);
    expect(row).toMatchObject({ state: 'cancelled', closed_by: 'transfer.revoke' });
    expect((await events(row!.id)).at(-1)).toEqual({ event: 'cancelled', reason: '转出党组织已撤回介绍信' });
  });
});
