/**
 * Union committees, elections and the 职代会 / 职工大会 (issue 16 items 3–4, docs/unions.md
 * "委员会与换届选举" and "职工代表大会"): the words, the Chinese labels, the facts the rules read and
 * the effective-dated tables the rules take their numbers from (shared rules §6.1–6.3). Pure data.
 */

export const COMMITTEE_ROLES = ['chair', 'viceChair', 'member', 'womenMember', 'fundsAuditor'] as const;
export type CommitteeRole = (typeof COMMITTEE_ROLES)[number];
export const COMMITTEE_ROLE_LABELS: Record<CommitteeRole, string> = {
  chair: '主席', viceChair: '副主席', member: '委员', womenMember: '女职工委员', fundsAuditor: '经费审查委员',
};
/**
 * Seats that count towards the committee's size: the 经费审查委员会 is a body of its own (elected
 * beside the committee), so its members are listed but not counted.
 */
export const COUNTED_ROLES: ReadonlySet<CommitteeRole> = new Set(['chair', 'viceChair', 'member', 'womenMember']);

export const ELECTION_METHODS = ['members', 'delegates'] as const;
export type ElectionMethod = (typeof ELECTION_METHODS)[number];
export const ELECTION_METHOD_LABELS: Record<ElectionMethod, string> = { members: '会员大会', delegates: '会员代表大会' };
export const UNION_TERM_YEARS = [3, 5] as const;

export const CONGRESS_KINDS = ['congress', 'assembly'] as const;
export type CongressKind = (typeof CONGRESS_KINDS)[number];
export const CONGRESS_KIND_LABELS: Record<CongressKind, string> = { congress: '职工代表大会', assembly: '职工大会' };

/**
 * The matters a session took up. The first eight are the rules and major matters that 劳动合同法
 * 第四条 says must go to the 职代会 or all employees; the 集体合同 draft goes there too (第五十一条).
 */
export const CONGRESS_MATTERS = ['pay', 'hours', 'leave', 'safety', 'insurance', 'training', 'discipline', 'quotas', 'collectiveContract', 'other'] as const;
export type CongressMatter = (typeof CONGRESS_MATTERS)[number];
export const STATUTORY_MATTERS: readonly CongressMatter[] = ['pay', 'hours', 'leave', 'safety', 'insurance', 'training', 'discipline', 'quotas'];
export const CONGRESS_MATTER_LABELS: Record<CongressMatter, string> = {
  pay: '劳动报酬', hours: '工作时间', leave: '休息休假', safety: '劳动安全卫生', insurance: '保险福利', training: '职工培训',
  discipline: '劳动纪律', quotas: '劳动定额管理', collectiveContract: '集体合同草案', other: '其他事项',
};

// ---- Facts (the rule engine's input; `liangxin rules check` reads them from FACTS.json) ----

export type CommitteeSeatFact = {
  role: CommitteeRole;
  personId?: string;
  name?: string;
  /** 专职 (else 兼职). */
  fullTime?: boolean;
  /** Declared a close relative of the enterprise's principal manager (《工会法》第十条). */
  closeRelative?: boolean;
  since?: string | null;
  until?: string | null;
};

export type CommitteeFact = { electedOn: string; termYears: number; seats: CommitteeSeatFact[] };

export type ResolutionFact = {
  id?: string;
  title: string;
  matter?: CongressMatter | null;
  votesFor: number;
  votesAgainst?: number;
  votesAbstain?: number;
};

export type CongressSessionFact = {
  id?: string;
  heldOn: string;
  kind: CongressKind;
  session?: string | null;
  /** Employees on the day (else the union's). */
  employees?: number | null;
  /** Who should attend: the 代表 of a 职代会, every employee of a 职工大会. */
  representatives?: number | null;
  /** Of them, 中层以上管理人员. */
  managers?: number | null;
  present?: number | null;
  matters?: CongressMatter[];
  resolutions?: ResolutionFact[];
};

// ---- 2016 选举条例第八条: committee size by membership ----

export type SizeBand = { minMembers: number; maxMembers: number; low: number; high: number; organiserAllowed: boolean };
export type SizeTable = { validFrom: string; source: string; bands: SizeBand[] };

export const ELECTION_REGULATION_2016 = '《工会基层组织选举工作条例》（总工发〔2016〕27号）';

/** Membership above the last band (50,000) is not in the excerpt we hold: no band, no check. */
export const COMMITTEE_SIZE_TABLES: readonly SizeTable[] = [
  {
    validFrom: '2016-10-09', source: `${ELECTION_REGULATION_2016}第八条`, // shared rules 6.2
    bands: [
      { minMembers: 0, maxMembers: 24, low: 3, high: 5, organiserAllowed: true },
      { minMembers: 25, maxMembers: 200, low: 3, high: 7, organiserAllowed: false },
      { minMembers: 201, maxMembers: 1000, low: 7, high: 15, organiserAllowed: false },
      { minMembers: 1001, maxMembers: 5000, low: 15, high: 21, organiserAllowed: false },
      { minMembers: 5001, maxMembers: 10000, low: 21, high: 29, organiserAllowed: false },
      { minMembers: 10001, maxMembers: 50000, low: 29, high: 37, organiserAllowed: false },
    ],
  },
];

/** The size table in force on `date` (null before 2016-10-09: the earlier 条例 is not in the references). */
export function sizeTableAt(date: string): SizeTable | null {
  let out: SizeTable | null = null;
  for (const t of COMMITTEE_SIZE_TABLES) if (t.validFrom <= date && (!out || t.validFrom > out.validFrom)) out = t;
  return out;
}

