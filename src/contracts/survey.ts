import { z } from 'zod';
import { IdString } from './party-org.js';
import { RegionPrefix } from './region.js';
import { SURVEY_FACTS, SURVEY_FIELD_TYPES, SURVEY_TARGET_STATES } from '../domain/survey.js';

/**
 * 排查摸底 (issue 17 item 5; docs/surveys.md): the district's form and targets, each enterprise's
 * signed link, the public answer page (no sign-in), the officer's review of proposed changes, and
 * progress by street.
 */
const Version = z.number().int().min(1);
const CoverageStatus = z.enum(['standalone', 'dispatched', 'joint', 'attached', 'workOnly', 'gap', 'closed']);

export const SurveyFieldSchema = z.object({
  key: z.string().regex(/^[a-z][A-Za-z0-9]{0,30}$/, '编号应为英文字母开头的字母或数字'),
  label: z.string().trim().min(1, '请填写题目').max(50, '题目不超过50个字'),
  type: z.enum(SURVEY_FIELD_TYPES),
  required: z.boolean().default(false),
  options: z.array(z.string().trim().min(1).max(30)).max(20).optional(),
  fact: z.enum(SURVEY_FACTS).nullable().optional(),
}).strict();
export type SurveyFieldInput = z.infer<typeof SurveyFieldSchema>;

export const SurveyTargetFilter = z.object({
  regionPrefix: RegionPrefix,
  coverageStatus: CoverageStatus.optional(),
  industry: z.string().trim().min(1).max(100).optional(),
  sizeClass: z.enum(['large', 'medium', 'small', 'micro']).optional(),
}).strict();
export type SurveyTargetFilter = z.infer<typeof SurveyTargetFilter>;

export const SurveyCreate = z.object({
  name: z.string().trim().min(1, '请填写名称').max(100, '名称不超过100个字'),
  intro: z.string().trim().max(1000, '说明不超过1000个字').nullable().optional(),
  /** Links work through the end of this day (China time). */
  closesOn: z.iso.date('截止日期应为日期，如 2026-12-31'),
  filter: SurveyTargetFilter,
  fields: z.array(SurveyFieldSchema).min(1, '请至少设置一个填报项').max(30, '填报项不超过30个'),
}).strict();
export type SurveyCreate = z.infer<typeof SurveyCreate>;

export const SurveyCounts = z.object({ sent: z.number(), answered: z.number(), reviewed: z.number(), accepted: z.number() });
export type SurveyCounts = z.infer<typeof SurveyCounts>;

export const SurveyCampaign = z.object({
  id: z.string(),
  name: z.string(),
  intro: z.string().nullable(),
  regionPrefix: z.string(),
  closesOn: z.string(),
  status: z.enum(['open', 'closed']),
  statusLabel: z.string(),
  fields: z.array(SurveyFieldSchema),
  filter: z.record(z.string(), z.unknown()),
  /** Counted over the targets the reader sees (sent = targets; accepted = enterprises with an accepted change). */
  counts: SurveyCounts,
  manageable: z.boolean(),
  createdAt: z.string(),
  version: z.number(),
});
export type SurveyCampaign = z.infer<typeof SurveyCampaign>;

export const SurveyCampaignPage = z.object({ items: z.array(SurveyCampaign), total: z.number() });
export type SurveyCampaignPage = z.infer<typeof SurveyCampaignPage>;

export const SurveyParams = z.object({ id: IdString }).strict();
export const SurveyClose = z.object({ version: Version }).strict();

