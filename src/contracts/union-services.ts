import { z } from 'zod';
import {
  FUNDS_STATUSES, HARDSHIP_LEVELS, HARDSHIP_PAYMENT_KINDS, HARDSHIP_REASONS, HARDSHIP_STATUSES, HONOUR_KINDS, HONOUR_LEVELS, REVIEW_OUTCOMES,
} from '../domain/union-services.js';
import { DateString, IdString } from './party-org.js';

/**
 * Union services (docs/unions.md "工会服务"): 困难职工帮扶 files, 劳动竞赛 and honours, 工会经费 months.
 * Money travels as integer fen.
 */
const Text = (max: number) => z.string().trim().min(1).max(max);
const Version = z.number().int().min(1);
const Fen = z.number().int().min(0).max(100_000_000_000_000);
const Year = z.coerce.number().int().min(2000).max(2100);
const Region = z.string().regex(/^\d{2,12}$/, '应为2至12位区划代码');
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '应为年月，如 2026-03');

export const HardshipLevelSchema = z.enum(HARDSHIP_LEVELS);
export const HardshipStatusSchema = z.enum(HARDSHIP_STATUSES);
export const HardshipPaymentKindSchema = z.enum(HARDSHIP_PAYMENT_KINDS);
export const FundsStatusSchema = z.enum(FUNDS_STATUSES);

// ---- 困难职工帮扶 -----------------------------------------------------------------------------------
export const HardshipApply = z.object({
  personId: IdString,
  level: HardshipLevelSchema,
  reasons: z.array(z.enum(HARDSHIP_REASONS)).min(1).max(8).refine((r) => new Set(r).size === r.length, '困难原因不能重复'),
  reasonNote: Text(500).nullish(),
  householdSize: z.number().int().min(1).max(20).nullish(),
  incomePerHeadFen: z.number().int().min(0).max(100_000_000).nullish(),
  appliedOn: DateString,
}).strict();
export type HardshipApply = z.infer<typeof HardshipApply>;
export const HardshipDecision = z.object({ version: Version, decision: z.enum(['approve', 'reject']), on: DateString, reason: Text(200).nullish() }).strict();
export type HardshipDecision = z.infer<typeof HardshipDecision>;
export const HardshipPaymentAdd = z.object({ version: Version, paidOn: DateString, kind: HardshipPaymentKindSchema, amountFen: z.number().int().min(1).max(100_000_000), note: Text(200).nullish() }).strict();
export type HardshipPaymentAdd = z.infer<typeof HardshipPaymentAdd>;
/** A review closing the file (脱困退出) keeps its note as the close reason, which holds at most 200 characters. */
export const HardshipReviewAdd = z.object({ version: Version, reviewedOn: DateString, outcome: z.enum(REVIEW_OUTCOMES), level: HardshipLevelSchema, note: Text(500).nullish() }).strict()
  .refine((r) => r.outcome !== 'closed' || !r.note || r.note.length <= 200, { message: '复核脱困时备注即脱困理由，不能超过200字', path: ['note'] });
export type HardshipReviewAdd = z.infer<typeof HardshipReviewAdd>;
export const HardshipClose = z.object({ version: Version, closedOn: DateString, reason: Text(200) }).strict();
export type HardshipClose = z.infer<typeof HardshipClose>;

