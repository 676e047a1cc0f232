import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, RoleGrant } from '../../src/core/access/actor.js';
import { asColumn } from '../../src/core/access/party-org-scope.js';
import { createRandom } from '../../src/core/generator/random.js';
import { inboxCountRows, inboxPageRows, inboxRows, inboxTotal, overdueByStreetRows, taskActionable, tasksWithAnchors, taskVisible, type InboxWhere } from '../../src/core/task/inbox.repository.js';
import { kindScopes } from '../../src/core/task/inbox.service.js';
import type { Database } from '../../src/db/database.js';
import type { Executor } from '../../src/db/schema.js';
import { LEVEL_ROLES } from '../../src/domain/approval.js';
import { TASK_KINDS } from '../../src/domain/task-kinds.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { COMMUNITY_A1, OTHER_COUNTY, seedRegions, TOWN_A, TOWN_B } from '../helpers/org-fixtures.js';

/**
 * The inbox's indexed reads (src/core/task/inbox-visible.ts) give exactly what the predicate they
 * replaced gave (`taskVisible` tested on every task), on random two-street worlds: enterprises,
 * organisations (with subtrees) and unions of both streets, current and ended links across them,
 * tasks of every kind with stale or foreign region codes, every state, enterprises moved and links
 * re-pointed after their tasks were written, tasks held by one level role or by none; readers of one street, the
 * district, a park, an organisation subtree, listed enterprises and two grants at once. Each world
 * is written in a transaction that is rolled back. Fixed seed, bounded count.
 */
const TODAY = '2025-06-30';
const PLACES = [COMMUNITY_A1, TOWN_A, TOWN_B, '330106002000', OTHER_COUNTY];
class Rollback extends Error {}

type World = { enterprises: string[]; orgs: string[]; unions: string[]; park: string; users: string[] };

async function writeWorld(tx: Executor, seed: number, users: string[], park: string): Promise<World> {
  const r = createRandom(seed);
  const next = () => r.int(0, 999_999);
  const pick = <T>(xs: readonly T[]): T => r.pick(xs);
  const chance = (p: number) => r.chance(p);
  const enterprises: string[] = [];
  for (let n = 0; n < 8; n++) {
    const r = await tx.insertInto('enterprise').values({
      credit_code: `91330106PROP${String(seed % 1000).padStart(3, '0')}${String(n).padStart(3, '0')}`, name: `性质企业${seed}-${n}有限公司`,
      region_code: pick(PLACES), placement: 'placed', member_count: 0, employee_count: 10, operating_status: 'active', park_id: chance(0.3) ? park : null,
    }).returning('id').executeTakeFirstOrThrow();
    enterprises.push(r.id);
  }
  const orgs: string[] = [];
  const paths = new Map<string, string>();
  for (let n = 0; n < 6; n++) {
    const parent = orgs.length && chance(0.6) ? pick(orgs) : null;
    const r = await tx.insertInto('party_org').values({
      name: `性质党支部${seed}-${n}`, org_type: 'branch', setup_mode: 'joint', parent_id: parent, region_code: pick(PLACES), park_id: chance(0.2) ? park : null,
    }).returning('id').executeTakeFirstOrThrow();
    const path = parent ? `${paths.get(parent)}.${r.id}` : r.id;
    paths.set(r.id, path);
    await tx.updateTable('party_org').set({ path }).where('id', '=', r.id).execute();
    orgs.push(r.id);
  }
  const unions: string[] = [];
  for (let n = 0; n < 4; n++) {
    const r = await tx.insertInto('union_org').values({ name: `性质工会${seed}-${n}`, kind: 'joint', region_code: pick(PLACES), park_id: chance(0.2) ? park : null })
      .returning('id').executeTakeFirstOrThrow();
    unions.push(r.id);
  }
  for (let n = 0; n < 8; n++) {
    const until = chance(0.3) ? '2024-01-01' : null;
    if (chance(0.5)) await tx.insertInto('party_org_coverage').values({ org_id: pick(orgs), enterprise_id: pick(enterprises), mode: 'joint', since: '2020-01-01', until }).execute();
    else await tx.insertInto('union_coverage').values({ union_id: pick(unions), enterprise_id: pick(enterprises), since: '2020-01-01', until }).execute();
  }
  for (let n = 0; n < 40; n++) {
    const kind = pick(TASK_KINDS);
    const state = pick(['open', 'open', 'done', 'cancelled'] as const);
    const anchor = {
      enterprise_id: kind.anchor === 'enterprise' || chance(0.3) ? pick(enterprises) : null,
      party_org_id: kind.anchor === 'party_org' || chance(0.2) ? pick(orgs) : null,
      union_org_id: kind.anchor === 'union_org' || chance(0.2) ? pick(unions) : null,
    };
    // Now and then the anchor is missing (a task of the kind about another record) — never seen.
    if (chance(0.05)) anchor[kind.anchor === 'enterprise' ? 'enterprise_id' : kind.anchor === 'party_org' ? 'party_org_id' : 'union_org_id'] = null;
    if (!anchor.enterprise_id && !anchor.party_org_id && !anchor.union_org_id) anchor.enterprise_id = pick(enterprises);
    await tx.insertInto('task').values({
      kind: kind.id, subject_table: 'prop_subject', subject_id: String(seed * 100 + n), ...anchor,
      // The task's own region is often not its anchor's (stale, or another record's place).
      region_code: chance(0.15) ? null : `3301060${pick(['01', '02'])}00${pick(['0', '1'])}`,
      due_on: `2025-0${1 + (next() % 9)}-1${next() % 10}`, state, closed_at: state === 'open' ? null : new Date('2025-05-01T00:00:00Z'),
      closed_by: state === 'open' ? null : 'test', source_rule_id: 'prop', assignee_user_id: chance(0.3) ? pick(users) : null,
      // A task held by one role (an approval level's): actionable only for a reader holding that role.
      assignee_role: pick([null, ...LEVEL_ROLES]),
    }).execute();
  }
  // After the tasks: enterprises move (an import re-placing several in one statement, a placement by
  // hand) and links are re-pointed — the reads must follow each enterprise's place now (0072's
  // triggers), not where it stood when its tasks and links were written.
  if (chance(0.6)) await tx.updateTable('enterprise').set({ region_code: pick(PLACES) }).where('id', 'in', [pick(enterprises), pick(enterprises)]).execute();
  for (const id of enterprises) if (chance(0.2)) await tx.updateTable('enterprise').set({ region_code: pick(PLACES) }).where('id', '=', id).execute();
  for (const table of ['party_org_coverage', 'union_coverage'] as const) {
    const link = await tx.selectFrom(table).select('id').where('enterprise_id', 'in', enterprises).orderBy('id').executeTakeFirst();
    if (link && chance(0.5)) await tx.updateTable(table).set({ enterprise_id: pick(enterprises) }).where('id', '=', link.id).execute();
  }
  return { enterprises, orgs, unions, park, users };
}

