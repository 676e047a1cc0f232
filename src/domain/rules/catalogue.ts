import type { ParamId } from './rule-set.js';
import type { ResolvedRules } from './resolve.js';

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
  /** domain-rules section and the legal text, used when no parameter governs the rule. */
  source: string;
  params: ParamId[];
};

type Row = [RuleId, RuleSubject, FindingKind, Severity, string, string, ParamId[]];

const ROWS: Row[] = [
  ['enterprise.status', 'enterprise', 'status', 'info', '覆盖状态（组织覆盖/工作覆盖/空白点）', 'domain-rules §1.1 · 党章第三十条；design §Coverage“两个覆盖”', ['party.standaloneMinFullMembers']],
  ['enterprise.setupStandalone', 'enterprise', 'nextStep', 'warning', '应单独组建党组织', 'domain-rules §1.1 · 党章第三十条', ['party.standaloneMinFullMembers']],
  ['enterprise.setupJointOrAttached', 'enterprise', 'nextStep', 'info', '联合组建或挂靠组建', 'domain-rules §1.1 · 支部工作条例（试行）第二章', ['party.standaloneMinFullMembers', 'party.jointMaxUnits']],
  ['enterprise.assignInstructor', 'enterprise', 'nextStep', 'info', '选派党建指导员', 'design §Coverage · 无党员企业通过选派党建指导员实现工作覆盖（产品规则）', []],
  ['enterprise.developMembers', 'enterprise', 'nextStep', 'info', '注重发展党员', 'design §Coverage · 产品规则（职工较多而党员不足的企业重点发展党员）', ['enterprise.developMembersMinEmployees', 'party.standaloneMinFullMembers']],
  ['enterprise.qualifiesStandalone', 'enterprise', 'nextStep', 'warning', '已具备单独组建条件', 'domain-rules §1.1 · 党章第三十条；支部工作条例（试行）第二章', ['party.standaloneMinFullMembers']],
  ['enterprise.unionMissing', 'enterprise', 'alert', 'warning', '开业满期限仍未建工会', 'domain-rules §6.1 · 工会法第十一条', ['union.setupGraceMonths', 'union.setupMinEmployees']],
  ['enterprise.closedButCovered', 'enterprise', 'alert', 'warning', '企业已不在营但仍在党组织覆盖名单中', 'domain-rules §1.1 · 支部工作条例Q&A 7（调整或撤销不再符合条件的支部）', []],
  ['org.secretaryVacant', 'org', 'alert', 'warning', '书记空缺', 'domain-rules §1.1 · 支部工作条例（试行）第六章；党章第三十一条', []],
  ['org.reelectionOverdue', 'org', 'alert', 'overdue', '换届逾期', 'domain-rules §1.2 · 基层组织选举工作条例第三条', ['party.reelectionMaxShiftDays']],
  ['org.reelectionDue', 'org', 'alert', 'info', '即将换届', 'domain-rules §1.2 · 2018意见第3项（上级督促按期换届）', ['party.reelectionReminderDays']],
  ['org.committeeMissing', 'org', 'alert', 'warning', '应设支部委员会而未设', 'domain-rules §1.1 · 支部工作条例（试行）第六章', ['party.branchCommitteeMinFullMembers', 'party.committeeMinSize']],
  ['org.eligibleGeneralBranch', 'org', 'nextStep', 'info', '可设立党总支', 'domain-rules §1.1 · 旗帜网问答（2021-12-15）：党员50人以上设党总支', ['party.generalBranchMinMembers', 'party.countProbationaryForLargeThresholds']],
  ['org.eligibleCommittee', 'org', 'nextStep', 'info', '可设立基层党委', 'domain-rules §1.1 · 旗帜网问答（2021-12-15）：党员100人以上设基层党委', ['party.partyCommitteeMinMembers', 'party.countProbationaryForLargeThresholds']],
  ['org.memberQualifiesStandalone', 'org', 'alert', 'info', '联合支部中的单位已具备单独组建条件', 'domain-rules §1.1 · 党章第三十条；支部工作条例（试行）第二章', ['party.standaloneMinFullMembers']],
  ['org.coveredEnterpriseClosed', 'org', 'alert', 'warning', '覆盖的企业已注销/吊销/歇业/迁出', 'domain-rules §1.1 · 支部工作条例Q&A 7', []],
  ['org.jointTooManyUnits', 'org', 'alert', 'warning', '联合党支部覆盖单位超过上限', 'domain-rules §1.1 · 支部工作条例（试行）第二章', ['party.jointMaxUnits']],
  ['org.belowStandaloneThreshold', 'org', 'alert', 'info', '单独组建的党组织正式党员不足', 'domain-rules §1.1 · 支部工作条例Q&A 7', ['party.standaloneMinFullMembers']],
  ['union.committeeMissing', 'union', 'alert', 'warning', '会员达到人数应建立工会委员会', 'domain-rules §6.1 · 工会法第十一条', ['union.committeeMinMembers']],
  ['union.organiserMissing', 'union', 'alert', 'info', '未建委员会也未选组织员', 'domain-rules §6.1 · 工会法第十一条', ['union.committeeMinMembers']],
  ['union.womenCommitteeMissing', 'union', 'alert', 'warning', '应建立女职工委员会', 'domain-rules §6.2 · 工会女职工委员会工作条例（全总，2004）第十一条', ['union.womenCommitteeMinFemaleMembers']],
  ['union.womenMemberMissing', 'union', 'alert', 'info', '未设女职工委员', 'domain-rules §6.1 · 工会法第十一条', ['union.womenCommitteeMinFemaleMembers']],
  ['union.contractExpired', 'union', 'alert', 'overdue', '集体合同已到期', 'domain-rules §6.4 · 集体合同规定（2004）', []],
  ['union.contractExpiring', 'union', 'alert', 'info', '集体合同即将到期', 'domain-rules §6.4 · 集体合同规定（2004）期限1至3年，到期前续签', ['union.contractReminderDays']],
  ['union.contractTermTooLong', 'union', 'alert', 'warning', '集体合同期限超过上限', 'domain-rules §6.4 · 集体合同规定（劳社部令第22号，2004）“期限一般为1至3年”', ['union.contractMaxYears']],
  ['union.reelectionOverdue', 'union', 'alert', 'overdue', '工会换届逾期', 'domain-rules §6.1 · 工会法第十六条', []],
  ['union.reelectionDue', 'union', 'alert', 'info', '工会即将换届', 'domain-rules §6.1 · 工会法第十六条', ['union.reelectionReminderDays']],
  ['union.coveredEnterpriseClosed', 'union', 'alert', 'warning', '联合工会覆盖的企业已不在营', 'domain-rules §6.1 · 工会法第十一条', []],
];

