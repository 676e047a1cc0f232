import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { systemActor } from '../../src/core/access/actor.js';
import { inboxPage } from '../../src/core/task/inbox.service.js';
import { refreshTasks } from '../../src/core/task/task-refresh.service.js';
import { InboxQuery } from '../../src/contracts/task.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { actorWith, seedEnterprise, seedRegions, TOWN_A, TOWN_B } from '../helpers/org-fixtures.js';

// The union kinds of the inbox, fed by the refresh's union finder from the union alerts' own rules.
const admin = systemActor('tester');
const DATE = '2025-06-30';

describe(`union tasks from the refresh on ${testEngine()}`, () => {
  let database: Database;
  let union = '';
  const tasksOf = (kind: string) => database.db.selectFrom('task').select(['id', 'state', 'closed_by', 'union_org_id', 'region_code', 'source_rule_id'])
    .where('kind', '=', kind).where('subject_id', '=', union).execute();
  const refresh = async () => (await refreshTasks(database.db, admin, { date: DATE }))[0]!;

  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.db;
    await seedRegions(db);
    const mine = await seedEnterprise(db, { name: '东湖精密机械有限公司', regionCode: TOWN_A, employeeCount: 60 });
    const theirs = await seedEnterprise(db, { name: '西溪纺织有限公司', regionCode: TOWN_B, employeeCount: 40 });
    // A joint union of street A that also covers an enterprise of street B: 30 members, no committee,
    // its term over, its collective contract lapsed.
    const u = await db.insertInto('union_org').values({
      name: '东湖片区联合工会委员会', kind: 'joint', region_code: TOWN_A, members: 30, founded_on: '2019-01-01', term_ends_on: '2024-12-31', has_committee: false,
    }).returning('id').executeTakeFirstOrThrow();
    union = u.id;
    for (const e of [mine, theirs]) await db.insertInto('union_coverage').values({ union_id: union, enterprise_id: e, since: '2020-01-01' }).execute();
    await db.insertInto('union_contract').values({ union_id: union, kind: 'collective', signed_on: '2022-03-01', starts_on: '2022-03-01', ends_on: '2025-02-28' }).execute();
  });
  afterAll(async () => database?.close());

  it('opens 督促工会按期换届, 续签集体合同 and 配齐工会委员会, anchored on the union', async () => {
    await refresh();
    for (const kind of ['union.reelectionOverdue', 'union.contractExpired', 'union.committeeMissing']) {
      expect(await tasksOf(kind)).toEqual([expect.objectContaining({ state: 'open', union_org_id: union, region_code: TOWN_A, source_rule_id: kind })]);
    }
    expect(await tasksOf('union.contractExpiring')).toEqual([]);
  });

  it('the union officer of the street acts on them; the other street sees them through the link, 仅可查看', async () => {
    const q = InboxQuery.parse({});
    const onUnion = (t: { link: { entity: string; id: string } }) => t.link.entity === 'union_org' && t.link.id === union;
    const mineView = await inboxPage(database.db, actorWith('union_officer', { regionPrefixes: [TOWN_A] }), q);
    const unionItems = mineView.items.filter(onUnion);
    expect(unionItems).toHaveLength(3);
    expect(unionItems.every((t) => t.actionable && t.link.entityLabel === '工会' && t.link.href === `/unions/${union}`)).toBe(true);
    expect(unionItems.find((t) => t.kind === 'union.committeeMissing')?.source).toContain('《');
    const theirs = await inboxPage(database.db, actorWith('union_officer', { regionPrefixes: [TOWN_B] }, 'union_officer_b'), q);
    const seen = theirs.items.filter(onUnion);
    expect(seen.map((t) => t.actionable)).toEqual([false, false, false]);
    const street = await inboxPage(database.db, actorWith('township_officer', { regionPrefixes: [TOWN_A] }, 'town_a'), q);
    expect(street.items.filter(onUnion)).toEqual([]);
  });

  it('closes each task as 已整改 when its fact is fixed, and a second refresh writes nothing', async () => {
    const db = database.db;
    await db.updateTable('union_org').set({ has_committee: true, term_ends_on: '2029-12-31' }).where('id', '=', union).execute();
    await db.insertInto('union_contract').values({ union_id: union, kind: 'collective', signed_on: '2025-03-01', starts_on: '2025-03-01', ends_on: '2028-02-28' }).execute();
    const r = await refresh();
    expect(r.closed).toBe(3);
    for (const kind of ['union.reelectionOverdue', 'union.contractExpired', 'union.committeeMissing']) {
      expect(await tasksOf(kind)).toEqual([expect.objectContaining({ state: 'done', closed_by: 'fact_changed' })]);
    }
    expect(await refresh()).toMatchObject({ opened: 0, closed: 0, reopened: 0, moved: 0 });
  });
});
