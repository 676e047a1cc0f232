import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEF_LIST } from '../../src/core/coverage/coverage-figures.service.js';
import { ensureFresh, refreshCoverage } from '../../src/core/coverage/coverage-refresh.js';
import { replaceCoverageRows } from '../../src/core/coverage/coverage.repository.js';
import type { Database } from '../../src/db/database.js';
import type { Db, Executor } from '../../src/db/schema.js';
import { todayInChina } from '../../src/domain/org-terms.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { seedCoverageWorld } from '../helpers/coverage-world.js';
import { COMMUNITY_A1, COUNTY, TOWN_A, TOWN_B, seedEnterprise, seedPerson } from '../helpers/org-fixtures.js';

/**
 * The incremental refresh (src/core/coverage/coverage-refresh.ts, marks from 0069_coverage_marks.sql)
 * must give exactly the rows and region sums of a full rebuild. Random writes (fixed seed, bounded)
 * go to every table a coverage row reads, written as SQL because the marks are the database's own
 * triggers — whatever writer issues the statement (service, import, CLI) marks alike. After each
 * step the figures read refreshes incrementally, and a full rebuild in a transaction rolled back
 * must find the same rows and sums; the incremental state is never reset, so an error would add up.
 */
const STEPS = 60;
const today = todayInChina();
const day = (offset: number) => new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
const PLACES = [COUNTY, TOWN_A, TOWN_B, COMMUNITY_A1];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

type Ctx = { db: Db; r: () => number; enterprises: string[]; orgs: string[]; unions: string[]; instructors: string[]; people: number };
const pick = <T,>(c: Ctx, xs: readonly T[]): T => xs[Math.floor(c.r() * xs.length)]!;
const int = (c: Ctx, n: number) => Math.floor(c.r() * n);
const e = (c: Ctx) => pick(c, c.enterprises);
const person = async (c: Ctx) => seedPerson(c.db, `成员${(c.people += 1)}`);
const anyRow = (table: string) => sql`(SELECT id FROM ${sql.table(table)} ORDER BY id OFFSET 0 LIMIT 1)`;
const nth = (c: Ctx, table: string) => sql`(SELECT id FROM ${sql.table(table)} ORDER BY id OFFSET ${int(c, 5)} LIMIT 1)`;

