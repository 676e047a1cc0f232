import type { Severity } from './catalogue.js';
import { DOC } from './citations.js';
import { CONGRESS_FORM_MIN_EMPLOYEES, DEMOCRATIC_MANAGEMENT_2012, ELECTION_REGULATION_2016, FULL_TIME_CHAIR_MIN_EMPLOYEES } from '../union-committee.js';

/**
 * The rules of union committees, elections and the 职代会 (docs/unions.md "委员会与换届选举",
 * "职工代表大会"; shared rules §6.1–6.3). Own catalogue, like the life and bargaining ones: these
 * findings belong to the committee and congress cards, not to the union's compact work-list verdict.
 * A province's own text (Shanghai, Zhejiang representatives) is added to the finding's source when it applied.
 */
export type UnionCommitteeRuleId =
  | 'unionCommittee.sizeOutOfBand'
  | 'unionCommittee.chairVacant'
  | 'unionCommittee.termInvalid'
  | 'unionCommittee.closeRelative'
  | 'unionCommittee.fullTimeChairSuggested'
  | 'unionCongress.formMismatch'
  | 'unionCongress.sessionMissing'
  | 'unionCongress.representativesTooFew'
  | 'unionCongress.managersOverLimit'
  | 'unionCongress.quorumNotMet';

export type UnionCommitteeRuleEntry = { id: UnionCommitteeRuleId; severity: Severity; title: string; source: string; action: string };

const T = DOC.tradeUnionLaw;
const LABOUR_CONTRACT_LAW = '《劳动合同法》';
const YEARLY = `${DEMOCRATIC_MANAGEMENT_2012}（职工代表大会每年至少召开一次）`;
const QUORUM = `${DEMOCRATIC_MANAGEMENT_2012}（召开职工代表大会应有三分之二以上职工代表出席；选举和表决须经全体职工代表过半数通过）`;

// Columns: id, severity, title, source (people read it), action. Checked against shared rules §6.1–6.3.
const ROWS: Array<[UnionCommitteeRuleId, Severity, string, string, string]> = [
  ['unionCommittee.sizeOutOfBand', 'warning', '工会委员会委员人数不在规定范围', `${ELECTION_REGULATION_2016}第八条`, '建议在换届或补选时按会员人数确定委员名额'],
  ['unionCommittee.chairVacant', 'warning', '工会主席空缺', `${T}第十条；${ELECTION_REGULATION_2016}（主席、副主席由会员大会或会员代表大会直接选举，也可由委员会选举）`, '建议尽快选举产生工会主席'],
  ['unionCommittee.termInvalid', 'warning', '工会委员会任期不是三年或五年', `${T}第十六条（基层工会委员会每届任期三年或者五年）`, '建议按三年或五年确定任期'],
  ['unionCommittee.closeRelative', 'warning', '企业主要负责人的近亲属担任工会委员', `${T}第十条（企业主要负责人的近亲属不得作为本企业基层工会委员会成员的人选）`, '建议依法调整该委员'],
  ['unionCommittee.fullTimeChairSuggested', 'info', '可设专职工会主席', FULL_TIME_CHAIR_MIN_EMPLOYEES.source, '可考虑配备专职工会主席'],
  ['unionCongress.formMismatch', 'warning', '职工100人以上应召开职工代表大会', CONGRESS_FORM_MIN_EMPLOYEES.source, '建议建立职工代表大会制度'],
  ['unionCongress.sessionMissing', 'warning', '一年内未召开职代会（职工大会）', `${YEARLY}；${LABOUR_CONTRACT_LAW}第四条`, '建议尽快召开职工代表大会（职工大会）'],
  ['unionCongress.representativesTooFew', 'warning', '职工代表人数少于规定', DEMOCRATIC_MANAGEMENT_2012, '建议按规定增补职工代表'],
  ['unionCongress.managersOverLimit', 'warning', '中层以上管理人员代表超过规定比例', DEMOCRATIC_MANAGEMENT_2012, '建议调整代表结构，增加一线职工代表'],
  ['unionCongress.quorumNotMet', 'warning', '出席代表不足三分之二', QUORUM, '该次会议作出的决议不能成立，建议重新召开'],
];

export const UNION_COMMITTEE_RULE_CATALOGUE: Record<UnionCommitteeRuleId, UnionCommitteeRuleEntry> = Object.fromEntries(
  ROWS.map(([id, severity, title, source, action]) => [id, { id, severity, title, source, action }]),
) as Record<UnionCommitteeRuleId, UnionCommitteeRuleEntry>;

export type UnionCommitteeFinding = {
  ruleId: UnionCommitteeRuleId;
  severity: Severity;
  title: string;
  /** One line: the fact, then what to do. */
  summary: string;
  /** For people, ending with 依据：… (the province's own text when one applied). */
  message: string;
  source: string;
  params: Record<string, string | number | boolean | null>;
};

/** A finding of this catalogue; `localSource` (a province's text) is cited before the rule's own. */
export function committeeFinding(
  id: UnionCommitteeRuleId, fact: string, detail: string, params: UnionCommitteeFinding['params'] = {}, localSource?: string,
): UnionCommitteeFinding {
  const e = UNION_COMMITTEE_RULE_CATALOGUE[id];
  const source = localSource ? `${localSource}；${e.source}` : e.source;
  return {
    ruleId: id, severity: e.severity, title: e.title, summary: e.action ? `${fact} — ${e.action}` : fact,
    message: `${detail}。依据：${localSource ?? e.source}`, source, params,
  };
}
