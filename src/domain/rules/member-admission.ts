import { addMonths, addYears, fromDay, toDay } from './dates.js';
import { memberFinding, type MemberFinding } from './member-catalogue.js';
import { fullOnDay, personName, type MemberContext } from './member-context.js';
import type { ApproverType, RecruitmentFacts } from './member-facts.js';

/**
 * From 发展对象 to 正式党员 (domain-rules §3): political review, training and sponsors before the
 * 支部大会; the meeting's quorum and vote; approval by a 党委 within 3 months (≤ 6 when extended);
 * probation of 1 year from the meeting, extended at most once by 6–12 months.
 */

export const APPROVER_LABELS: Record<ApproverType, string> = {
  committee: '基层党委', subordinateCommittee: '村（社区）党委', generalBranch: '党总支', branch: '党支部',
};

const day = (date: string, months: number) => fromDay(addMonths(toDay(date), months));

export function admissionFindings(r: RecruitmentFacts, c: MemberContext): MemberFinding[] {
  const held = r.branchMeeting?.heldOn;
  // Full without a recorded meeting: history not entered, nothing pending.
  if (!c.known(held)) return c.known(r.candidateOn) && !c.known(r.fullOn) ? beforeMeeting(r, c, null) : [];
  return [...beforeMeeting(r, c, held), ...meetingFindings(r, c, held), ...approvalFindings(r, c, held), ...probationFindings(r, c, held)];
}

/**
 * What must be done before the 支部大会: judged on the meeting day once it is held (a warning),
 * otherwise a reminder for the 发展对象 (info) — only the sponsors already named are checked.
 */
function beforeMeeting(r: RecruitmentFacts, c: MemberContext, held: string | null): MemberFinding[] {
  const on = held ?? c.asOf;
  const rules = c.at(on);
  const severity = held ? 'warning' : 'info';
  const when = held ? `${held}支部大会讨论时` : '目前';
  const out: MemberFinding[] = [];
  if (!(r.politicalReviewOn && r.politicalReviewOn <= on)) {
    out.push(memberFinding('member.politicalReviewMissing', rules, { fact: `${when}尚未进行政治审查`, detail: `${when}尚未对发展对象进行政治审查`, ...(held ? { action: '建议核实政治审查情况，未经政治审查的不能发展入党' } : {}) }, { severity }));
  }
  const minDays = c.n('recruitment.trainingMinDays', on);
  const minHours = c.n('recruitment.trainingMinHours', on);
  const t = trainingOn(r, on, minDays, minHours);
  if (!t || ((t.days ?? 0) < minDays && (t.hours ?? 0) < minHours)) {
    const got = t ? `培训${t.days ?? 0}天、${t.hours ?? 0}学时` : '未参加短期集中培训';
    out.push(memberFinding('member.trainingMissing', rules, {
      fact: `${when}${got}（应不少于${minDays}天或${minHours}学时）`, detail: `${when}${got}，短期集中培训一般不少于${minDays}天或${minHours}学时`,
      ...(held ? { action: '建议核实是否属于特殊情况，未经培训的除个别特殊情况外不能发展入党' } : {}),
    }, { severity, params: { days: t?.days ?? 0, hours: t?.hours ?? 0 } }));
  }
  if (held || r.sponsors?.length) out.push(...sponsorFindings(r, c, on, held !== null));
  return out;
}

type Training = { completedOn: string; days?: number | null; hours?: number | null };

/**
 * The training judged on a day: the hand-entered one (天数 or 学时) and the sessions recorded here
 * (their 学时 summed, from the day listed as 发展对象) — whichever meets the minimum, else the larger.
 */
function trainingOn(r: RecruitmentFacts, on: string, minDays: number, minHours: number): Training | null {
  const manual = r.training && r.training.completedOn <= on ? r.training : null;
  const counted = (r.recordedTraining ?? []).filter((s) => s.on <= on && s.hours > 0 && (!r.candidateOn || s.on >= r.candidateOn));
  const recorded: Training | null = counted.length
    ? { completedOn: counted.map((s) => s.on).sort().at(-1)!, days: null, hours: counted.reduce((a, s) => a + s.hours, 0) }
    : null;
  const meets = (t: Training | null) => !!t && ((t.days ?? 0) >= minDays || (t.hours ?? 0) >= minHours);
  if (meets(manual)) return manual;
  if (meets(recorded)) return recorded;
  return [manual, recorded].filter((t): t is Training => !!t).sort((a, b) => (b.hours ?? 0) - (a.hours ?? 0))[0] ?? null;
}

function sponsorFindings(r: RecruitmentFacts, c: MemberContext, on: string, held: boolean): MemberFinding[] {
  const need = c.n('recruitment.sponsors', on);
  const list = r.sponsors ?? [];
  const notFull = list.map((p, i) => (fullOnDay(p, on) ? null : personName(p, i))).filter((x): x is string => x !== null);
  if (list.length === need && !notFull.length) return [];
  const problems = [
    list.length !== need ? `入党介绍人${list.length}名（应为${need}名正式党员）` : '',
    notFull.length ? `${notFull.join('、')}在${on}不是正式党员或权利受限，不能作介绍人` : '',
  ].filter(Boolean).join('；');
  const action = held ? '建议核实入党介绍人情况，入党介绍人须为两名正式党员' : undefined;
  return [memberFinding('member.sponsorsInvalid', c.at(on), { fact: problems, detail: problems, action }, { severity: held ? 'warning' : 'info', params: { sponsors: list.length, notFull: notFull.length } })];
}

