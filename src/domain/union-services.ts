import { DOC, PLATFORM_SETTING } from './rules/citations.js';
import { addYears, civilFromDays, daysFromCivil, fromDay, toDay } from './rules/dates.js';

/**
 * Union services (issue 16 item 7; docs/unions.md "工会服务"): the pure rules of 工会经费 and of the
 * 困难职工帮扶 yearly review, with their labels. Money is integer fen throughout.
 */

// ---- 工会经费 ------------------------------------------------------------------------------------

/** 《工会法》第四十三条: 2% of the monthly total payroll of all employees (domain-rules §6.1). */
export const FUNDS_RATE_PERCENT = 2;
export const FUNDS_RATE_SOURCE = `${DOC.tradeUnionLaw}第四十三条（按每月全部职工工资总额的百分之二向工会拨缴经费）`;

/**
 * 2% of a payroll in fen, rounded to the nearest fen, half up (四舍五入 as a finance office writes it):
 * 12,345 fen × 2% = 246.9 → 247 fen. Integer arithmetic only, so no float ever decides a fen.
 */
export function fundsDueFen(payrollFen: number): number {
  if (!Number.isSafeInteger(payrollFen) || payrollFen < 0) throw new RangeError('payroll must be a non-negative integer in fen');
  return Math.floor((payrollFen * FUNDS_RATE_PERCENT + 50) / 100);
}

