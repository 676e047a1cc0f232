import type { Severity } from './catalogue.js';
import { DOC, PLATFORM_RULE, PLATFORM_SETTING } from './citations.js';
import type { OrgType } from './facts.js';

/**
 * Organisational life (issue 15): the meeting kinds of 三会一课 and the rest, how often the rule in
 * force on a day expects each of an organisation of a type to hold it, and the rules the calendar
 * cites. A catalogue of its own like member-catalogue.ts: the coverage work lists never see these.
 */

export type MeetingKind =
  | 'memberMeeting' | 'committeeMeeting' | 'groupMeeting' | 'partyLesson'
  | 'themeDay' | 'lifeMeeting' | 'memberAppraisal' | 'heartTalk';

export const MEETING_KINDS: readonly MeetingKind[] = [
  'memberMeeting', 'committeeMeeting', 'groupMeeting', 'partyLesson', 'themeDay', 'lifeMeeting', 'memberAppraisal', 'heartTalk',
];

export const MEETING_KIND_LABELS: Record<MeetingKind, string> = {
  memberMeeting: '支部党员大会', committeeMeeting: '支部委员会会议', groupMeeting: '党小组会', partyLesson: '党课',
  themeDay: '主题党日', lifeMeeting: '组织生活会', memberAppraisal: '民主评议党员', heartTalk: '谈心谈话',
};

/** The verb of "未…" in a finding: a meeting is 召开ed, a lesson 上ed, the rest 开展ed. */
export const MEETING_KIND_VERBS: Record<MeetingKind, string> = {
  memberMeeting: '召开', committeeMeeting: '召开', groupMeeting: '召开', partyLesson: '上',
  themeDay: '开展', lifeMeeting: '召开', memberAppraisal: '开展', heartTalk: '开展',
};

/** A period's length in months. */
export type Frequency = 'month' | 'quarter' | 'halfYear' | 'year';
export const FREQUENCY_MONTHS: Record<Frequency, number> = { month: 1, quarter: 3, halfYear: 6, year: 12 };
export const FREQUENCY_LABELS: Record<Frequency, string> = { month: '每月', quarter: '每季度', halfYear: '每半年', year: '每年' };
/** The unit of "连续N…未召开". */
export const FREQUENCY_UNITS: Record<Frequency, string> = { month: '个月', quarter: '个季度', halfYear: '个半年', year: '年' };

export type LifeRuleId =
  | 'life.memberMeeting' | 'life.committeeMeeting' | 'life.groupMeeting' | 'life.partyLesson' | 'life.themeDay'
  | 'life.lifeMeeting' | 'life.memberAppraisal' | 'life.heartTalk' | 'life.meetingQuorum' | 'life.dormant';

export type LifeRuleEntry = { id: LifeRuleId; severity: Severity; title: string; source: string };

/** 《中国共产党支部工作条例（试行）》 issued by 中共中央 on 2018-10-28, in force on issue. */
export const BRANCH_REGULATION_SINCE = '2018-10-28';
const B = DOC.branchRegulation;

// Columns: id, severity, title, source (read by people: the 条例's article in Chinese). The
// reference section is domain-rules §2; articles 18–19 (谈心谈话, 民主评议) are not in its table.
const ROWS: Array<[LifeRuleId, Severity, string, string]> = [
  ['life.memberMeeting', 'warning', '未按期召开支部党员大会', `${B}第十一条（支部党员大会一般每季度召开1次）`],
  ['life.committeeMeeting', 'warning', '未按期召开支部委员会会议', `${B}第十二条（支部委员会会议一般每月召开1次）`],
  ['life.groupMeeting', 'warning', '未按期召开党小组会', `${B}第十三条（党小组会一般每月召开1次）`],
  ['life.partyLesson', 'warning', '未按期上党课', `${PLATFORM_SETTING}（党课默认每季度1次）；${B}第十六条（党员领导干部应当定期为基层党员讲党课，党委（党组）书记每年至少讲1次党课）`],
  ['life.themeDay', 'warning', '未按月开展主题党日', `${B}第十六条（党支部每月相对固定1天开展主题党日）`],
  ['life.lifeMeeting', 'warning', '未按年召开组织生活会', `${B}第十七条（党支部每年至少召开1次组织生活会）`],
  ['life.memberAppraisal', 'warning', '未按年开展民主评议党员', `${B}第十九条（党支部一般每年开展1次民主评议党员）`],
  ['life.heartTalk', 'warning', '未按年开展谈心谈话', `${B}第十八条（党支部委员之间、党支部委员和党员之间、党员和党员之间，每年谈心谈话一般不少于1次）`],
  ['life.meetingQuorum', 'warning', '表决时到会人数未超过半数', `${B}第十一条、第十二条（须有半数以上有表决权的党员（支部委员）到会方可进行表决；赞成人数超过应到会有表决权的党员的半数为通过）`],
  ['life.dormant', 'overdue', '长期未开展组织生活', `${PLATFORM_RULE}（连续6个月未召开任何会议、未开展任何组织生活的，列为“不活跃”，可在设置中调整月数）`],
];

