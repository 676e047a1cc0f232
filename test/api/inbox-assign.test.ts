import { beforeAll, describe, expect, it } from 'vitest';
import type { InboxCounts, InboxPage, InboxTask } from '../../src/contracts/task.js';
import type { TaskAssignees, TaskDetail } from '../../src/contracts/task-action.js';
import { testEngine } from '../helpers/db.js';
import { useTwoStreets } from '../helpers/two-streets.js';

/**
 * 指派 and 撤销 over HTTP on the two-street world (docs/inbox.md, "Assigning and cancelling"). A街支部
 * (street T0, townA's) and 跨街联合党支部 (street T1, multi's, covering an enterprise of T0) both lose
 * their secretary, so the refresh opens 配齐党组织书记 on each: townA may assign and cancel the first,
 * sees the second only through the link and may do neither; the assignee must hold 管理党组织 over the
 * organisation by its own place — multi (another street) and commA (no such action) are refused.
 */
describe(`task assignment and cancellation on ${testEngine()}`, () => {
  const t = useTwoStreets(['sys', 'townA', 'orgA', 'multi', 'member', 'commA']);
  const userId: Record<string, string> = {};
  let mine = '';
  let linked = '';

  const get = async (who: string, url: string) => {
    const res = await t.send('GET', url, undefined, who);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const detail = (who: string, id: string) => get(who, `/api/tasks/${id}`) as Promise<TaskDetail>;
  const taskState = (id: string) => t.database.db.selectFrom('task').select(['state', 'version', 'assignee_user_id']).where('id', '=', id).executeTakeFirstOrThrow();
  const events = async (id: string) => (await t.database.db.selectFrom('task_event').select('event').where('task_id', '=', id).orderBy('id').execute()).map((e) => e.event);

  beforeAll(async () => {
    const db = t.database.db;
    for (const org of ['A街支部', '跨街联合党支部']) {
      await db.updateTable('org_position').set({ until: '2025-01-01' }).where('org_id', '=', t.cs.orgs[org]!).where('position', '=', 'secretary').execute();
    }
    expect((await t.send('POST', '/api/tasks/refresh', {}, 'sys')).statusCode).toBe(200);
    for (const u of await db.selectFrom('app_user').select(['id', 'username']).execute()) userId[u.username] = u.id;
    const list = (await get('townA', '/api/inbox?view=role&limit=200') as InboxPage).items;
    const find = (org: string) => list.find((x: InboxTask) => x.kind === 'org.secretaryVacant' && x.link.id === t.cs.orgs[org]);
    mine = find('A街支部')!.id;
    linked = find('跨街联合党支部')!.id;
  });

  it('the detail shows the task, what may be done with it and its history', async () => {
    const d = await detail('townA', mine);
    expect(d).toMatchObject({ subjectName: 'A街支部', kindLabel: '配齐党组织书记', actionable: true, canAssign: true, canCancel: true, assigneeUserId: null });
    expect(d.history.map((e) => [e.eventLabel, e.reason])).toEqual([['发现问题', '规则发现问题']]);
    expect(await detail('townA', linked)).toMatchObject({ actionable: false, canAssign: false, canCancel: false });
    expect((await t.send('GET', `/api/tasks/${mine}`, undefined, 'member')).statusCode).toBe(404);
    // A街支部 also covers an enterprise of street T1: multi sees the task through that link, may not act.
    expect(await detail('multi', mine)).toMatchObject({ actionable: false, canAssign: false });
    expect((await t.send('GET', '/api/tasks/99999999', undefined, 'townA')).statusCode).toBe(404);
  });

  it('the picker lists exactly those who hold 管理党组织 over the organisation by its own place', async () => {
    const a = await get('townA', `/api/tasks/${mine}/assignees`) as TaskAssignees;
    expect(a.items.map((x) => x.userId).sort()).toEqual([userId.orgA, userId.sys, userId.townA].sort());
    expect(a.total).toBe(3);
    expect(a.items.find((x) => x.userId === userId.townA)!.roles).toMatch(/街道/);
    expect(await get('townA', `/api/tasks/${linked}/assignees`)).toEqual({ items: [], total: 0 });
  });

  it('assigning to a user of another street, or to one without the action, is refused at the field; nothing written', async () => {
    const before = await taskState(mine);
    for (const who of ['multi', 'commA']) {
      const res = await t.send('POST', `/api/tasks/${mine}/assign`, { userId: userId[who], version: before.version });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().details[0]).toMatchObject({ field: 'userId', code: 'ASSIGNEE_NOT_ELIGIBLE' });
      expect(res.json().message).toMatch(/管理党组织/);
    }
    expect(await taskState(mine)).toEqual(before);
    expect(await events(mine)).toEqual(['opened']);
  });

  it("a task of another street's organisation seen through a link can be neither assigned nor cancelled; nothing written", async () => {
    const before = await taskState(linked);
    const assign = await t.send('POST', `/api/tasks/${linked}/assign`, { userId: userId.townA, version: before.version });
    expect(assign.statusCode, assign.body).toBe(403);
    const cancel = await t.send('POST', `/api/tasks/${linked}/cancel`, { reason: '不属于本街道', version: before.version });
    expect(cancel.statusCode, cancel.body).toBe(403);
    expect(await taskState(linked)).toEqual(before);
    // Its own street may act on it.
    const own = await t.send('POST', `/api/tasks/${linked}/assign`, { userId: userId.multi, version: before.version }, 'multi');
    expect(own.statusCode, own.body).toBe(200);
  });

  it('assigned: the history says to whom, the assignee finds it under 我的 and in the counts; a stale version is a conflict', async () => {
    const { version } = await taskState(mine);
    const res = await t.send('POST', `/api/tasks/${mine}/assign`, { userId: userId.orgA, version });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as TaskDetail;
    expect(d).toMatchObject({ assignee: 'orgA', assigneeUserId: userId.orgA, version: version + 1 });
    expect(d.history.at(-1)).toMatchObject({ event: 'assigned', eventLabel: '指派', reason: '指派给 orgA', actorName: 'townA' });
    const orgAMine = await get('orgA', '/api/inbox?view=mine') as InboxPage;
    expect(orgAMine.items.map((x) => x.id)).toEqual([mine]);
    expect((await get('orgA', '/api/inbox/counts') as InboxCounts).views.mine).toBe(1);
    expect((await get('townA', '/api/inbox?view=mine') as InboxPage).total).toBe(0);
    const stale = await t.send('POST', `/api/tasks/${mine}/assign`, { userId: userId.townA, version });
    expect(stale.statusCode).toBe(409);
    const audit = await t.database.db.selectFrom('audit_event').select(['entity_id', 'after']).where('action', '=', 'task.assign').execute();
    expect(audit.map((a) => a.entity_id)).toContain(mine);
  });

  it('cancelled with a reason: shown in the history, audited; a refresh leaves it cancelled while the finding persists', async () => {
    const { version } = await taskState(mine);
    const empty = await t.send('POST', `/api/tasks/${mine}/cancel`, { reason: ' ', version });
    expect(empty.statusCode).toBe(400);
    const res = await t.send('POST', `/api/tasks/${mine}/cancel`, { reason: '该支部已申请撤销，无需配备书记', version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'cancelled', stateLabel: '已撤销', closedReason: '已撤销', canAssign: false, canCancel: false });
    expect((res.json() as TaskDetail).history.at(-1)).toMatchObject({ eventLabel: '已撤销', reason: '该支部已申请撤销，无需配备书记' });
    const again = await t.send('POST', `/api/tasks/${mine}/cancel`, { reason: '重复撤销', version: version + 1 });
    expect(again.statusCode).toBe(409);
    expect((await t.send('POST', '/api/tasks/refresh', {}, 'sys')).statusCode).toBe(200);
    const rows = await t.database.db.selectFrom('task').select(['id', 'state']).where('kind', '=', 'org.secretaryVacant')
      .where('subject_id', '=', t.cs.orgs['A街支部']!).execute();
    expect(rows).toEqual([{ id: mine, state: 'cancelled' }]);
    const audit = await t.database.db.selectFrom('audit_event').select('entity_id').where('action', '=', 'task.cancel').execute();
    expect(audit.map((a) => a.entity_id)).toEqual([mine]);
  });
});
