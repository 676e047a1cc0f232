import { api, NO_ID, path, type Probe, type Walk } from './walk.js';

/**
 * 三会一课 (docs/life.md): every constraint of meeting and meeting_attendee, driven through
 * POST /api/meetings and PUT /api/meetings/:id in the fixture organisation, whose roster holds the
 * member MEMBER_FIXTURE registered.
 */
const base = { kind: 'committeeMeeting', heldOn: '2024-04-02', topic: '约束支委会' };
const post = (body: Record<string, unknown>) => api((w) => w.api('POST', '/api/meetings', { orgId: w.f.orgId, ...base, ...body }));
const memberOf = async (w: Walk) => (await w.database.db.selectFrom('party_member').select('id').where('org_id', '=', w.f.orgId).executeTakeFirstOrThrow()).id;
const attendee = (a: Record<string, unknown>) => api(async (w) => w.api('POST', '/api/meetings', { orgId: w.f.orgId, ...base, attendees: [{ memberId: await memberOf(w), present: false, ...a }] }));

export const LIFE_PROBES: Record<string, Probe | Probe[]> = {
  meeting_org_fk: post({ orgId: NO_ID }),
  meeting_kind_check: post({ kind: 'picnic' }),
  meeting_place_check: [post({ place: '' }), post({ place: '地'.repeat(201) })],
  meeting_topic_check: [post({ topic: '' }), post({ topic: '题'.repeat(201) })],
  meeting_voting_check: [post({ votingMembers: -1 }), post({ votingMembers: 10001 })],
  meeting_present_check: [post({ present: -1 }), post({ present: 10001 })],
  meeting_minutes_check: post({ minutes: '记'.repeat(20001) }),
  // present <= voting_members
  meeting_present_within: post({ votingMembers: 3, present: 4 }),
  'meeting.org_id': post({ orgId: undefined }),
  'meeting.kind': post({ kind: undefined }),
  'meeting.held_on': post({ heldOn: undefined }),
  'meeting.topic': post({ topic: undefined }),
  meeting_attendee_meeting_fk: path((w) => w.api('PUT', `/api/meetings/${NO_ID}`, { version: 1, ...base })),
  meeting_attendee_member_fk: api((w) => w.api('POST', '/api/meetings', { orgId: w.f.orgId, ...base, attendees: [{ memberId: NO_ID, present: true }] })),
  meeting_attendee_reason_check: [attendee({ absenceReason: '' }), attendee({ absenceReason: '因'.repeat(201) })],
  // present ⇒ no reason and no written opinion
  meeting_attendee_absent_only: attendee({ present: true, absenceReason: '出差' }),
  'meeting_attendee.member_id': api((w) => w.api('POST', '/api/meetings', { orgId: w.f.orgId, ...base, attendees: [{ present: true }] })),
  'meeting_attendee.present': attendee({ present: undefined }),
};

export const LIFE_SKIPPED: Record<string, string> = {
  'meeting_attendee.meeting_id': 'the meeting the writer has just inserted or locked in the same transaction',
};
