/**
 * The rule engine's stable API. Pure: (facts, rule set, date) → statuses, next steps, alerts.
 *
 *   const ctx = createRuleContext('2025-06-30');          // once per request / report date
 *   const v = evaluateEnterprise(facts, ctx);              // compact: { status, steps, alerts }
 *   const why = explainEnterprise(facts, ctx);             // findings with Chinese messages + sources
 *
 * Use `evaluate*` to count and filter (work lists, dashboards: no strings are built) and `explain*`
 * for the record a person is looking at. See docs/rules.md for every rule id and its source.
 */
export * from './facts.js';
export { RULE_SET, type RuleSet, type RuleParam, type ParamVersion, type ParamId, type ParamKind, type Confidence } from './rule-set.js';
export { resolveRules, resolveParam, termYearsAt, createRuleContext, type ResolvedRules, type ResolvedParam, type RuleContext } from './resolve.js';
export { RULE_CATALOGUE, type RuleId, type RuleEntry, type Finding, type Severity, type FindingKind, type RuleSubject } from './catalogue.js';
export {
  evaluateEnterprise, explainEnterprise, coverageClass, COVERAGE_STATUSES, COVERAGE_STATUS_LABEL, ENTERPRISE_STEP, ENTERPRISE_ALERT,
  type CoverageStatus, type CoverageClass, type EnterpriseVerdict, type EnterpriseExplanation,
} from './evaluate-enterprise.js';
export { evaluateOrg, explainOrg, orgTermEndDay, ORG_ALERT, ORG_STEP, type OrgVerdict, type OrgExplanation } from './evaluate-org.js';
export { evaluateUnion, explainUnion, latestContracts, UNION_ALERT, type UnionVerdict, type UnionExplanation } from './evaluate-union.js';
export { explainUnionCommittee, committeeTermEnd, SIZE_VERDICT_LABELS, type CommitteeSummary, type SizeVerdict } from './evaluate-union-committee.js';
export {
  explainUnionCongress, formFor, sessionVerdict, QUORUM_LABELS as CONGRESS_QUORUM_LABELS, RESOLUTION_OUTCOME_LABELS,
  type CongressSummary, type SessionVerdict, type ResolutionVerdict, type Quorum, type ResolutionOutcome,
} from './evaluate-union-congress.js';
export { UNION_COMMITTEE_RULE_CATALOGUE, type UnionCommitteeRuleId, type UnionCommitteeFinding } from './union-committee-catalogue.js';
export {
  planJointBranches, plannerOptionsFrom, DEFAULT_GROUP_ORDER, GROUP_KIND_LABEL,
  type GroupKind, type PlannerCandidate, type JointBranchProposal, type PlanResult, type PlannerOptions,
} from './planner.js';
export { plannerCandidates } from './planner-candidates.js';
export { ruleIdsOf } from './rule-ids.js';
export { toDay, fromDay, addMonths, addYears, isIsoDate } from './dates.js';
// Party members (issue 14): dues, the recruitment timeline, transfers and contact.
export { evaluateMember, explainMember, type MemberExplanation } from './evaluate-member.js';
export {
  monthlyDues, duesFor, yuan, percent, roundHalfUp, monthIndex, monthOf,
  type DuesAmount, type DuesBracket, type DuesResult, type DuesInput, type DuesOptions,
} from './member-dues.js';
export { MEMBER_RULE_CATALOGUE, type MemberRuleId, type MemberRuleEntry, type MemberFinding } from './member-catalogue.js';
export { RECRUITMENT_STAGES, RECRUITMENT_STAGE_LABELS, type RecruitmentStage } from './member-recruitment.js';
export { APPROVER_LABELS } from './member-admission.js';
export { RECRUITMENT_RULES_SINCE, type MemberParamId } from './member-params.js';
// Organisational life (issue 15): 三会一课 and the rest, the compliance calendar, quorum and votes.
export {
  MEETING_KINDS, MEETING_KIND_LABELS, FREQUENCY_LABELS, FREQUENCY_UNITS, LIFE_RULE_CATALOGUE, LIFE_DEFAULTS, BRANCH_REGULATION_SINCE,
  FREQUENCY_VERSIONS, expectationOf, type MeetingKind, type Frequency, type LifeRuleId, type LifeRuleEntry, type LifeOptions, type Expectation,
} from './life-catalogue.js';
export { periodOf, periodsOfYear, periodIndexOf, monthIndexOf, type Period } from './life-periods.js';
export { meetingVerdict, QUORUM_LABELS, VOTE_LABELS, type LifeMeeting, type MeetingVerdict, type QuorumVerdict, type VoteVerdict } from './life-meeting.js';
export {
  lifeCalendar, LIFE_STATUS_LABELS,
  type LifeFacts, type LifeCalendar, type KindYear, type PeriodCell, type PeriodState, type LifeFinding, type LifeStatus,
} from './life-compliance.js';
export { moreThanHalf } from './majority.js';
