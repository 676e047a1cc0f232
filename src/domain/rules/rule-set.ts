/**
 * The rule set as DATA. Every number the engine uses is a parameter with effective-dated versions,
 * each naming its source (a section of domain-rules.md and the text behind it) and the confidence
 * mark that document gives it. Where sources disagree (⚠) the value is a setting: a province
 * override below, or a custom rule set passed to resolveRules. Code never hard-codes these numbers.
 */

export type Confidence = '✅' | '◐' | '❓' | '⚠' | '✅⚠' | '◐⚠';

/** How a value is read. `min` / `max` thresholds honour `inclusive` (domain-rules "How to count"). */
export type ParamKind = 'min' | 'max' | 'years' | 'months' | 'days' | 'flag';

export type ParamVersion = {
  value: number | boolean;
  validFrom: string; // YYYY-MM-DD, inclusive
  validTo?: string; // YYYY-MM-DD, exclusive: the first day the next version applies
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
  | 'union.bargainingReplyDays';

export type RuleParam = { id: ParamId; label: string; kind: ParamKind; versions: ParamVersion[] };

export type RuleSet = {
  version: string;
  params: RuleParam[];
  /** Province code (2 digits) → replacement versions for some parameters. */
  overrides: Record<string, Partial<Record<ParamId, ParamVersion[]>>>;
};

const S11 = 'domain-rules §1.1';
const S12 = 'domain-rules §1.2';
const PRODUCT = '产品设定（非法规条文，可按地方要求调整）';

const since2017 = '2017-10-24'; // 十九大党章 adopted
const since2018 = '2018-07-12'; // 中办《关于党的基层组织任期的意见》

const PARTY: RuleParam[] = [
  {
    id: 'party.standaloneMinFullMembers', label: '单独组建党组织所需正式党员数', kind: 'min',
    versions: [{ value: 3, validFrom: '1982-09-06', inclusive: true, confidence: '✅',
      source: `${S11} · 党章第三十条；支部工作条例（试行）第四条（2018）`, note: '预备党员不计入' }],
  },
  {
    id: 'party.jointMaxUnits', label: '联合党支部覆盖单位数上限', kind: 'max',
    versions: [{ value: 5, validFrom: '2018-10-28', inclusive: true, confidence: '✅⚠',
      source: `${S11} · 支部工作条例（试行）第二章（2018）“一般不超过5个”`, note: '“一般”：超过时提示，不拒绝' }],
  },
  {
    id: 'party.branchCommitteeMinFullMembers', label: '党支部须设支部委员会的正式党员数', kind: 'min',
    versions: [{ value: 7, validFrom: '2018-10-28', inclusive: true, confidence: '✅',
      source: `${S11} · 支部工作条例（试行）第六章（2018）` }],
  },
  {
    id: 'party.committeeMinSize', label: '支部委员会最少委员数（含书记）', kind: 'min',
    versions: [{ value: 3, validFrom: '2018-10-28', inclusive: true, confidence: '✅',
      source: `${S11} · 支部工作条例（试行）第六章（2018）“委员会由3至5人组成”` }],
  },
  {
    id: 'party.generalBranchMinMembers', label: '可设立党总支的党员数', kind: 'min',
    versions: [{ value: 50, validFrom: '1982-09-06', inclusive: true, confidence: '◐⚠',
      source: `${S11} · 旗帜网问答（2021-12-15）“50人以上”；旧表述“超过50人”`, note: '边界是否包含可设置' }],
  },
  {
    id: 'party.partyCommitteeMinMembers', label: '可设立基层党委的党员数', kind: 'min',
    versions: [{ value: 100, validFrom: '1982-09-06', inclusive: true, confidence: '◐⚠',
      source: `${S11} · 旗帜网问答（2021-12-15）；国有企业基层组织工作条例（试行）第四条（2019）` }],
  },
  {
    id: 'party.countProbationaryForLargeThresholds', label: '50/100人门槛是否计入预备党员', kind: 'flag',
    versions: [{ value: true, validFrom: '1982-09-06', confidence: '⚠',
      source: 'domain-rules §9.3 · 支部工作条例对3/7人写“正式党员”，对50/100人只写“党员”（解读）' }],
  },
  {
    id: 'party.termYears.branch', label: '党支部任期（年）', kind: 'years',
    versions: [
      { value: 2, validFrom: '1982-09-06', validTo: since2017, confidence: '✅', source: `${S12} · 党章（2012）第三十条“二年或三年”`, note: '取下限' },
      { value: 3, validFrom: since2017, validTo: since2018, confidence: '✅', source: `${S12} · 党章（2017）第三十一条“三年至五年”`, note: '取下限' },
      { value: 3, validFrom: since2018, confidence: '✅', source: `${S12} · 中办《关于党的基层组织任期的意见》（2018-07-12）“一般为3年”` },
    ],
  },
  {
    id: 'party.termYears.generalBranch', label: '党总支任期（年）', kind: 'years',
    versions: [
      { value: 3, validFrom: '1982-09-06', validTo: since2018, confidence: '✅', source: `${S12} · 党章第三十条；2017年第三十一条“三年至五年”` },
      { value: 3, validFrom: since2018, confidence: '✅', source: `${S12} · 中办《关于党的基层组织任期的意见》（2018-07-12）“一般为3年”` },
    ],
  },
  {
    id: 'party.termYears.committee', label: '基层党委任期（年）', kind: 'years',
    versions: [
      { value: 3, validFrom: '1982-09-06', validTo: since2018, confidence: '✅', source: `${S12} · 党章第三十条“三年或四年/三年至五年”`, note: '取下限' },
      { value: 5, validFrom: since2018, confidence: '✅', source: `${S12} · 中办《关于党的基层组织任期的意见》（2018-07-12）“一般为5年”` },
    ],
  },
  {
    id: 'party.reelectionReminderDays', label: '换届提前提醒天数', kind: 'days',
    versions: [{ value: 180, validFrom: '1982-09-06', inclusive: true, confidence: '❓', source: `${S12} · ${PRODUCT}；上级须督促按期换届（2018意见第3项）` }],
  },
  {
    id: 'party.reelectionMaxShiftDays', label: '经批准延期换届最长天数', kind: 'days',
    versions: [{ value: 365, validFrom: '2020-07-13', inclusive: true, confidence: '✅', source: `${S12} · 基层组织选举工作条例第三条（2020）“一般不超过1年”` }],
  },
  {
    id: 'enterprise.developMembersMinEmployees', label: '建议发展党员的职工人数', kind: 'min',
    versions: [{ value: 50, validFrom: '1982-09-06', inclusive: true, confidence: '❓', source: `design §Coverage · ${PRODUCT}` }],
  },
];

const S61 = 'domain-rules §6.1';
const S62 = 'domain-rules §6.2';
const S64 = 'domain-rules §6.4';

const UNION: RuleParam[] = [
  {
    id: 'union.committeeMinMembers', label: '须建立工会委员会的会员数', kind: 'min',
    versions: [{ value: 25, validFrom: '2001-10-27', inclusive: true, confidence: '✅', source: `${S61} · 工会法第十一条“二十五人以上”`, note: '2001年修正起已有；domain-rules 核对的是2021年文本' }],
  },
  {
    id: 'union.womenCommitteeMinFemaleMembers', label: '应建立女职工委员会的女会员数', kind: 'min',
    versions: [{ value: 10, validFrom: '2004-01-01', inclusive: true, confidence: '✅⚠', source: `${S62} · 工会女职工委员会工作条例（全总，2004）第十一条`, note: '北京、上海为25' }],
  },
  {
    id: 'union.reelectionReminderDays', label: '工会换届提前提醒天数', kind: 'days',
    versions: [{ value: 180, validFrom: '2001-10-27', inclusive: true, confidence: '❓', source: `${S61} · 工会法第十六条（任期三年或五年）；${PRODUCT}` }],
  },
  {
    id: 'union.setupGraceMonths', label: '企业成立后应建工会的月数', kind: 'months',
    versions: [{ value: 6, validFrom: '2001-10-27', inclusive: true, confidence: '❓', source: `${S61} · 工会法第十一条；design §Coverage（“开业6个月未建会”）；${PRODUCT}` }],
  },
  {
    id: 'union.setupMinEmployees', label: '提示建会的最少职工人数', kind: 'min',
    versions: [{ value: 1, validFrom: '2001-10-27', inclusive: true, confidence: '❓', source: `${S61} · 工会法第十一条（不足25人可联合建会或选组织员）；${PRODUCT}` }],
  },
  {
    id: 'union.contractMaxYears', label: '集体合同期限上限（年）', kind: 'max',
    versions: [{ value: 3, validFrom: '2004-05-01', inclusive: true, confidence: '◐', source: `${S64} · 集体合同规定（劳社部令第22号，2004）“期限一般为1至3年”`, note: '生效日按2004-05-01计' }],
  },
  {
    id: 'union.contractReminderDays', label: '合同到期提前提醒天数', kind: 'days',
    versions: [{ value: 90, validFrom: '2004-05-01', inclusive: true, confidence: '❓', source: `${S64} · ${PRODUCT}` }],
  },
  {
    id: 'union.bargainingReplyDays', label: '集体协商书面答复期限（天）', kind: 'days',
    versions: [{ value: 20, validFrom: '2004-05-01', inclusive: true, confidence: '◐⚠', source: `${S64} · 集体合同规定（2004）“20日内”`, note: '供协商模块使用；上海为15日' }],
  },
];

export const RULE_SET: RuleSet = {
  version: '2025.1',
  params: [...PARTY, ...UNION],
  overrides: {
    '11': {
      'union.womenCommitteeMinFemaleMembers': [
        { value: 25, validFrom: '2002-01-01', inclusive: true, confidence: '✅⚠', source: `${S62} · 北京市实施《工会法》办法（2002年修订）：女职工25人以上应当建立女职工委员会`, note: '生效日按2002年计，具体日期未核' },
      ],
    },
    '31': {
      'union.womenCommitteeMinFemaleMembers': [
        { value: 25, validFrom: '2002-01-01', inclusive: true, confidence: '✅⚠', source: `${S62} · 上海市工会条例：女会员不足25人的设女职工委员`, note: '生效日未核' },
      ],
      'union.bargainingReplyDays': [
        { value: 15, validFrom: '2004-05-01', inclusive: true, confidence: '✅', source: `${S64} · 上海市集体合同条例“15日内”`, note: '生效日未核' },
      ],
    },
  },
};
