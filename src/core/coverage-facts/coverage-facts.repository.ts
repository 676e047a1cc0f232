import { sql } from 'kysely';
import type { Executor } from '../../db/schema.js';
import type { OperatingStatus } from '../../db/tables/foundation.js';
import { enterpriseInScope, type Scope } from '../access/scope.js';
import { asColumn, enterpriseInScopeSql, ownedInScope, partyOrgInScope, unionInScope } from '../access/party-org-scope.js';
import { unionRosterCounts } from '../union-member/union-member-counts.js';
import { enterpriseMemberCounts, enterpriseRosterCountsOf, orgMemberCounts, ROSTER_COUNT_COLUMNS } from '../member/roster-counts.sql.js';

/**
 * Set-based reads for the fact assembler: each function takes a whole batch of ids and returns all
 * rows for them in ONE query (`= ANY($1::bigint[])`), so assembling N enterprises costs a constant
 * number of round trips per batch, never one per row. Only intervals in force on the date are read.
 */
const ids = (list: string[]) => sql`ANY(${list}::bigint[])`;
const inForce = (since: string, until: string, date: string) =>
  sql<boolean>`${sql.ref(since)} <= ${date}::date AND (${sql.ref(until)} IS NULL OR ${sql.ref(until)} > ${date}::date)`;

export type EnterpriseBase = {
  id: string; credit_code: string; name: string; region_code: string | null; operating_status: OperatingStatus; founded_on: string | null;
  employee_count: number | null; member_count: number | null; park_id: string | null; association_id: string | null;
  /** From the roster when an organisation covering it keeps one (member_count is then the roster's full members). */
  probationary_count: number; members_from_roster: boolean;
};

const ENTERPRISE_COLUMNS = ['e.id', 'e.credit_code', 'e.name', 'e.region_code', 'e.operating_status', 'e.founded_on', 'e.employee_count', 'e.park_id', 'e.association_id'] as const;
const enterpriseColumns = () => [...ENTERPRISE_COLUMNS, ...enterpriseMemberCounts('e')];

/** One keyset page of the enterprises a scope sees (optionally under a region prefix), by id. */
export async function enterprisePage(db: Executor, scope: Scope, f: { regionPrefix?: string; afterId?: string; limit: number }): Promise<EnterpriseBase[]> {
  let q = db.selectFrom('enterprise as e').select(enterpriseColumns()).where(enterpriseInScope(scope));
  if (f.regionPrefix) q = q.where('e.region_code', 'like', `${f.regionPrefix}%`);
  if (f.afterId) q = q.where('e.id', '>', f.afterId);
  return q.orderBy('e.id').limit(f.limit).execute();
}

export async function findVisibleEnterpriseBase(db: Executor, scope: Scope, id: string): Promise<EnterpriseBase | undefined> {
  return db.selectFrom('enterprise as e').select(enterpriseColumns()).where('e.id', '=', id).where(enterpriseInScope(scope)).executeTakeFirst();
}

export async function enterprisesByIds(db: Executor, list: string[]): Promise<EnterpriseBase[]> {
  if (!list.length) return [];
  // A batch (the inbox refresh reads 20,000 a page): the member counts in one grouped pass, not per row.
  return db.selectFrom('enterprise as e').leftJoin(enterpriseRosterCountsOf(list), (j) => j.onRef('rc.enterprise_id', '=', 'e.id'))
    .select([...ENTERPRISE_COLUMNS, ...ROSTER_COUNT_COLUMNS]).where(sql<boolean>`e.id = ${ids(list)}`).orderBy('e.id').execute();
}

export async function orgCoverageOf(db: Executor, list: string[], date: string) {
  return db.selectFrom('party_org_coverage as c').innerJoin('party_org as o', 'o.id', 'c.org_id')
    .select(['c.enterprise_id', 'c.org_id', 'c.mode', 'c.since', 'c.until', 'o.name as org_name'])
    .where(sql<boolean>`c.enterprise_id = ${ids(list)}`).where(inForce('c.since', 'c.until', date)).execute();
}

export async function assignmentsOf(db: Executor, list: string[], date: string) {
  return db.selectFrom('instructor_assignment as a').innerJoin('instructor as i', 'i.id', 'a.instructor_id')
    .select(['a.enterprise_id', 'a.since', 'a.until', 'i.kind', 'i.id as instructor_id'])
    .where(sql<boolean>`a.enterprise_id = ${ids(list)}`).where('i.status', '=', 'active').where(inForce('a.since', 'a.until', date)).execute();
}

export async function unionCoverageOf(db: Executor, list: string[], date: string) {
  return db.selectFrom('union_coverage as c').select(['c.enterprise_id', 'c.union_id', 'c.since', 'c.until'])
    .where(sql<boolean>`c.enterprise_id = ${ids(list)}`).where(inForce('c.since', 'c.until', date)).execute();
}

export async function orgsByIds(db: Executor, list: string[]) {
  if (!list.length) return [];
  return db.selectFrom('party_org as o').selectAll('o').select(orgMemberCounts('o')).where(sql<boolean>`o.id = ${ids(list)}`).orderBy('o.id').execute();
}

