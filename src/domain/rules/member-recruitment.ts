import { addMonths, addYears, fromDay, toDay } from './dates.js';
import { admissionFindings } from './member-admission.js';
import { memberFinding, type MemberFinding } from './member-catalogue.js';
import { fullOnDay, personName, type MemberContext } from './member-context.js';
import type { PersonRef, RecruitmentFacts } from './member-facts.js';
import { RECRUITMENT_RULES_SINCE } from './member-params.js';

/**
 * 发展党员 (《中国共产党发展党员工作细则》, 2014; domain-rules §3): 入党申请人 → 入党积极分子 →
 * 发展对象 → 预备党员 → 正式党员. Each step is judged by the rules in force on the day it
 * happened; a step not yet taken is judged by the as-of date and, when a deadline or an earliest
 * day applies, the finding carries it (`dueOn`). This file covers the steps up to 发展对象;
 * member-admission.ts the 支部大会, approval and probation.
 */

export const RECRUITMENT_STAGES = ['applicant', 'activist', 'candidate', 'probationary', 'full'] as const;
export type RecruitmentStage = (typeof RECRUITMENT_STAGES)[number];
export const RECRUITMENT_STAGE_LABELS: Record<RecruitmentStage, string> = {
  applicant: '入党申请人', activist: '入党积极分子', candidate: '发展对象', probationary: '预备党员', full: '正式党员',
};

/** The stage reached by the as-of date (null: not applied yet). */
export function recruitmentStage(r: RecruitmentFacts, c: MemberContext): RecruitmentStage | null {
  if (c.known(r.fullOn)) return 'full';
  if (c.known(r.branchMeeting?.heldOn)) return 'probationary';
  if (c.known(r.candidateOn)) return 'candidate';
  if (c.known(r.activistOn)) return 'activist';
  return c.known(r.appliedOn) ? 'applicant' : null;
}

const day = (date: string, months: number) => fromDay(addMonths(toDay(date), months));

/** A later step than `stage` is known: missing earlier dates are unrecorded history, not pending steps. */
function progressedBeyond(r: RecruitmentFacts, c: MemberContext, stage: 'applicant' | 'activist' | 'candidate'): boolean {
  const later = { applicant: [r.activistOn, r.candidateOn], activist: [r.candidateOn], candidate: [] as Array<string | null | undefined> }[stage];
  return [...later, r.branchMeeting?.heldOn, r.fullOn].some((d) => c.known(d));
}

export function recruitmentFindings(r: RecruitmentFacts, birthDate: string | null | undefined, c: MemberContext): MemberFinding[] {
  if (!c.known(r.appliedOn)) return [];
  return [
    ...orderFindings(r, c), ...ageFindings(r, birthDate, c), ...talkFindings(r, c), ...activistFindings(r, c),
    ...candidateFindings(r, c), ...admissionFindings(r, c), ...noticeFindings(r, c),
  ];
}

/** Steps out of order (a later step dated before an earlier one). */
function orderFindings(r: RecruitmentFacts, c: MemberContext): MemberFinding[] {
  const steps: Array<[string, string | null | undefined]> = [
    ['提出入党申请', r.appliedOn], ['列为入党积极分子', r.activistOn], ['列为发展对象', r.candidateOn],
    ['支部大会通过', r.branchMeeting?.heldOn], ['上级党委审批', r.approval?.approvedOn],
  ];
  const known = steps.filter((s): s is [string, string] => c.known(s[1]));
  const wrong: string[] = [];
  for (let i = 1; i < known.length; i++) {
    if (known[i][1] < known[i - 1][1]) wrong.push(`${known[i][0]}（${known[i][1]}）早于${known[i - 1][0]}（${known[i - 1][1]}）`);
  }
  if (c.known(r.talkedOn) && r.talkedOn < r.appliedOn) wrong.push(`谈话（${r.talkedOn}）早于提出入党申请（${r.appliedOn}）`);
  const held = r.branchMeeting?.heldOn;
  if (c.known(r.fullOn) && held && r.fullOn < fromDay(addYears(toDay(held), c.n('recruitment.probationYears', held)))) {
    wrong.push(`转为正式党员（${r.fullOn}）早于预备期满`);
  }
  if (!wrong.length) return [];
  return [memberFinding('member.stepOrder', c.at(), { fact: wrong[0] + (wrong.length > 1 ? `等${wrong.length}处` : ''), detail: wrong.join('；') }, { params: { problems: wrong.length } })];
}

