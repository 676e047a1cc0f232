import type { ParamId } from './rule-set.js';
import type { ResolvedRules } from './resolve.js';
import { DOC, PLATFORM_RULE } from './citations.js';

/**
 * Every rule the engine can report, with the parameters it reads and the text it rests on. The
 * evaluators produce compact codes; explanations (findings) are rendered from this catalogue only
 * when someone asks "why does it say this?" — so the hot path never builds a string.
 */

export type Severity = 'info' | 'warning' | 'overdue';
export type RuleSubject = 'enterprise' | 'org' | 'union';
export type FindingKind = 'status' | 'nextStep' | 'alert';

export type RuleId =
  | 'enterprise.status'
  | 'enterprise.setupStandalone'
  | 'enterprise.setupJointOrAttached'
  | 'enterprise.assignInstructor'
  | 'enterprise.developMembers'
  | 'enterprise.qualifiesStandalone'
  | 'enterprise.unionMissing'
  | 'enterprise.closedButCovered'
  | 'org.secretaryVacant'
  | 'org.reelectionOverdue'
  | 'org.reelectionDue'
  | 'org.committeeMissing'
  | 'org.eligibleGeneralBranch'
  | 'org.eligibleCommittee'
  | 'org.memberQualifiesStandalone'
  | 'org.coveredEnterpriseClosed'
  | 'org.jointTooManyUnits'
  | 'org.belowStandaloneThreshold'
  | 'union.committeeMissing'
  | 'union.organiserMissing'
  | 'union.womenCommitteeMissing'
  | 'union.womenMemberMissing'
  | 'union.contractExpired'
  | 'union.contractExpiring'
  | 'union.contractTermTooLong'
  | 'union.reelectionOverdue'
  | 'union.reelectionDue'
  | 'union.coveredEnterpriseClosed';

export type RuleEntry = {
  id: RuleId;
  subject: RuleSubject;
  kind: FindingKind;
  severity: Severity;
  title: string;
  /** The text the rule rests on, cited in Chinese as an official would; a product rule says so (本平台工作规则). */
  source: string;
  /** What to do about it, said to the official reading the work list ("建议…"); '' when nothing is to be done. */
  action: string;
  params: ParamId[];
};

type Row = [RuleId, RuleSubject, FindingKind, Severity, string, string, string, ParamId[]];

const D = DOC;
const QA7 = `${D.branchQa}（调整或撤销不再符合条件的党支部）`;
const CONTRACT = `${D.collectiveContractProvisions}“期限一般为1至3年”`;

