import type { Severity } from './catalogue.js';
import { DOC, PLATFORM_SETTING } from './citations.js';
import type { ParamId } from './rule-set.js';

/**
 * The rules of collective bargaining (集体协商, docs/unions.md "集体协商"; shared rules §6.4 and
 * §6.1 art. 21): each deadline and check a bargaining round is judged by, with the text it rests on
 * in Chinese and the parameters it reads (a province override such as Shanghai's 15-day reply shows
 * its own text). Own catalogue, like the life and member ones: these findings belong to a round, not
 * to the union's compact verdict.
 */
export type BargainingRuleId =
  | 'bargaining.replyDue'
  | 'bargaining.replyOverdue'
  | 'bargaining.voteQuorum'
  | 'bargaining.voteMajority'
  | 'bargaining.filingDue'
  | 'bargaining.filingOverdue'
  | 'bargaining.effective'
  | 'bargaining.objected'
  | 'bargaining.termTooLong'
  | 'bargaining.wageTerm'
  | 'bargaining.renewalDue'
  | 'bargaining.expiredNoRenewal';

export type BargainingRuleEntry = { id: BargainingRuleId; severity: Severity; title: string; source: string; action: string; params: ParamId[] };

const C = DOC.collectiveContractProvisions;
const L = DOC.labourContractLaw;
const VOTE = `${DOC.tradeUnionLaw}第二十一条；${L}第五十一条；${C}（职工代表大会应有三分之二以上职工代表出席，且须经全体职工代表半数以上同意）`;

// Columns: id, severity, title, source (people), action, parameters. Checked against shared rules 6.4 / 6.1.
const ROWS: Array<[BargainingRuleId, Severity, string, string, string, ParamId[]]> = [
  ['bargaining.replyDue', 'info', '书面答复期限', `${C}第三十二条（收到协商要求之日起20日内以书面形式回应）`, '', ['union.bargainingReplyDays']],
  ['bargaining.replyOverdue', 'overdue', '未按期书面答复协商要约', `${C}第三十二条（收到协商要求之日起20日内以书面形式回应）`, '建议督促对方书面答复，必要时提请上级工会和劳动行政部门协调', ['union.bargainingReplyDays']],
  ['bargaining.voteQuorum', 'warning', '审议草案时出席代表不足三分之二', VOTE, '建议重新召开职工代表大会（职工大会）审议', []],
  ['bargaining.voteMajority', 'warning', '草案未获全体职工代表半数以上同意', VOTE, '建议继续协商、修改草案后重新提交审议', []],
  ['bargaining.filingDue', 'info', '报送审查期限', `${C}（集体合同签订后10日内由用人单位报送劳动保障行政部门）`, '', ['union.bargainingFilingDays']],
  ['bargaining.filingOverdue', 'overdue', '签订后未按期报送审查', `${C}（集体合同签订后10日内由用人单位报送劳动保障行政部门）`, '建议督促用人单位尽快报送劳动行政部门审查', ['union.bargainingFilingDays']],
  ['bargaining.effective', 'info', '审查期满生效', `${L}第五十四条（劳动行政部门自收到集体合同文本之日起十五日内未提出异议的，集体合同即行生效）`, '', ['union.bargainingObjectionDays']],
  ['bargaining.objected', 'warning', '劳动行政部门对集体合同提出异议', `${L}第五十四条`, '建议按审查意见重新协商并修改', []],
  ['bargaining.termTooLong', 'warning', '集体合同期限超过上限', `${C}（集体合同期限一般为1至3年）`, '建议重新约定合同期限', ['union.contractMaxYears']],
  ['bargaining.wageTerm', 'info', '工资专项集体合同期限超过一般期限', `${DOC.shanghaiContractRegulation}（工资专项集体合同期限一般为1年）`, '可核实工资专项集体合同的期限', ['union.wageContractYears']],
  ['bargaining.renewalDue', 'info', '集体合同即将到期，应启动续签协商', `${C}（集体合同期限一般为1至3年）；${PLATFORM_SETTING}：到期前提醒`, '建议提前发出续签协商要约', ['union.contractReminderDays']],
  ['bargaining.expiredNoRenewal', 'overdue', '集体合同已到期且未启动续签', `${C}（集体合同期限一般为1至3年，期满应重新签订或续订）`, '建议尽快发出续签协商要约', []],
];

export const BARGAINING_RULE_CATALOGUE: Record<BargainingRuleId, BargainingRuleEntry> = Object.fromEntries(
  ROWS.map(([id, severity, title, source, action, params]) => [id, { id, severity, title, source, action, params }]),
) as Record<BargainingRuleId, BargainingRuleEntry>;