export const bandFor = (table: SizeTable, members: number): SizeBand | null =>
  table.bands.find((b) => members >= b.minMembers && members <= b.maxMembers) ?? null;

export const bandLabel = (b: SizeBand): string =>
  `会员${b.minMembers === 0 ? '不足25' : `${b.minMembers}—${b.maxMembers}`}人：委员${b.low}—${b.high}人${b.organiserAllowed ? '（或选举组织员一人）' : ''}`;

// ---- 职代会 representatives: province formulas (shared rules §6.3) ----

export const DEMOCRATIC_MANAGEMENT_2012 = '《企业民主管理规定》（总工发〔2012〕12号）';
export const SHANGHAI_CONGRESS_REGULATION = '《上海市职工代表大会条例》';
export const ZHEJIANG_DEMOCRATIC_MANAGEMENT = '《浙江省企业民主管理条例》';

export type RepresentativeRule = {
  /** null: the national rule. */
  province: string | null;
  validFrom: string;
  source: string;
  confidence: '✅' | '◐' | '❓';
  /** The least number of representatives for a 职代会 of an enterprise of `employees`; null when the text sets none. */
  minimum(employees: number): number | null;
  /** How the minimum is reached, for people. */
  explain(employees: number): string;
  /** 中层以上管理人员 at most this share of the representatives (percent), or null. */
  managersMaxPercent: number | null;
};

const per = (extra: number, step: number) => Math.floor(Math.max(0, extra) / step);

export const REPRESENTATIVE_RULES: readonly RepresentativeRule[] = [
  {
    // The often-quoted "5% of employees, at least 30" is not in any text we could read: not enforced.
    province: null, validFrom: '2012-02-13', source: `${DEMOCRATIC_MANAGEMENT_2012}（未规定全国统一的代表人数，由各地规定）`, confidence: '❓', // shared rules 6.3
    minimum: () => null, explain: () => '全国未统一规定职工代表人数（常见“不少于职工总数5%、最少30人”的说法未见条文，不作判断）', managersMaxPercent: null,
  },
  {
    province: '31', validFrom: '2017-11-23', source: SHANGHAI_CONGRESS_REGULATION, confidence: '✅', // shared rules 6.3
    minimum: (e) => (e < 100 ? 30 : e <= 3000 ? 30 + 5 * per(e - 100, 100) : null),
    explain: (e) => (e < 100 ? '职工不足100人召开职代会的，代表不少于30人'
      : e <= 3000 ? `职工100—3000人的，以30人为基数，每增加100人增加不少于5人（${e}人：30＋5×${per(e - 100, 100)}）` : '职工3000人以上的代表人数未在所据条文中，不作判断'),
    managersMaxPercent: 20,
  },
  {
    province: '33', validFrom: '2010-03-30', source: ZHEJIANG_DEMOCRATIC_MANAGEMENT, confidence: '✅', // shared rules 6.3
    minimum: (e) => (e < 100 ? 30 : e < 1000 ? 40 + 7 * per(e - 100, 100) : e < 5000 ? 100 + 20 * per(e - 1000, 1000) : 200),
    explain: (e) => (e < 100 ? '职工不足100人召开职代会的，代表不少于30人'
      : e < 1000 ? `职工100—1000人的，以40人为基数，每增加100人增加7人（${e}人：40＋7×${per(e - 100, 100)}）`
        : e < 5000 ? `职工1000—5000人的，以100人为基数，每增加1000人增加20人（${e}人：100＋20×${per(e - 1000, 1000)}）` : '职工5000人以上的，代表不少于200人'),
    managersMaxPercent: 20,
  },
];

/** The province's rule in force on `date`, else the national one. */
export function representativeRuleAt(province: string | null | undefined, date: string): RepresentativeRule {
  const pick = (p: string | null) => REPRESENTATIVE_RULES.filter((r) => r.province === p && r.validFrom <= date).sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0];
  return (province ? pick(province.slice(0, 2)) : undefined) ?? pick(null) ?? REPRESENTATIVE_RULES[0]!;
}

/** At least two thirds present: the smallest count that is ≥ 2/3 of `of` (integers only, no float). */
export const twoThirdsOf = (of: number): number => Math.floor((2 * of + 2) / 3);
/** More than half of ALL representatives (not of those present). */
export const moreThanHalfOf = (of: number): number => Math.floor(of / 2) + 1;

// ---- Thresholds (effective-dated data with their texts, like the rule set's parameters) ----

export type Threshold = { value: number; validFrom: string; source: string; confidence: '✅' | '◐' | '❓' };

/** 职工100人以上召开职工代表大会，不足100人一般召开职工大会. */
export const CONGRESS_FORM_MIN_EMPLOYEES: Threshold = {
  value: 100, validFrom: '2012-02-13', confidence: '◐', // shared rules 6.3 (same in the Shanghai and Zhejiang texts ✅)
  source: `${DEMOCRATIC_MANAGEMENT_2012}（职工人数100人以上的企业召开职工代表大会，不足100人的一般召开职工大会）`,
};

/** 职工二百人以上的企业可以设专职工会主席 — a suggestion (info), not a duty. */
export const FULL_TIME_CHAIR_MIN_EMPLOYEES: Threshold = {
  value: 200, validFrom: '2001-10-27', confidence: '✅', source: '《工会法》第十四条（职工二百人以上的企业、事业单位的工会，可以设专职主席）', // shared rules 6.1
};
