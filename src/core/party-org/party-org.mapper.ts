import type { Coverage, HistoryEvent, PartyOrg, Position } from '../../contracts/party-org.js';
import type { PartyOrgRow } from './party-org.repository.js';
import type { CoverageRow, PositionRow } from './org-links.repository.js';

/**
 * Row → contract. `owned` false means the reader sees it only through a link (a partial view);
 * the parent is shown only when the reader can see the parent itself (docs/organisations.md).
 * A row read without those flags (just created or changed by its manager) is shown whole.
 */
export const toPartyOrg = (r: PartyOrgRow & { owned?: boolean; parent_visible?: boolean; roster_full_members?: number; roster_probationary_members?: number }): PartyOrg => ({
  id: r.id,
  code: r.code,
  name: r.name,
  orgType: r.org_type,
  setupMode: r.setup_mode,
  temporary: r.temporary,
  mobile: r.mobile,
  parentId: r.parent_visible === false ? null : r.parent_id,
  access: r.owned === false ? 'partial' : 'full', // rows read for a change carry no flag: their manager sees them whole
  regionCode: r.region_code,
  parkId: r.park_id,
  associationId: r.association_id,
  building: r.building,
  foundedOn: r.founded_on,
  termYears: r.term_years,
  termEndsOn: r.term_ends_on,
  status: r.status,
  dissolvedOn: r.dissolved_on,
  // The roster's counts when the organisation keeps one (read with them, roster-counts.sql.ts), else the typed ones.
  fullMembers: r.roster_since !== null && r.roster_full_members !== undefined ? Number(r.roster_full_members) : r.full_members,
  probationaryMembers: r.roster_since !== null && r.roster_probationary_members !== undefined ? Number(r.roster_probationary_members) : r.probationary_members,
  rosterSince: r.roster_since,
  memberCountSource: r.roster_since !== null ? 'roster' : 'typed',
  version: r.version,
});

export const toCoverage = (r: CoverageRow): Coverage => ({
  id: r.id, orgId: r.org_id, enterpriseId: r.enterprise_id, enterpriseName: r.enterprise_name,
  mode: r.mode, since: r.since, until: r.until,
});

export const toPosition = (r: PositionRow): Position => ({
  id: r.id, orgId: r.org_id, personId: r.person_id, personName: r.person_name,
  position: r.position, since: r.since, until: r.until,
});

export const toHistoryEvent = (r: { id: string; kind: string; at: string; data: Record<string, unknown>; recorded_at: Date }): HistoryEvent => ({
  id: r.id, kind: r.kind, at: r.at, data: r.data, recordedAt: new Date(r.recorded_at).toISOString(),
});

/** Columns a caller may change, contract name → column name. */
export const ORG_COLUMNS = {
  name: 'name', code: 'code', orgType: 'org_type', setupMode: 'setup_mode', temporary: 'temporary', mobile: 'mobile',
  parentId: 'parent_id', regionCode: 'region_code', parkId: 'park_id', associationId: 'association_id',
  building: 'building', foundedOn: 'founded_on', termYears: 'term_years', termEndsOn: 'term_ends_on',
  fullMembers: 'full_members', probationaryMembers: 'probationary_members',
} as const;