/** One write per entry, each to a coverage source, each able to move some row. */
const OPS: Array<(c: Ctx) => Promise<unknown>> = [
  (c) => sql`UPDATE enterprise SET employee_count = ${int(c, 300)} WHERE id = ${e(c)}`.execute(c.db),
  (c) => sql`UPDATE enterprise SET member_count = ${int(c, 8)} WHERE id = ${e(c)}`.execute(c.db),
  (c) => sql`UPDATE enterprise SET operating_status = ${pick(c, ['active', 'active', 'deregistered', 'suspended'])} WHERE id = ${e(c)}`.execute(c.db),
  (c) => sql`UPDATE enterprise SET region_code = ${pick(c, PLACES)} WHERE id = ${e(c)}`.execute(c.db),
  (c) => sql`UPDATE enterprise SET founded_on = ${pick(c, [null, day(-400), today, day(20)])}::date, size_class = ${pick(c, [null, 'small', 'medium'])} WHERE id = ${e(c)}`.execute(c.db),
  async (c) => c.enterprises.push(await seedEnterprise(c.db, { regionCode: pick(c, PLACES), employeeCount: int(c, 200), memberCount: int(c, 5) })),
  (c) => sql`INSERT INTO party_org_coverage (org_id, enterprise_id, mode, since, until)
    VALUES (${pick(c, c.orgs)}, ${e(c)}, ${pick(c, ['standalone', 'joint', 'attached', 'dispatched'])}, ${day(-int(c, 90) - 1)}, ${pick(c, [null, day(30), today])})`.execute(c.db),
  (c) => sql`UPDATE party_org_coverage SET until = ${today} WHERE id = ${nth(c, 'party_org_coverage')} AND since < ${today}`.execute(c.db),
  (c) => sql`DELETE FROM party_org_coverage WHERE id = ${nth(c, 'party_org_coverage')}`.execute(c.db),
  async (c) => sql`INSERT INTO org_position (org_id, person_id, position, since) VALUES (${pick(c, c.orgs)}, ${await person(c)}, 'secretary', ${day(-int(c, 30) - 1)})`.execute(c.db),
  (c) => sql`UPDATE org_position SET until = ${today} WHERE id = ${nth(c, 'org_position')} AND since < ${today}`.execute(c.db),
  (c) => sql`UPDATE party_org SET roster_since = ${pick(c, [null, day(-5), day(5)])}::date WHERE id = ${pick(c, c.orgs)}`.execute(c.db),
  async (c) => sql`INSERT INTO party_member (person_id, org_id, category, enterprise_id)
    VALUES (${await person(c)}, ${pick(c, c.orgs)}, ${pick(c, ['full', 'full', 'probationary'])}, ${e(c)})`.execute(c.db),
  (c) => sql`UPDATE party_member SET enterprise_id = ${e(c)} WHERE id = ${nth(c, 'party_member')}`.execute(c.db),
  (c) => sql`UPDATE party_member SET status = 'left', left_reason = 'other' WHERE id = ${nth(c, 'party_member')}`.execute(c.db),
  (c) => sql`UPDATE union_org SET members = ${40 + int(c, 200)}, female_members = 0 WHERE id = ${pick(c, c.unions)}`.execute(c.db),
  (c) => sql`UPDATE union_org SET roster_since = ${pick(c, [null, day(-3)])}::date WHERE id = ${pick(c, c.unions)}`.execute(c.db),
  (c) => sql`INSERT INTO union_coverage (union_id, enterprise_id, since) VALUES (${pick(c, c.unions)}, ${e(c)}, ${day(-int(c, 60) - 1)})`.execute(c.db),
  (c) => sql`DELETE FROM union_coverage WHERE id = ${nth(c, 'union_coverage')}`.execute(c.db),
  (c) => sql`INSERT INTO union_contract (union_id, kind, signed_on, starts_on, ends_on) VALUES (${pick(c, c.unions)}, 'collective', ${day(-20)}, ${day(-20)}, ${day(200)})`.execute(c.db),
  (c) => sql`DELETE FROM union_contract WHERE id = ${anyRow('union_contract')}`.execute(c.db),
  (c) => sql`INSERT INTO union_congress (union_id, held_on, kind) VALUES (${pick(c, c.unions)}, ${day(-int(c, 500))}, 'congress')`.execute(c.db),
  async (c) => sql`INSERT INTO union_member (person_id, union_id, status) VALUES (${await person(c)}, ${pick(c, c.unions)}, 'active')`.execute(c.db),
  (c) => sql`UPDATE union_member SET status = 'left' WHERE id = ${nth(c, 'union_member')}`.execute(c.db),
  (c) => sql`INSERT INTO union_event (union_id, kind, at, data)
    VALUES (${pick(c, c.unions)}, 'adjusted', ${day(5)}, ${JSON.stringify({ changes: { members: [int(c, 90), 1] } })}::jsonb)`.execute(c.db),
  (c) => sql`UPDATE instructor SET status = ${pick(c, ['active', 'inactive'])} WHERE id = ${pick(c, c.instructors)}`.execute(c.db),
  (c) => sql`INSERT INTO instructor_assignment (instructor_id, enterprise_id, since) VALUES (${pick(c, c.instructors)}, ${e(c)}, ${day(-int(c, 40) - 1)})`.execute(c.db),
  (c) => sql`UPDATE instructor_assignment SET until = ${today} WHERE id = ${nth(c, 'instructor_assignment')} AND since < ${today}`.execute(c.db),
  // A change recorded as of a later day (a fact's value today is then its `before`).
  (c) => sql`INSERT INTO enterprise_change (enterprise_id, kind, changes, changed_at)
    VALUES (${e(c)}, 'updated', ${JSON.stringify({ employeeCount: [int(c, 90), 1] })}::jsonb, ${`${day(3)}T04:00:00Z`}::timestamptz)`.execute(c.db),
];

async function snapshot(db: Executor) {
  const rows = await sql`SELECT * FROM enterprise_coverage ORDER BY id`.execute(db);
  const sums = await sql`SELECT * FROM coverage_region_sum ORDER BY len, coalesce(region_code, '')`.execute(db);
  return { rows: rows.rows, sums: sums.rows };
}

class Rollback extends Error {}

/** What a full rebuild would store now, without storing it. */
async function fullRebuild(db: Db) {
  let out: Awaited<ReturnType<typeof snapshot>> | undefined;
  await db.transaction().execute(async (tx) => {
    await replaceCoverageRows(tx, today, '0', DEF_LIST);
    out = await snapshot(tx);
    throw new Rollback();
  }).catch((err: unknown) => { if (!(err instanceof Rollback)) throw err; });
  return out!;
}