export const LIFE_RULE_CATALOGUE: Record<LifeRuleId, LifeRuleEntry> = Object.fromEntries(
  ROWS.map(([id, severity, title, source]) => [id, { id, severity, title, source }]),
) as Record<LifeRuleId, LifeRuleEntry>;

/** A dated version of a kind's expectation; `orgTypes` are the organisations it binds. */
export type FrequencyVersion = {
  kind: MeetingKind;
  orgTypes: readonly OrgType[];
  every: Frequency;
  validFrom: string;
  validTo?: string;
  /** Only where the branch has 党小组 (条例第十三条 leaves forming them to the branch). */
  needsGroups?: boolean;
};

const BR: readonly OrgType[] = ['branch'];
const ALL: readonly OrgType[] = ['branch', 'generalBranch', 'committee'];
const S = BRANCH_REGULATION_SINCE;

export const FREQUENCY_VERSIONS: readonly FrequencyVersion[] = [
  { kind: 'memberMeeting', orgTypes: BR, every: 'quarter', validFrom: S },
  { kind: 'committeeMeeting', orgTypes: BR, every: 'month', validFrom: S },
  { kind: 'groupMeeting', orgTypes: BR, every: 'month', validFrom: S, needsGroups: true },
  // The 条例 fixes a yearly minimum only for a 党委 secretary; the branch's quarterly lesson is practice (a setting).
  { kind: 'partyLesson', orgTypes: BR, every: 'quarter', validFrom: S },
  { kind: 'partyLesson', orgTypes: ['generalBranch', 'committee'], every: 'year', validFrom: S },
  { kind: 'themeDay', orgTypes: BR, every: 'month', validFrom: S },
  { kind: 'lifeMeeting', orgTypes: ALL, every: 'year', validFrom: S },
  { kind: 'memberAppraisal', orgTypes: BR, every: 'year', validFrom: S },
  { kind: 'heartTalk', orgTypes: BR, every: 'year', validFrom: S },
];

export type LifeOptions = {
  /** How often a 支部 is expected to hold a 党课 (default each quarter; domain-rules §2 ⚠). */
  partyLessonEvery?: Frequency;
  /** Months with no meeting at all before an organisation counts as dormant (default 6). */
  dormantMonths?: number;
};

export const LIFE_DEFAULTS: Required<LifeOptions> = { partyLessonEvery: 'quarter', dormantMonths: 6 };

export type Expectation = { every: Frequency; ruleId: LifeRuleId; source: string };

/** What the rule in force on `date` expects of an organisation of the type, or null when nothing. */
export function expectationOf(
  kind: MeetingKind, orgType: OrgType, date: string, hasGroups: boolean, o: LifeOptions = {},
): Expectation | null {
  const v = FREQUENCY_VERSIONS.find((x) => x.kind === kind && x.orgTypes.includes(orgType)
    && x.validFrom <= date && (x.validTo === undefined || date < x.validTo));
  if (!v || (v.needsGroups && !hasGroups)) return null;
  const every = kind === 'partyLesson' && orgType === 'branch' ? o.partyLessonEvery ?? LIFE_DEFAULTS.partyLessonEvery : v.every;
  const ruleId = `life.${kind}` as LifeRuleId;
  return { every, ruleId, source: LIFE_RULE_CATALOGUE[ruleId].source };
}
