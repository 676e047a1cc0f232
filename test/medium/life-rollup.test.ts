import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { scopeFor } from '../../src/core/access/scope.js';
import { orgStatuses, rollup } from '../../src/core/life/life-rollup.repository.js';
import type { Database } from '../../src/db/database.js';
import { lifeCalendar, MEETING_KINDS, type Frequency, type LifeMeeting, type MeetingKind } from '../../src/domain/rules/index.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { actorWith, COMMUNITY_A1, seedRegions, TOWN_B } from '../helpers/org-fixtures.js';

/**
 * The compliance roll-up's set-based SQL (docs/life.md) held to the pure rules: for organisations of
 * two streets with generated years of meetings (fixed seed), each organisation's 达标 / 滞后 / 不活跃
 * from SQL equals lifeCalendar's (党小组会 expected of those with 党小组 on the roster or with a 党小组会
 * recorded); the street counts are the sums; a street reader sees its own only. The SQL reads the
 * org_life_year summary kept by a trigger on meeting (migration 0026): the statuses, missed counts
 * and last meetings stay the rules' on past days of the year and after meetings are deleted (soft
 * and hard), moved across months and years and added in bulk.
 */
const YEAR = 2024;
const AS_OF = '2025-01-15';

function lcg(seed: number) {
  let x = seed;
  return () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
}

