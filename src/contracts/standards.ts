import { z } from 'zod';
import { ASSESSMENT_STATUSES, EVIDENCE_STATES, REVIEW_DECISIONS } from '../domain/standards/standards-status.js';
import { TEMPLATE_IDS } from '../domain/standards/standards-types.js';
import { AccessSchema, IdString } from './party-org.js';

/**
 * Standards as data (docs/standards.md): the checklist templates, an organisation's self-assessment
 * with the evidence found in the records or given by it, the street and district reviews, the lists.
 */
const tuple = <T extends string>(xs: readonly T[]) => xs as unknown as [T, ...T[]];
export const TemplateIdSchema = z.enum(tuple(TEMPLATE_IDS));
export const OrgKindSchema = z.enum(['partyOrg', 'union']);
export const ReviewLevelSchema = z.enum(['community', 'street', 'district']);
export const AssessmentStatusSchema = z.enum(tuple(ASSESSMENT_STATUSES));
export const EvidenceStateSchema = z.enum(tuple(EVIDENCE_STATES));
const Year = z.coerce.number().int().min(2018).max(2100);
const Version = z.number().int().min(1);

export const ChecklistItemSchema = z.object({
  key: z.string(), title: z.string(), requirement: z.string(), weight: z.number(),
  record: z.string().nullable(), recordLabel: z.string().nullable(), accepts: z.array(z.enum(['upload', 'attestation'])),
});
export const ChecklistTemplate = z.object({
  templateId: TemplateIdSchema, validFrom: z.string(), validTo: z.string().nullable(), name: z.string(), orgKind: OrgKindSchema,
  source: z.string(), localPractice: z.boolean(), reviewLevels: z.array(ReviewLevelSchema), passMark: z.number(),
  stars: z.array(z.object({ stars: z.number(), min: z.number() })), items: z.array(ChecklistItemSchema),
  /** Named grades by total (职工之家) with the source of the cut-offs; absent for templates without grades. */
  grades: z.object({ thresholds: z.array(z.object({ grade: z.string(), min: z.number() })), source: z.string() }).nullable().optional(),
});
export type ChecklistTemplate = z.infer<typeof ChecklistTemplate>;
export const TemplatesQuery = z.object({ date: z.iso.date().optional(), orgKind: OrgKindSchema.optional() }).strict();
export const TemplateList = z.object({ items: z.array(ChecklistTemplate), total: z.number() });

export const RecordRefSchema = z.object({ label: z.string(), link: z.string(), at: z.string().nullable().optional() });
export const AttachmentSummary = z.object({ id: z.string(), fileName: z.string(), mediaType: z.string(), size: z.number(), uploadedAt: z.string(), url: z.string() });
export type AttachmentSummary = z.infer<typeof AttachmentSummary>;

export const ItemEvidence = z.object({
  key: z.string(), title: z.string(), weight: z.number(), requirement: z.string(), accepts: z.array(z.enum(['upload', 'attestation'])),
  state: EvidenceStateSchema,
  /** The record found in the platform (live while a draft; as found at submission afterwards). */
  found: RecordRefSchema.nullable(),
  attachment: AttachmentSummary.nullable(),
  attestation: z.string().nullable(),
});
export const ReviewSchema = z.object({
  id: z.string(), level: ReviewLevelSchema, decision: z.enum(tuple(REVIEW_DECISIONS)), marks: z.record(z.string(), z.number()),
  total: z.number(), stars: z.number().nullable(), result: z.string(), comment: z.string().nullable(), reviewer: z.string().nullable(), reviewedAt: z.string(),
  /** The named grade the review's total reaches (职工之家), for a pass. */
  grade: z.string().nullable().optional(),
});
export const Assessment = z.object({
  id: z.string(), templateId: TemplateIdSchema, templateVersion: z.string(), templateName: z.string(), source: z.string(),
  orgKind: OrgKindSchema, orgId: z.string(), orgName: z.string(), regionCode: z.string().nullable(), year: z.number(),
  status: AssessmentStatusSchema, stage: ReviewLevelSchema.nullable(), total: z.number().nullable(), stars: z.number().nullable(), result: z.string().nullable(),
  items: z.array(ItemEvidence), reviews: z.array(ReviewSchema), passMark: z.number(), starThresholds: z.array(z.object({ stars: z.number(), min: z.number() })),
  access: AccessSchema, manageable: z.boolean(), reviewable: ReviewLevelSchema.nullable(), version: z.number(),
  /** Passed: the named grade (职工之家 模范 / 先进 / 合格), computed from the total by the version's thresholds. */
  grade: z.string().nullable().optional(),
  grades: z.object({ thresholds: z.array(z.object({ grade: z.string(), min: z.number() })), source: z.string() }).nullable().optional(),
});
export type Assessment = z.infer<typeof Assessment>;

