/**
 * The numbers of the member rules (issue 14) as dated parameter versions, in the shape of
 * rule-set.ts: dues brackets and amounts, the recruitment timeline, transfers and lost contact.
 * Money is integer fen (分); a rate is in basis points (万分之: 0.5 % = 50). The comment at the end
 * of each version names the reference section it was checked against, for developers only.
 */

import { DOC, PLATFORM_RULE, PLATFORM_SETTING } from './citations.js';
import type { RuleParam } from './rule-set.js';

export type MemberParamId =
  | 'dues.employed.upTo1Fen' | 'dues.employed.upTo2Fen' | 'dues.employed.upTo3Fen'
  | 'dues.employed.rate1Bp' | 'dues.employed.rate2Bp' | 'dues.employed.rate3Bp' | 'dues.employed.rate4Bp'
  | 'dues.retired.upTo1Fen' | 'dues.retired.rate1Bp' | 'dues.retired.rate2Bp'
  | 'dues.farmerFen' | 'dues.minimalFen' | 'dues.roundingFen' | 'dues.backPayMaxMonths' | 'dues.lapseMonths' | 'dues.arrearsTaskMonths'
  | 'recruitment.minAge' | 'recruitment.talkWithinMonths' | 'recruitment.activistMinMonths'
  | 'recruitment.candidateMinYears' | 'recruitment.mentorsMin' | 'recruitment.mentorsMax' | 'recruitment.sponsors'
  | 'recruitment.trainingMinDays' | 'recruitment.trainingMinHours'
  | 'recruitment.approvalWithinMonths' | 'recruitment.approvalMaxMonths'
  | 'recruitment.probationYears' | 'recruitment.extensionMinMonths' | 'recruitment.extensionMaxMonths'
  | 'recruitment.leavingWithinMonths' | 'recruitment.publicNoticeMinDays'
  | 'transfer.letterMaxValidDays' | 'mobile.transferAfterMonths' | 'mobile.reportEveryMonths'
  | 'contact.suspendAfterMonths' | 'contact.lapseAfterSuspensionYears'
  | 'declaration.confirmDays' | 'member.reminderDays';

const D = DOC;
const DUES_SINCE = '2008-04-01'; // 中组发〔2008〕3号 in force
/** 《中国共产党发展党员工作细则》 issued by 中共中央办公厅 (in force on issue). */
export const RECRUITMENT_RULES_SINCE = '2014-06-10';
const EDUCATION_SINCE = '2019-05-06'; // 《党员教育管理工作条例》 published
const LONG_AGO = '1982-09-06';

type Row = [MemberParamId, string, RuleParam['kind'], number, string, string, RuleParam['versions'][number]['confidence'], boolean?, string?];