function ageFindings(r: RecruitmentFacts, birthDate: string | null | undefined, c: MemberContext): MemberFinding[] {
  if (!birthDate) return [];
  const min = c.n('recruitment.minAge', r.appliedOn);
  const adult = fromDay(addYears(toDay(birthDate), min));
  if (r.appliedOn >= adult) return [];
  const early = r.appliedOn < RECRUITMENT_RULES_SINCE;
  const fact = `${r.appliedOn}提出入党申请时未满${min}岁（${adult}年满）`;
  return [memberFinding('member.applicantUnderAge', c.at(r.appliedOn), early
    ? { fact, detail: `${fact}；2014年《中国共产党发展党员工作细则》施行前提出的申请一般予以承认`, action: '一般予以承认，个案处理' }
    : { fact, detail: fact }, { params: { appliedOn: r.appliedOn, adultOn: adult }, severity: early ? 'info' : 'warning' })];
}

function talkFindings(r: RecruitmentFacts, c: MemberContext): MemberFinding[] {
  const months = c.n('recruitment.talkWithinMonths', r.appliedOn);
  if (months <= 0) return []; // the rule did not exist yet (before the 2014 细则)
  const deadline = day(r.appliedOn, months);
  const rules = c.at(r.appliedOn);
  if (c.known(r.talkedOn)) {
    if (r.talkedOn <= deadline) return [];
    return [memberFinding('member.talk', rules, { fact: `${r.talkedOn}才谈话，晚于期限${deadline}`, detail: `${r.appliedOn}收到入党申请书，应在${deadline}前派人谈话，实际${r.talkedOn}谈话`, action: '建议今后按时谈话' }, { severity: 'warning', dueOn: deadline })];
  }
  if (progressedBeyond(r, c, 'applicant')) return []; // progressed: the talk is simply not recorded
  if (c.asOf > deadline) {
    return [memberFinding('member.talk', rules, { fact: `${r.appliedOn}提出入党申请，逾期未谈话`, detail: `${r.appliedOn}收到入党申请书，应在${deadline}前派人谈话，至今未谈话` }, { severity: 'overdue', dueOn: deadline })];
  }
  return [memberFinding('member.talk', rules, { fact: `${r.appliedOn}提出入党申请，应于${deadline}前谈话`, detail: `${r.appliedOn}收到入党申请书，应在一个月内（${deadline}前）派人谈话` }, { dueOn: deadline })];
}

function activistFindings(r: RecruitmentFacts, c: MemberContext): MemberFinding[] {
  if (!c.known(r.activistOn)) return [];
  const out: MemberFinding[] = [];
  const wait = c.n('recruitment.activistMinMonths', r.activistOn);
  const earliest = day(r.appliedOn, wait);
  if (wait > 0 && r.activistOn < earliest) {
    out.push(memberFinding('member.activistTooEarly', c.at(r.activistOn), { fact: `${r.activistOn}列为入党积极分子，距提出申请不满${wait}个月`, detail: `${r.appliedOn}提出申请，${r.activistOn}列为入党积极分子，早于地方规定的${wait}个月（${earliest}起）` }, { params: { months: wait, earliest } }));
  }
  if (!progressedBeyond(r, c, 'candidate') || r.mentors) out.push(...mentorFindings(r.activistOn, r.mentors, c));
  return out;
}

