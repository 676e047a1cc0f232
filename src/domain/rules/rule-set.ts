/**
 * The rule set as DATA. Every number the engine uses is a parameter with effective-dated versions,
 * each naming its source (the text behind it, cited in Chinese as people read it; a comment at the end
 * of each version names the reference section it was checked against, for developers only) and the confidence
 * mark that document gives it. Where sources disagree (⚠) the value is a setting: a province
 * override below, or a custom rule set passed to resolveRules. Code never hard-codes these numbers.
 */

import { DOC, PLATFORM_RULE, PLATFORM_SETTING } from './citations.js';
import { MEMBER_PARAMS, type MemberParamId } from './member-params.js';

export type Confidence = '✅' | '◐' | '❓' | '⚠' | '✅⚠' | '◐⚠';

/**
 * How a value is read. `min` / `max` thresholds honour `inclusive` (domain-rules "How to count");
 * `fen` is money in integer fen (分) and `basisPoints` a rate in 万分之 (0.5 % = 50), so no
 * amount is ever a float.
 */
export type ParamKind = 'min' | 'max' | 'years' | 'months' | 'days' | 'flag' | 'fen' | 'basisPoints';

export type ParamVersion = {
  value: number | boolean;
  validFrom: string; // YYYY-MM-DD, inclusive
  validTo?: string; // YYYY-MM-DD, exclusive: the first day the next version applies
  /** The text, cited as an official would (《名称》第X条); shown to people after 依据. */
  source: string;
  confidence: Confidence;
  /** For min/max thresholds: does the bound itself count? 以上/以下/届满 include it; 超过/不满 exclude it. */
  inclusive?: boolean;
  note?: string;
};

export type ParamId =
  | 'party.standaloneMinFullMembers'
  | 'party.jointMaxUnits'
  | 'party.branchCommitteeMinFullMembers'
  | 'party.committeeMinSize'
  | 'party.generalBranchMinMembers'
  | 'party.partyCommitteeMinMembers'
  | 'party.countProbationaryForLargeThresholds'
  | 'party.termYears.branch'
  | 'party.termYears.generalBranch'
  | 'party.termYears.committee'
  | 'party.reelectionReminderDays'
  | 'party.reelectionMaxShiftDays'
  | 'enterprise.developMembersMinEmployees'
  | 'union.committeeMinMembers'
  | 'union.womenCommitteeMinFemaleMembers'
  | 'union.reelectionReminderDays'
  | 'union.setupGraceMonths'
  | 'union.setupMinEmployees'
  | 'union.contractMaxYears'
  | 'union.contractReminderDays'
  | 'union.bargainingReplyDays'
  | 'union.bargainingFilingDays'
  | 'union.bargainingObjectionDays'
  | 'union.wageContractYears'
  | MemberParamId;

export type RuleParam = { id: ParamId; label: string; kind: ParamKind; versions: ParamVersion[] };

export type RuleSet = {
  version: string;
  params: RuleParam[];
  /** Province code (2 digits) → replacement versions for some parameters. */
  overrides: Record<string, Partial<Record<ParamId, ParamVersion[]>>>;
};

const D = DOC;

const since2017 = '2017-10-24'; // 十九大党章 adopted
const since2018 = '2018-07-12'; // 中办《关于党的基层组织任期的意见》

