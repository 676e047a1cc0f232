import type { Executor } from '../../db/schema.js';
import type { EnterpriseRuleFacts, OrgRuleFacts, UnionRuleFacts } from '../../domain/rules/index.js';
import {
  assignmentsOf, contractsOf, coveredEnterprisesOf, enterprisesByIds, orgCoverageOf, orgsByIds, positionsOf,
  unionCoveredEnterprisesOf, unionCoverageOf, unionsByIds, type EnterpriseBase,
} from './coverage-facts.repository.js';

/**
 * Builds the rule engine's facts (src/domain/rules/facts.ts) from the database for a batch of
 * records at a date, in a fixed number of set-based queries per batch (see the repository).
 *
 * Mapping decisions (docs/organisations.md):
 * * an enterprise's `fullMembers` is the roster's full members employed there when an organisation
 *   covering it keeps a roster (docs/members.md, "Counts"), with its probationary members; else the
 *   ledger's 党员数量 (`member_count`), probationary members then not known separately (0);
 * * an organisation's member counts are its roster's when it keeps one (`roster_since`), else its
 *   typed `full_members` / `probationary_members`;
 * * a union's 会员 / 女会员 are its active members by name when it keeps a roster (`roster_since`,
 *   docs/unions.md "Counts"), else its typed numbers;
 * * a union coverage counts as Party work (work coverage) only when the rules are told so — the
 *   ledger does not record it yet, so `partyWork` is false;
 * * a union has an "organiser" when `organiser_person_id` is set.
 */
export type GroupedRows<T> = Map<string, T[]>;

function groupBy<T, K extends keyof T>(rows: T[], key: K): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = String(r[key]);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

/** Facts for the given enterprises (already loaded rows), as of `date`. */
export async function enterpriseFactsFor(db: Executor, rows: EnterpriseBase[], date: string): Promise<EnterpriseRuleFacts[]> {
  if (!rows.length) return [];
  const list = rows.map((r) => r.id);
  const [orgs, assignments, unions] = await Promise.all([orgCoverageOf(db, list, date), assignmentsOf(db, list, date), unionCoverageOf(db, list, date)]);
  const orgBy = groupBy(orgs, 'enterprise_id');
  const insBy = groupBy(assignments, 'enterprise_id');
  const uniBy = groupBy(unions, 'enterprise_id');
  return rows.map((e) => ({
    id: e.id,
    name: e.name,
    regionCode: e.region_code ?? '',
    operatingStatus: e.operating_status,
    foundedOn: e.founded_on,
    employeeCount: e.employee_count,
    fullMembers: e.member_count ?? 0,
    probationaryMembers: e.probationary_count,
    parkId: e.park_id,
    associationId: e.association_id,
    buildingId: null,
    coverage: {
      orgs: (orgBy.get(e.id) ?? []).map((c) => ({ orgId: c.org_id, setupMode: c.mode, since: c.since, until: c.until })),
      instructors: (insBy.get(e.id) ?? []).map((a) => ({ kind: a.kind, since: a.since, until: a.until })),
      unions: (uniBy.get(e.id) ?? []).map((u) => ({ unionId: u.union_id, since: u.since, until: u.until, partyWork: false })),
    },
  }));
}

export async function enterpriseFactsByIds(db: Executor, ids: string[], date: string): Promise<EnterpriseRuleFacts[]> {
  return enterpriseFactsFor(db, await enterprisesByIds(db, ids), date);
}

/** Facts for the given organisations as of `date`. Dissolved organisations are left out. */
export async function orgFactsByIds(db: Executor, ids: string[], date: string): Promise<OrgRuleFacts[]> {
  const orgs = (await orgsByIds(db, ids)).filter((o) => o.status === 'active');
  if (!orgs.length) return [];
  const list = orgs.map((o) => o.id);
  const [positions, covered] = await Promise.all([positionsOf(db, list, date), coveredEnterprisesOf(db, list, date)]);
  const posBy = groupBy(positions, 'org_id');
  const covBy = groupBy(covered, 'org_id');
  return orgs.map((o) => ({
    id: o.id,
    name: o.name,
    regionCode: o.region_code,
    orgType: o.org_type,
    setupMode: o.setup_mode,
    temporary: o.temporary,
    foundedOn: o.founded_on ?? o.created_at.toISOString().slice(0, 10),
    termEndsOn: o.term_ends_on,
    fullMembers: o.roster_full_members,
    probationaryMembers: o.roster_probationary_members,
    positions: (posBy.get(o.id) ?? []).map((p) => ({ role: p.position, personId: p.person_id, since: p.since, until: p.until })),
    coveredEnterprises: (covBy.get(o.id) ?? []).map((e) => ({ id: e.id, name: e.name, operatingStatus: e.operating_status, fullMembers: e.member_count ?? 0, since: e.since, until: e.until })),
  }));
}

/** Facts for the given unions as of `date`. Dissolved unions are left out. */
export async function unionFactsByIds(db: Executor, ids: string[], date: string): Promise<UnionRuleFacts[]> {
  const unions = (await unionsByIds(db, ids)).filter((u) => u.status === 'active');
  if (!unions.length) return [];
  const list = unions.map((u) => u.id);
  const [contracts, covered] = await Promise.all([contractsOf(db, list), unionCoveredEnterprisesOf(db, list, date)]);
  const conBy = groupBy(contracts, 'union_id');
  const covBy = groupBy(covered, 'union_id');
  return unions.map((u) => ({
    id: u.id,
    name: u.name,
    kind: u.kind,
    provinceCode: u.region_code ? u.region_code.slice(0, 2) : null,
    foundedOn: u.founded_on ?? u.created_at.toISOString().slice(0, 10),
    termEndsOn: u.term_ends_on,
    members: u.roster_members,
    femaleMembers: u.roster_female_members,
    hasCommittee: u.has_committee,
    organiser: u.organiser_person_id !== null,
    hasWomenCommittee: u.has_women_committee,
    womenCommitteeMember: u.women_committee_member,
    contracts: (conBy.get(u.id) ?? []).map((c) => ({ kind: c.kind, signedOn: c.signed_on, endsOn: c.ends_on })),
    coveredEnterprises: (covBy.get(u.id) ?? []).map((e) => ({ id: e.id, name: e.name, operatingStatus: e.operating_status, since: e.since, until: e.until })),
  }));
}
