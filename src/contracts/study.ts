import { z } from 'zod';
import { STUDY_KINDS, STUDY_STATUSES, STUDY_TOPICS } from '../domain/study.js';
import { IdString, RegionCode } from './party-org.js';
import { AttachmentSummary } from './standards.js';

/**
 * 学习 (docs/study.md): study materials published by a district or street office or by a party
 * organisation for its own members; the reader's own 已学 mark. Nothing here counts reading.
 */
export const StudyTopicSchema = z.enum(STUDY_TOPICS);
export const StudyKindSchema = z.enum(STUDY_KINDS);
export const StudyStatusSchema = z.enum(STUDY_STATUSES);
const Text = (max: number) => z.string().trim().min(1).max(max);
const Url = z.string().trim().max(500).regex(/^https?:\/\/[^\s]+$/, '应为以 http:// 或 https:// 开头的网址');
const Version = z.number().int().min(1);

/** What a publisher writes; the publisher itself (region or organisation) is chosen once, at creation. */
const Content = {
  title: Text(200), topic: StudyTopicSchema, kind: StudyKindSchema,
  summary: Text(500).nullish(), body: Text(20000).nullish(), url: Url.nullish(),
};
export const StudyMaterialInput = z.object({ ...Content, regionCode: RegionCode.nullish(), orgId: IdString.nullish() }).strict();
export type StudyMaterialInput = z.infer<typeof StudyMaterialInput>;
export const StudyMaterialUpdate = z.object({ ...Content, status: StudyStatusSchema, version: Version }).strict();
export type StudyMaterialUpdate = z.infer<typeof StudyMaterialUpdate>;

/** The publisher as people read it: 区县 / 街道（乡镇） / 党组织, with its name. */
export const StudyPublisher = z.object({ level: z.enum(['district', 'street', 'org']), regionCode: z.string().nullable(), orgId: z.string().nullable(), name: z.string() });

export const StudyMaterialSummary = z.object({
  id: z.string(), title: z.string(), topic: StudyTopicSchema, kind: StudyKindSchema, summary: z.string().nullable(),
  publisher: StudyPublisher, publishedOn: z.string(), status: StudyStatusSchema, files: z.number(),
  /** The reader's own mark; nobody else's is ever shown. */
  learned: z.boolean(),
  manageable: z.boolean(), version: z.number(),
});
export type StudyMaterialSummary = z.infer<typeof StudyMaterialSummary>;
export const StudyMaterial = StudyMaterialSummary.extend({
  body: z.string().nullable(), url: z.string().nullable(), attachments: z.array(AttachmentSummary.extend({ version: z.number() })),
});
export type StudyMaterial = z.infer<typeof StudyMaterial>;

export const StudyMaterialPage = z.object({ items: z.array(StudyMaterialSummary), total: z.number() });
export type StudyMaterialPage = z.infer<typeof StudyMaterialPage>;

export const StudyListFilter = z.object({
  topic: StudyTopicSchema.optional(),
  kind: StudyKindSchema.optional(),
  publisher: z.enum(['district', 'street', 'org']).optional(),
  /** mine = the materials I may change (the publisher's list); default: what I may read. */
  view: z.enum(['read', 'mine']).optional(),
  status: StudyStatusSchema.optional(),
  learned: z.enum(['yes', 'no']).optional(),
  q: z.string().trim().max(50).optional(),
}).strict();
export type StudyListFilter = z.infer<typeof StudyListFilter>;

export const StudyMarkInput = z.object({ learned: z.boolean() }).strict();
export type StudyMarkInput = z.infer<typeof StudyMarkInput>;
