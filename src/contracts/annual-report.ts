import { z } from 'zod';
import { REPORT_STATUSES, REVIEW_DECISIONS } from '../domain/annual-report.js';
import { AccessSchema, IdString } from './party-org.js';

/** 年度党建工作报告 (docs/annual-report.md): prefilled figures with their sources, the organisation's narrative, review. */
const Year = z.coerce.number().int().min(2018).max(2100);
const Narrative = z.string().trim().max(5000).nullish();

export const ReportParams = z.object({ id: IdString });
export const ReportYearQuery = z.object({ year: Year }).strict();

export const ReportFigureSchema = z.object({
  key: z.string(), label: z.string(), value: z.union([z.number(), z.string()]).nullable(), unit: z.string().optional(), source: z.string(), link: z.string().optional(),
});
export const ReportSectionSchema = z.object({ key: z.string(), title: z.string(), figures: z.array(ReportFigureSchema) });

/** 活动场所面积 and 党建经费 are records now (section 党建保障), not typed here (migration 0046). */
export const ReportFactsSchema = z.object({
  honours: z.string().trim().max(1000).nullish(),
}).strict();

export const ReportSave = z.object({
  year: Year, version: z.number().int().min(0),
  highlights: Narrative, problems: Narrative, plans: Narrative,
  facts: ReportFactsSchema.optional(),
}).strict();
export type ReportSave = z.infer<typeof ReportSave>;

export const ReportSubmit = z.object({ year: Year, version: z.number().int().min(0) }).strict();
export type ReportSubmit = z.infer<typeof ReportSubmit>;

export const ReportReview = z.object({
  year: Year, version: z.number().int().min(1), decision: z.enum(REVIEW_DECISIONS),
  comment: z.string().trim().max(1000).nullish(),
}).strict();
export type ReportReview = z.infer<typeof ReportReview>;

export const ReportStateSchema = z.enum(['none', ...REPORT_STATUSES]);

export const AnnualReportSchema = z.object({
  orgId: z.string(), orgName: z.string(), year: z.number(), asOf: z.string(),
  state: ReportStateSchema, stateLabel: z.string(), version: z.number(),
  highlights: z.string().nullable(), problems: z.string().nullable(), plans: z.string().nullable(),
  facts: z.object({ honours: z.string().nullable() }),
  /** The live records' figures while the report is open; the stored snapshot once submitted. */
  sections: z.array(ReportSectionSchema),
  /** Figures the records now give differently from the submitted snapshot. */
  changedSince: z.array(z.object({ key: z.string(), label: z.string(), submitted: z.union([z.number(), z.string()]).nullable(), now: z.union([z.number(), z.string()]).nullable() })),
  submittedAt: z.string().nullable(), reviewedAt: z.string().nullable(), reviewComment: z.string().nullable(),
  history: z.array(z.object({ kind: z.string(), label: z.string(), at: z.string(), by: z.string().nullable(), comment: z.string().nullable() })),
  access: AccessSchema, manageable: z.boolean(), reviewable: z.boolean(),
});
export type AnnualReport = z.infer<typeof AnnualReportSchema>;

/** The list's filter; the export takes exactly this, the list adds its page (cursor, limit). */
export const ReportListFilter = z.object({
  year: Year, region: z.string().regex(/^\d{2,12}$/).optional(), state: ReportStateSchema.optional(),
}).strict();
export type ReportListFilter = z.infer<typeof ReportListFilter>;
export const ReportListQuery = ReportListFilter.extend({
  cursor: z.string().max(400).optional(), limit: z.coerce.number().int().min(1).max(500).default(100),
}).strict();
export type ReportListQuery = z.infer<typeof ReportListQuery>;

export const ReportListItem = z.object({
  orgId: z.string(), orgName: z.string(), orgType: z.string(), regionCode: z.string().nullable(),
  state: ReportStateSchema, stateLabel: z.string(), submittedAt: z.string().nullable(),
  members: z.number(), probationary: z.number(), admitted: z.number(), access: AccessSchema,
});
export type ReportListItem = z.infer<typeof ReportListItem>;
/** One keyset page; `total` and `byState` count every row of the filter, all pages. */
export const ReportList = z.object({ items: z.array(ReportListItem), total: z.number(), byState: z.record(z.string(), z.number()), nextCursor: z.string().nullable() });
export type ReportList = z.infer<typeof ReportList>;