function meetingFindings(r: RecruitmentFacts, c: MemberContext, held: string): MemberFinding[] {
  const m = r.branchMeeting!;
  const out: MemberFinding[] = [];
  const rules = c.at(held);
  if (m.present * 2 <= m.votingMembers) {
    out.push(memberFinding('member.meetingQuorum', rules, { fact: `${held}支部大会应到有表决权党员${m.votingMembers}名，实到${m.present}名，未超过半数`, detail: `${held}支部大会应到有表决权的党员${m.votingMembers}名，实到${m.present}名，未超过半数，会议不能进行表决` }, { params: { votingMembers: m.votingMembers, present: m.present } }));
  }
  if (m.yesVotes * 2 <= m.votingMembers) {
    out.push(memberFinding('member.meetingVotes', rules, { fact: `${held}支部大会赞成${m.yesVotes}票，未超过应到会有表决权正式党员${m.votingMembers}名的半数`, detail: `${held}支部大会赞成票${m.yesVotes}票（含因故不能到会党员的书面意见），应超过应到会有表决权正式党员${m.votingMembers}名的半数` }, { params: { votingMembers: m.votingMembers, yesVotes: m.yesVotes } }));
  }
  return out;
}

function approvalFindings(r: RecruitmentFacts, c: MemberContext, held: string): MemberFinding[] {
  const within = c.n('recruitment.approvalWithinMonths', held);
  const max = c.n('recruitment.approvalMaxMonths', held);
  const a = c.known(r.approval?.approvedOn) ? r.approval! : null;
  const deadline = day(held, a?.extended || r.approval?.extended ? max : within);
  const rules = c.at(held);
  const out: MemberFinding[] = [];
  if (a && a.approverType !== 'committee') {
    out.push(memberFinding('member.approverNotCommittee', rules, { fact: `由${APPROVER_LABELS[a.approverType]}审批`, detail: `${a.approvedOn}由${APPROVER_LABELS[a.approverType]}审批；审批预备党员须由有审批权的基层党委进行，党总支、村（社区）党委只能审查` }, { params: { approverType: a.approverType } }));
  }
  if (a) {
    if (a.approvedOn > deadline) {
      out.push(memberFinding('member.approvalDeadline', rules, { fact: `${a.approvedOn}审批，超过期限${deadline}`, detail: `${held}支部大会通过，上级党委应在${within}个月内审批（特殊情况不超过${max}个月），实际${a.approvedOn}审批`, action: '建议今后按期审批' }, { severity: 'warning', dueOn: deadline }));
    }
    return out;
  }
  if (c.asOf > deadline) {
    const beyond = deadline === day(held, within) ? `；特殊情况可延长，但不得超过${max}个月（${day(held, max)}）` : '';
    out.push(memberFinding('member.approvalDeadline', rules, { fact: `${held}支部大会通过，逾期未审批`, detail: `${held}支部大会通过，应在${deadline}前审批，至今未审批${beyond}` }, { severity: 'overdue', dueOn: deadline }));
  } else if (toDay(deadline) - c.day <= c.n('member.reminderDays')) {
    out.push(memberFinding('member.approvalDeadline', rules, { fact: `${held}支部大会通过，应于${deadline}前审批`, detail: `${held}支部大会通过，上级党委应在${deadline}前审批` }, { dueOn: deadline }));
  }
  return out;
}

function probationFindings(r: RecruitmentFacts, c: MemberContext, held: string): MemberFinding[] {
  const out: MemberFinding[] = [];
  const years = c.n('recruitment.probationYears', held);
  const extensions = (r.probationExtensions ?? []).filter((x) => c.known(x.decidedOn));
  const rules = c.at(held);
  const bad = extensions.map((x) => {
    const min = c.n('recruitment.extensionMinMonths', x.decidedOn);
    const max = c.n('recruitment.extensionMaxMonths', x.decidedOn);
    return x.months < min || x.months > max ? `${x.decidedOn}决定延长${x.months}个月（应为${min}至${max}个月）` : '';
  }).filter(Boolean);
  if (extensions.length > 1) bad.push(`预备期延长了${extensions.length}次（只能延长一次）`);
  if (bad.length) out.push(memberFinding('member.extensionInvalid', rules, { fact: bad[0], detail: bad.join('；') }, { params: { extensions: extensions.length } }));
  if (c.known(r.fullOn)) return out;
  const extra = extensions[0]?.months ?? 0;
  const end = fromDay(addMonths(addYears(toDay(held), years), extra) - 1);
  const ext = extra ? `（已延长${extra}个月）` : '';
  if (c.asOf > end) {
    out.push(memberFinding('member.probationEnd', rules, { fact: `预备期已于${end}期满${ext}，尚未讨论转正`, detail: `${held}支部大会通过接收为预备党员，预备期${years}年${ext}已于${end}期满，支部应及时讨论能否转为正式党员` }, { severity: 'overdue', dueOn: end }));
  } else if (toDay(end) - c.day <= c.n('member.reminderDays')) {
    out.push(memberFinding('member.probationEnd', rules, { fact: `预备期将于${end}期满${ext}`, detail: `${held}支部大会通过接收为预备党员，预备期将于${end}期满${ext}` }, { dueOn: end }));
  }
  return out;
}