const grant = (role: string, g: Partial<RoleGrant>): RoleGrant => ({
  role, allRegions: false, regionPrefixes: [], parkIds: [], associationIds: [], partyOrgIds: [], enterpriseIds: [], ...g,
});

function readers(w: World): Actor[] {
  const actor = (userId: string | null, ...grants: RoleGrant[]): Actor => ({ kind: 'user', userId, username: 'prop', ip: null, userAgent: null, grants });
  return [
    actor(w.users[0]!, grant('township_officer', { regionPrefixes: [TOWN_A.slice(0, 9)] })),
    actor(w.users[1]!, grant('township_officer', { regionPrefixes: [TOWN_B.slice(0, 9)] })),
    actor(null, grant('union_officer', { regionPrefixes: [COMMUNITY_A1] })),
    actor(w.users[0]!, grant('org_admin', { allRegions: true })),
    actor(null, grant('park_officer', { parkIds: [w.park] })),
    actor(w.users[1]!, grant('branch_secretary', { partyOrgIds: [w.orgs[0]!] })),
    actor(null, grant('township_officer', { enterpriseIds: [w.enterprises[0]!, w.enterprises[1]!] })),
    actor(w.users[0]!, grant('township_officer', { regionPrefixes: [TOWN_A.slice(0, 9)] }), grant('union_officer', { regionPrefixes: [TOWN_B.slice(0, 9)] })),
  ];
}

/** The list's filters as first written, over the predicate tested on every task. */
function before(db: Executor, w: InboxWhere) {
  let q = tasksWithAnchors(db).where(taskVisible(w.kinds));
  if (w.id) q = q.where('t.id', '=', w.id);
  if (w.view === 'mine') q = w.userId ? q.where('t.assignee_user_id', '=', w.userId) : q.where(sql<boolean>`FALSE`);
  if (w.view === 'overdue') q = q.where('t.state', '=', 'open').where('t.due_on', '<', w.today);
  else if (w.state) q = q.where('t.state', '=', w.state);
  if (w.kind) q = q.where('t.kind', '=', w.kind);
  if (w.regionPrefix) q = q.where('t.region_code', 'like', `${w.regionPrefix}%`);
  return q;
}

