import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../db/schema.js';
import { ownedInScope, visibleInScope } from '../access/party-org-scope.js';
import type { Scope } from '../access/scope.js';
import type { Frequency } from '../../domain/rules/life-catalogue.js';

/**
 * The compliance roll-up in one set-based query (docs/life.md): for every active 党支部 the reader
 * sees, the periods of the year that have ended by the day and were expected of it (after its
 * founding; 党小组会 only where it has held one), those without a meeting of the kind, and the last
 * meeting of any kind — then 达标 / 滞后 / 不活跃 by the same rules as life-compliance.ts, which the
 * medium test holds it to. Periods are month indexes (year·12 + month − 1).
 */
export type OrgLifeRow = { id: string; name: string; region_code: string | null; missed: number; last_on: string | null; status: 'compliant' | 'lagging' | 'dormant' };

const SIZE = { month: 1, quarter: 3, halfYear: 6, year: 12 } as const;
/** The kinds a 党支部 is expected to hold and their period in months; the 党课's is a setting. */
const kinds = (lesson: Frequency) => sql`(VALUES ('committeeMeeting', 1), ('themeDay', 1), ('groupMeeting', 1), ('memberMeeting', 3), ('partyLesson', ${sql.lit(SIZE[lesson])}),
  ('lifeMeeting', 12), ('memberAppraisal', 12), ('heartTalk', 12)) AS k(kind, size)`;
const mi = (e: RawBuilder<unknown>) => sql`(extract(year FROM ${e})::int * 12 + extract(month FROM ${e})::int - 1)`;

/** `own`: count organisations by their own place only (a figure of an area), not those seen through a link (a list). */
export type LifeQueryOptions = { year: number; asOf: string; region?: string; dormantMonths: number; partyLessonEvery?: Frequency; own?: boolean };

export function orgLifeQuery(db: Executor, scope: Scope, o: LifeQueryOptions) {
  const y0 = o.year * 12;
  const asOfMi = Number(o.asOf.slice(0, 4)) * 12 + Number(o.asOf.slice(5, 7)) - 1;
  const lastClosed = Math.min(y0 + 11, asOfMi - 1);
  const region = o.region ? sql<SqlBool>`o.region_code LIKE ${o.region + '%'}` : sql<SqlBool>`TRUE`;
  return sql<OrgLifeRow>`
    WITH orgs AS MATERIALIZED (
      SELECT o.id, o.name, o.region_code, o.founded_on,
        CASE WHEN o.founded_on IS NULL THEN 0 ELSE ${mi(sql`o.founded_on`)} + CASE WHEN extract(day FROM o.founded_on) = 1 THEN 0 ELSE 1 END END AS first_m,
        -- Once per organisation, not once per expected period.
        EXISTS (SELECT 1 FROM party_group pg WHERE pg.org_id = o.id AND pg.dissolved_on IS NULL) AS roster_groups
      FROM party_org o
      WHERE o.status = 'active' AND o.org_type = 'branch' AND ${region} AND ${o.own ? ownedInScope(scope, 'org', 'o') : visibleInScope(scope, 'org', 'o')}
    ),
    held AS MATERIALIZED (
      -- Each meeting named by the start of the period it falls in, so the anti-join below is on
      -- equality (a hash anti-join) rather than a month range (docs/benchmarks.md, "Organisational life").
      SELECT DISTINCT mt.org_id, mt.kind, ${y0} + ((${mi(sql`mt.held_on`)} - ${y0}) / k.size) * k.size AS s
      FROM meeting mt JOIN orgs ON orgs.id = mt.org_id JOIN ${kinds(o.partyLessonEvery ?? 'quarter')} ON k.kind = mt.kind
      WHERE mt.deleted_at IS NULL AND mt.held_on >= ${`${o.year}-01-01`} AND mt.held_on <= ${o.asOf}
    ),
    latest AS MATERIALIZED (
      SELECT mt.org_id, max(mt.held_on) AS last_on, bool_or(mt.kind = 'groupMeeting') AS groups
      FROM meeting mt JOIN orgs ON orgs.id = mt.org_id
      WHERE mt.deleted_at IS NULL AND mt.held_on <= ${o.asOf}
      GROUP BY mt.org_id
    ),
    periods AS (
      SELECT orgs.id AS org_id, k.kind, k.size, ${y0} + p.idx AS s
      FROM orgs CROSS JOIN ${kinds(o.partyLessonEvery ?? 'quarter')} CROSS JOIN generate_series(0, 11) AS p(idx)
      LEFT JOIN latest ON latest.org_id = orgs.id
      WHERE p.idx % k.size = 0 AND ${y0} + p.idx >= orgs.first_m AND ${y0} + p.idx + k.size - 1 <= ${lastClosed}
        AND (k.kind <> 'groupMeeting' OR coalesce(latest.groups, FALSE) OR orgs.roster_groups)
    ),
    missed AS (
      SELECT pr.org_id, count(*)::int AS n
      FROM periods pr LEFT JOIN held h ON h.org_id = pr.org_id AND h.kind = pr.kind AND h.s = pr.s
      WHERE h.org_id IS NULL
      GROUP BY pr.org_id
    )
    SELECT orgs.id::text AS id, orgs.name, orgs.region_code, coalesce(missed.n, 0) AS missed, latest.last_on::text AS last_on,
      CASE
        WHEN coalesce(latest.last_on, orgs.founded_on) IS NULL
          OR ${asOfMi} - ${mi(sql`coalesce(latest.last_on, orgs.founded_on)`)} >= ${o.dormantMonths} THEN 'dormant'
        WHEN coalesce(missed.n, 0) > 0 THEN 'lagging'
        ELSE 'compliant'
      END AS status
    FROM orgs LEFT JOIN missed ON missed.org_id = orgs.id LEFT JOIN latest ON latest.org_id = orgs.id`;
}

