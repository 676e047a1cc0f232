import { z } from 'zod';
import { DUES_CATEGORIES } from '../domain/rules/member-facts.js';
import { DateString, IdString } from './party-org.js';

/**
 * Party dues (党费, docs/dues.md). Money is integer fen (分) everywhere; months are `YYYY-MM`.
 * What people read carries the bracket as an official says it, never a rule id.
 */
export const MonthString = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '应为年月，如2026-11');
export const DuesCategorySchema = z.enum(DUES_CATEGORIES);
const Fen = z.number().int().min(0).max(100_000_000_000);
const Version = z.number().int().min(1);

export const DuesMonthQuery = z.object({
  orgId: IdString,
  month: MonthString,
  /** unpaid: 未交清; paid: 已交清. */
  paid: z.enum(['paid', 'unpaid']).optional(),
  q: z.string().trim().max(60).optional(),
}).strict();
export type DuesMonthQuery = z.infer<typeof DuesMonthQuery>;
export const DuesLedgerQuery = DuesMonthQuery.extend({
  cursor: IdString.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).strict();
export type DuesLedgerQuery = z.infer<typeof DuesLedgerQuery>;

export const DuesLedgerRow = z.object({
  id: z.string(), memberId: z.string(), name: z.string(), month: z.string(), orgId: z.string(), orgName: z.string(),
  category: DuesCategorySchema, baseFen: z.number().nullable(), standardFen: z.number(), dueFen: z.number(),
  /** The bracket as the rules say it (“月工资收入3000元以上至5000元（含）按1%”), or the approved reduction. */
  basis: z.string(), reduced: z.boolean(),
  paidFen: z.number(), paidOn: z.string().nullable(), method: z.enum(['hand', 'import']).nullable(),
  version: z.number(), manageable: z.boolean(),
});
export type DuesLedgerRow = z.infer<typeof DuesLedgerRow>;

export const DuesTotals = z.object({
  members: z.number(), paidMembers: z.number(), dueFen: z.number(), paidFen: z.number(), arrearsFen: z.number(),
  /** 返还 to the enterprise organisation by the local ratio. */
  returnedFen: z.number(), returnRatioBp: z.number(),
});
export const DuesLedgerPage = z.object({
  items: z.array(DuesLedgerRow), total: z.number(), nextCursor: z.string().nullable(),
  totals: DuesTotals, monthStatus: z.enum(['open', 'closed', 'none']), manageable: z.boolean(),
});
export type DuesLedgerPage = z.infer<typeof DuesLedgerPage>;

export const DuesCompute = z.object({ month: MonthString, orgId: IdString.optional() }).strict();
export type DuesCompute = z.infer<typeof DuesCompute>;
export const DuesComputeResult = z.object({ month: z.string(), rows: z.number(), orgs: z.number() });
export const DuesMonthClose = z.object({ month: MonthString, orgId: IdString }).strict();
/** 重新开账: a closed month opened again, with the reason (kept on the month and in the audit). */
export const DuesMonthReopen = z.object({ month: MonthString, orgId: IdString, reason: z.string().trim().min(1).max(200) }).strict();
export type DuesMonthReopen = z.infer<typeof DuesMonthReopen>;

export const DuesPaymentInput = z.object({
  version: Version,
  amountFen: z.number().int().min(1).max(100_000_000),
  paidOn: DateString,
  note: z.string().trim().max(200).optional(),
}).strict();
export type DuesPaymentInput = z.infer<typeof DuesPaymentInput>;
export const LedgerParams = z.object({ id: IdString }).strict();
export const MemberDuesParams = z.object({ memberId: IdString }).strict();

export const DuesBasisInput = z.object({
  fromMonth: MonthString, category: DuesCategorySchema,
  /** 税后月工资收入或离退休费 (fen): employed and retired only. */
  baseFen: Fen.nullable().optional(),
}).strict();
export type DuesBasisInput = z.infer<typeof DuesBasisInput>;
export const DuesReductionInput = z.object({
  fromMonth: MonthString, toMonth: MonthString.nullable().optional(), amountFen: z.number().int().min(0).max(100_000_000),
  approvedOn: DateString.nullable().optional(), approvalRef: z.string().trim().min(1).max(100).nullable().optional(),
}).strict();
export type DuesReductionInput = z.infer<typeof DuesReductionInput>;
/** 批准: the day and the reference of the 上一级党委's approval, together. */
export const DuesReductionApprove = z.object({ approvedOn: DateString, approvalRef: z.string().trim().min(1).max(100) }).strict();
export type DuesReductionApprove = z.infer<typeof DuesReductionApprove>;
export const ReductionParams = z.object({ id: IdString }).strict();
export const DuesReductionRow = z.object({
  id: z.string(), fromMonth: z.string(), toMonth: z.string().nullable(), amountFen: z.number(),
  approvedOn: z.string().nullable(), approvalRef: z.string().nullable(),
  /** pending: 待批准 (changes nothing yet); approved: 已批准; withdrawn: 已撤销 (counts no more). */
  status: z.enum(['pending', 'approved', 'withdrawn']),
  withdrawnOn: z.string().nullable(), withdrawnReason: z.string().nullable(),
});
/** 撤销: the reason is required; the day is today. */
export const DuesReductionWithdraw = z.object({ reason: z.string().trim().min(1).max(200) }).strict();
export type DuesReductionWithdraw = z.infer<typeof DuesReductionWithdraw>;
export type DuesReductionRow = z.infer<typeof DuesReductionRow>;
export const DuesReductionList = z.object({ items: z.array(DuesReductionRow), manageable: z.boolean() });
export type DuesReductionList = z.infer<typeof DuesReductionList>;

export const DuesFinding = z.object({ title: z.string(), message: z.string(), severity: z.string(), source: z.string(), dueOn: z.string().nullable() });
export const DuesStatementMonth = z.object({
  month: z.string(), orgName: z.string().nullable(), dueFen: z.number().nullable(), paidFen: z.number(), paidOn: z.string().nullable(),
  basis: z.string().nullable(), ledgerId: z.string().nullable(),
});
export const DuesStatement = z.object({
  memberId: z.string(), name: z.string(), year: z.number(), orgName: z.string(),
  basis: z.object({ fromMonth: z.string(), category: DuesCategorySchema, categoryLabel: z.string(), baseFen: z.number().nullable() }).nullable(),
  months: z.array(DuesStatementMonth),
  totals: z.object({ dueFen: z.number(), paidFen: z.number(), arrearsFen: z.number() }),
  findings: z.array(DuesFinding),
});
export type DuesStatement = z.infer<typeof DuesStatement>;
export const StatementQuery = z.object({ year: z.coerce.number().int().min(2008).max(2100) }).strict();

export const DuesSettingsSchema = z.object({
  returnRatioBp: z.number().int().min(0).max(10_000),
  recalcMode: z.enum(['onChange', 'yearly']),
  version: z.number().int().min(0),
});
export const DuesSettingsInput = DuesSettingsSchema.strict();
/** The settings as read: `canChange` says whether the caller may change them (whole jurisdiction). */
export const DuesSettingsView = DuesSettingsSchema.extend({ canChange: z.boolean() });
export type DuesSettingsView = z.infer<typeof DuesSettingsView>;
export type DuesSettingsInput = z.infer<typeof DuesSettingsInput>;

export const DuesImportResult = z.object({
  dryRun: z.boolean(), rows: z.number(), applied: z.number(), unchanged: z.number(), rejected: z.number(),
  errors: z.array(z.object({ row: z.number(), column: z.string().optional(), code: z.string(), message: z.string() })),
  batchId: z.string().nullable(),
});
export type DuesImportResult = z.infer<typeof DuesImportResult>;