export const SurveyTargetQuery = z.object({
  street: z.string().regex(/^\d{9}$/, '街道代码应为9位数字').optional(),
  state: z.enum(SURVEY_TARGET_STATES).optional(),
  cursor: IdString.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).strict();
export type SurveyTargetQuery = z.infer<typeof SurveyTargetQuery>;

export const SurveyTarget = z.object({
  id: z.string(),
  campaignId: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  streetCode: z.string().nullable(),
  streetName: z.string().nullable(),
  state: z.enum(SURVEY_TARGET_STATES),
  stateLabel: z.string(),
  answeredAt: z.string().nullable(),
  respondent: z.string().nullable(),
  /** Proposed changes still waiting for an officer. */
  pending: z.number(),
  /** The signed link; null once revoked, or when the campaign has closed. */
  url: z.string().nullable(),
  revoked: z.boolean(),
  /** Whether the reader may accept or reject this enterprise's answers (its own street, or the district). */
  actionable: z.boolean(),
  version: z.number(),
});
export type SurveyTarget = z.infer<typeof SurveyTarget>;

export const SurveyTargetPage = z.object({ items: z.array(SurveyTarget), total: z.number(), nextCursor: z.string().nullable() });
export type SurveyTargetPage = z.infer<typeof SurveyTargetPage>;

export const SurveyAnswerView = z.object({
  id: z.string(),
  fieldKey: z.string(),
  label: z.string(),
  fact: z.string().nullable(),
  /** As people read it (是/否, numbers; a phone masked). */
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  state: z.enum(['info', 'same', 'proposed', 'accepted', 'rejected']),
  stateLabel: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
});

export const SurveyTargetDetail = SurveyTarget.extend({
  campaignName: z.string(),
  enterpriseVersion: z.number(),
  answers: z.array(SurveyAnswerView),
});
export type SurveyTargetDetail = z.infer<typeof SurveyTargetDetail>;

export const SurveyDecide = z.object({
  /** The enterprise's version the officer saw beside the old values: a ledger changed meanwhile is 409. */
  enterpriseVersion: Version,
  version: Version,
  accept: z.array(IdString).max(30).default([]),
  reject: z.array(IdString).max(30).default([]),
  note: z.string().trim().max(200, '说明不超过200个字').nullable().optional(),
}).strict();
export type SurveyDecide = z.infer<typeof SurveyDecide>;

export const SurveyBulkAccept = z.object({ targetIds: z.array(IdString).min(1, '请选择企业').max(200) }).strict();
export const SurveyBulkResult = z.object({
  accepted: z.number(),
  skipped: z.array(z.object({ targetId: z.string(), enterpriseName: z.string(), reason: z.string() })),
});
export type SurveyBulkResult = z.infer<typeof SurveyBulkResult>;

export const SurveyProgressRow = z.object({
  streetCode: z.string().nullable(), streetName: z.string(), sent: z.number(), answered: z.number(), reviewed: z.number(), accepted: z.number(),
});
export const SurveyProgress = z.object({ rows: z.array(SurveyProgressRow), total: SurveyProgressRow });
export type SurveyProgress = z.infer<typeof SurveyProgress>;

export const SurveyLink = z.object({ targetId: z.string(), url: z.string().nullable(), revoked: z.boolean(), version: z.number() });
export type SurveyLink = z.infer<typeof SurveyLink>;
export const SurveyLinkChange = z.object({ version: Version }).strict();

// —— the public page (/s/:token) ——
export const SurveyToken = z.string().min(10).max(200).regex(/^[A-Za-z0-9_.-]+$/, '链接无效');
export const SurveyTokenParams = z.object({ token: SurveyToken }).strict();

export const PublicSurvey = z.object({
  campaignName: z.string(),
  intro: z.string().nullable(),
  enterpriseName: z.string(),
  closesOn: z.string(),
  fields: z.array(z.object({
    key: z.string(), label: z.string(), type: z.enum(SURVEY_FIELD_TYPES), required: z.boolean(), options: z.array(z.string()).optional(),
    /** The ledger's current value of a mapped fact, as the page shows it (a phone masked); null when unmapped or empty. */
    current: z.string().nullable(),
    /** What this enterprise already answered (replaced by a new submission until an officer acts). */
    answer: z.string().nullable(),
  })),
  answered: z.boolean(),
  /** An officer has acted on the answer: the form no longer takes changes. */
  locked: z.boolean(),
});
export type PublicSurvey = z.infer<typeof PublicSurvey>;

export const PublicSurveyAnswer = z.object({
  respondent: z.string().trim().max(50, '填报人不超过50个字').nullable().optional(),
  values: z.record(z.string().max(40), z.string().max(500, '每项不超过500个字').nullable()),
}).strict();
export type PublicSurveyAnswer = z.infer<typeof PublicSurveyAnswer>;

export const PublicSurveyResult = z.object({ message: z.string(), replaced: z.boolean() });
export type PublicSurveyResult = z.infer<typeof PublicSurveyResult>;
