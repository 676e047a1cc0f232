import type { RecruitmentCase, RecruitmentFinding, RecruitmentSummary } from '../../contracts/recruitment.js';
import { addMonths, addYears, fromDay, toDay } from '../../domain/rules/dates.js';
import { evaluateMember } from '../../domain/rules/evaluate-member.js';
import type { MemberRuleFacts, PersonRef, RecruitmentFacts } from '../../domain/rules/member-facts.js';
import type { RuleSet } from '../../domain/rules/rule-set.js';
import type { Keyring } from '../crypto/keyring.js';
import { maskIdNumber } from '../crypto/mask.js';
import { decryptPii } from '../crypto/pii-cipher.js';
import type { CasePersonRow, CaseRow, CaseView } from './recruitment.repository.js';

/**
 * Stored case → the member rules' FACTS (src/domain/rules/member-facts.ts) → findings; and rows →
 * contracts, always masked. The rules are not re-implemented here: a case is only translated.
 */

/** A named member as the rules see them: full from their 转正 day (or 入党 day when none is recorded), restricted when 停止党籍. */
function personRef(p: CasePersonRow): PersonRef {
  const fullOn = p.category === 'full' ? p.confirmed_on ?? p.joined_on ?? '1900-01-01' : null;
  return { name: p.name, ...(p.member_id ? { personId: p.member_id } : {}), fullOn, rightsRestricted: p.status === 'suspended' || p.status === 'left' };
}

export function factsOf(c: CaseView, people: CasePersonRow[]): MemberRuleFacts {
  const mine = people.filter((p) => p.case_id === c.id);
  const notices: NonNullable<RecruitmentFacts['publicNotices']> = [];
  if (c.candidate_notice_from) notices.push({ stage: 'candidate', startsOn: c.candidate_notice_from, endsOn: c.candidate_notice_to! });
  if (c.admission_notice_from) notices.push({ stage: 'probationary', startsOn: c.admission_notice_from, endsOn: c.admission_notice_to! });
  if (c.full_notice_from) notices.push({ stage: 'full', startsOn: c.full_notice_from, endsOn: c.full_notice_to! });
  const recruitment: RecruitmentFacts = {
    appliedOn: c.applied_on,
    talkedOn: c.talked_on,
    activistOn: c.activist_on,
    mentors: c.activist_on ? mine.filter((p) => p.role === 'mentor').map(personRef) : undefined,
    candidateOn: c.candidate_on,
    politicalReviewOn: c.review_result === 'passed' ? c.review_on : null,
    training: c.training_on ? { completedOn: c.training_on, days: c.training_days, hours: c.training_hours } : null,
    recordedTraining: c.recorded_training ?? [],
    sponsors: mine.filter((p) => p.role === 'sponsor').map(personRef),
    branchMeeting: c.meeting_on ? { heldOn: c.meeting_on, votingMembers: c.meeting_voting!, present: c.meeting_present!, yesVotes: c.meeting_yes! } : null,
    // Only a 党委 may be recorded as approver (the service refuses others).
    approval: c.approved_on ? { approvedOn: c.approved_on, approverType: 'committee', extended: c.approval_extended } : null,
    probationExtensions: c.extension_on ? [{ decidedOn: c.extension_on, months: c.extension_months! }] : [],
    fullOn: c.full_on,
    leavingOn: c.leaving_on,
    publicNotices: notices,
  };
  return { id: c.id, name: c.name, provinceCode: c.org_region, birthDate: c.birth_date, recruitment };
}

/** The findings of a case as of a day, under the rule set with the province settings (recruitment-settings.ts). */
export function findingsOf(c: CaseView, people: CasePersonRow[], asOf: string, ruleSet: RuleSet): RecruitmentFinding[] {
  if (c.stage === 'closed') return [];
  return evaluateMember(factsOf(c, people), asOf, ruleSet).map((x) => ({
    caseId: c.id, name: c.name, orgName: c.org_name, ruleId: x.ruleId, severity: x.severity, title: x.title,
    summary: x.summary, message: x.message, source: x.source, dueOn: x.dueOn ?? null,
  }));
}

/** 预备期满: the day before the anniversary of the 支部大会, plus an extension. */
export function probationEndsOn(c: Pick<CaseRow, 'meeting_on' | 'extension_months'>): string | null {
  if (!c.meeting_on) return null;
  return fromDay(addMonths(addYears(toDay(c.meeting_on), 1), c.extension_months ?? 0) - 1);
}