describe(`life compliance roll-up on ${testEngine()}`, () => {
  let database: Database;
  const orgs: Array<{ id: string; founded: string; meetings: LifeMeeting[]; region: string; groups: boolean }> = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedRegions(database.db);
    const rnd = lcg(15);
    for (let i = 0; i < 24; i += 1) {
      const region = i % 2 ? TOWN_B : COMMUNITY_A1;
      const founded = i % 7 === 3 ? '2024-07-15' : '2020-01-01';
      const { id } = await database.db.insertInto('party_org').values({ name: `达标测试支部${i}`, org_type: 'branch', setup_mode: 'standalone', region_code: region, founded_on: founded })
        .returning('id').executeTakeFirstOrThrow();
      await database.db.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
      // Diligence from none (i = 0) to nearly every month; some stop mid-year.
      const p = i === 0 ? 0 : 0.75 + rnd() * 0.25;
      const stop = i % 5 === 2 ? 6 : 12;
      const meetings: LifeMeeting[] = [];
      for (let m = 1; m <= stop; m += 1) {
        for (const kind of MEETING_KINDS as MeetingKind[]) {
          if (kind === 'groupMeeting' && i % 3 !== 0) continue;
          if (rnd() < p) meetings.push({ kind, date: `${YEAR}-${String(m).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 27)).padStart(2, '0')}` });
        }
      }
      if (meetings.length) {
        await database.db.insertInto('meeting').values(meetings.map((m) => ({ org_id: id, kind: m.kind, held_on: m.date, topic: '测试' }))).execute();
      }
      // 党小组 on the roster: 党小组会 expected even of a branch that has recorded none (i % 3 ≠ 0).
      const groups = i % 4 === 1;
      if (groups) await database.db.insertInto('party_group').values({ org_id: id, name: '第一党小组' }).execute();
      orgs.push({ id, founded, meetings: meetings.filter((m) => m.date >= founded), region, groups });
    }
  });
  afterAll(async () => database?.close());

  /** The live meetings as the calendar gives them to the rules (life-calendar.ts), and the last one on or before the day. */
  async function expected(asOf: string, partyLessonEvery: Frequency = 'quarter') {
    const live = (await sql<{ org_id: string; kind: MeetingKind; d: string }>`SELECT org_id::text, kind, held_on::text AS d FROM meeting WHERE deleted_at IS NULL`.execute(database.db)).rows;
    return Object.fromEntries(orgs.map((o) => {
      const all = live.filter((m) => m.org_id === o.id);
      const meetings = all.map((m) => ({ kind: m.kind, date: m.d }));
      const c = lifeCalendar({ orgType: 'branch', since: o.founded, hasGroups: o.groups || all.some((m) => m.kind === 'groupMeeting' && m.d <= asOf), meetings }, YEAR, asOf, { partyLessonEvery });
      const last = all.map((m) => m.d).filter((d) => d <= asOf).sort().at(-1) ?? null;
      return [o.id, [c.status, c.kinds.reduce((n, k) => n + k.missed.length, 0), last]];
    }));
  }
  async function got(asOf: string, partyLessonEvery: Frequency = 'quarter') {
    const rows = await orgStatuses(database.db, scopeFor(systemActor('t'), 'org.read'), { year: YEAR, asOf, dormantMonths: 6, partyLessonEvery });
    return Object.fromEntries(rows.map((r) => [r.id, [r.status, r.missed, r.last_on]]));
  }
  const DAYS = ['2024-01-01', '2024-03-01', '2024-06-15', '2024-07-31', '2024-08-01', '2024-12-31', AS_OF, '2026-03-01'];

  it('each organisation\'s status from SQL is the pure rules\' status', async () => {
    const scope = scopeFor(systemActor('t'), 'org.read');
    const rows = await orgStatuses(database.db, scope, { year: YEAR, asOf: AS_OF, dormantMonths: 6 });
    const got = Object.fromEntries(rows.map((r) => [r.id, r.status]));
    const want = Object.fromEntries(orgs.map((o) => [o.id, lifeCalendar({ orgType: 'branch', since: o.founded, hasGroups: o.groups || o.meetings.some((m) => m.kind === 'groupMeeting'), meetings: o.meetings }, YEAR, AS_OF).status]));
    expect(got).toEqual(want);
    expect(new Set(Object.values(want))).toEqual(new Set(['compliant', 'lagging', 'dormant']));
  });

  it('street counts are the sums; a street reader sees only its own street', async () => {
    const scope = scopeFor(systemActor('t'), 'org.read');
    const rows = await rollup(database.db, scope, { year: YEAR, asOf: AS_OF, digits: 9, dormantMonths: 6 });
    const statuses = await orgStatuses(database.db, scope, { year: YEAR, asOf: AS_OF, dormantMonths: 6 });
    for (const r of rows) {
      const mine = statuses.filter((s) => s.region_code?.startsWith(r.region));
      expect([r.total, r.compliant, r.lagging, r.dormant]).toEqual([mine.length, ...(['compliant', 'lagging', 'dormant'] as const).map((k) => mine.filter((s) => s.status === k).length)]);
    }
    expect(rows.map((r) => r.region)).toEqual(['330106001', '330106002']);
    const townB = scopeFor(actorWith('township_officer', { regionPrefixes: ['330106002'] }), 'org.read');
    expect((await rollup(database.db, townB, { year: YEAR, asOf: AS_OF, digits: 9, dormantMonths: 6 })).map((r) => [r.region, r.total])).toEqual([['330106002', 12]]);
  });

  it('stays the rules\' on past days of the year, after deletes, moves and bulk adds', async () => {
    for (const d of DAYS) expect(await got(d), d).toEqual(await expected(d));
    // The 党课's period is a setting: monthly, half-yearly and yearly counted the same way.
    for (const f of ['month', 'halfYear', 'year'] as const) for (const d of ['2024-08-01', AS_OF]) expect(await got(d, f), `${f} ${d}`).toEqual(await expected(d, f));
    const db = database.db;
    // Soft-delete every fifth meeting, hard-delete every seventh, move every eleventh a month on,
    // one into the year before, and add a month of 支委会 to every branch in one statement.
    await sql`UPDATE meeting SET deleted_at = now() WHERE id % 5 = 0`.execute(db);
    await sql`DELETE FROM meeting WHERE id % 7 = 0`.execute(db);
    await sql`UPDATE meeting SET held_on = held_on + 31 WHERE id % 11 = 0 AND held_on < '2024-12-01'`.execute(db);
    await sql`UPDATE meeting SET held_on = '2023-12-20' WHERE id = (SELECT min(id) FROM meeting WHERE deleted_at IS NULL)`.execute(db);
    await sql`INSERT INTO meeting (org_id, kind, held_on, topic) SELECT id, 'committeeMeeting', '2024-10-09', '补开' FROM party_org WHERE org_type = 'branch'`.execute(db);
    // A deleted meeting restored.
    await sql`UPDATE meeting SET deleted_at = NULL WHERE id = (SELECT min(id) FROM meeting WHERE deleted_at IS NOT NULL)`.execute(db);
    for (const d of DAYS) expect(await got(d), d).toEqual(await expected(d));
    // The summary is what a recomputation from the live meetings gives.
    const drift = await sql<{ n: number }>`
      WITH r AS (SELECT org_id, extract(year FROM held_on)::int AS year, max(held_on) AS last_on,
          bit_or(1 << (extract(month FROM held_on)::int - 1)) FILTER (WHERE kind = 'committeeMeeting') AS c
        FROM meeting WHERE deleted_at IS NULL GROUP BY 1, 2)
      SELECT count(*)::int AS n FROM r FULL JOIN org_life_year y USING (org_id, year)
      WHERE r.last_on IS DISTINCT FROM y.last_on OR coalesce(r.c, 0) <> coalesce(y.committee_meeting, -1)`.execute(db);
    expect(drift.rows[0]!.n).toBe(0);
  });
});
