import { LIFE_RULE_CATALOGUE, MEETING_KIND_LABELS, type MeetingKind } from './life-catalogue.js';
import type { LifeFinding } from './life-compliance.js';
import { moreThanHalf } from './majority.js';

/**
 * One meeting's quorum and votes (支部工作条例第十一条, 第十二条): a vote needs more than half of
 * the members with a vote present, and passes with yes votes (written opinions included) from
 * more than half of those who should attend — not of those present. For a committee meeting the
 * members with a vote are the committee's members.
 */

export type LifeMeeting = {
  id?: string;
  kind: MeetingKind;
  date: string;
  /** Members with a vote who should attend (正式党员 with a vote; the committee for its meeting). */
  votingMembers?: number | null;
  present?: number | null;
  /** Resolutions put to the vote: yes votes, written opinions included. */
  votes?: Array<{ subject?: string; yes: number }>;
};

export type QuorumVerdict = 'met' | 'notMet' | 'unknown' | 'notApplicable';
export type VoteVerdict = 'passed' | 'failed' | 'noQuorum';
export const QUORUM_LABELS: Record<QuorumVerdict, string> = { met: '到会人数超过半数', notMet: '到会人数未超过半数', unknown: '未填写到会人数', notApplicable: '不适用' };
export const VOTE_LABELS: Record<VoteVerdict, string> = { passed: '通过', failed: '未通过', noQuorum: '到会人数不足，表决无效' };

export type MeetingVerdict = {
  id?: string;
  kind: MeetingKind;
  date: string;
  quorum: QuorumVerdict;
  votes: Array<{ subject: string; yes: number; verdict: VoteVerdict }>;
  findings: LifeFinding[];
};

const VOTING_KINDS: ReadonlySet<MeetingKind> = new Set(['memberMeeting', 'committeeMeeting']);

export function meetingVerdict(m: LifeMeeting): MeetingVerdict {
  const counted = VOTING_KINDS.has(m.kind);
  const known = typeof m.votingMembers === 'number' && typeof m.present === 'number';
  const quorum: QuorumVerdict = !counted ? 'notApplicable' : !known ? 'unknown' : moreThanHalf(m.present!, m.votingMembers!) ? 'met' : 'notMet';
  const votes = counted && known ? (m.votes ?? []).map((v, i) => ({
    subject: v.subject ?? `第${i + 1}项决议`, yes: v.yes,
    verdict: (quorum !== 'met' ? 'noQuorum' : moreThanHalf(v.yes, m.votingMembers!) ? 'passed' : 'failed') as VoteVerdict,
  })) : [];
  const findings: LifeFinding[] = [];
  if (quorum === 'notMet' && votes.length) {
    const e = LIFE_RULE_CATALOGUE['life.meetingQuorum'];
    findings.push({
      ruleId: e.id, severity: e.severity, title: e.title, source: e.source, kind: m.kind,
      message: `${m.date}${MEETING_KIND_LABELS[m.kind]}应到有表决权${m.votingMembers}名，实到${m.present}名，未超过半数，不能进行表决`,
      params: { votingMembers: m.votingMembers!, present: m.present! },
    });
  }
  return { id: m.id, kind: m.kind, date: m.date, quorum, votes, findings };
}