// Columns: id, label, kind, value, validFrom, source, confidence, inclusive (min/max), note.
const ROWS: Row[] = [
  ['dues.employed.upTo1Fen', '在职党员：按0.5%交纳的月工资收入上限（分，含）', 'max', 300_000, DUES_SINCE, `${D.duesRegulation}第二条（月工资收入3000元以下（含3000元）者，交纳0.5%）`, '✅', true], // shared rules 4
  ['dues.employed.upTo2Fen', '在职党员：按1%交纳的月工资收入上限（分，含）', 'max', 500_000, DUES_SINCE, `${D.duesRegulation}第二条（3000元以上至5000元（含5000元）者，交纳1%）`, '✅', true], // shared rules 4
  ['dues.employed.upTo3Fen', '在职党员：按1.5%交纳的月工资收入上限（分，含）', 'max', 1_000_000, DUES_SINCE, `${D.duesRegulation}第二条（5000元以上至10000元（含10000元）者，交纳1.5%）`, '✅', true], // shared rules 4
  ['dues.employed.rate1Bp', '在职党员：第一档比例（万分之）', 'basisPoints', 50, DUES_SINCE, `${D.duesRegulation}第二条`, '✅'], // shared rules 4
  ['dues.employed.rate2Bp', '在职党员：第二档比例（万分之）', 'basisPoints', 100, DUES_SINCE, `${D.duesRegulation}第二条`, '✅'], // shared rules 4
  ['dues.employed.rate3Bp', '在职党员：第三档比例（万分之）', 'basisPoints', 150, DUES_SINCE, `${D.duesRegulation}第二条`, '✅'], // shared rules 4
  ['dues.employed.rate4Bp', '在职党员：10000元以上比例（万分之）', 'basisPoints', 200, DUES_SINCE, `${D.duesRegulation}第二条（10000元以上者，交纳2%）`, '✅'], // shared rules 4
  ['dues.retired.upTo1Fen', '离退休党员：按0.5%交纳的离退休费上限（分，含）', 'max', 500_000, DUES_SINCE, `${D.duesRegulation}第五条（离退休费5000元以下（含5000元）的按0.5%交纳）`, '✅⚠', true, '交纳基数是否只含基本离退休费由录入的基数决定'], // shared rules 4
  ['dues.retired.rate1Bp', '离退休党员：5000元以下比例（万分之）', 'basisPoints', 50, DUES_SINCE, `${D.duesRegulation}第五条`, '✅'], // shared rules 4
  ['dues.retired.rate2Bp', '离退休党员：5000元以上比例（万分之）', 'basisPoints', 100, DUES_SINCE, `${D.duesRegulation}第五条（5000元以上的按1%交纳）`, '✅'], // shared rules 4
  ['dues.farmerFen', '农民党员每月党费（分）', 'fen', 20, DUES_SINCE, `${D.duesRegulation}第六条（农民党员每月交纳党费0.2元至1元，具体标准由省区市党委确定）`, '✅⚠', undefined, '各省具体标准以省级覆盖设置；未设置的按0.2元计'], // shared rules 4, 9.2
  ['dues.minimalFen', '学生、下岗失业、依靠抚恤或救济生活、享受最低生活保障的党员每月党费（分）', 'fen', 20, DUES_SINCE, `${D.duesRegulation}第六条（学生、下岗失业、依靠抚恤或救济生活、享受最低生活保障的党员每月交纳党费0.2元）`, '✅'], // shared rules 4
  ['dues.roundingFen', '党费计算取整单位（分；按四舍五入）', 'fen', 1, DUES_SINCE, `${PLATFORM_SETTING}：党费计算到分，分以下四舍五入`, '❓', undefined, '规定未写取整方法；设为10即计算到角'], // shared rules 4 (not stated)
  ['dues.backPayMaxMonths', '补交党费一般不超过的月数', 'months', 6, DUES_SINCE, `${D.centralOrgansDuesMeasures}（补交党费一般不超过6个月）；${PLATFORM_SETTING}`, '◐', undefined, '仅见于中央和国家机关办法，作为平台设置'], // shared rules 4
  ['dues.lapseMonths', '连续不交纳党费即认为自行脱党的月数', 'months', 6, LONG_AGO, `${D.partyConstitution}第九条（没有正当理由，连续六个月不交纳党费的，就被认为是自行脱党）`, '✅'], // shared rules 4
  ['dues.arrearsTaskMonths', '党员欠交党费满此月数即督促党组织催缴（待办）', 'months', 3, DUES_SINCE, `${PLATFORM_SETTING}：${D.duesRegulation}规定党员应按月交纳党费；欠交满3个月即提醒党组织催缴，以免连续6个月不交纳（${D.partyConstitution}第九条）`, '❓', undefined, '规定未写催缴时点，3个月为平台默认，可按省级设置'], // shared rules 4 (lapse 6 months); the 3 is the district's brief
  ['recruitment.minAge', '申请入党的最低年龄（提出申请时）', 'min', 18, LONG_AGO, `${D.partyConstitution}第一条（年满十八岁）；${D.recruitmentRules}第五条`, '✅', true, '2014年细则施行前未满18岁提出的申请一般予以承认'], // shared rules 3
  ['recruitment.talkWithinMonths', '收到入党申请书后派人谈话的期限（月）', 'months', 1, RECRUITMENT_RULES_SINCE, `${D.recruitmentRules}（党组织收到入党申请书后，应当在一个月内派人同入党申请人谈话）`, '✅'], // shared rules 3
  ['recruitment.activistMinMonths', '提出申请后列为入党积极分子的最短间隔（月）', 'months', 0, RECRUITMENT_RULES_SINCE, `${PLATFORM_SETTING}：${D.recruitmentRules}未规定，地方有规定的（如6个月）按省级设置`, '⚠', undefined, '0表示不检查'], // shared rules 3, 9.2
  ['recruitment.candidateMinYears', '入党积极分子培养考察后列为发展对象的最短时间（年）', 'years', 1, RECRUITMENT_RULES_SINCE, `${D.recruitmentRules}（入党积极分子经过一年以上培养教育和考察，方可列为发展对象）`, '✅'], // shared rules 3
  ['recruitment.mentorsMin', '培养联系人最少人数', 'min', 1, RECRUITMENT_RULES_SINCE, `${D.recruitmentRules}（指定一至两名正式党员作培养联系人）`, '◐', true], // shared rules 3
  ['recruitment.mentorsMax', '培养联系人最多人数', 'max', 2, RECRUITMENT_RULES_SINCE, `${D.recruitmentRules}（指定一至两名正式党员作培养联系人）`, '◐', true], // shared rules 3
  ['recruitment.sponsors', '入党介绍人人数（须为正式党员）', 'min', 2, LONG_AGO, `${D.partyConstitution}第五条（须有两名正式党员作介绍人）`, '✅', true], // shared rules 3
  ['recruitment.trainingMinDays', '发展对象短期集中培训最少天数', 'days', 3, RECRUITMENT_RULES_SINCE, `${D.recruitmentRules}第十七条（培训时间一般不少于三天或不少于24个学时）`, '✅'], // shared rules 3
  ['recruitment.trainingMinHours', '发展对象短期集中培训最少学时', 'min', 24, RECRUITMENT_RULES_SINCE, `${D.recruitmentRules}第十七条（培训时间一般不少于三天或不少于24个学时）`, '✅', true], // shared rules 3
  ['recruitment.approvalWithinMonths', '支部大会通过后上级党委审批期限（月）', 'months', 3, RECRUITMENT_RULES_SINCE, `${D.recruitmentRules}（上级党委应当在三个月内审批）`, '✅'], // shared rules 3
  ['recruitment.approvalMaxMonths', '审批期限特殊情况可延长的上限（月）', 'months', 6, RECRUITMENT_RULES_SINCE, `${D.recruitmentRules}（因特殊情况可以适当延长审批时间，但不得超过六个月）`, '✅'], // shared rules 3
  ['recruitment.probationYears', '预备期（年，自支部大会通过之日起）', 'years', 1, LONG_AGO, `${D.partyConstitution}第七条（预备期为一年，自支部大会通过之日起计算）`, '✅'], // shared rules 3
  ['recruitment.extensionMinMonths', '延长预备期最短月数', 'months', 6, RECRUITMENT_RULES_SINCE, `${D.recruitmentRules}第三十二条（延长预备期不能少于半年，只能延长一次）`, '✅'], // shared rules 3
  ['recruitment.extensionMaxMonths', '延长预备期最长月数（只能延长一次）', 'months', 12, LONG_AGO, `${D.partyConstitution}第七条（可以延长预备期，但不能超过一年）`, '✅'], // shared rules 3
  ['recruitment.leavingWithinMonths', '即将离开工作单位的发展对象一般不办理的月数', 'months', 3, RECRUITMENT_RULES_SINCE, `${D.recruitmentRules}第十九条（在三个月内将离开工作、学习单位的发展对象，一般不办理接收预备党员手续）`, '✅'], // shared rules 3
  ['recruitment.publicNoticeMinDays', '公示最少天数（自然日）', 'days', 5, RECRUITMENT_RULES_SINCE, `${PLATFORM_SETTING}：${D.recruitmentRules}要求公示但未规定天数，地方多为5个工作日或7天，按省级设置`, '⚠'], // shared rules 3, 9.2
  ['transfer.letterMaxValidDays', '组织关系介绍信有效期上限（天）', 'days', 90, EDUCATION_SINCE, `${PLATFORM_SETTING}：介绍信有效期各地规定不一，一般最长不超过3个月；${D.memberEducationRegulation}第二十五条`, '◐⚠'], // shared rules 5
  ['mobile.transferAfterMonths', '外出到相对固定地点满此月数应转移组织关系', 'months', 6, EDUCATION_SINCE, `${D.memberEducationRegulation}第二十五条（外出学习或者工作地点相对固定、时间6个月以上的，应当转移组织关系）`, '✅'], // shared rules 5
  ['mobile.reportEveryMonths', '流动党员向流出党组织汇报的最长间隔（月）', 'months', 12, EDUCATION_SINCE, `${PLATFORM_SETTING}：${D.mobileMemberMeasures}一般要求流动党员每年至少向流出党组织汇报一次思想、工作情况`, '◐'], // shared rules 5
  ['contact.suspendAfterMonths', '失去联系满此月数可停止党籍', 'months', 6, EDUCATION_SINCE, `${D.memberEducationRegulation}第二十四条（与党组织失去联系6个月以上、通过各种方式仍无法取得联系的，停止其党籍）`, '✅'], // shared rules 5
  ['contact.lapseAfterSuspensionYears', '停止党籍满此年数仍无法取得联系的按自行脱党除名', 'years', 2, EDUCATION_SINCE, `${D.memberEducationRegulation}第二十四条（停止党籍2年后仍无法取得联系的，按照自行脱党予以除名）`, '✅'], // shared rules 5
  ['declaration.confirmDays', '党员亮身份申报后核实确认期限（天）', 'days', 30, EDUCATION_SINCE, `${PLATFORM_SETTING}：亮身份申报须经党组织核实确认后方可计入党员名册`, '❓'], // design (undeclared members)
  ['member.reminderDays', '党员事项到期前提醒天数', 'days', 30, LONG_AGO, PLATFORM_SETTING, '❓'], // product setting
];

/** Versions in force before a row's own (rules that did not exist yet are value 0 = not checked). */
const EARLIER: Partial<Record<MemberParamId, RuleParam['versions']>> = {
  'recruitment.talkWithinMonths': [
    { value: 0, validFrom: LONG_AGO, validTo: RECRUITMENT_RULES_SINCE, confidence: '✅', source: `${PLATFORM_RULE}：谈话时限为2014年${D.recruitmentRules}新增，此前提出的申请不检查`, note: '0表示不检查' }, // shared rules 3
  ],
};

export const MEMBER_PARAMS: RuleParam[] = ROWS.map(([id, label, kind, value, validFrom, source, confidence, inclusive, note]) => ({
  id, label, kind,
  versions: [
    ...(EARLIER[id] ?? []),
    { value, validFrom, source, confidence, ...(inclusive === undefined ? {} : { inclusive }), ...(note ? { note } : {}) },
  ],
}));
