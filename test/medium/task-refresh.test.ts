import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { systemActor } from '../../src/core/access/actor.js';
import { createOrg } from '../../src/core/party-org/party-org.service.js';
import { addCoverage, appointPosition, endPosition } from '../../src/core/party-org/org-links.service.js';
import { refreshTasks } from '../../src/core/task/task-refresh.service.js';
import { taskHistory } from '../../src/core/task/task.repository.js';
import { tasksStep } from '../../src/core/demo/steps/tasks.step.js';
import { AppError } from '../../src/domain/errors.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { actorWith, COMMUNITY_A1, seedEnterprise, seedPerson, seedRegions, TOWN_B } from '../helpers/org-fixtures.js';

const admin = systemActor('tester');
const DATE = '2025-06-30';

describe(`task refresh from the rule engine on ${testEngine()}`, () => {
  let database: Database;
  let gap = '';
  let otherGap = '';
  let org = '';
  let secretary = '';
  const tasks = () => database.db.selectFrom('task').select(['id', 'kind', 'subject_id', 'state', 'closed_by', 'region_code', 'version']).orderBy('id').execute();
  const taskOf = async (kind: string, subject: string) => (await tasks()).filter((t) => t.kind === kind && t.subject_id === subject);
  const refresh = async (regionCode?: string) => (await refreshTasks(database.db, admin, { date: DATE, regionCode }))[0]!;

  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.db;
    await seedRegions(db);
    gap = await seedEnterprise(db, { name: '东湖无党员企业', regionCode: COMMUNITY_A1, memberCount: 0, employeeCount: 8 });
    otherGap = await seedEnterprise(db, { name: '西溪无党员企业', regionCode: TOWN_B, memberCount: 0, employeeCount: 8 });
    org = (await createOrg(db, admin, { name: '东湖社区联合党支部', orgType: 'branch', setupMode: 'joint', regionCode: COMMUNITY_A1, foundedOn: '2024-01-01', fullMembers: 3 })).id;
    secretary = await seedPerson(db, '钱书记');
  });
  afterAll(async () => database?.close());

  it('opens one task per finding of a declared kind, with an opening event', async () => {
    const r = await refresh();
    expect(r).toMatchObject({ regionPrefix: null, date: DATE, closed: 0, reopened: 0 });
    expect(await taskOf('coverage.gap', gap)).toEqual([expect.objectContaining({ state: 'open', region_code: COMMUNITY_A1 })]);
    expect(await taskOf('coverage.gap', otherGap)).toHaveLength(1);
    expect(await taskOf('org.secretaryVacant', org)).toEqual([expect.objectContaining({ state: 'open' })]);
    // The organisation's own tasks (书记空缺, 组织生活 不活跃) were opened by its creation (a write refreshes what it touched, docs/inbox.md).
    expect(r.opened).toBe((await tasks()).filter((t) => t.kind === 'coverage.gap').length);
    const [t] = await taskOf('org.secretaryVacant', org);
    expect((await taskHistory(database.db, t!.id)).map((e) => [e.event, e.reason])).toEqual([['opened', '规则发现问题']]);
  });

  it('is idempotent: a second run with the same facts writes no task', async () => {
    const before = await tasks();
    const r = await refresh();
    expect(r).toMatchObject({ opened: 0, closed: 0, reopened: 0 });
    expect(await tasks()).toEqual(before);
  });

  it('closes a task as 已整改 when the fact changes, then reopens the same task when it comes back', async () => {
    // The writes refresh their organisation themselves; the regional refresh then finds nothing to do.
    const pos = await appointPosition(database.db, admin, org, { personId: secretary, position: 'secretary', since: '2025-01-01' });
    expect(await refresh()).toMatchObject({ opened: 0, closed: 0, reopened: 0 });
    const [closed] = await taskOf('org.secretaryVacant', org);
    expect(closed).toMatchObject({ state: 'done', closed_by: 'fact_changed', version: 2 });

    await endPosition(database.db, admin, org, pos.id, { until: '2025-06-15', reason: '调离' });
    expect(await refresh()).toMatchObject({ opened: 0, closed: 0, reopened: 0 });
    const again = await taskOf('org.secretaryVacant', org);
    expect(again).toEqual([expect.objectContaining({ id: closed!.id, state: 'open', closed_by: null, version: 3 })]);
    expect((await taskHistory(database.db, closed!.id)).map((e) => [e.event, e.reason]))
      .toEqual([['opened', '规则发现问题'], ['closed', '已整改'], ['reopened', '问题再次出现']]);
  });

  it('a gap closes when an organisation covers the enterprise; a regional refresh leaves other streets alone', async () => {
    await addCoverage(database.db, admin, org, { enterpriseId: gap, since: '2025-01-01' });
    expect(await refresh('330106001')).toMatchObject({ regionPrefix: '330106001', closed: 0, opened: 0 });
    expect((await taskOf('coverage.gap', gap))[0]).toMatchObject({ state: 'done', closed_by: 'fact_changed' });
    expect((await taskOf('coverage.gap', otherGap))[0]).toMatchObject({ state: 'open' });
  });

  it('every refresh is audited; a refresh outside the grant is refused', async () => {
    const audits = await database.db.selectFrom('audit_event').select('action').where('action', '=', 'task.refresh').execute();
    expect(audits.length).toBe(5);
    const districtB = actorWith('org_admin', { regionPrefixes: ['330106002'] });
    await expect(refreshTasks(database.db, districtB, { regionCode: '330106001' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(refreshTasks(database.db, actorWith('township_officer', { regionPrefixes: ['330106001'] }), {})).rejects.toBeInstanceOf(AppError);
  });

  it('the demo step refreshes the district and changes no task when run twice', async () => {
    const lines: string[] = [];
    const ctx = { database, actor: admin, district: { countyCode: '330106', cityPrefix: '3301', name: '测试区' }, workDir: '', count: 0, seed: 1,
      log: (m: string) => lines.push(m), state: {}, nextSteps: [] as string[] };
    await tasksStep.run(ctx);
    const once = await tasks();
    await tasksStep.run(ctx);
    expect(await tasks()).toEqual(once);
    expect(lines.at(-1)).toMatch(/^ *当前待办 \d+ 件（新增 0，已整改关闭 0，重新打开 0）$/);
    expect(ctx.nextSteps.join()).toContain('待办');
  });
});
