import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { systemActor } from '../../src/core/access/actor.js';
import { refreshTasks } from '../../src/core/task/task-refresh.service.js';
import { taskHistory } from '../../src/core/task/task.repository.js';
import { closeTask, openTask } from '../../src/core/task/task-writer.js';
import { TASK_KINDS } from '../../src/domain/task-kinds.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { COMMUNITY_A1, seedEnterprise, seedRegions } from '../helpers/org-fixtures.js';

/**
 * The workflow side of the inbox (docs/inbox.md, "Workflow tasks"): a workflow opens its task in its
 * own transaction, a second open returns the same task, closing it keeps the history, opening again
 * reopens the same row, two transactions racing open one task, and the rule engine's refresh never
 * touches a workflow's task.
 */
const actor = systemActor('tester');
const kind = TASK_KINDS.find((k) => k.workflow && k.anchor === 'enterprise');

describe(`workflow tasks (task-writer) on ${testEngine()}`, () => {
  let database: Database;
  let ent = '';
  const input = () => ({
    kind: kind!.id, subjectTable: 'enterprise', subjectId: ent, subjectLabel: '东湖走访企业', anchor: { enterpriseId: ent }, regionCode: COMMUNITY_A1,
  });
  const rows = () => database.db.selectFrom('task').select(['id', 'state', 'closed_by', 'source_workflow', 'subject_label', 'version'])
    .where('kind', '=', kind!.id).orderBy('id').execute();

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedRegions(database.db);
    // A gap too: the refresh opens its own 空白点 task beside the workflow's, and must leave the workflow's alone.
    ent = await seedEnterprise(database.db, { name: '东湖走访企业', regionCode: COMMUNITY_A1, memberCount: 0, employeeCount: 8 });
  });
  afterAll(async () => database?.close());

  it('has a workflow kind anchored on an enterprise to test with', () => {
    expect(kind).toBeDefined();
  });

  it('opens once: a second open returns the same open task', async () => {
    const a = await database.db.transaction().execute((tx) => openTask(tx, actor, input()));
    const b = await database.db.transaction().execute((tx) => openTask(tx, actor, { ...input(), subjectLabel: '东湖走访企业（更名）' }));
    expect(b).toBe(a);
    expect(await rows()).toEqual([expect.objectContaining({ id: a, state: 'open', source_workflow: kind!.workflow, subject_label: '东湖走访企业（更名）' })]);
  });

  it('is left alone by the rule engine’s refresh', async () => {
    await refreshTasks(database.db, actor, { date: '2026-11-30' });
    expect((await rows()).map((r) => r.state)).toEqual(['open']);
  });

  it('closes by the action that resolves it, then reopens the same task with its history', async () => {
    const closed = await database.db.transaction().execute((tx) => closeTask(tx, actor, { ...input(), closedBy: 'test.resolve', reason: '实地核实已整改' }));
    expect(await rows()).toEqual([expect.objectContaining({ id: closed, state: 'done', closed_by: 'test.resolve', version: 2 })]);
    expect(await database.db.transaction().execute((tx) => closeTask(tx, actor, { ...input(), closedBy: 'test.resolve', reason: '再次' }))).toBeNull();
    const again = await database.db.transaction().execute((tx) => openTask(tx, actor, { ...input(), reason: '复访又发现问题' }));
    expect(again).toBe(closed);
    expect((await taskHistory(database.db, again)).map((e) => [e.event, e.reason])).toEqual([
      ['opened', '待办理'], ['closed', '实地核实已整改'], ['reopened', '复访又发现问题'],
    ]);
  });

  it('a task cancelled by its workflow is not reopened: the next open starts a new task', async () => {
    await database.db.transaction().execute((tx) => closeTask(tx, actor, { ...input(), closedBy: 'test.withdraw', reason: '申请已撤回', state: 'cancelled' }));
    const fresh = await database.db.transaction().execute((tx) => openTask(tx, actor, input()));
    expect((await rows()).map((r) => [r.id === fresh, r.state])).toEqual([[false, 'cancelled'], [true, 'open']]);
  });

  it('two transactions opening at once leave one open task', async () => {
    await database.db.transaction().execute((tx) => closeTask(tx, actor, { ...input(), closedBy: 'test.resolve', reason: '已办结', state: 'cancelled' }));
    const ids = await Promise.all([0, 1, 2].map(() => database.db.transaction().execute((tx) => openTask(tx, actor, input()))));
    expect(new Set(ids).size).toBe(1);
    expect((await rows()).filter((r) => r.state === 'open')).toHaveLength(1);
  });

  it('refuses an undeclared kind or a missing anchor as a programming error', async () => {
    await expect(database.db.transaction().execute((tx) => openTask(tx, actor, { ...input(), kind: 'coverage.gap' }))).rejects.toThrow(/not a declared workflow kind/);
    await expect(database.db.transaction().execute((tx) => openTask(tx, actor, { ...input(), anchor: {} }))).rejects.toThrow(/anchor/);
  });
});
