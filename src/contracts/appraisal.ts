import { z } from 'zod';
import { GRADES } from '../domain/appraisal.js';
import { IdString } from './party-org.js';

/** 述职评议 / 考核 (docs/annual-report.md "Appraisal"): a prefilled score sheet, reviewers' marks, the result. */
const Year = z.coerce.number().int().min(2018).max(2100);
export const AppraisalParams = z.object({ id: IdString });
export const AppraisalYearQuery = z.object({ year: Year }).strict();

export const AppraisalMarkInput = z.object({
  year: Year, version: z.number().int().min(0),
  marks: z.array(z.object({ item: z.string().min(1).max(40), score: z.number().min(0).max(100) }).strict()).max(30),
  comment: z.string().trim().max(1000).nullish(),
}).strict();
export type AppraisalMarkInput = z.infer<typeof AppraisalMarkInput>;

const Value = z.union([z.number(), z.string()]).nullable();
export const AppraisalSheetSchema = z.object({
  kind: z.enum(['secretary', 'instructor']), kindLabel: z.string(), subjectId: z.string(), subjectName: z.string(), year: z.number(),
  personId: z.string().nullable(), personName: z.string().nullable(),
  template: z.object({ id: z.string(), name: z.string(), source: z.string(), validFrom: z.string() }),
  items: z.array(z.object({
    key: z.string(), label: z.string(), weight: z.number(), guide: z.string(),
    evidence: z.array(z.object({ label: z.string(), value: Value, unit: z.string().optional(), source: z.string(), link: z.string().optional() })),
    marks: z.object({ street: z.number().nullable(), district: z.number().nullable() }),
  })),
  total: z.number().nullable(), grade: z.enum(GRADES).nullable(), gradeLabel: z.string().nullable(), allowance: z.string().nullable(),
  thresholds: z.array(z.object({ label: z.string(), min: z.number() })),
  comment: z.string().nullable(), version: z.number(), markable: z.boolean(), reviewerLevel: z.enum(['street', 'district']).nullable(),
});
export type AppraisalSheet = z.infer<typeof AppraisalSheetSchema>;

export const AppraisalHistory = z.object({
  items: z.array(z.object({ kind: z.string(), kindLabel: z.string(), year: z.number(), subjectId: z.string(), total: z.number().nullable(), gradeLabel: z.string().nullable(), allowance: z.string().nullable() })),
  total: z.number(),
});
export type AppraisalHistory = z.infer<typeof AppraisalHistory>;

export const AppraisalSettingsSchema = z.object({ allowance: z.record(z.enum(GRADES), z.string()), version: z.number(), canChange: z.boolean() });
export const AppraisalSettingsInput = z.object({
  allowance: z.object({ excellent: z.string().trim().min(1).max(40), competent: z.string().trim().min(1).max(40), basic: z.string().trim().min(1).max(40), incompetent: z.string().trim().min(1).max(40) }).strict(),
  version: z.number().int().min(0),
}).strict();
export type AppraisalSettingsInput = z.infer<typeof AppraisalSettingsInput>;
