import type { Meeting, MeetingSummary } from '../../contracts/life.js';
import { meetingVerdict } from '../../domain/rules/life-meeting.js';
import type { AttendeeRow, MeetingRow, MeetingView } from './meeting.repository.js';

/** Row → contract: the verdict on quorum and votes is the rule engine's, never stored. */
export function toSummary(r: MeetingView): MeetingSummary {
  const v = meetingVerdict({ kind: r.kind, date: r.held_on, votingMembers: r.voting_members, present: r.present, votes: r.resolutions });
  return {
    id: r.id, orgId: r.org_id, orgName: r.org_name, kind: r.kind, heldOn: r.held_on, place: r.place, topic: r.topic,
    votingMembers: r.voting_members, present: r.present, verdict: { quorum: v.quorum, votes: v.votes },
    access: r.owned ? 'full' : 'partial', version: r.version,
  };
}

export function toMeeting(r: MeetingView, attendees: AttendeeRow[], manageable: boolean): Meeting {
  return {
    ...toSummary(r), resolutions: r.resolutions, minutes: r.minutes, manageable,
    attendees: attendees.map((a) => ({ memberId: a.member_id, name: a.name, category: a.category, present: a.present, absenceReason: a.absence_reason, writtenOpinion: a.written_opinion })),
  };
}

/** What the audit keeps of a meeting: its facts, not the minutes' text (their length only). */
export function meetingAuditView(r: MeetingRow, attendees?: number): Record<string, unknown> {
  return {
    orgId: r.org_id, kind: r.kind, heldOn: r.held_on, place: r.place, topic: r.topic, votingMembers: r.voting_members, present: r.present,
    resolutions: r.resolutions, minutesLength: r.minutes?.length ?? 0, ...(attendees === undefined ? {} : { attendees }), version: r.version,
  };
}