export type RollupRow = { region: string; name: string | null; total: number; compliant: number; lagging: number; dormant: number };

/** Counts by street (9 digits), district (6 digits) or any region level of the organisations' own place. */
export function rollupSql(db: Executor, scope: Scope, o: LifeQueryOptions & { digits: 2 | 4 | 6 | 9 | 12 }) {
  const q = orgLifeQuery(db, scope, o);
  return sql<RollupRow>`
    WITH s AS (${q}), g AS (SELECT left(s.region_code, ${sql.lit(o.digits)}) AS region, s.status FROM s WHERE s.region_code IS NOT NULL)
    SELECT g.region, min(r.name) AS name, count(*)::int AS total,
      count(*) FILTER (WHERE g.status = 'compliant')::int AS compliant, count(*) FILTER (WHERE g.status = 'lagging')::int AS lagging,
      count(*) FILTER (WHERE g.status = 'dormant')::int AS dormant
    FROM g LEFT JOIN region r ON r.code = rpad(g.region, 12, '0')
    GROUP BY g.region ORDER BY g.region`;
}

/** Counts by street (9 digits), district (6 digits) or any region level of the organisations' own place. */
export async function rollup(db: Executor, scope: Scope, o: LifeQueryOptions & { digits: 2 | 4 | 6 | 9 | 12 }): Promise<RollupRow[]> {
  return (await rollupSql(db, scope, o).execute(db)).rows;
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
  const r = await sql<OrgStatusPageRow>`
    WITH s AS (${q}), f AS (SELECT s.*, count(*) OVER ()::int AS total FROM s WHERE ${status} ORDER BY s.region_code, s.id OFFSET ${page.offset} LIMIT ${page.limit})
    SELECT f.*, st.name AS street_name FROM f LEFT JOIN region st ON st.code = rpad(left(f.region_code, 9), 12, '0')
    ORDER BY f.region_code, f.id`.execute(db);
  // Past the last row the window count is gone with the rows: count again only then.
  const total = r.rows[0]?.total ?? (page.offset > 0 ? (await sql<{ n: number }>`WITH s AS (${q}) SELECT count(*)::int AS n FROM s WHERE ${status}`.execute(db)).rows[0]!.n : 0);
  return { rows: r.rows, total };
}
