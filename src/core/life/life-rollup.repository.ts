import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../db/schema.js';
import { ownedInScope, visibleInScope } from '../access/party-org-scope.js';
import type { Scope } from '../access/scope.js';
import type { Frequency } from '../../domain/rules/life-catalogue.js';

/**
 * The compliance roll-up in one set-based query (docs/life.md, "Roll-up"): for every active 党支部
 * the reader sees, one row of org_life_year (migration 0026: per kind, a 12-bit mask of the months
 * with a live meeting, kept by a trigger on meeting) — the periods of the year that have ended by
 * the day and were expected of it (after its founding; 党小组会 only where it has 党小组 or has held
 * one) against the months held, and the last meeting of any kind — then 达标 / 滞后 / 不活跃 by the
 * same rules as life-compliance.ts, which the medium test holds it to.
 *
 * Exact on a past day too: a period counts only once ended (before the day's month), so a meeting
 * later in the day's month or year never reaches a mask that is read; the last meeting and the
 * first 党小组会 are dates, and where the year's last meeting is after the day (or there is none
 * this year) the last one on or before it is read from meeting's (org_id, held_on) index.
 */
export type OrgLifeRow = { id: string; name: string; region_code: string | null; missed: number; last_on: string | null; status: 'compliant' | 'lagging' | 'dormant' };

const SIZE = { month: 1, quarter: 3, halfYear: 6, year: 12 } as const;
/** The kinds a 党支部 is expected to hold, their org_life_year column and their period in months; the 党课's is a setting. */
const kinds = (lesson: Frequency) => [
  ['committeeMeeting', 'committee_meeting', 1], ['themeDay', 'theme_day', 1], ['groupMeeting', 'group_meeting', 1], ['memberMeeting', 'member_meeting', 3],
  ['partyLesson', 'party_lesson', SIZE[lesson]], ['lifeMeeting', 'life_meeting', 12], ['memberAppraisal', 'member_appraisal', 12], ['heartTalk', 'heart_talk', 12],
] as const;
const mi = (e: RawBuilder<unknown>) => sql`(extract(year FROM ${e})::int * 12 + extract(month FROM ${e})::int - 1)`;

/**
 * Missed periods of one kind: the months of the expected periods (whole periods from the first one
 * starting on or after the founding month, `lo`, to the last one ended by the day, `hi`) less the
 * months of the periods held (every month of a period with any month held), counted in periods.
 */
function missedOf(column: string, size: number, y0: number, hi: number, expected: RawBuilder<unknown> = sql`TRUE`) {
  const held = sql`coalesce(${sql.ref(`y.${column}`)}, 0)`;
  const spread = size === 1 ? sql`${held}` : sql.join(Array.from({ length: 12 / size }, (_, p) => {
    const m = ((1 << size) - 1) << (p * size);
    return sql`CASE WHEN ${held} & ${sql.lit(m)} <> 0 THEN ${sql.lit(m)} ELSE 0 END`;
  }), sql` + `);
  // First expected month of the year, rounded up to a period start (12 when none of the year is).
  const lo = sql`least(12, ((greatest(0, orgs.first_m - ${y0}) + ${sql.lit(size - 1)}) / ${sql.lit(size)}) * ${sql.lit(size)})`;
  const months = sql`greatest(0, ${sql.lit(1 << hi)} - (1 << ${lo}))`;
  return sql`CASE WHEN ${expected} THEN bit_count((${months} & ~(${spread}))::bit(12)) / ${sql.lit(size)} ELSE 0 END`;
}

/** `own`: count organisations by their own place only (a figure of an area), not those seen through a link (a list). */
export type LifeQueryOptions = { year: number; asOf: string; region?: string; dormantMonths: number; partyLessonEvery?: Frequency; own?: boolean };

export function orgLifeQuery(db: Executor, scope: Scope, o: LifeQueryOptions) {
  const y0 = o.year * 12;
  const asOfYear = Number(o.asOf.slice(0, 4));
  const asOfMi = asOfYear * 12 + Number(o.asOf.slice(5, 7)) - 1;
  // Months of the year ended by the day (0–12): a period is expected only once its last month is.
  const closed = Math.max(0, Math.min(12, asOfMi - y0));
  const region = o.region ? sql<SqlBool>`o.region_code LIKE ${o.region + '%'}` : sql<SqlBool>`TRUE`;
  const missed = sql.join(kinds(o.partyLessonEvery ?? 'quarter').map(([kind, column, size]) =>
    missedOf(column, size, y0, Math.floor(closed / size) * size, kind === 'groupMeeting' ? sql`g.org_id IS NOT NULL` : undefined)), sql` + `);
  return sql<OrgLifeRow>`
    WITH orgs AS (
      SELECT o.id, o.name, o.region_code, o.founded_on,
        CASE WHEN o.founded_on IS NULL THEN 0 ELSE ${mi(sql`o.founded_on`)} + CASE WHEN extract(day FROM o.founded_on) = 1 THEN 0 ELSE 1 END END AS first_m
      FROM party_org o
      WHERE o.status = 'active' AND o.org_type = 'branch' AND ${region} AND ${o.own ? ownedInScope(scope, 'org', 'o') : visibleInScope(scope, 'org', 'o')}
    ),
    -- Branches with a live 党小组 or that held a 党小组会 on or before the day, in any year: one hash join, not a probe per branch.
    g AS (SELECT gy.org_id FROM org_life_year gy WHERE gy.group_first_on <= ${o.asOf}
      UNION SELECT pg.org_id FROM party_group pg WHERE pg.dissolved_on IS NULL),
    s AS (
      SELECT orgs.*, (${missed})::int AS missed,
        CASE WHEN ${sql.ref(asOfYear === o.year ? 'y.last_on' : 'a.last_on')} <= ${o.asOf} THEN ${sql.ref(asOfYear === o.year ? 'y.last_on' : 'a.last_on')}
          ELSE (SELECT max(mt.held_on) FROM meeting mt WHERE mt.org_id = orgs.id AND mt.deleted_at IS NULL AND mt.held_on <= ${o.asOf}) END AS last_on
      FROM orgs
        LEFT JOIN org_life_year y ON y.org_id = orgs.id AND y.year = ${o.year}
        ${asOfYear === o.year ? sql`` : sql`LEFT JOIN org_life_year a ON a.org_id = orgs.id AND a.year = ${asOfYear}`}
        LEFT JOIN g ON g.org_id = orgs.id
    )
    SELECT s.id::text AS id, s.name, s.region_code, coalesce(s.missed, 0) AS missed, s.last_on::text AS last_on,
      CASE
        WHEN coalesce(s.last_on, s.founded_on) IS NULL
          OR ${asOfMi} - ${mi(sql`coalesce(s.last_on, s.founded_on)`)} >= ${o.dormantMonths} THEN 'dormant'
        WHEN coalesce(s.missed, 0) > 0 THEN 'lagging'
        ELSE 'compliant'
      END AS status
    FROM s`;
}