// Columns: id, subject, kind, severity, title, source (people), action, parameters. The comment at the
// end of a row names what it was checked against, for developers only: "shared rules 1.1" is that
// section of the shared domain rules; "design: Coverage" the design's coverage chapter. People read
// the Chinese source column, never these.
const ROWS: Row[] = [
  ['enterprise.status', 'enterprise', 'status', 'info', '覆盖状态（组织覆盖/工作覆盖/空白点）', `${PLATFORM_RULE}：按“两个覆盖”（组织覆盖、工作覆盖）认定；${D.partyConstitution}第三十条`, '', ['party.standaloneMinFullMembers']], // shared rules 1.1; design: Coverage
  ['enterprise.setupStandalone', 'enterprise', 'nextStep', 'warning', '应单独组建党组织', `${D.partyConstitution}第三十条`, '建议单独组建党支部', ['party.standaloneMinFullMembers']], // shared rules 1.1
  ['enterprise.setupJointOrAttached', 'enterprise', 'nextStep', 'info', '联合组建或挂靠组建', `${D.branchRegulation}第二章`, '建议与邻近单位联合组建或挂靠组建党支部', ['party.standaloneMinFullMembers', 'party.jointMaxUnits']], // shared rules 1.1
  ['enterprise.assignInstructor', 'enterprise', 'nextStep', 'info', '选派党建指导员', `${PLATFORM_RULE}：无党员企业通过选派党建指导员（联络员）实现工作覆盖`, '建议选派党建指导员（联络员）', []], // design: Coverage
  ['enterprise.developMembers', 'enterprise', 'nextStep', 'info', '注重发展党员', `${PLATFORM_RULE}：职工较多而党员不足的企业重点发展党员`, '建议注重在职工中发展党员', ['enterprise.developMembersMinEmployees', 'party.standaloneMinFullMembers']], // design: Coverage
  ['enterprise.qualifiesStandalone', 'enterprise', 'nextStep', 'warning', '已具备单独组建条件', `${D.partyConstitution}第三十条；${D.branchRegulation}第二章`, '建议单独组建党支部', ['party.standaloneMinFullMembers']], // shared rules 1.1
  ['enterprise.unionMissing', 'enterprise', 'alert', 'warning', '开业满期限仍未建工会', `${D.tradeUnionLaw}第十一条`, '建议指导企业建立或加入工会', ['union.setupGraceMonths', 'union.setupMinEmployees']], // shared rules 6.1
  ['enterprise.closedButCovered', 'enterprise', 'alert', 'warning', '企业已不在营但仍在党组织覆盖名单中', QA7, '建议调整覆盖范围或撤销相应党组织', []], // shared rules 1.1 (Q&A 7)
  ['org.secretaryVacant', 'org', 'alert', 'warning', '书记空缺', `${D.branchRegulation}第六章；${D.partyConstitution}第三十一条`, '建议尽快选举产生书记', []], // shared rules 1.1
  ['org.reelectionOverdue', 'org', 'alert', 'overdue', '换届逾期', `${D.electionRegulation}第三条`, '建议督促尽快换届', ['party.reelectionMaxShiftDays']], // shared rules 1.2
  ['org.reelectionDue', 'org', 'alert', 'info', '即将换届', `${D.termOpinion}第三项（上级党组织督促按期换届）`, '建议做好换届准备', ['party.reelectionReminderDays']], // shared rules 1.2
  ['org.committeeMissing', 'org', 'alert', 'warning', '应设支部委员会而未设', `${D.branchRegulation}第六章`, '建议选举产生支部委员会', ['party.branchCommitteeMinFullMembers', 'party.committeeMinSize']], // shared rules 1.1
  ['org.eligibleGeneralBranch', 'org', 'nextStep', 'info', '可设立党总支', `${D.qizhiQa}：党员50人以上设立党总支`, '可报上级党组织批准设立党总支', ['party.generalBranchMinMembers', 'party.countProbationaryForLargeThresholds']], // shared rules 1.1
  ['org.eligibleCommittee', 'org', 'nextStep', 'info', '可设立基层党委', `${D.qizhiQa}：党员100人以上设立基层党委`, '可报上级党组织批准设立基层党委', ['party.partyCommitteeMinMembers', 'party.countProbationaryForLargeThresholds']], // shared rules 1.1
  ['org.memberQualifiesStandalone', 'org', 'alert', 'info', '联合支部中的单位已具备单独组建条件', `${D.partyConstitution}第三十条；${D.branchRegulation}第二章`, '建议该企业单独组建党支部', ['party.standaloneMinFullMembers']], // shared rules 1.1
  ['org.coveredEnterpriseClosed', 'org', 'alert', 'warning', '覆盖的企业已注销/吊销/歇业/迁出', QA7, '建议调整覆盖范围或撤销组织', []], // shared rules 1.1 (Q&A 7)
  ['org.jointTooManyUnits', 'org', 'alert', 'warning', '联合党支部覆盖单位超过上限', `${D.branchRegulation}第二章`, '建议分设联合党支部', ['party.jointMaxUnits']], // shared rules 1.1
  ['org.belowStandaloneThreshold', 'org', 'alert', 'info', '单独组建的党组织正式党员不足', QA7, '可考虑调整为联合组建', ['party.standaloneMinFullMembers']], // shared rules 1.1 (Q&A 7)
  ['union.committeeMissing', 'union', 'alert', 'warning', '会员达到人数应建立工会委员会', `${D.tradeUnionLaw}第十一条`, '建议建立基层工会委员会', ['union.committeeMinMembers']], // shared rules 6.1
  ['union.organiserMissing', 'union', 'alert', 'info', '未建委员会也未选组织员', `${D.tradeUnionLaw}第十一条`, '建议选举组织员一人', ['union.committeeMinMembers']], // shared rules 6.1
  ['union.womenCommitteeMissing', 'union', 'alert', 'warning', '应建立女职工委员会', `${D.womenCommitteeRegulation}第十一条`, '建议建立女职工委员会', ['union.womenCommitteeMinFemaleMembers']], // shared rules 6.2
  ['union.womenMemberMissing', 'union', 'alert', 'info', '未设女职工委员', `${D.tradeUnionLaw}第十一条`, '建议在工会委员会中配备女职工委员', ['union.womenCommitteeMinFemaleMembers']], // shared rules 6.1, 6.2
  ['union.contractExpired', 'union', 'alert', 'overdue', '集体合同已到期', D.collectiveContractProvisions, '建议及时协商续签', []], // shared rules 6.4
  ['union.contractExpiring', 'union', 'alert', 'info', '集体合同即将到期', `${CONTRACT}，到期前续签`, '建议提前开展集体协商续签', ['union.contractReminderDays']], // shared rules 6.4
  ['union.contractTermTooLong', 'union', 'alert', 'warning', '集体合同期限超过上限', CONTRACT, '建议重新约定合同期限', ['union.contractMaxYears']], // shared rules 6.4
  ['union.reelectionOverdue', 'union', 'alert', 'overdue', '工会换届逾期', `${D.tradeUnionLaw}第十六条`, '建议督促尽快换届', []], // shared rules 6.1
  ['union.reelectionDue', 'union', 'alert', 'info', '工会即将换届', `${D.tradeUnionLaw}第十六条`, '建议做好换届准备', ['union.reelectionReminderDays']], // shared rules 6.1
  ['union.coveredEnterpriseClosed', 'union', 'alert', 'warning', '联合工会覆盖的企业已不在营', `${D.tradeUnionLaw}第十一条`, '建议调整工会覆盖范围', []], // shared rules 6.1
];