function mentorFindings(activistOn: string, mentors: PersonRef[] | undefined, c: MemberContext): MemberFinding[] {
  const min = c.n('recruitment.mentorsMin', activistOn);
  const max = c.n('recruitment.mentorsMax', activistOn);
  const list = mentors ?? [];
  const notFull = list.map((p, i) => (fullOnDay(p, activistOn) ? null : personName(p, i))).filter((x): x is string => x !== null);
  if (list.length >= min && list.length <= max && !notFull.length) return [];
  const count = list.length === 0 ? '未指定培养联系人' : list.length < min || list.length > max ? `培养联系人${list.length}名（应为${min}至${max}名）` : '';
  const problems = [count, notFull.length ? `${notFull.join('、')}在${activistOn}不是正式党员` : ''].filter(Boolean).join('；');
  return [memberFinding('member.mentors', c.at(activistOn), { fact: problems, detail: problems }, { params: { mentors: list.length } })];
}

function candidateFindings(r: RecruitmentFacts, c: MemberContext): MemberFinding[] {
  if (!c.known(r.activistOn)) return [];
  if (c.known(r.candidateOn)) {
    const years = c.n('recruitment.candidateMinYears', r.candidateOn);
    const earliest = fromDay(addYears(toDay(r.activistOn), years));
    if (r.candidateOn >= earliest) return leavingFindings(r, c);
    return [memberFinding('member.candidateTooEarly', c.at(r.candidateOn), { fact: `${r.activistOn}列为入党积极分子，${r.candidateOn}即列为发展对象，培养考察不满${years}年`, detail: `${r.activistOn}列为入党积极分子，${r.candidateOn}列为发展对象，培养考察不满${years}年（${earliest}起方可）` }, { params: { activistOn: r.activistOn, earliest } }), ...leavingFindings(r, c)];
  }
  if (progressedBeyond(r, c, 'activist')) return []; // admitted without a recorded 发展对象 day: nothing to suggest
  const years = c.n('recruitment.candidateMinYears');
  const eligible = fromDay(addYears(toDay(r.activistOn), years));
  if (toDay(eligible) - c.day > c.n('member.reminderDays')) return [];
  const fact = eligible <= c.asOf ? `列为入党积极分子已满${years}年（${eligible}）` : `列为入党积极分子将于${eligible}满${years}年`;
  return [memberFinding('member.candidateEligible', c.at(), { fact, detail: `${r.activistOn}列为入党积极分子，${fact}，经培养考察基本具备党员条件的可列为发展对象` }, { dueOn: eligible })];
}

/** A 发展对象 about to leave the unit within the months the 细则 names is generally not admitted. */
function leavingFindings(r: RecruitmentFacts, c: MemberContext): MemberFinding[] {
  if (!r.leavingOn || progressedBeyond(r, c, 'candidate')) return [];
  const months = c.n('recruitment.leavingWithinMonths');
  if (r.leavingOn > day(c.asOf, months)) return [];
  return [memberFinding('member.leavingSoon', c.at(), { fact: `发展对象预计${r.leavingOn}离开本单位（${months}个月内）`, detail: `发展对象预计${r.leavingOn}离开工作单位，在${months}个月内` }, { dueOn: r.leavingOn })];
}

function noticeFindings(r: RecruitmentFacts, c: MemberContext): MemberFinding[] {
  const stage = { candidate: '发展对象', probationary: '拟接收预备党员', full: '拟转为正式党员' } as const;
  return (r.publicNotices ?? []).filter((x) => c.known(x.startsOn)).flatMap((x) => {
    const min = c.n('recruitment.publicNoticeMinDays', x.startsOn);
    const days = toDay(x.endsOn) - toDay(x.startsOn) + 1;
    if (days >= min) return [];
    return [memberFinding('member.publicNoticeShort', c.at(x.startsOn), { fact: `${stage[x.stage]}公示${days}天（${x.startsOn}至${x.endsOn}），不足${min}天`, detail: `${stage[x.stage]}公示自${x.startsOn}至${x.endsOn}共${days}天，不足${min}天` }, { params: { stage: x.stage, days, min } })];
  });
}