const PARTY: RuleParam[] = [
  {
    id: 'party.standaloneMinFullMembers', label: '单独组建党组织所需正式党员数', kind: 'min',
    versions: [{ value: 3, validFrom: '1982-09-06', inclusive: true, confidence: '✅',
      source: `${D.partyConstitution}第三十条；${D.branchRegulation}第四条`, note: '预备党员不计入' }], // shared rules 1.1
  },
  {
    id: 'party.jointMaxUnits', label: '联合党支部覆盖单位数上限', kind: 'max',
    versions: [{ value: 5, validFrom: '2018-10-28', inclusive: true, confidence: '✅⚠',
      source: `${D.branchRegulation}第二章“一般不超过5个”`, note: '“一般”：超过时提示，不拒绝' }], // shared rules 1.1
  },
  {
    id: 'party.branchCommitteeMinFullMembers', label: '党支部须设支部委员会的正式党员数', kind: 'min',
    versions: [{ value: 7, validFrom: '2018-10-28', inclusive: true, confidence: '✅',
      source: `${D.branchRegulation}第六章` }], // shared rules 1.1
  },
  {
    id: 'party.committeeMinSize', label: '支部委员会最少委员数（含书记）', kind: 'min',
    versions: [{ value: 3, validFrom: '2018-10-28', inclusive: true, confidence: '✅',
      source: `${D.branchRegulation}第六章“委员会由3至5人组成”` }], // shared rules 1.1
  },
  {
    id: 'party.generalBranchMinMembers', label: '可设立党总支的党员数', kind: 'min',
    versions: [{ value: 50, validFrom: '1982-09-06', inclusive: true, confidence: '◐⚠',
      source: `${D.qizhiQa}“50人以上”；旧表述为“超过50人”`, note: '边界是否包含可设置' }], // shared rules 1.1
  },
  {
    id: 'party.partyCommitteeMinMembers', label: '可设立基层党委的党员数', kind: 'min',
    versions: [{ value: 100, validFrom: '1982-09-06', inclusive: true, confidence: '◐⚠',
      source: `${D.qizhiQa}；${D.soeRegulation}第四条` }], // shared rules 1.1
  },
  {
    id: 'party.countProbationaryForLargeThresholds', label: '50/100人门槛是否计入预备党员', kind: 'flag',
    versions: [{ value: true, validFrom: '1982-09-06', confidence: '⚠',
      source: `${PLATFORM_RULE}：${D.branchRegulation}对3人、7人写“正式党员”，对50人、100人只写“党员”，按此理解计入预备党员` }], // shared rules 9.3
  },
  {
    id: 'party.termYears.branch', label: '党支部任期（年）', kind: 'years',
    versions: [
      { value: 2, validFrom: '1982-09-06', validTo: since2017, confidence: '✅', source: `${D.partyConstitution2012}第三十条“二年或三年”`, note: '取下限' }, // shared rules 1.2
      { value: 3, validFrom: since2017, validTo: since2018, confidence: '✅', source: `${D.partyConstitution2017}第三十一条“三年至五年”`, note: '取下限' }, // shared rules 1.2
      { value: 3, validFrom: since2018, confidence: '✅', source: `${D.termOpinion}（2018年）“一般为3年”` }, // shared rules 1.2
    ],
  },
  {
    id: 'party.termYears.generalBranch', label: '党总支任期（年）', kind: 'years',
    versions: [
      { value: 3, validFrom: '1982-09-06', validTo: since2018, confidence: '✅', source: `${D.partyConstitution}第三十条；${D.partyConstitution2017}第三十一条“三年至五年”` }, // shared rules 1.2
      { value: 3, validFrom: since2018, confidence: '✅', source: `${D.termOpinion}（2018年）“一般为3年”` }, // shared rules 1.2
    ],
  },
  {
    id: 'party.termYears.committee', label: '基层党委任期（年）', kind: 'years',
    versions: [
      { value: 3, validFrom: '1982-09-06', validTo: since2018, confidence: '✅', source: `${D.partyConstitution}第三十条“三年或四年”“三年至五年”`, note: '取下限' }, // shared rules 1.2
      { value: 5, validFrom: since2018, confidence: '✅', source: `${D.termOpinion}（2018年）“一般为5年”` }, // shared rules 1.2
    ],
  },
  {
    id: 'party.reelectionReminderDays', label: '换届提前提醒天数', kind: 'days',
    versions: [{ value: 180, validFrom: '1982-09-06', inclusive: true, confidence: '❓', source: `${PLATFORM_SETTING}；${D.termOpinion}第三项（上级党组织督促按期换届）` }], // shared rules 1.2
  },
  {
    id: 'party.reelectionMaxShiftDays', label: '经批准延期换届最长天数', kind: 'days',
    versions: [{ value: 365, validFrom: '2020-07-13', inclusive: true, confidence: '✅', source: `${D.electionRegulation}第三条“一般不超过1年”` }], // shared rules 1.2
  },
  {
    id: 'enterprise.developMembersMinEmployees', label: '建议发展党员的职工人数', kind: 'min',
    versions: [{ value: 50, validFrom: '1982-09-06', inclusive: true, confidence: '❓', source: PLATFORM_SETTING }], // design: Coverage
  },
];