export const AssessmentParams = z.object({ id: IdString });
export const ItemParams = z.object({ id: IdString, key: z.string().regex(/^[a-zA-Z]{1,40}$/, '应为条目代码') });
export const AssessmentCreate = z.object({ templateId: TemplateIdSchema, orgKind: OrgKindSchema, orgId: IdString, year: Year }).strict();
export type AssessmentCreate = z.infer<typeof AssessmentCreate>;
export const EvidenceInput = z.object({
  version: Version,
  /** `record` takes what the platform found; `attestation` needs the text; `none` clears the item. */
  kind: z.enum(['record', 'attestation', 'none']),
  attestation: z.string().trim().min(1).max(2000).optional(),
}).strict();
export type EvidenceInput = z.infer<typeof EvidenceInput>;
export const VersionBody = z.object({ version: Version }).strict();
export const ReviewInput = z.object({
  version: Version, decision: z.enum(tuple(REVIEW_DECISIONS)),
  marks: z.record(z.string(), z.number()), comment: z.string().trim().min(1).max(2000).optional(),
}).strict();
export type ReviewInput = z.infer<typeof ReviewInput>;

/** An organisation's standing against each template in force this year (the org page's 标准化建设). */
export const OrgStandardsQuery = z.object({ year: Year.optional() }).strict();
export const OrgStandards = z.object({
  orgKind: OrgKindSchema, orgId: z.string(), year: z.number(), manageable: z.boolean(),
  items: z.array(z.object({
    templateId: TemplateIdSchema, name: z.string(), assessmentId: z.string().nullable(), status: AssessmentStatusSchema.nullable(),
    stage: ReviewLevelSchema.nullable(), total: z.number().nullable(), stars: z.number().nullable(), result: z.string().nullable(),
    grade: z.string().nullable().optional(),
  })),
});
export type OrgStandards = z.infer<typeof OrgStandards>;

const ListFilter = {
  year: Year,
  templateId: TemplateIdSchema.optional(),
  status: AssessmentStatusSchema.optional(),
  stars: z.coerce.number().int().min(0).max(5).optional(),
  region: z.string().regex(/^\d{2,12}$/, '应为2至12位区划代码').optional(),
  /** A named grade (职工之家), e.g. 模范职工之家: the passed assessments whose total reaches it. */
  grade: z.string().trim().min(1).max(20).optional(),
};
export const ReviewListQuery = z.object(ListFilter).strict();
export type ReviewListQuery = z.infer<typeof ReviewListQuery>;
export const ReviewRow = z.object({
  id: z.string(), templateId: TemplateIdSchema, templateName: z.string(), orgKind: OrgKindSchema, orgId: z.string(), orgName: z.string(),
  regionCode: z.string().nullable(), streetName: z.string().nullable(), year: z.number(), status: AssessmentStatusSchema, stage: ReviewLevelSchema.nullable(),
  total: z.number().nullable(), stars: z.number().nullable(), result: z.string().nullable(), submittedAt: z.string().nullable(),
  grade: z.string().nullable().optional(),
});
export type ReviewRow = z.infer<typeof ReviewRow>;
export const ReviewList = z.object({ items: z.array(ReviewRow), total: z.number() });
export type ReviewList = z.infer<typeof ReviewList>;

export const StandardsRollupQuery = z.object({ year: Year, templateId: TemplateIdSchema.optional(), region: ListFilter.region }).strict();
export type StandardsRollupQuery = z.infer<typeof StandardsRollupQuery>;
const Counts = {
  total: z.number(), draft: z.number(), submitted: z.number(), returned: z.number(), passed: z.number(),
  stars: z.record(z.string(), z.number()),
  /** Passed assessments by named grade (职工之家), computed from each one's total and version. */
  grades: z.record(z.string(), z.number()).optional(),
  /** With a template: its organisations (active, held by own place) that have not started it that year. */
  notStarted: z.number().nullable(),
};
export const StandardsRollup = z.object({
  year: z.number(), rows: z.array(z.object({ region: z.string(), name: z.string().nullable(), ...Counts })), sum: z.object(Counts),
});
export type StandardsRollup = z.infer<typeof StandardsRollup>;
