import { basisOf, sourceOf, type FindingKind, type FindingParams, type FindingText, type Severity } from './catalogue.js';
import { DOC, PLATFORM_RULE, PLATFORM_SETTING } from './citations.js';
import type { ParamId } from './rule-set.js';
import type { ResolvedRules } from './resolve.js';

/**
 * The member rules (issue 14), in the shape of catalogue.ts but a catalogue of their own: the
 * coverage work lists filter RULE_CATALOGUE by kind, and a member rule has no place there. A member
 * finding also carries the day something is due (`dueOn`), where there is one.
 */

export type MemberRuleId =
  | 'member.duesEmployed' | 'member.duesRetired' | 'member.duesFarmer' | 'member.duesMinimal' | 'member.duesReduced'
  | 'member.duesReductionUnapproved' | 'member.duesArrears' | 'member.duesLapse' | 'member.duesBackPayLate'
  | 'member.applicantUnderAge' | 'member.talk' | 'member.activistTooEarly' | 'member.mentors'
  | 'member.candidateTooEarly' | 'member.candidateEligible' | 'member.politicalReviewMissing' | 'member.trainingMissing'
  | 'member.sponsorsInvalid' | 'member.meetingQuorum' | 'member.meetingVotes' | 'member.approverNotCommittee'
  | 'member.approvalDeadline' | 'member.probationEnd' | 'member.extensionInvalid' | 'member.leavingSoon'
  | 'member.publicNoticeShort' | 'member.stepOrder'
  | 'member.transferLetterTooLong' | 'member.transferLetterExpiry' | 'member.mobileMustTransfer' | 'member.mobileReport'
  | 'member.lostContactSuspend' | 'member.suspendedLapse' | 'member.declarationUnconfirmed';

export type MemberRuleEntry = {
  id: MemberRuleId;
  subject: 'member';
  kind: FindingKind;
  severity: Severity;
  title: string;
  source: string;
  action: string;
  params: ParamId[];
};

export type MemberFinding = {
  ruleId: MemberRuleId;
  severity: Severity;
  title: string;
  /** "fact — action", for a work list. */
  summary: string;
  message: string;
  source: string;
  params: FindingParams;
  /** The last day to act (a coming or missed deadline), or the first day a step is allowed. */
  dueOn?: string;
};

type Row = [MemberRuleId, FindingKind, Severity, string, string, string, ParamId[]];

const D = DOC;
const DUES2 = `${D.duesRegulation}第二条`;
const HARDSHIP = `${D.duesRegulation}（生活确有困难的党员，经党支部研究、报上一级党委批准，可以少交或免交党费）`;
const EMPLOYED: ParamId[] = ['dues.employed.upTo1Fen', 'dues.employed.upTo2Fen', 'dues.employed.upTo3Fen', 'dues.employed.rate1Bp', 'dues.employed.rate2Bp', 'dues.employed.rate3Bp', 'dues.employed.rate4Bp', 'dues.roundingFen'];
const RETIRED: ParamId[] = ['dues.retired.upTo1Fen', 'dues.retired.rate1Bp', 'dues.retired.rate2Bp', 'dues.roundingFen'];
const R = D.recruitmentRules;
const E = D.memberEducationRegulation;
const YEAR = `${R}（入党积极分子经过一年以上培养教育和考察，方可列为发展对象）`;