export type RollupRow = { region: string; name: string | null; total: number; compliant: number; lagging: number; dormant: number };

/** Counts by street (9 digits), district (6 digits) or any region level of the organisations' own place. */
export function rollupSql(db: Executor, scope: Scope, o: LifeQueryOptions & { digits: 2 | 4 | 6 | 9 | 12 }) {
  const q = orgLifeQuery(db, scope, o);
  return sql<RollupRow>`
    WITH s AS (${q}), c AS (
      SELECT left(s.region_code, ${sql.lit(o.digits)}) AS region, count(*)::int AS total,
        count(*) FILTER (WHERE s.status = 'compliant')::int AS compliant, count(*) FILTER (WHERE s.status = 'lagging')::int AS lagging,
        count(*) FILTER (WHERE s.status = 'dormant')::int AS dormant
      FROM s WHERE s.region_code IS NOT NULL GROUP BY 1)
    -- Named after counting: one look-up per area, not per branch.
    SELECT c.region, r.name, c.total, c.compliant, c.lagging, c.dormant
    FROM c LEFT JOIN region r ON r.code = rpad(c.region, 12, '0')
    ORDER BY c.region`;
}

/**
 * Runs a roll-up read without JIT: the planner prices the rarely taken last-meeting probe for every
 * branch and would spend seconds compiling (2 of 5.7 s at 200,000 branches, docs/benchmarks.md) for
 * a plan that runs in hash joins; set for the read's own transaction only.
 */
async function withoutJit<T>(db: Executor, f: (tx: Executor) => Promise<T>): Promise<T> {
  const run = async (tx: Executor) => { await sql`SELECT set_config('jit', 'off', true)`.execute(tx); return f(tx); };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

/** Counts by street (9 digits), district (6 digits) or any region level of the organisations' own place. */
export async function rollup(db: Executor, scope: Scope, o: LifeQueryOptions & { digits: 2 | 4 | 6 | 9 | 12 }): Promise<RollupRow[]> {
  return withoutJit(db, async (tx) => (await rollupSql(tx, scope, o).execute(tx)).rows);
}

export type OrgStatusFilter = LifeQueryOptions & { status?: OrgLifeRow['status'] };

/** Every organisation of the filter, in the list's order (the medium test and the export read it whole). */
export async function orgStatuses(db: Executor, scope: Scope, o: OrgStatusFilter): Promise<OrgLifeRow[]> {
  return (await orgStatusPage(db, scope, o, { offset: 0, limit: 1_000_000 })).rows;
}

export type OrgStatusPageRow = OrgLifeRow & { street_name: string | null; total: number };

/**
 * One page of the drill-down with the whole count (a window count: the roll-up is computed once
 * either way), each row named by its street so a district list reads without codes.
 */
export async function orgStatusPage(db: Executor, scope: Scope, o: OrgStatusFilter, page: { offset: number; limit: number }): Promise<{ rows: OrgStatusPageRow[]; total: number }> {
  const q = orgLifeQuery(db, scope, o);
  const status = o.status ? sql<SqlBool>`s.status = ${o.status}` : sql<SqlBool>`TRUE`;
  return withoutJit(db, async (tx) => {
    const r = await sql<OrgStatusPageRow>`
      WITH s AS (${q}), f AS (SELECT s.*, count(*) OVER ()::int AS total FROM s WHERE ${status} ORDER BY s.region_code, s.id OFFSET ${page.offset} LIMIT ${page.limit})
      SELECT f.*, st.name AS street_name FROM f LEFT JOIN region st ON st.code = rpad(left(f.region_code, 9), 12, '0')
      ORDER BY f.region_code, f.id`.execute(tx);
    // Past the last row the window count is gone with the rows: count again only then.
    const total = r.rows[0]?.total ?? (page.offset > 0 ? (await sql<{ n: number }>`WITH s AS (${q}) SELECT count(*)::int AS n FROM s WHERE ${status}`.execute(tx)).rows[0]!.n : 0);
    return { rows: r.rows, total };
  });
}
