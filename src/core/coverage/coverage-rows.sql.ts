import { sql, type RawBuilder } from 'kysely';
import { factAsOf, factHistoryCtes, HIST, unionMembersCte } from './fact-history.sql.js';

/** The enterprise columns the rows carry, each as of the date. */
const AS_OF_COLUMNS = ['region_code', 'park_id', 'association_id', 'industry', 'size_class', 'above_designated_size', 'employee_count', 'member_count'];

/**
 * The coverage row of every enterprise as of a date, in one set-based statement (hash joins over
 * pre-grouped intervals, no per-row sub-queries), mirroring the rule engine:
 *
 * * status (src/domain/rules/evaluate-enterprise.ts): not operating → closed; else the strongest
 *   party-organisation coverage in force (standalone > dispatched > joint > attached); else an
 *   active instructor/liaison assignment in force → workOnly; else gap. Union coverage is not
 *   Party work in the ledger yet (`partyWork` false in the fact assembler), so it never counts.
 *   test/medium/coverage-figures.test.ts proves equality with the engine on generated worlds;
 *   test/medium/coverage-rows.test.ts that the facts are the ones recorded for the date.
 * * the enterprise's facts AT the date (fact-history.sql.ts): operating status, region, park,
 *   association, industry, size class, above-designated-size, employees and Party members are, for
 *   each fact, the `before` of the first change recorded after the day (enterprise_change.changes
 *   = { factKey: [before, after] }), else today's value — one GROUP BY over the changes after the
 *   day, so a past month is grouped and counted as it was, not by today's placement and sizes.
 *   A union's members likewise, from its 'adjusted' union_events dated after the day.
 * * an enterprise founded after the date is not yet in the ledger at that date (founding dates are
 *   today's: a correction, not an event).
 * * secretary_vacant: covered by organisations of which none has a secretary in force.
 * * full_members: the roster's full members employed at the enterprise (every status but 已出党) when
 *   an organisation covering it on the date keeps a roster since that date or earlier
 *   (docs/members.md, "Counts"; members_from_roster); else the ledger's 党员数量 as of the date —
 *   the 填报数. The roster is today's roll: a past date after roster_since counts today's members.
 * * union_members: a union's members shared among the enterprises it covers by employees (floor;
 *   both as of the date), since a joint union's roll is not split by enterprise; has_contract: a
 *   collective contract of a covering union in force on the date (ends_on is its last day). A union
 *   keeping a real-name roster since the date or earlier counts its active union_member rows
 *   (today's roll, like the Party roster) instead of the typed 会员数 (union_members_from_roster:
 *   every covering union does); has_congress: a covering union held a 职代会 / 职工大会 in the year
 *   up to the date (held_on in (date − 1 year, date]).
 *
 * Interval convention (docs/organisations.md): in force on D when since <= D AND (until IS NULL
 * OR until > D).
 *
 * `only`: the rows of these enterprises alone (the incremental refresh, coverage-refresh.ts). Each
 * part is cut to what those rows read — their organisations, and their unions whole, since a union's
 * share needs all of its enterprises — because the planner does not carry `id = ANY(…)` through the
 * grouped parts by itself. Without `only` the statement is the full one, unchanged.
 */