/** A list row: the person by name and masked ID number only (docs/unions.md). */
export const HardshipItem = z.object({
  id: z.string(), unionId: z.string(), unionName: z.string(), regionCode: z.string().nullable(), streetName: z.string().nullable(),
  personId: z.string(), name: z.string(), idNumber: z.string().nullable(),
  level: HardshipLevelSchema, status: HardshipStatusSchema, appliedOn: z.string(), approvedOn: z.string().nullable(),
  reviewDueOn: z.string().nullable(), reviewOverdue: z.boolean(), paidFen: z.number(), version: z.number(),
});
export type HardshipItem = z.infer<typeof HardshipItem>;
export const HardshipListQuery = z.object({
  unionId: IdString.optional(), region: Region.optional(), level: HardshipLevelSchema.optional(), status: HardshipStatusSchema.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  /** Files with a payment in this year (the district page's 本年帮扶金). */
  paidYear: z.coerce.number().int().min(2000).max(2100).optional(), cursor: IdString.optional(), limit: z.coerce.number().int().min(1).max(200).default(50),
}).strict();
export type HardshipListQuery = z.infer<typeof HardshipListQuery>;
export const HardshipExportQuery = HardshipListQuery.omit({ cursor: true, limit: true });
export type HardshipExportQuery = z.infer<typeof HardshipExportQuery>;
export const HardshipPage = z.object({
  items: z.array(HardshipItem), total: z.number(), nextCursor: z.string().nullable(),
  /** Over the whole filter: approved files, overdue reviews, fen paid out. */
  sums: z.object({ approved: z.number(), overdue: z.number(), paidFen: z.number(), paidFenInYear: z.number().nullable().optional() }),
  byLevel: z.array(z.object({ level: HardshipLevelSchema, n: z.number() })),
});
export type HardshipPage = z.infer<typeof HardshipPage>;
export const HardshipDetail = HardshipItem.extend({
  reasons: z.array(z.enum(HARDSHIP_REASONS)), reasonNote: z.string().nullable(),
  /** Household facts: only for a reader of the union by its own place (null otherwise). */
  householdSize: z.number().nullable(), incomePerHeadFen: z.number().nullable(),
  lastReviewedOn: z.string().nullable(), closedOn: z.string().nullable(), closeReason: z.string().nullable(),
  payments: z.array(z.object({ id: z.string(), paidOn: z.string(), kind: HardshipPaymentKindSchema, amountFen: z.number(), note: z.string().nullable() })),
  reviews: z.array(z.object({ id: z.string(), reviewedOn: z.string(), outcome: z.enum(REVIEW_OUTCOMES), level: HardshipLevelSchema, note: z.string().nullable() })),
  manageable: z.boolean(), levelSource: z.string(),
});
export type HardshipDetail = z.infer<typeof HardshipDetail>;

// ---- 劳动竞赛 and honours ---------------------------------------------------------------------------
export const CompetitionAdd = z.object({ name: Text(100), startsOn: DateString, endsOn: DateString, participants: z.number().int().min(0).max(1_000_000) })
  .strict().refine((c) => c.endsOn >= c.startsOn, { message: '结束日期不能早于开始日期', path: ['endsOn'] });
export type CompetitionAdd = z.infer<typeof CompetitionAdd>;
export const Competition = z.object({ id: z.string(), unionId: z.string(), name: z.string(), startsOn: z.string(), endsOn: z.string(), participants: z.number(), honours: z.number() });
export type Competition = z.infer<typeof Competition>;
export const HonourAdd = z.object({
  personId: IdString, kind: z.enum(HONOUR_KINDS), level: z.enum(HONOUR_LEVELS), year: z.number().int().min(1950).max(2100),
  awardedBy: Text(100), competitionId: IdString.nullish(),
}).strict();
export type HonourAdd = z.infer<typeof HonourAdd>;
export const Honour = z.object({
  id: z.string(), personId: z.string(), name: z.string(), kind: z.enum(HONOUR_KINDS), level: z.enum(HONOUR_LEVELS), year: z.number(), awardedBy: z.string(),
  unionId: z.string(), unionName: z.string().nullable(), competitionName: z.string().nullable(),
});
export type Honour = z.infer<typeof Honour>;
export const UnionCompetitions = z.object({ competitions: z.array(Competition), honours: z.array(Honour), total: z.number(), manageable: z.boolean() });
export type UnionCompetitions = z.infer<typeof UnionCompetitions>;
export const PersonHonours = z.object({ personId: z.string(), name: z.string(), items: z.array(Honour), total: z.number() });
export type PersonHonours = z.infer<typeof PersonHonours>;

