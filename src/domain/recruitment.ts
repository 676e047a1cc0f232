import type { MemberRuleId } from './rules/member-catalogue.js';
import { RECRUITMENT_STAGES, RECRUITMENT_STAGE_LABELS, type RecruitmentStage } from './rules/member-recruitment.js';

/**
 * 发展党员 case vocabulary (docs/recruitment.md): the stages of a stored case (the rule engine's
 * five, plus `closed` for a case ended without admission), the steps a form records and the words
 * officials read. The database mirrors these in CHECK constraints (0019_recruitment.sql).
 */
export const CASE_STAGES = [...RECRUITMENT_STAGES, 'closed'] as const;
export type CaseStage = RecruitmentStage | 'closed';
export const CASE_STAGE_LABELS: Record<CaseStage, string> = { ...RECRUITMENT_STAGE_LABELS, closed: '已终止' };
/** The board's columns, in order (closed cases are listed on request only). */
export const BOARD_STAGES: readonly RecruitmentStage[] = RECRUITMENT_STAGES;

export const REVIEW_RESULTS = ['passed', 'failed'] as const;
export type ReviewResult = (typeof REVIEW_RESULTS)[number];
export const REVIEW_RESULT_LABELS: Record<ReviewResult, string> = { passed: '合格', failed: '不合格' };

export const RECRUITMENT_ROLES = ['mentor', 'sponsor'] as const;
export type RecruitmentRole = (typeof RECRUITMENT_ROLES)[number];
export const RECRUITMENT_ROLE_LABELS: Record<RecruitmentRole, string> = { mentor: '培养联系人', sponsor: '入党介绍人' };

export const NOTICE_STAGES = ['candidate', 'probationary', 'full'] as const;
export type CaseNoticeStage = (typeof NOTICE_STAGES)[number];
export const NOTICE_STAGE_LABELS: Record<CaseNoticeStage, string> = { candidate: '发展对象公示', probationary: '拟接收预备党员公示', full: '拟转为正式党员公示' };

/** The steps a case records, in the order of the 细则, with the words the forms and the history show. */
export const RECRUITMENT_STEPS = ['talk', 'activist', 'candidate', 'review', 'training', 'notice', 'sponsors', 'meeting', 'approve', 'extend', 'cancel', 'confirm', 'leaving', 'close'] as const;
export type RecruitmentStep = (typeof RECRUITMENT_STEPS)[number];
export const RECRUITMENT_STEP_LABELS: Record<RecruitmentStep | 'applied', string> = {
  applied: '提出入党申请', talk: '派人谈话', activist: '确定为入党积极分子', candidate: '列为发展对象', review: '政治审查', training: '短期集中培训',
  notice: '公示', sponsors: '确定入党介绍人', meeting: '支部大会讨论接收预备党员', approve: '上级党委审批', extend: '延长预备期',
  cancel: '取消预备党员资格', confirm: '转为正式党员', leaving: '预计离开工作单位', close: '终止发展',
};

/** Which stages a step may be recorded at (the service refuses others with STEP_NOT_ALLOWED). */
export const STEP_STAGES: Record<RecruitmentStep, readonly CaseStage[]> = {
  talk: ['applicant', 'activist'],
  activist: ['applicant'],
  candidate: ['activist'],
  review: ['candidate'],
  training: ['activist', 'candidate'],
  notice: ['candidate', 'probationary'],
  sponsors: ['candidate'],
  meeting: ['candidate'],
  approve: ['candidate'],
  extend: ['probationary'],
  cancel: ['probationary'],
  confirm: ['probationary'],
  leaving: ['applicant', 'activist', 'candidate'],
  close: ['applicant', 'activist', 'candidate'],
};

/** The member rules that judge a case (the work list's rule filter offers them under 发展党员). */
export const RECRUITMENT_RULE_IDS: readonly MemberRuleId[] = [
  'member.applicantUnderAge', 'member.talk', 'member.activistTooEarly', 'member.mentors', 'member.candidateTooEarly', 'member.candidateEligible',
  'member.politicalReviewMissing', 'member.trainingMissing', 'member.sponsorsInvalid', 'member.meetingQuorum', 'member.meetingVotes',
  'member.approverNotCommittee', 'member.approvalDeadline', 'member.probationEnd', 'member.extensionInvalid', 'member.leavingSoon',
  'member.publicNoticeShort', 'member.stepOrder',
];