export function coverageRowsAt(date: string, only?: readonly string[]): RawBuilder<unknown> {
  const d = sql`${date}::date`;
  const ids = only ? sql`${[...only]}::bigint[]` : null;
  const cut = (cond: (ids: RawBuilder<unknown>) => RawBuilder<unknown>) => (ids ? sql`AND ${cond(ids)}` : sql``);
  const picked = ids ? sql`picked_org AS (SELECT DISTINCT org_id FROM party_org_coverage WHERE enterprise_id = ANY(${ids})),
    picked_union AS (SELECT DISTINCT union_id FROM union_coverage WHERE enterprise_id = ANY(${ids})), ` : sql``;
  const ofOrg = (col: string) => cut(() => sql`${sql.ref(col)} IN (SELECT org_id FROM picked_org)`);
  const ofUnion = (col: string) => cut(() => sql`${sql.ref(col)} IN (SELECT union_id FROM picked_union)`);
  const ofEnterprise = (col: string) => cut((i) => sql`${sql.ref(col)} = ANY(${i})`);
  const inForce = (a: string) => sql`${sql.ref(`${a}.since`)} <= ${d} AND (${sql.ref(`${a}.until`)} IS NULL OR ${sql.ref(`${a}.until`)} > ${d})`;
  const emp = sql`coalesce(${factAsOf('employee_count', 'x')}, 0)`;
  const asOfColumns = sql.join(AS_OF_COLUMNS.map((c) => sql`${factAsOf(c)} AS ${sql.ref(c)}`));
  return sql`
    WITH ${picked}${factHistoryCtes(d)}, ${unionMembersCte(d)}, sec AS (
      SELECT DISTINCT p.org_id FROM org_position p WHERE p.position = 'secretary' AND ${inForce('p')} ${ofOrg('p.org_id')}
    ), org AS (
      SELECT c.enterprise_id,
             max(CASE c.mode WHEN 'standalone' THEN 4 WHEN 'dispatched' THEN 3 WHEN 'joint' THEN 2 ELSE 1 END) AS rank,
             bool_or(sec.org_id IS NOT NULL) AS has_secretary
        FROM party_org_coverage c LEFT JOIN sec ON sec.org_id = c.org_id
       WHERE ${inForce('c')} ${ofEnterprise('c.enterprise_id')} GROUP BY c.enterprise_id
    ), work AS (
      SELECT DISTINCT a.enterprise_id FROM instructor_assignment a JOIN instructor i ON i.id = a.instructor_id
       WHERE i.status = 'active' AND ${inForce('a')} ${ofEnterprise('a.enterprise_id')}
    ), ucov AS (
      -- A union's totals ride along as window sums (one sort by union) instead of a grouped CTE
      -- joined back: the planner mis-estimated that join by orders of magnitude at 1M rows.
      SELECT c.enterprise_id, c.union_id, ${emp} AS emp, sum(${emp}) OVER w AS union_emp, count(*) OVER w AS union_n
        FROM union_coverage c JOIN enterprise x ON x.id = c.enterprise_id LEFT JOIN ${HIST} h ON h.enterprise_id = x.id
       WHERE ${inForce('c')} ${ofUnion('c.union_id')}
      WINDOW w AS (PARTITION BY c.union_id)
    ), contract AS (
      SELECT DISTINCT k.union_id FROM union_contract k
       WHERE k.kind = 'collective' AND k.starts_on <= ${d} AND k.ends_on >= ${d} ${ofUnion('k.union_id')}
    ), congress AS (
      SELECT DISTINCT g.union_id FROM union_congress g
       WHERE g.held_on <= ${d} AND g.held_on > (${d} - interval '1 year')::date ${ofUnion('g.union_id')}
    ), roll AS (
      SELECT m.union_id, count(*)::int AS n FROM union_member m WHERE m.status = 'active' ${ofUnion('m.union_id')} GROUP BY m.union_id
    ), uni AS (
      -- Integer division is the floor here (members, employees >= 0 by CHECK); numeric shares made
      -- this 307k-group aggregate twice as big and spill at 1M (docs/benchmarks.md, Month snapshot).
      SELECT ucov.enterprise_id,
             sum((CASE WHEN ucov.union_emp > 0 THEN u.members::bigint * ucov.emp / ucov.union_emp ELSE u.members / ucov.union_n END)::int)::int AS members,
             bool_or(contract.union_id IS NOT NULL) AS contract, bool_or(congress.union_id IS NOT NULL) AS congress,
             bool_and(u.from_roster) AS from_roster
        FROM ucov
        JOIN (SELECT u.id, u.roster_since IS NOT NULL AND u.roster_since <= ${d} AS from_roster,
                     CASE WHEN u.roster_since IS NOT NULL AND u.roster_since <= ${d} THEN coalesce(roll.n, 0)
                          ELSE coalesce(umem.members, u.members) END AS members
                FROM union_org u LEFT JOIN umem ON umem.union_id = u.id LEFT JOIN roll ON roll.union_id = u.id
                ${ids ? sql`WHERE u.id IN (SELECT union_id FROM picked_union)` : sql``}) u ON u.id = ucov.union_id
        LEFT JOIN contract ON contract.union_id = ucov.union_id
        LEFT JOIN congress ON congress.union_id = ucov.union_id
       GROUP BY ucov.enterprise_id
    ), rost AS (
      SELECT DISTINCT c.enterprise_id FROM party_org_coverage c JOIN party_org o ON o.id = c.org_id
       WHERE o.roster_since IS NOT NULL AND o.roster_since <= ${d} AND ${inForce('c')} ${ofEnterprise('c.enterprise_id')}
    ), rmem AS (
      SELECT pm.enterprise_id, count(*) FILTER (WHERE pm.category = 'full')::int AS full_n
        FROM party_member pm WHERE pm.enterprise_id IS NOT NULL AND pm.status <> 'left' ${ofEnterprise('pm.enterprise_id')} GROUP BY pm.enterprise_id
    ), base AS (
      SELECT e.id, ${asOfColumns}, ${factAsOf('operating_status')} = 'active' AS is_active
        FROM enterprise e LEFT JOIN ${HIST} h ON h.enterprise_id = e.id
       WHERE (e.founded_on IS NULL OR e.founded_on <= ${d}) ${ofEnterprise('e.id')}
    )
    SELECT b.id, b.region_code, b.park_id, b.association_id, b.industry, b.size_class,
           b.above_designated_size, b.is_active AS active,
           CASE WHEN NOT b.is_active THEN 'closed'
                WHEN org.rank = 4 THEN 'standalone' WHEN org.rank = 3 THEN 'dispatched'
                WHEN org.rank = 2 THEN 'joint' WHEN org.rank = 1 THEN 'attached'
                WHEN work.enterprise_id IS NOT NULL THEN 'workOnly' ELSE 'gap' END AS status,
           CASE WHEN rost.enterprise_id IS NOT NULL THEN coalesce(rmem.full_n, 0) ELSE coalesce(b.member_count, 0) END AS full_members,
           rost.enterprise_id IS NOT NULL AS members_from_roster, coalesce(b.employee_count, 0) AS employees,
           uni.enterprise_id IS NOT NULL AS has_union, coalesce(uni.members, 0) AS union_members,
           coalesce(uni.contract, false) AS has_contract, coalesce(uni.congress, false) AS has_congress,
           coalesce(uni.from_roster, false) AS union_members_from_roster,
           (org.enterprise_id IS NOT NULL AND NOT org.has_secretary) AS secretary_vacant
      FROM base b
      LEFT JOIN org ON org.enterprise_id = b.id
      LEFT JOIN work ON work.enterprise_id = b.id
      LEFT JOIN uni ON uni.enterprise_id = b.id
      LEFT JOIN rost ON rost.enterprise_id = b.id
      LEFT JOIN rmem ON rmem.enterprise_id = b.id`;
}

export const COVERAGE_ROW_COLUMNS = [
  'id', 'region_code', 'park_id', 'association_id', 'industry', 'size_class', 'above_designated_size', 'active',
  'status', 'full_members', 'employees', 'has_union', 'union_members', 'has_contract', 'secretary_vacant', 'members_from_roster',
  'has_congress', 'union_members_from_roster',
] as const;