const marks = async (db: Db) => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM coverage_mark`.execute(db)).rows[0]!.n);

describe(`the incremental coverage refresh equals a full rebuild on ${testEngine()}`, () => {
  let database: Database;
  let c: Ctx;
  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.db;
    const world = await seedCoverageWorld(db, 40);
    const ids = (t: string) => sql<{ id: string }>`SELECT id::text AS id FROM ${sql.table(t)} ORDER BY id`.execute(db).then((r) => r.rows.map((x) => x.id));
    const second = await db.insertInto('union_org').values({ name: '第二工会', kind: 'standalone', region_code: TOWN_A, members: 60, founded_on: '2020-01-01' })
      .returning('id').executeTakeFirstOrThrow();
    await db.insertInto('union_coverage').values(world.enterprises.slice(0, 6).map((id) => ({ union_id: second.id, enterprise_id: id, since: '2024-01-01' }))).execute();
    c = { db, r: rng(18), enterprises: world.enterprises, orgs: await ids('party_org'), unions: await ids('union_org'), instructors: await ids('instructor'), people: 0 };
    expect(await ensureFresh(db)).toMatchObject({ refreshed: true, mode: 'full' });
  }, 120_000);
  afterAll(async () => database?.close());

  it(`${STEPS} steps of random writes: after each, the refreshed rows and sums are a full rebuild's`, async () => {
    const db = database.db;
    let before = await snapshot(db);
    let moved = 0;
    for (let step = 0; step < STEPS; step++) {
      const ops = 1 + int(c, 3);
      for (let k = 0; k < ops; k++) await pick(c, OPS)(c);
      const refresh = await ensureFresh(db);
      expect(refresh.mode, `step ${step}`).not.toBe('full');
      expect(await marks(db)).toBe(0);
      const now = await snapshot(db);
      expect(now, `step ${step}`).toEqual(await fullRebuild(db));
      if (JSON.stringify(now) !== JSON.stringify(before)) moved += 1;
      before = now;
    }
    // The writes did move the figures (the comparison is not between two unchanged tables).
    expect(moved).toBeGreaterThan(STEPS / 3);
  }, 240_000);

  // Needs two connections: PGlite has one, so a second reader would wait for the writer's commit.
  it.runIf(testEngine() === 'postgres')('a write uncommitted while a read refreshes shows on the first read after its commit', async () => {
    const db = database.db;
    await ensureFresh(db);
    const id = c.enterprises[2]!;
    const employees = async () => (await db.selectFrom('enterprise_coverage').select('employees').where('id', '=', id).executeTakeFirstOrThrow()).employees;
    const was = await employees();
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => { wrote = resolve; });
    const writer = db.transaction().execute(async (tx) => {
      await sql`UPDATE enterprise SET employee_count = ${was + 7} WHERE id = ${id}`.execute(tx);
      wrote();
      await held;
    });
    await written;
    // The counter of 0007 moved at the UPDATE: a read then rebuilt without the change and recorded
    // the moved counter, so the committed change stayed unseen until another one came.
    expect(await ensureFresh(db)).toMatchObject({ refreshed: false });
    release();
    await writer;
    expect(await ensureFresh(db)).toMatchObject({ refreshed: true, mode: 'incremental' });
    expect(await employees()).toBe(was + 7);
  });

  it('an "everything" mark (an import’s chunk over 5,000 keys) or rows of another day rebuild the whole ledger', async () => {
    const db = database.db;
    await sql`INSERT INTO coverage_mark (enterprise_id) VALUES (NULL)`.execute(db);
    expect(await ensureFresh(db)).toMatchObject({ refreshed: true, mode: 'full' });
    await sql`UPDATE coverage_state SET as_of = ${day(-1)}::date`.execute(db);
    expect(await ensureFresh(db)).toMatchObject({ refreshed: true, mode: 'full' });
    expect(await ensureFresh(db)).toEqual({ asOf: today, refreshed: false });
    // A statement over the cap (5,001 enterprises at once) marks everything by itself: one NULL mark.
    await sql`INSERT INTO enterprise (credit_code, name, region_code, placement, employee_count)
      SELECT '91330106GEN' || lpad(g::text, 7, '0'), '批量企业' || g || '有限公司', ${TOWN_B}, 'placed', 5 FROM generate_series(1, 5001) g`.execute(db);
    expect((await sql<{ n: number; all: number }>`SELECT count(*)::int AS n, count(*) FILTER (WHERE enterprise_id IS NULL)::int AS all
      FROM coverage_mark`.execute(db)).rows[0]).toEqual({ n: 1, all: 1 });
    expect(await ensureFresh(db)).toMatchObject({ refreshed: true, mode: 'full' });
    expect(await snapshot(db)).toEqual(await fullRebuild(db));
  });
});