async function compare(tx: Executor, w: InboxWhere): Promise<void> {
  const old = await before(tx, w).select(['t.id', 't.due_on', 't.kind', 't.assignee_role']).select(asColumn(taskActionable(w.kinds)).as('actionable'))
    .orderBy('t.due_on').orderBy('t.id').execute();
  // A task assigned to a role is actionable only for a reader holding it for the kind's action.
  const held = (kind: string) => w.kinds.filter((k) => k.kind === kind).flatMap((k) => k.roleScopes.map((r) => r.role));
  for (const r of old) if (r.actionable && r.assignee_role) expect(held(r.kind)).toContain(r.assignee_role);
  const seen: Array<{ id: string; actionable: boolean }> = [];
  let after: { key: string; id: string } | undefined;
  for (;;) {
    const page = await inboxRows(tx, w, after, 7);
    seen.push(...page.map((r) => ({ id: r.id, actionable: r.actionable })));
    if (page.length < 7) break;
    after = { key: page.at(-1)!.due_on, id: page.at(-1)!.id };
  }
  expect(seen).toEqual(old.map((r) => ({ id: r.id, actionable: r.actionable })));
  expect(await inboxTotal(tx, w)).toBe(old.length);
  // The page the service reads: each page cut from one pass over the visible set, with the total of all pages.
  const paged: Array<{ id: string; actionable: boolean }> = [];
  after = undefined;
  for (;;) {
    const { rows, total } = await inboxPageRows(tx, w, after, 5);
    expect(total).toBe(old.length);
    paged.push(...rows.map((r) => ({ id: r.id, actionable: r.actionable })));
    if (rows.length < 5) break;
    after = { key: rows.at(-1)!.due_on, id: rows.at(-1)!.id };
  }
  expect(paged).toEqual(seen);
}

async function compareCounts(tx: Executor, w: InboxWhere): Promise<void> {
  const key = (r: { kind: string; state: string; n: string | number; overdue?: string | number }) => `${r.kind}|${r.state}|${r.n}|${r.overdue ?? ''}`;
  const old = await before(tx, { ...w, view: 'all', state: undefined }).select(['t.kind', 't.state']).select(sql<string>`count(*)`.as('n'))
    .select(sql<string>`count(*) FILTER (WHERE t.state = 'open' AND t.due_on < ${w.today}::date)`.as('overdue')).groupBy(['t.kind', 't.state']).execute();
  const counted = await inboxCountRows(tx, w);
  expect(counted.map(key).sort()).toEqual(old.map(key).sort());
  // 我的 from the same pass: the reader's open assigned tasks, as the 我的 list counts them.
  const mine = await before(tx, { ...w, view: 'mine', state: 'open' }).select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow();
  expect(counted.reduce((s, r) => s + Number(r.mine), 0)).toBe(Number(mine.n));
  const late = await before(tx, { ...w, view: 'overdue' }).select(['t.kind', sql<string>`substr(coalesce(t.region_code, ''), 1, 9)`.as('street')])
    .select(sql<string>`count(*)`.as('n')).groupBy([sql`substr(coalesce(t.region_code, ''), 1, 9)`, 't.kind']).execute();
  const lateKey = (r: { kind: string; street: string; n: string | number }) => `${r.kind}|${r.street}|${r.n}`;
  expect((await overdueByStreetRows(tx, { ...w, view: 'overdue' })).map(lateKey).sort()).toEqual(late.map(lateKey).sort());
}

describe(`the inbox's indexed reads equal the predicate they replaced, on ${testEngine()}`, () => {
  let database: Database;
  let users: string[] = [];
  let park = '';

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedRegions(database.db);
    for (const [username, name] of [['prop_a', '北山街道 王敏'], ['prop_b', '西溪街道 李强']] as const) {
      const u = await database.db.insertInto('app_user').values({ username, display_name: name, password_hash: 'x' } as never).returning('id').executeTakeFirstOrThrow();
      users.push(u.id);
    }
    park = (await database.db.insertInto('park').values({ name: '西湖科技园', region_code: TOWN_A }).returning('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => database?.close());

  it('lists (every page), totals, counts and the overdue table agree for every reader and filter', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 999 }), fc.array(fc.record({
      reader: fc.nat(7), view: fc.constantFrom('mine', 'role', 'overdue', 'all'), state: fc.constantFrom(undefined, 'open', 'done', 'cancelled'),
      kind: fc.option(fc.constantFrom(...TASK_KINDS.map((k) => k.id)), { freq: 4 }), street: fc.constantFrom(undefined, '330106001', '330106002'),
    }), { minLength: 4, maxLength: 6 }), async (seed, queries) => {
      await database.db.transaction().execute(async (tx) => {
        const w = await writeWorld(tx, seed, users, park);
        const all = readers(w);
        for (const q of queries) {
          const actor = all[q.reader]!;
          const where: InboxWhere = {
            kinds: kindScopes(actor), view: q.view as InboxWhere['view'], userId: actor.userId, today: TODAY,
            state: q.state as InboxWhere['state'], kind: q.kind ?? undefined, regionPrefix: q.street,
          };
          await compare(tx, where);
          await compareCounts(tx, where);
        }
        // One task by id (the detail, 指派, 撤销 read it the same way) for the first reader.
        const one = await tx.selectFrom('task').select('id').where('subject_table', '=', 'prop_subject').orderBy('id').executeTakeFirstOrThrow();
        for (const actor of all) await compare(tx, { kinds: kindScopes(actor), view: 'all', userId: actor.userId, today: TODAY, id: one.id });
        throw new Rollback();
      }).catch((e: unknown) => { if (!(e instanceof Rollback)) throw e; });
    }), { seed: 20261205, numRuns: 12 });
  }, 240_000);
});
