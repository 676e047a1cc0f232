/**
 * How the rules cite their texts, as an official would write them (《名称》第X条). People read these
 * in every finding's 依据 and in exports; the sections of the reference document they were checked
 * against are code comments beside each rule and parameter, so no output can carry them.
 */
export const DOC = {
  partyConstitution: '《中国共产党章程》',
  partyConstitution2012: '《中国共产党章程》（2012年）',
  partyConstitution2017: '《中国共产党章程》（2017年）',
  branchRegulation: '《中国共产党支部工作条例（试行）》',
  // The Q&A on the branch regulation published by 共产党员网 (12371.cn): described, not given a title of our own.
  branchQa: '共产党员网关于《中国共产党支部工作条例（试行）》的问答',
  electionRegulation: '《中国共产党基层组织选举工作条例》',
  termOpinion: '中共中央办公厅《关于党的基层组织任期的意见》',
  soeRegulation: '《中国共产党国有企业基层组织工作条例（试行）》',
  qizhiQa: '旗帜网党建问答（2021年12月15日）',
  tradeUnionLaw: '《工会法》',
  womenCommitteeRegulation: '中华全国总工会《工会女职工委员会工作条例》',
  beijingUnionMeasures: '《北京市实施〈中华人民共和国工会法〉办法》',
  shanghaiUnionRegulation: '《上海市工会条例》',
  shanghaiContractRegulation: '《上海市集体合同条例》',
  collectiveContractProvisions: '《集体合同规定》（劳动和社会保障部令第22号）',
  labourContractLaw: '《劳动合同法》',
  // Party members (issue 14): recruitment, dues, transfers and lost contact.
  recruitmentRules: '《中国共产党发展党员工作细则》',
  duesRegulation: '中共中央组织部《关于中国共产党党费收缴、使用和管理的规定》（中组发〔2008〕3号）',
  // The 2021 measures of the central Party and state organs: described, not given a title of our own.
  centralOrgansDuesMeasures: '中央和国家机关党费收缴使用管理的有关办法（2021年）',
  memberEducationRegulation: '《中国共产党党员教育管理工作条例》',
  // The 12371.cn answer on who may approve 预备党员: described, as for the branch Q&A.
  approvalQa: '共产党员网关于审批预备党员权限的问答',
  // Local measures on mobile members generally ask for a report at least once a year: described, no title of our own.
  mobileMemberMeasures: '各地流动党员管理办法',
} as const;

/** A product rule is said to be one, in Chinese, instead of citing a design document. */
export const PLATFORM_RULE = '本平台工作规则';
export const PLATFORM_SETTING = `${PLATFORM_RULE}（非法规条文，可按地方要求调整）`;