const UNION: RuleParam[] = [
  {
    id: 'union.committeeMinMembers', label: '须建立工会委员会的会员数', kind: 'min',
    versions: [{ value: 25, validFrom: '2001-10-27', inclusive: true, confidence: '✅', source: `${D.tradeUnionLaw}第十一条“二十五人以上”`, note: '2001年修正起已有；已对照2021年修正文本' }], // shared rules 6.1
  },
  {
    id: 'union.womenCommitteeMinFemaleMembers', label: '应建立女职工委员会的女会员数', kind: 'min',
    versions: [{ value: 10, validFrom: '2004-01-01', inclusive: true, confidence: '✅⚠', source: `${D.womenCommitteeRegulation}第十一条`, note: '北京、上海为25' }], // shared rules 6.2
  },
  {
    id: 'union.reelectionReminderDays', label: '工会换届提前提醒天数', kind: 'days',
    versions: [{ value: 180, validFrom: '2001-10-27', inclusive: true, confidence: '❓', source: `${PLATFORM_SETTING}；${D.tradeUnionLaw}第十六条（任期三年或者五年）` }], // shared rules 6.1
  },
  {
    id: 'union.setupGraceMonths', label: '企业成立后应建工会的月数', kind: 'months',
    versions: [{ value: 6, validFrom: '2001-10-27', inclusive: true, confidence: '❓', source: `${PLATFORM_SETTING}：开业满6个月未建会的予以提示；${D.tradeUnionLaw}第十一条` }], // shared rules 6.1; design: Coverage
  },
  {
    id: 'union.setupMinEmployees', label: '提示建会的最少职工人数', kind: 'min',
    versions: [{ value: 1, validFrom: '2001-10-27', inclusive: true, confidence: '❓', source: `${PLATFORM_SETTING}；${D.tradeUnionLaw}第十一条（不足二十五人的可以单独或者联合建立基层工会委员会，也可以选举组织员一人）` }], // shared rules 6.1
  },
  {
    id: 'union.contractMaxYears', label: '集体合同期限上限（年）', kind: 'max',
    versions: [{ value: 3, validFrom: '2004-05-01', inclusive: true, confidence: '◐', source: `${D.collectiveContractProvisions}“期限一般为1至3年”`, note: '生效日按2004-05-01计' }], // shared rules 6.4
  },
  {
    id: 'union.contractReminderDays', label: '合同到期提前提醒天数', kind: 'days',
    versions: [{ value: 90, validFrom: '2004-05-01', inclusive: true, confidence: '❓', source: PLATFORM_SETTING }], // shared rules 6.4
  },
  {
    id: 'union.bargainingReplyDays', label: '集体协商书面答复期限（天）', kind: 'days',
    versions: [{ value: 20, validFrom: '2004-05-01', inclusive: true, confidence: '◐⚠', source: `${D.collectiveContractProvisions}“20日内”`, note: '供协商模块使用；上海为15日' }], // shared rules 6.4
  },
  // Collective bargaining (issue 16 item 5, docs/unions.md "集体协商"): the days after signing to file, the
  // labour authority's objection window, and the usual term of a wage-only contract.
  {
    id: 'union.bargainingFilingDays', label: '集体合同签订后报送期限（天）', kind: 'days',
    versions: [{ value: 10, validFrom: '2004-05-01', inclusive: true, confidence: '◐', source: `${D.collectiveContractProvisions}（签订后10日内报送劳动保障行政部门）`, note: '条文序号未核' }], // shared rules 6.4
  },
  {
    id: 'union.bargainingObjectionDays', label: '劳动行政部门审查异议期限（天）', kind: 'days',
    versions: [{ value: 15, validFrom: '2008-01-01', inclusive: true, confidence: '✅', source: `${D.labourContractLaw}第五十四条（自收到文本之日起十五日内未提出异议的，集体合同即行生效）` }], // shared rules 6.4
  },
  {
    id: 'union.wageContractYears', label: '工资专项集体合同一般期限（年）', kind: 'years',
    versions: [{ value: 1, validFrom: '2004-05-01', inclusive: true, confidence: '◐', source: `${D.shanghaiContractRegulation}（工资专项集体合同期限一般为1年）`, note: '上海条例的表述，全国作提示' }], // shared rules 6.4
  },
];

export const RULE_SET: RuleSet = {
  version: '2025.1',
  params: [...PARTY, ...UNION, ...MEMBER_PARAMS],
  overrides: {
    '11': {
      'union.womenCommitteeMinFemaleMembers': [
        { value: 25, validFrom: '2002-01-01', inclusive: true, confidence: '✅⚠', source: `${D.beijingUnionMeasures}（2002年修订）：女职工25人以上应当建立女职工委员会`, note: '生效日按2002年计，具体日期未核' }, // shared rules 6.2
      ],
    },
    '31': {
      'union.womenCommitteeMinFemaleMembers': [
        { value: 25, validFrom: '2002-01-01', inclusive: true, confidence: '✅⚠', source: `${D.shanghaiUnionRegulation}：女会员不足25人的设女职工委员`, note: '生效日未核' }, // shared rules 6.2
      ],
      'union.bargainingReplyDays': [
        { value: 15, validFrom: '2004-05-01', inclusive: true, confidence: '✅', source: `${D.shanghaiContractRegulation}“15日内”`, note: '生效日未核' }, // shared rules 6.4
      ],
    },
  },
};
