import type { Congress, Contract, Union } from '../../contracts/union.js';
import type { UnionRow } from './union.repository.js';

/** Row → contract; partial when seen only through a link, parent only when the reader sees it (docs/organisations.md). */
export const toUnion = (r: UnionRow & { owned?: boolean; parent_visible?: boolean; roster_members?: number; roster_female_members?: number }): Union => ({
  id: r.id, code: r.code, name: r.name, kind: r.kind, parentId: r.parent_visible === false ? null : r.parent_id,
  access: r.owned === false ? 'partial' : 'full', regionCode: r.region_code,
  parkId: r.park_id, associationId: r.association_id, foundedOn: r.founded_on, termYears: r.term_years,
  termEndsOn: r.term_ends_on, hasCommittee: r.has_committee,
  // From names when the union keeps a roster and the row was read with its counts, else as typed.
  members: r.roster_since !== null && r.roster_members !== undefined ? Number(r.roster_members) : r.members,
  femaleMembers: r.roster_since !== null && r.roster_female_members !== undefined ? Number(r.roster_female_members) : r.female_members,
  rosterSince: r.roster_since, countSource: r.roster_since !== null ? 'roster' : 'typed',
  organiserPersonId: r.organiser_person_id, hasWomenCommittee: r.has_women_committee,
  womenCommitteeMember: r.women_committee_member, fundsBasis: r.funds_basis, monthlyPayroll: r.monthly_payroll,
  status: r.status, dissolvedOn: r.dissolved_on, version: r.version,
});

export const toCongress = (r: { id: string; held_on: string; kind: 'congress' | 'assembly'; session: string | null; notes: string | null }): Congress =>
  ({ id: r.id, heldOn: r.held_on, kind: r.kind, session: r.session, notes: r.notes });

export const toContract = (r: { id: string; kind: 'collective' | 'wage'; signed_on: string; starts_on: string; ends_on: string; filed_on: string | null }): Contract =>
  ({ id: r.id, kind: r.kind, signedOn: r.signed_on, startsOn: r.starts_on, endsOn: r.ends_on, filedOn: r.filed_on });

export const UNION_COLUMNS = {
  name: 'name', code: 'code', kind: 'kind', parentId: 'parent_id', regionCode: 'region_code', parkId: 'park_id',
  associationId: 'association_id', foundedOn: 'founded_on', termYears: 'term_years', termEndsOn: 'term_ends_on',
  members: 'members', femaleMembers: 'female_members', hasCommittee: 'has_committee', organiserPersonId: 'organiser_person_id',
  hasWomenCommittee: 'has_women_committee', womenCommitteeMember: 'women_committee_member', fundsBasis: 'funds_basis',
  monthlyPayroll: 'monthly_payroll',
} as const;