export async function positionsOf(db: Executor, orgIds: string[], date: string) {
  return db.selectFrom('org_position').select(['org_id', 'person_id', 'position', 'since', 'until'])
    .where(sql<boolean>`org_id = ${ids(orgIds)}`).where(inForce('since', 'until', date)).execute();
}

export async function coveredEnterprisesOf(db: Executor, orgIds: string[], date: string) {
  return db.selectFrom('party_org_coverage as c').innerJoin('enterprise as e', 'e.id', 'c.enterprise_id')
    .select(['c.org_id', 'c.since', 'c.until', 'e.id', 'e.name', 'e.operating_status']).select(enterpriseMemberCounts('e'))
    .where(sql<boolean>`c.org_id = ${ids(orgIds)}`).where(inForce('c.since', 'c.until', date)).execute();
}

export async function unionsByIds(db: Executor, list: string[]) {
  if (!list.length) return [];
  // 会员 / 女会员 from the roster when the union keeps one (docs/unions.md, "Counts"), as its page shows them.
  return db.selectFrom('union_org as u').innerJoinLateral(unionRosterCounts('u'), (j) => j.onTrue())
    .selectAll('u').select(['urc.members as roster_members', 'urc.female_members as roster_female_members'])
    .where(sql<boolean>`u.id = ${ids(list)}`).orderBy('u.id').execute();
}

export async function contractsOf(db: Executor, unionIds: string[]) {
  return db.selectFrom('union_contract').select(['union_id', 'kind', 'signed_on', 'ends_on']).where(sql<boolean>`union_id = ${ids(unionIds)}`).execute();
}

export async function unionCoveredEnterprisesOf(db: Executor, unionIds: string[], date: string) {
  return db.selectFrom('union_coverage as c').innerJoin('enterprise as e', 'e.id', 'c.enterprise_id')
    .select(['c.union_id', 'c.since', 'c.until', 'e.id', 'e.name', 'e.operating_status'])
    .where(sql<boolean>`c.union_id = ${ids(unionIds)}`).where(inForce('c.since', 'c.until', date)).execute();
}


/** Keyset pages of the organisations / unions a scope sees, for the work lists. */
export async function orgIdPage(db: Executor, scope: Scope, f: { regionPrefix?: string; afterId?: string; limit: number }) {
  let q = db.selectFrom('party_org as o').select(['o.id', 'o.name', 'o.region_code', asColumn(ownedInScope(scope, 'org', 'o')).as('owned')]).where(partyOrgInScope(scope)).where('o.status', '=', 'active');
  if (f.regionPrefix) q = q.where('o.region_code', 'like', `${f.regionPrefix}%`);
  if (f.afterId) q = q.where('o.id', '>', f.afterId);
  return q.orderBy('o.id').limit(f.limit).execute();
}

export async function unionIdPage(db: Executor, scope: Scope, f: { regionPrefix?: string; afterId?: string; limit: number }) {
  let q = db.selectFrom('union_org as u').select(['u.id', 'u.name', 'u.region_code', asColumn(ownedInScope(scope, 'union', 'u')).as('owned')]).where(unionInScope(scope)).where('u.status', '=', 'active');
  if (f.regionPrefix) q = q.where('u.region_code', 'like', `${f.regionPrefix}%`);
  if (f.afterId) q = q.where('u.id', '>', f.afterId);
  return q.orderBy('u.id').limit(f.limit).execute();
}

/** Which of these enterprises the scope reaches (a partial view keeps only findings about those). */
export async function enterpriseIdsInScope(db: Executor, scope: Scope, ids: string[]): Promise<Set<string>> {
  const inScope = enterpriseInScopeSql(scope, 'e');
  if (!ids.length || !inScope) return new Set();
  const rows = await db.selectFrom('enterprise as e').select('e.id').where('e.id', 'in', [...new Set(ids)]).where(inScope).execute();
  return new Set(rows.map((r) => r.id));
}

/** Display names of planner groups (community regions, parks, associations), keyed `kind:key`. */
export async function groupNames(db: Executor, groups: Array<{ kind: string; key: string }>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const of = (kind: string) => [...new Set(groups.filter((g) => g.kind === kind).map((g) => g.key))];
  const [regions, parks, assocs] = [of('community'), of('park').filter((k) => /^\d+$/.test(k)), of('association').filter((k) => /^\d+$/.test(k))];
  if (regions.length) for (const r of await db.selectFrom('region').select(['code', 'name']).where('code', 'in', regions).execute()) out.set(`community:${r.code}`, r.name);
  if (parks.length) for (const r of await db.selectFrom('park').select(['id', 'name']).where('id', 'in', parks).execute()) out.set(`park:${r.id}`, r.name);
  if (assocs.length) for (const r of await db.selectFrom('association').select(['id', 'name']).where('id', 'in', assocs).execute()) out.set(`association:${r.id}`, r.name);
  return out;
}