/** A month is named by its first day (`YYYY-MM-01`); the payroll it is computed from is the previous month's. */
export const monthStart = (date: string): string => `${date.slice(0, 7)}-01`;
export function previousMonth(month: string): string {
  const { y, m } = civilFromDays(toDay(month));
  return m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, '0')}-01`;
}
export function nextMonth(month: string): string {
  const { y, m } = civilFromDays(toDay(month));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

export type FundsDueDaySetting = { province: string | null; day: number; validFrom: string; source: string };

/**
 * When the month's 经费 is due. Shanghai: by the 15th, from the previous month's payroll
 * (上海市工会条例第四十一条, domain-rules §6.2). Other provinces set their own day; the platform
 * uses the 15th until a province's rule is entered here (a setting, not a national article).
 */
export const FUNDS_DUE_DAY_SETTINGS: readonly FundsDueDaySetting[] = [
  { province: '31', day: 15, validFrom: '2000-01-01', source: `${DOC.shanghaiUnionRegulation}第四十一条（每月十五日前按上月全部职工工资总额的百分之二拨缴）` },
  { province: null, day: 15, validFrom: '2000-01-01', source: `每月15日（${PLATFORM_SETTING}）` },
];

/** The setting in force for a union registered in `regionCode` on `date` (province = the code's first two digits). */
export function fundsDueDaySetting(regionCode: string | null, date: string, settings: readonly FundsDueDaySetting[] = FUNDS_DUE_DAY_SETTINGS): FundsDueDaySetting {
  const province = regionCode?.slice(0, 2) ?? null;
  const inForce = settings.filter((s) => s.validFrom <= date).sort((a, b) => b.validFrom.localeCompare(a.validFrom));
  return inForce.find((s) => s.province !== null && s.province === province) ?? inForce.find((s) => s.province === null) ?? settings[settings.length - 1]!;
}

/** The due date of `month`: its `day`th, clamped to the month's last day (a day of 31 in February is the 28th/29th). */
export function fundsDueOn(month: string, day: number): string {
  const { y, m } = civilFromDays(toDay(month));
  const last = (m === 12 ? daysFromCivil(y + 1, 1, 1) : daysFromCivil(y, m + 1, 1)) - daysFromCivil(y, m, 1);
  return fromDay(daysFromCivil(y, m, Math.min(Math.max(day, 1), last)));
}

export const FUNDS_STATUSES = ['paid', 'paidLate', 'partlyPaid', 'notDue', 'arrears'] as const;
export type FundsStatus = (typeof FUNDS_STATUSES)[number];
export const FUNDS_STATUS_LABELS: Record<FundsStatus, string> = {
  paid: '已足额拨缴', paidLate: '逾期后足额拨缴', partlyPaid: '部分拨缴（未到期）', notDue: '未到期', arrears: '欠缴',
};

/**
 * The state of a month's line on `today`: paid in full (on time or late); otherwise, up to and
 * including the due date, partly paid or not yet due; from the day after, 欠缴 (a finding).
 */
export function fundsStatus(line: { dueFen: number; paidFen: number; dueOn: string; paidOn: string | null }, today: string): FundsStatus {
  if (line.paidFen >= line.dueFen) return line.paidOn !== null && line.paidOn > line.dueOn ? 'paidLate' : 'paid';
  if (today <= line.dueOn) return line.paidFen > 0 ? 'partlyPaid' : 'notDue';
  return 'arrears';
}
export const fundsArrearsFen = (line: { dueFen: number; paidFen: number }): number => Math.max(0, line.dueFen - line.paidFen);

// ---- 困难职工帮扶 ----------------------------------------------------------------------------------

/** The levels as local practice after 全总's 困难职工帮扶 rules (cited as such, docs/unions.md). */
export const HARDSHIP_LEVELS = ['deep', 'relative', 'accident'] as const;
export type HardshipLevel = (typeof HARDSHIP_LEVELS)[number];
export const HARDSHIP_LEVEL_LABELS: Record<HardshipLevel, string> = { deep: '深度困难', relative: '相对困难', accident: '意外致困' };
export const HARDSHIP_SOURCE = '中华全国总工会关于困难职工帮扶工作的规定及各地工会困难职工认定办法（地方实施办法）';

export const HARDSHIP_REASONS = ['illness', 'disability', 'unemployment', 'lowIncome', 'education', 'disaster', 'accident', 'singleParent', 'other'] as const;
export type HardshipReason = (typeof HARDSHIP_REASONS)[number];
export const HARDSHIP_REASON_LABELS: Record<HardshipReason, string> = {
  illness: '本人或家庭成员患大病', disability: '残疾', unemployment: '失业或下岗', lowIncome: '家庭收入低', education: '子女就学负担重',
  disaster: '遭受自然灾害', accident: '遭遇意外事故', singleParent: '单亲家庭', other: '其他',
};

export const HARDSHIP_STATUSES = ['applied', 'approved', 'rejected', 'closed'] as const;
export type HardshipStatus = (typeof HARDSHIP_STATUSES)[number];
export const HARDSHIP_STATUS_LABELS: Record<HardshipStatus, string> = { applied: '已申请', approved: '在档帮扶', rejected: '未通过', closed: '已脱困' };

export const HARDSHIP_PAYMENT_KINDS = ['living', 'education', 'medical', 'festival', 'other'] as const;
export type HardshipPaymentKind = (typeof HARDSHIP_PAYMENT_KINDS)[number];
export const HARDSHIP_PAYMENT_LABELS: Record<HardshipPaymentKind, string> = { living: '生活救助', education: '助学', medical: '医疗救助', festival: '节日慰问', other: '其他' };

export const REVIEW_OUTCOMES = ['continue', 'levelChanged', 'closed'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];
export const REVIEW_OUTCOME_LABELS: Record<ReviewOutcome, string> = { continue: '继续帮扶', levelChanged: '调整困难类别', closed: '脱困退出' };

/**
 * 复核 each year: due one year after the approval or the last review (29 February → 28 February),
 * as local practice; overdue from the day after. Null for a file that is not approved.
 */
export function hardshipReviewDueOn(file: { status: HardshipStatus; approvedOn: string | null; lastReviewedOn: string | null }): string | null {
  if (file.status !== 'approved' || !file.approvedOn) return null;
  const from = file.lastReviewedOn && file.lastReviewedOn > file.approvedOn ? file.lastReviewedOn : file.approvedOn;
  return fromDay(addYears(toDay(from), 1));
}
export const hardshipReviewOverdue = (dueOn: string | null, today: string): boolean => dueOn !== null && today > dueOn;

// ---- 劳动竞赛 and honours -------------------------------------------------------------------------

export const HONOUR_KINDS = ['modelWorker', 'mayDayMedal', 'craftsman', 'techExpert'] as const;
export type HonourKind = (typeof HONOUR_KINDS)[number];
export const HONOUR_KIND_LABELS: Record<HonourKind, string> = { modelWorker: '劳动模范', mayDayMedal: '五一劳动奖章', craftsman: '工匠', techExpert: '技术能手' };
export const HONOUR_LEVELS = ['national', 'province', 'city', 'district'] as const;
export type HonourLevel = (typeof HONOUR_LEVELS)[number];
export const HONOUR_LEVEL_LABELS: Record<HonourLevel, string> = { national: '全国', province: '省级', city: '市级', district: '区级' };

/** Fen as 元 for people: 12345 → "123.45". */
export const yuan = (fen: number): string => `${fen < 0 ? '-' : ''}${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;