// Columns: id, kind, severity (the usual one; an evaluator may raise it), title, source, action, parameters.
const ROWS: Row[] = [
  ['member.duesEmployed', 'status', 'info', '在职党员按月工资收入比例交纳党费', DUES2, '', EMPLOYED], // shared rules 4
  ['member.duesRetired', 'status', 'info', '离退休党员按离退休费比例交纳党费', `${D.duesRegulation}第五条`, '', RETIRED], // shared rules 4
  ['member.duesFarmer', 'status', 'info', '农民党员按省定标准交纳党费', `${D.duesRegulation}第六条`, '', ['dues.farmerFen']], // shared rules 4
  ['member.duesMinimal', 'status', 'info', '按每月0.2元交纳党费', `${D.duesRegulation}第六条`, '', ['dues.minimalFen']], // shared rules 4
  ['member.duesReduced', 'status', 'info', '经批准少交或免交党费', HARDSHIP, '', []], // shared rules 4
  ['member.duesReductionUnapproved', 'alert', 'warning', '少交或免交党费未经批准', HARDSHIP, '建议报上一级党委批准，批准前按标准交纳', []], // shared rules 4
  ['member.duesArrears', 'alert', 'warning', '欠交党费', `${D.duesRegulation}（党员应按月交纳党费）；${D.partyConstitution}第九条`, '建议督促按月交纳并补交', ['dues.lapseMonths', 'dues.backPayMaxMonths', 'dues.arrearsTaskMonths']], // shared rules 4
  ['member.duesLapse', 'alert', 'overdue', '连续6个月未交纳党费', `${D.partyConstitution}第九条`, '建议支部了解原因；无正当理由的，按自行脱党由支部大会讨论除名，报上级党组织批准', ['dues.lapseMonths']], // shared rules 4
  ['member.duesBackPayLate', 'alert', 'warning', '补交党费超过期限', D.centralOrgansDuesMeasures, '建议按月交纳，避免超期补交', ['dues.backPayMaxMonths']], // shared rules 4
  ['member.applicantUnderAge', 'alert', 'warning', '申请入党时未满18岁', `${D.partyConstitution}第一条；${R}第五条`, '建议待年满18岁后重新提出申请', ['recruitment.minAge']], // shared rules 3
  ['member.talk', 'alert', 'info', '收到入党申请书后一个月内谈话', `${R}（党组织收到入党申请书后，应当在一个月内派人同入党申请人谈话）`, '建议尽快派人同入党申请人谈话', ['recruitment.talkWithinMonths']], // shared rules 3
  ['member.activistTooEarly', 'alert', 'warning', '列为入党积极分子早于地方规定的间隔', `${PLATFORM_RULE}：提出申请至列为入党积极分子的间隔按地方规定检查`, '建议按地方规定的间隔确定入党积极分子', ['recruitment.activistMinMonths']], // shared rules 3, 9.2
  ['member.mentors', 'alert', 'warning', '培养联系人应为一至两名正式党员', `${R}（指定一至两名正式党员作培养联系人）`, '建议指定一至两名正式党员作培养联系人', ['recruitment.mentorsMin', 'recruitment.mentorsMax']], // shared rules 3
  ['member.candidateTooEarly', 'alert', 'warning', '培养考察不满一年即列为发展对象', YEAR, '建议继续培养考察，满一年后再列为发展对象', ['recruitment.candidateMinYears']], // shared rules 3
  ['member.candidateEligible', 'nextStep', 'info', '培养考察期满可列为发展对象', YEAR, '可听取意见后经支部委员会讨论列为发展对象，报上级党委备案', ['recruitment.candidateMinYears']], // shared rules 3
  ['member.politicalReviewMissing', 'alert', 'warning', '未经政治审查', `${R}（未经政治审查或政治审查不合格的，不能发展入党）`, '建议先进行政治审查，未经政治审查或审查不合格的不能发展入党', []], // shared rules 3
  ['member.trainingMissing', 'alert', 'warning', '发展对象未参加短期集中培训或时间不足', `${R}第十七条`, '建议参加基层党委或县级党委组织部门举办的短期集中培训', ['recruitment.trainingMinDays', 'recruitment.trainingMinHours']], // shared rules 3
  ['member.sponsorsInvalid', 'alert', 'warning', '入党介绍人不符合要求', `${D.partyConstitution}第五条`, '建议确定两名正式党员作入党介绍人（预备党员不能作介绍人）', ['recruitment.sponsors']], // shared rules 3
  ['member.meetingQuorum', 'alert', 'warning', '支部大会到会人数未超过半数', `${R}（讨论接收预备党员的支部大会，有表决权的到会人数必须超过应到会有表决权人数的半数）`, '建议重新召开支部大会讨论', []], // shared rules 3
  ['member.meetingVotes', 'alert', 'warning', '赞成票未超过应到会有表决权正式党员的半数', `${R}（赞成人数超过应到会有表决权的正式党员的半数，才能通过接收预备党员的决议）`, '不能作出接收预备党员的决议', []], // shared rules 3
  ['member.approverNotCommittee', 'alert', 'warning', '审批预备党员的不是党委', `${D.approvalQa}；${D.partyConstitution}第五条`, '建议报有审批权的基层党委审批', []], // shared rules 3
  ['member.approvalDeadline', 'alert', 'info', '上级党委审批期限', `${R}（上级党委应当在三个月内审批，因特殊情况可以适当延长，但不得超过六个月）`, '建议上级党委及时审批', ['recruitment.approvalWithinMonths', 'recruitment.approvalMaxMonths']], // shared rules 3
  ['member.probationEnd', 'alert', 'info', '预备期满讨论转正', `${D.partyConstitution}第七条`, '建议预备党员提出转正申请，支部及时讨论', ['recruitment.probationYears', 'member.reminderDays']], // shared rules 3
  ['member.extensionInvalid', 'alert', 'warning', '延长预备期不符合规定', `${D.partyConstitution}第七条；${R}第三十二条`, '建议核实：延长预备期只能一次，时间为半年至一年', ['recruitment.extensionMinMonths', 'recruitment.extensionMaxMonths']], // shared rules 3
  ['member.leavingSoon', 'alert', 'warning', '发展对象三个月内将离开单位', `${R}第十九条`, '一般不办理接收预备党员手续，建议与其将去单位的党组织衔接', ['recruitment.leavingWithinMonths']], // shared rules 3
  ['member.publicNoticeShort', 'alert', 'warning', '公示时间不足', `${R}（对发展对象、拟接收的预备党员等进行公示）；${PLATFORM_RULE}：公示天数按地方规定检查`, '建议按规定天数重新公示', ['recruitment.publicNoticeMinDays']], // shared rules 3, 9.2
  ['member.stepOrder', 'alert', 'warning', '发展党员步骤顺序有误', `${R}（按入党申请人、入党积极分子、发展对象、预备党员的程序逐步发展）`, '建议核实各环节日期', []], // shared rules 3
  ['member.transferLetterTooLong', 'alert', 'warning', '介绍信有效期超过上限', E, '建议按规定期限开具介绍信', ['transfer.letterMaxValidDays']], // shared rules 5
  ['member.transferLetterExpiry', 'alert', 'info', '组织关系介绍信有效期', `${E}第二十五条`, '建议督促党员及时到接收党组织报到', ['transfer.letterMaxValidDays', 'member.reminderDays']], // shared rules 5
  ['member.mobileReport', 'alert', 'warning', '流动党员每年至少汇报一次', `${PLATFORM_SETTING}：${D.mobileMemberMeasures}一般要求流动党员每年至少向流出党组织汇报一次思想、工作情况`, '建议联系该党员汇报近况并登记', ['mobile.reportEveryMonths', 'member.reminderDays']], // shared rules 5
  ['member.mobileMustTransfer', 'alert', 'warning', '外出满6个月应转移组织关系', `${E}第二十五条`, '建议办理组织关系转接', ['mobile.transferAfterMonths', 'member.reminderDays']], // shared rules 5
  ['member.lostContactSuspend', 'alert', 'warning', '失去联系满6个月', `${E}第二十四条`, '通过各种方式仍无法取得联系的，建议停止其党籍', ['contact.suspendAfterMonths', 'member.reminderDays']], // shared rules 5
  ['member.suspendedLapse', 'alert', 'warning', '停止党籍满2年', `${E}第二十四条`, '确实无法取得联系的，建议按自行脱党予以除名', ['contact.lapseAfterSuspensionYears', 'member.reminderDays']], // shared rules 5
  ['member.declarationUnconfirmed', 'alert', 'info', '亮身份申报待核实确认', `${PLATFORM_RULE}：党员亮身份申报经党组织核实确认后方可计入党员名册`, '建议核实党员身份后确认或退回', ['declaration.confirmDays']], // design (undeclared members)
];

export const MEMBER_RULE_CATALOGUE: Record<MemberRuleId, MemberRuleEntry> = Object.fromEntries(
  ROWS.map(([id, kind, severity, title, source, action, params]) => [id, { id, subject: 'member', kind, severity, title, source, action, params }]),
) as Record<MemberRuleId, MemberRuleEntry>;

/** A member finding, rendered like every other ("fact — action"; 依据 in Chinese). */
export function memberFinding(
  id: MemberRuleId, rules: ResolvedRules, text: FindingText,
  extra: { params?: FindingParams; severity?: Severity; dueOn?: string } = {},
): MemberFinding {
  const entry = MEMBER_RULE_CATALOGUE[id];
  const action = text.action ?? entry.action;
  return {
    ruleId: id, severity: extra.severity ?? entry.severity, title: entry.title,
    summary: action ? `${text.fact} — ${action}` : text.fact,
    message: `${text.detail}。依据：${basisOf(entry, rules)}`, source: sourceOf(entry, rules), params: extra.params ?? {},
    ...(extra.dueOn ? { dueOn: extra.dueOn } : {}),
  };
}