// ---- 工会经费 ---------------------------------------------------------------------------------------
export const FundsLine = z.object({
  id: z.string(), unionId: z.string(), unionName: z.string(), regionCode: z.string().nullable(), streetName: z.string().nullable(),
  month: z.string(), payrollFen: z.number(), payrollOwn: z.boolean(), dueFen: z.number(), dueOn: z.string(),
  paidFen: z.number(), paidOn: z.string().nullable(), status: FundsStatusSchema, arrearsFen: z.number(), version: z.number(),
});
export type FundsLine = z.infer<typeof FundsLine>;
export const FundsSums = z.object({
  lines: z.number(), dueFen: z.number(), paidFen: z.number(), arrearsFen: z.number(), arrearsLines: z.number(),
  /** Lines by status (the district page): paid in full by the due date, paid in full late, not yet due, partly paid before the due date. */
  onTimeLines: z.number().optional(), lateLines: z.number().optional(), notDueLines: z.number().optional(), partlyPaidLines: z.number().optional(),
});
export type FundsSums = z.infer<typeof FundsSums>;
export const UnionFunds = z.object({
  unionId: z.string(), year: z.number(), items: z.array(FundsLine), sums: FundsSums, manageable: z.boolean(),
  defaultPayrollFen: z.number().nullable(), dueDay: z.number(), dueDaySource: z.string(), rateSource: z.string(),
});
export type UnionFunds = z.infer<typeof UnionFunds>;
export const UnionFundsQuery = z.object({ year: Year.optional() }).strict();
export const FundsMonthAdd = z.object({ month: Month, payrollFen: Fen.nullish() }).strict();
export type FundsMonthAdd = z.infer<typeof FundsMonthAdd>;
export const FundsPayment = z.object({ version: Version, paidFen: Fen, paidOn: DateString.nullish() }).strict()
  .refine((p) => (p.paidFen === 0) === !p.paidOn, { message: '已拨缴金额大于0时须填写拨缴日期（为0时不填）', path: ['paidOn'] });
export type FundsPayment = z.infer<typeof FundsPayment>;
export const FundsPayroll = z.object({ version: Version, payrollFen: Fen }).strict();
export type FundsPayroll = z.infer<typeof FundsPayroll>;
export const FundsGenerate = z.object({ month: Month }).strict();
export const FundsGenerated = z.object({ month: z.string(), created: z.number(), existing: z.number(), withoutPayroll: z.number() });
export type FundsGenerated = z.infer<typeof FundsGenerated>;

const FundsFilter = { year: Year, month: z.coerce.number().int().min(1).max(12).optional(), region: Region.optional() };
export const FundsRollupQuery = z.object(FundsFilter).strict();
export type FundsRollupQuery = z.infer<typeof FundsRollupQuery>;
export const FundsRollup = z.object({
  year: z.number(), month: z.number().nullable(), asOf: z.string(),
  rows: z.array(FundsSums.extend({ region: z.string(), name: z.string().nullable(), unions: z.number() })),
  sum: FundsSums.extend({ unions: z.number() }),
});
export type FundsRollup = z.infer<typeof FundsRollup>;
export const FundsLinesQuery = z.object({
  ...FundsFilter, status: FundsStatusSchema.optional(), unionId: IdString.optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0), limit: z.coerce.number().int().min(1).max(200).default(50),
}).strict();
export type FundsLinesQuery = z.infer<typeof FundsLinesQuery>;
export const FundsLinesExportQuery = FundsLinesQuery.omit({ offset: true, limit: true });
export type FundsLinesExportQuery = z.infer<typeof FundsLinesExportQuery>;
export const FundsLinesPage = z.object({ items: z.array(FundsLine), total: z.number(), sums: FundsSums });
export type FundsLinesPage = z.infer<typeof FundsLinesPage>;

/** The union page's 工会服务 card. */
export const UnionServicesSummary = z.object({
  unionId: z.string(), manageable: z.boolean(),
  hardship: z.object({ applied: z.number(), approved: z.number(), overdue: z.number(), closed: z.number(), paidFenThisYear: z.number() }),
  funds: z.object({ year: z.number(), sums: FundsSums, lastMonth: z.string().nullable() }),
  competitions: z.number(), honours: z.number(),
});
export type UnionServicesSummary = z.infer<typeof UnionServicesSummary>;
export const ServiceParams = z.object({ id: IdString });