export const RULE_CATALOGUE: Record<RuleId, RuleEntry> = Object.fromEntries(
  ROWS.map(([id, subject, kind, severity, title, source, action, params]) => [id, { id, subject, kind, severity, title, source, action, params }]),
) as Record<RuleId, RuleEntry>;

export type FindingParams = Record<string, string | number | boolean | null>;

export type Finding = {
  ruleId: RuleId;
  severity: Severity;
  title: string;
  /** One line for a work list: the fact, then what to do ("有正式党员3名，尚未单独组建 — 建议单独组建党支部"). */
  summary: string;
  /** For people, in Chinese, ending with 依据：… */
  message: string;
  /** The texts of the rule and of every parameter it used, cited in Chinese (no document sections). */
  source: string;
  params: FindingParams;
};

/**
 * The rule's own text, then the texts of its parameters as resolved (a province override shows its
 * own), each once: a bare citation is dropped when a fuller one of the same article is listed
 * (《工会法》第十一条 beside 《工会法》第十一条（…）).
 */
export function sourceOf(entry: Pick<RuleEntry, 'source' | 'params'>, rules: ResolvedRules): string {
  const texts = new Set<string>();
  for (const source of [entry.source, ...entry.params.map((p) => rules.params[p].source)]) {
    for (const t of source.split('；')) texts.add(t);
  }
  const all = [...texts];
  return all.filter((t) => !all.some((u) => u !== t && u.startsWith(t))).join('；');
}

/** What a person reads after 依据: the rule's text — a province override's own when one applies. */
export function basisOf(entry: Pick<RuleEntry, 'source' | 'params'>, rules: ResolvedRules): string {
  const local = entry.params.map((p) => rules.params[p]).find((p) => p.overriddenBy);
  return local ? local.source : entry.source;
}

/**
 * What the evaluator knows about this record: `fact` (short, for the work-list line), `detail`
 * (the full explanation) and, where the advice depends on the facts, its own `action`.
 */
export type FindingText = { fact: string; detail: string; action?: string };

export function finding(id: RuleId, rules: ResolvedRules, text: FindingText, params: FindingParams = {}, severity?: Severity): Finding {
  const entry = RULE_CATALOGUE[id];
  const action = text.action ?? entry.action;
  return {
    ruleId: id, severity: severity ?? entry.severity, title: entry.title,
    summary: action ? `${text.fact} — ${action}` : text.fact,
    message: `${text.detail}。依据：${basisOf(entry, rules)}`, source: sourceOf(entry, rules), params,
  };
}
