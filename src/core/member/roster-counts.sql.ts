import { sql, type RawBuilder } from 'kysely';

/**
 * Member counts from the roster (docs/members.md, "Counts"). An organisation with `roster_since`
 * keeps its roster here: its full / probationary counts are its members on the roll (every status
 * but 已出党) by category; without it the typed numbers stand (填报数). An enterprise covered today
 * by an organisation that keeps a roster counts the members employed there; otherwise the ledger's
 * 党员数量 stands. Correlated sub-queries on indexed columns, for pages and batches; the coverage
 * rows (coverage-rows.sql.ts) do the same set-based for the whole jurisdiction.
 */
const ref = (alias: string, column: string) => sql.ref(`${alias}.${column}`);

const rosterCount = (alias: string, category: 'full' | 'probationary') =>
  sql<number>`(SELECT count(*)::int FROM party_member rc WHERE rc.org_id = ${ref(alias, 'id')} AND rc.status <> 'left' AND rc.category = ${category})`;

/** The organisation's counts as shown and used by the rules; `alias` is the query's party_org alias. */
export function orgMemberCounts(alias: string) {
  const pick = (category: 'full' | 'probationary', typed: string) =>
    sql<number>`CASE WHEN ${ref(alias, 'roster_since')} IS NULL THEN ${ref(alias, typed)} ELSE ${rosterCount(alias, category)} END`;
  return [pick('full', 'full_members').as('roster_full_members'), pick('probationary', 'probationary_members').as('roster_probationary_members')];
}

/** "An organisation covering the enterprise (alias) today keeps a roster." */
export const enterpriseHasRoster = (alias: string): RawBuilder<boolean> => sql<boolean>`EXISTS (SELECT 1 FROM party_org_coverage rcv
  JOIN party_org ro ON ro.id = rcv.org_id WHERE rcv.enterprise_id = ${ref(alias, 'id')} AND rcv.until IS NULL AND ro.roster_since IS NOT NULL)`;

const employed = (alias: string, category: 'full' | 'probationary') =>
  sql<number>`(SELECT count(*)::int FROM party_member re WHERE re.enterprise_id = ${ref(alias, 'id')} AND re.status <> 'left' AND re.category = ${category})`;

/** The enterprise's full members (roster or ledger) and probationary members (roster, else 0). */
export function enterpriseMemberCounts(alias: string) {
  const has = enterpriseHasRoster(alias);
  return [
    sql<number | null>`CASE WHEN ${has} THEN ${employed(alias, 'full')} ELSE ${ref(alias, 'member_count')} END`.as('member_count'),
    sql<number>`CASE WHEN ${has} THEN ${employed(alias, 'probationary')} ELSE 0 END`.as('probationary_count'),
    sql<boolean>`${has}`.as('members_from_roster'),
  ];
}

/**
 * The same three columns for a batch of enterprise ids, set-based: the roster check and both counts
 * in one grouped pass over the batch (derived table `rc`, LEFT JOINed on `rc.enterprise_id`), where
 * the select-list form above runs the check three times and the roster twice per row. For the
 * batches of the inbox refresh (20,000 ids a page): 5.4 × faster there (docs/benchmarks.md, "Import").
 */
export function enterpriseRosterCountsOf(ids: readonly string[]) {
  return sql<{ enterprise_id: string; full_count: number; probationary_count: number }>`(
    SELECT r.enterprise_id, (count(re.id) FILTER (WHERE re.category = 'full'))::int AS full_count,
      (count(re.id) FILTER (WHERE re.category = 'probationary'))::int AS probationary_count
    FROM (SELECT DISTINCT rcv.enterprise_id FROM party_org_coverage rcv JOIN party_org ro ON ro.id = rcv.org_id
          WHERE rcv.enterprise_id = ANY(${[...ids]}::bigint[]) AND rcv.until IS NULL AND ro.roster_since IS NOT NULL) r
    LEFT JOIN party_member re ON re.enterprise_id = r.enterprise_id AND re.status <> 'left'
    GROUP BY r.enterprise_id)`.as('rc');
}

/** The columns `enterpriseMemberCounts` gives, read from `enterpriseRosterCountsOf` joined as `rc` (enterprise alias `e`). */
export const ROSTER_COUNT_COLUMNS = [
  sql<number | null>`CASE WHEN rc.enterprise_id IS NOT NULL THEN rc.full_count ELSE e.member_count END`.as('member_count'),
  sql<number>`coalesce(rc.probationary_count, 0)`.as('probationary_count'),
  sql<boolean>`rc.enterprise_id IS NOT NULL`.as('members_from_roster'),
];
