import { z } from 'zod';
import { APPRAISAL_KINDS, APPRAISAL_STATES } from '../domain/appraisal.js';
import { AccessSchema } from './party-org.js';

/**
 * The appraisals of an area for a year (docs/annual-report.md, "Appraisals of an area"): every
 * secretary and instructor due one — who is marked and who is not — in keyset pages with a total;
 * the XLSX takes exactly the filter.
 */
const Year = z.coerce.number().int().min(2018).max(2100);

export const AppraisalListFilter = z.object({
  year: Year, region: z.string().regex(/^\d{2,12}$/).optional(), kind: z.enum(APPRAISAL_KINDS).optional(), state: z.enum(APPRAISAL_STATES).optional(),
}).strict();
export type AppraisalListFilter = z.infer<typeof AppraisalListFilter>;
export const AppraisalListQuery = AppraisalListFilter.extend({
  cursor: z.string().max(400).optional(), limit: z.coerce.number().int().min(1).max(500).default(100),
}).strict();
export type AppraisalListQuery = z.infer<typeof AppraisalListQuery>;

export const AppraisalListItem = z.object({
  kind: z.enum(APPRAISAL_KINDS), kindLabel: z.string(), subjectId: z.string(), subjectName: z.string(), regionCode: z.string().nullable(),
  personId: z.string().nullable(), personName: z.string().nullable(),
  state: z.enum(APPRAISAL_STATES), stateLabel: z.string(), total: z.number().nullable(), gradeLabel: z.string().nullable(), allowance: z.string().nullable(),
  /** The web page of the sheet, for the year. */
  link: z.string(),
  access: AccessSchema,
  /** The reader may mark it (org.review by the subject's own place; never through a link). */
  markable: z.boolean(),
});
export type AppraisalListItem = z.infer<typeof AppraisalListItem>;

/** One keyset page; `total` and `byState` count every row of the filter, all pages. */
export const AppraisalList = z.object({
  items: z.array(AppraisalListItem), total: z.number(), byState: z.record(z.string(), z.number()), nextCursor: z.string().nullable(),
});
export type AppraisalList = z.infer<typeof AppraisalList>;
