import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { systemActor } from '../../src/core/access/actor.js';
import { createOrg } from '../../src/core/party-org/party-org.service.js';
import { refreshTasksFor } from '../../src/core/task/task-refresh-for.service.js';
import { refreshTasks } from '../../src/core/task/task-refresh.service.js';
import { taskKindSource, taskKind } from '../../src/domain/task-kinds.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { COMMUNITY_A1, seedRegions, TOWN_B } from '../helpers/org-fixtures.js';

// 督促恢复组织生活: the life roll-up's 不活跃 verdict (no meeting for the settings' 6 months) as a task.
const admin = systemActor('tester');
const DATE = '2025-06-30';

describe(`life tasks from the refresh on ${testEngine()}`, () => {
  let database: Database;
  let idle = '';
  let active = '';
  const openOf = (org: string) => database.db.selectFrom('task').select(['id', 'state', 'closed_by', 'party_org_id'])
    .where('kind', '=', 'life.dormant').where('subject_id', '=', org).where('subject_table', '=', 'party_org').execute();

  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.db;
    await seedRegions(db);
    const branch = async (name: string, region: string) => (await createOrg(db, admin, { name, orgType: 'branch', setupMode: 'standalone', regionCode: region, foundedOn: '2024-01-01', fullMembers: 5 })).id;
    idle = await branch('东湖精工有限公司党支部', COMMUNITY_A1);
    active = await branch('西溪纺织有限公司党支部', TOWN_B);
    await db.insertInto('meeting').values({ org_id: idle, kind: 'committeeMeeting', held_on: '2024-10-10', topic: '十月支委会' }).execute();
    await db.insertInto('meeting').values({ org_id: active, kind: 'themeDay', held_on: '2025-06-10', topic: '六月主题党日' }).execute();
  });
  afterAll(async () => database?.close());

  it('opens a task for the branch with no meeting for six months, citing the life rule in Chinese', async () => {
    await refreshTasks(database.db, admin, { date: DATE });
    expect((await openOf(idle)).filter((t) => t.state === 'open')).toEqual([expect.objectContaining({ party_org_id: idle })]);
    expect((await openOf(active)).filter((t) => t.state === 'open')).toEqual([]);
    const source = taskKindSource(taskKind('life.dormant')!);
    expect(source).toContain('本平台工作规则');
    expect(source).not.toMatch(/life\./);
  });

  it('closes it as 已整改 once a meeting is recorded (the incremental refresh of that organisation)', async () => {
    await database.db.insertInto('meeting').values({ org_id: idle, kind: 'memberMeeting', held_on: '2025-06-20', topic: '第二季度党员大会' }).execute();
    const r = await database.db.transaction().execute((tx) => refreshTasksFor(tx, admin, { partyOrgIds: [idle] }, { date: DATE }));
    expect(r.closed).toBe(1);
    expect(await openOf(idle)).toEqual([expect.objectContaining({ state: 'done', closed_by: 'fact_changed' })]);
    expect(await refreshTasks(database.db, admin, { date: DATE })).toEqual([expect.objectContaining({ opened: 0, closed: 0, reopened: 0 })]);
  });
});