export const RULE_CATALOGUE: Record<RuleId, RuleEntry> = Object.fromEntries(
  ROWS.map(([id, subject, kind, severity, title, source, params]) => [id, { id, subject, kind, severity, title, source, params }]),
) as Record<RuleId, RuleEntry>;

export type FindingParams = Record<string, string | number | boolean | null>;

export type Finding = {
  ruleId: RuleId;
  severity: Severity;
  title: string;
  /** For people, in Chinese, ending with 依据：… */
  message: string;
  /** domain-rules section and legal text of the rule and of every parameter it used. */
  source: string;
  params: FindingParams;
};

/** The rule's own text, then the texts of its parameters as resolved (a province override shows its own). */
export function sourceOf(entry: RuleEntry, rules: ResolvedRules): string {
  const bySection = new Map<string, Set<string>>();
  for (const source of [entry.source, ...entry.params.map((p) => rules.params[p].source)]) {
    const cut = source.indexOf(' · ');
    const section = cut < 0 ? '' : source.slice(0, cut);
    const texts = bySection.get(section) ?? new Set<string>();
    for (const t of source.slice(cut < 0 ? 0 : cut + 3).split('；')) texts.add(t);
    bySection.set(section, texts);
  }
  return [...bySection].map(([section, texts]) => `${section ? section + ' · ' : ''}${[...texts].join('；')}`).join('；');
}

/** What a person reads after 依据: the legal text — a province override's own when one applies. */
function basisOf(entry: RuleEntry, rules: ResolvedRules): string {
  const local = entry.params.map((p) => rules.params[p]).find((p) => p.overriddenBy);
  const text = local ? local.source : entry.source;
  return text.split('；').map((s) => s.split(' · ')[1] ?? s).join('；');
}

export function finding(id: RuleId, rules: ResolvedRules, body: string, params: FindingParams = {}, severity?: Severity): Finding {
  const entry = RULE_CATALOGUE[id];
  return { ruleId: id, severity: severity ?? entry.severity, title: entry.title, message: `${body}。依据：${basisOf(entry, rules)}`, source: sourceOf(entry, rules), params };
}
