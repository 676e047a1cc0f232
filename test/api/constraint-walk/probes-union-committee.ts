import { NO_ID, path, type Probe } from './walk.js';

/**
 * Union committees and the 职代会 (docs/unions.md, migration 0040): the URL's union, seat or session
 * missing is a 404 (path probes); every other constraint is refused before the database by the
 * contract (Zod: 400 naming the field) or the service (400 with a code and the field, tested in
 * test/api/union-committee.test.ts); the constraints guard races and direct writes.
 */
const seat = { personId: NO_ID, role: 'member', closeRelative: false };
export const UNION_COMMITTEE_PROBES: Record<string, Probe | Probe[]> = {
  union_election_union_id_fkey: path((w) => w.api('POST', `/api/unions/${NO_ID}/elections`, { version: 1, heldOn: '2024-01-01', termYears: 5, seats: [seat] })),
  union_committee_seat_union_id_fkey: path((w) => w.api('POST', `/api/unions/${NO_ID}/committee/seats`, { ...seat, since: '2024-01-01' })),
  union_congress_resolution_congress_id_fkey: path((w) => w.api('POST', `/api/union-congresses/${NO_ID}/resolutions`, { title: '决议', votesFor: 1 })),
};

const ZOD = 'refused by the contract first (400 naming the field, test/api/union-committee.test.ts)';
const SERVICE = 'refused by the service first (400 with a code and the field, test/api/union-committee.test.ts); the constraint guards a race';
export const UNION_COMMITTEE_SKIPPED: Record<string, string> = {
  union_election_term_years_check: ZOD, union_election_method_check: ZOD, union_election_notes_check: ZOD,
  union_election_term_check: 'term_ends_on is computed from held_on and the 3/5-year term by the service, never given',
  union_election_day_key: SERVICE, 'union_election.union_id': 'the URL\'s union', 'union_election.held_on': ZOD,
  'union_election.term_years': ZOD, 'union_election.term_ends_on': 'computed by the service',
  union_committee_seat_election_id_fkey: 'set by the service from the latest election', union_committee_seat_person_id_fkey: 'the person is checked visible first (404 on the field)',
  union_committee_seat_role_check: ZOD, union_committee_seat_end_reason_check: ZOD, union_committee_seat_until_check: SERVICE,
  union_committee_seat_person_key: SERVICE, union_committee_seat_chair_key: SERVICE,
  'union_committee_seat.union_id': 'the URL\'s union', 'union_committee_seat.person_id': ZOD, 'union_committee_seat.role': ZOD,
  'union_committee_seat.declared_on': 'the election or seat day, set by the service', 'union_committee_seat.since': ZOD,
  union_congress_employees_check: ZOD, union_congress_representatives_check: ZOD, union_congress_managers_check: ZOD, union_congress_present_check: ZOD,
  union_congress_present_over_check: `${ZOD}; PATCH: ${SERVICE}`, union_congress_managers_over_check: `${ZOD}; PATCH: ${SERVICE}`,
  union_congress_resolution_title_check: ZOD, union_congress_resolution_votes_for_check: ZOD, union_congress_resolution_votes_against_check: ZOD,
  union_congress_resolution_votes_abstain_check: ZOD, 'union_congress_resolution.congress_id': 'the URL\'s session', 'union_congress_resolution.title': ZOD,
  'union_congress_resolution.votes_for': ZOD,
};