const lastStep = (c: CaseRow) => [c.applied_on, c.talked_on, c.activist_on, c.candidate_on, c.review_on, c.training_on, c.meeting_on, c.approved_on, c.extension_on, c.full_on, c.closed_on]
  .filter((d): d is string => !!d).sort().at(-1)!;

export function toSummary(c: CaseView, findings: RecruitmentFinding[]): RecruitmentSummary {
  return {
    id: c.id, personId: c.person_id, name: c.name, gender: c.gender, orgId: c.org_id, orgName: c.org_name, stage: c.stage,
    appliedOn: c.applied_on, lastStepOn: lastStep(c), awaitingApproval: c.stage === 'candidate' && !!c.meeting_on,
    alerts: findings.filter((f) => f.severity !== 'info').length, reminders: findings.filter((f) => f.severity === 'info').length,
    access: c.owned ? 'full' : 'partial', version: c.version,
  };
}

const vote = (heldOn: string | null, voting: number | null, present: number | null, yes: number | null) =>
  (heldOn ? { heldOn, voting: voting ?? 0, present: present ?? 0, yes: yes ?? 0 } : null);
const notice = (from: string | null, to: string | null) => (from && to ? { from, to } : null);
const named = (people: CasePersonRow[], role: 'mentor' | 'sponsor') => people.filter((p) => p.role === role).map((p) => ({ memberId: p.member_id, name: p.name }));

export function toCase(keyring: Keyring, c: CaseView, people: CasePersonRow[], findings: RecruitmentFinding[], extra: Pick<RecruitmentCase, 'manageable' | 'events'>): RecruitmentCase {
  const idNumber = c.id_number_enc ? decryptPii(keyring, c.id_number_enc) : null;
  return {
    ...toSummary(c, findings),
    idNumber: idNumber === null ? null : maskIdNumber(idNumber),
    talkedOn: c.talked_on, talkerName: c.talker_name, activistOn: c.activist_on, mentors: named(people, 'mentor'),
    candidateOn: c.candidate_on, reviewOn: c.review_on, reviewResult: c.review_result,
    training: c.training_on ? { completedOn: c.training_on, days: c.training_days, hours: c.training_hours } : null,
    notices: { candidate: notice(c.candidate_notice_from, c.candidate_notice_to), probationary: notice(c.admission_notice_from, c.admission_notice_to), full: notice(c.full_notice_from, c.full_notice_to) },
    sponsors: named(people, 'sponsor'),
    meeting: c.meeting_on ? { heldOn: c.meeting_on, voting: c.meeting_voting!, present: c.meeting_present!, yes: c.meeting_yes! } : null,
    approval: c.approved_on ? { approvedOn: c.approved_on, approverOrgId: c.approver_org_id!, approverOrgName: c.approver_org_name ?? '', extended: c.approval_extended } : null,
    extension: c.extension_on ? {
      decidedOn: c.extension_on, months: c.extension_months!, reason: c.extension_reason,
      meeting: vote(c.extension_meeting_on, c.extension_voting, c.extension_present, c.extension_yes),
    } : null,
    cancellation: c.cancelled_on ? { on: c.cancelled_on, reason: c.closed_reason ?? '', meeting: vote(c.cancel_meeting_on, c.cancel_voting, c.cancel_present, c.cancel_yes) } : null,
    probationEndsOn: probationEndsOn(c),
    fullMeetingOn: c.full_meeting_on, fullApprovedOn: c.full_approved_on, fullOn: c.full_on, leavingOn: c.leaving_on,
    memberId: c.member_id, closedOn: c.closed_on, closedReason: c.closed_reason,
    findings, ...extra,
  };
}

/** What the audit log keeps of a case: dates and ids, no personal numbers. */
export const caseAuditView = (c: CaseRow) => ({
  personId: c.person_id, orgId: c.org_id, stage: c.stage, appliedOn: c.applied_on, talkedOn: c.talked_on, activistOn: c.activist_on,
  candidateOn: c.candidate_on, reviewOn: c.review_on, reviewResult: c.review_result, trainingOn: c.training_on, meetingOn: c.meeting_on,
  approvedOn: c.approved_on, approverOrgId: c.approver_org_id, extensionOn: c.extension_on, fullOn: c.full_on, memberId: c.member_id,
  closedOn: c.closed_on, cancelledOn: c.cancelled_on, version: c.version,
});
