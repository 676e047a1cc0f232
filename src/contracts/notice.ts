import { z } from 'zod';
import { NOTICE_FIELD_TYPES, NOTICE_MAX_FIELDS, NOTICE_ORG_KINDS, NOTICE_STATES } from '../domain/notice.js';
import { DateString, IdString, RegionCode } from './party-org.js';
import { AttachmentSummary } from './standards.js';

/**
 * Notices (通知公告; docs/notices.md): a district or street office writes to organisations in its
 * scope; each recipient organisation reads it (a receipt when asked for) and replies once, editable
 * until the deadline; the publisher follows progress and the replies as a table.
 */
const Text = (max: number) => z.string().trim().min(1).max(max);
const Version = z.number().int().min(1);
export const NoticeOrgKindSchema = z.enum(NOTICE_ORG_KINDS);
export const NoticeStateSchema = z.enum(NOTICE_STATES);

export const NoticeField = z.object({
  key: z.string().regex(/^[a-z][a-zA-Z0-9_]{0,31}$/, '栏目代号应为字母开头的字母、数字'),
  label: Text(40),
  type: z.enum(NOTICE_FIELD_TYPES),
  required: z.boolean().default(false),
  options: z.array(Text(40)).max(20).optional(),
}).strict();
export type NoticeField = z.infer<typeof NoticeField>;

/** Who it goes to: every active organisation of the kinds under a region (default: the publisher's), or a picked list. */
export const NoticeTarget = z.union([
  z.object({ mode: z.literal('region'), kinds: z.array(NoticeOrgKindSchema).min(1).max(2), regionCode: RegionCode.optional() }).strict(),
  z.object({ mode: z.literal('picked'), orgs: z.array(z.object({ kind: NoticeOrgKindSchema, id: IdString }).strict()).min(1).max(2000) }).strict(),
]);
export type NoticeTarget = z.infer<typeof NoticeTarget>;

export const NoticeInput = z.object({
  title: Text(200),
  body: Text(20000),
  /** The sending office: a district or street in the caller's scope (12 digits). */
  publisherRegionCode: RegionCode,
  /** The name recipients read (区委组织部, 街道党工委); defaults to the region's name. */
  publisherName: Text(60).optional(),
  deadline: DateString.nullish(),
  askReceipt: z.boolean().default(false),
  replyForm: z.array(NoticeField).max(NOTICE_MAX_FIELDS).default([]),
  target: NoticeTarget,
}).strict();
export type NoticeInput = z.infer<typeof NoticeInput>;

export const NoticeVersionInput = z.object({ version: Version }).strict();
export const NoticeWithdrawInput = z.object({ version: Version, reason: Text(200) }).strict();
export type NoticeWithdrawInput = z.infer<typeof NoticeWithdrawInput>;

export const NoticeCounts = z.object({ recipients: z.number(), read: z.number(), replied: z.number(), unreplied: z.number() });
export const NoticeSummary = z.object({
  id: z.string(), title: z.string(), publisherName: z.string(), publisherRegionCode: z.string(),
  deadline: z.string().nullable(), askReceipt: z.boolean(), hasReplyForm: z.boolean(), state: NoticeStateSchema,
  publishedAt: z.string().nullable(), counts: NoticeCounts, version: z.number(),
});
export type NoticeSummary = z.infer<typeof NoticeSummary>;
export const NoticePage = z.object({ items: z.array(NoticeSummary), total: z.number() });
export type NoticePage = z.infer<typeof NoticePage>;
export const NoticeListFilter = z.object({ state: NoticeStateSchema.optional(), q: z.string().trim().max(50).optional() }).strict();
export type NoticeListFilter = z.infer<typeof NoticeListFilter>;

export const NoticeStreetProgress = z.object({ regionCode: z.string().nullable(), name: z.string(), recipients: z.number(), read: z.number(), replied: z.number(), unreplied: z.number() });
export const Notice = NoticeSummary.extend({
  body: z.string(), replyForm: z.array(NoticeField), target: NoticeTarget,
  withdrawnAt: z.string().nullable(), withdrawReason: z.string().nullable(),
  byStreet: z.array(NoticeStreetProgress), attachments: z.array(AttachmentSummary.extend({ version: z.number() })),
  /** Whether the caller may publish, withdraw or add files (the publishing office, by its own place). */
  manageable: z.boolean(),
});
export type Notice = z.infer<typeof Notice>;

export const ReplyValue = z.union([z.string(), z.number(), z.null()]);
export const NoticeReplyRow = z.object({
  recipientId: z.string(), orgKind: NoticeOrgKindSchema, orgId: z.string(), orgName: z.string(), link: z.string(),
  streetCode: z.string().nullable(), streetName: z.string(),
  readAt: z.string().nullable(), repliedAt: z.string().nullable(), values: z.record(z.string(), ReplyValue),
});
export type NoticeReplyRow = z.infer<typeof NoticeReplyRow>;
export const NoticeReplyFilter = z.object({ status: z.enum(['replied', 'unreplied', 'read', 'unread']).optional(), streetCode: RegionCode.optional() }).strict();
export type NoticeReplyFilter = z.infer<typeof NoticeReplyFilter>;
export const NoticeReplyTable = z.object({
  fields: z.array(NoticeField), items: z.array(NoticeReplyRow), total: z.number(),
  /** 合计: the replies counted, and the sum of every number field over the rows shown. */
  sums: z.record(z.string(), z.number()), replied: z.number(),
});
export type NoticeReplyTable = z.infer<typeof NoticeReplyTable>;

/** One organisation's copy, as its managers see it in 通知. */
export const NoticeInboxItem = z.object({
  recipientId: z.string(), noticeId: z.string(), title: z.string(), publisherName: z.string(), publishedAt: z.string().nullable(),
  deadline: z.string().nullable(), orgKind: NoticeOrgKindSchema, orgId: z.string(), orgName: z.string(),
  askReceipt: z.boolean(), hasReplyForm: z.boolean(), read: z.boolean(), repliedAt: z.string().nullable(), overdue: z.boolean(),
});
export type NoticeInboxItem = z.infer<typeof NoticeInboxItem>;
export const NoticeInboxPage = z.object({ items: z.array(NoticeInboxItem), total: z.number(), unread: z.number() });
export type NoticeInboxPage = z.infer<typeof NoticeInboxPage>;
export const NoticeInboxFilter = z.object({ unread: z.enum(['true', 'false']).optional(), q: z.string().trim().max(50).optional() }).strict();
export type NoticeInboxFilter = z.infer<typeof NoticeInboxFilter>;

export const NoticeCopy = NoticeInboxItem.extend({
  body: z.string(), replyForm: z.array(NoticeField), readAt: z.string().nullable(), values: z.record(z.string(), ReplyValue).nullable(),
  attachments: z.array(AttachmentSummary), replyOpen: z.boolean(), version: z.number(),
});
export type NoticeCopy = z.infer<typeof NoticeCopy>;
export const NoticeReplyInput = z.object({ version: Version, values: z.record(z.string().max(32), ReplyValue) }).strict();
export type NoticeReplyInput = z.infer<typeof NoticeReplyInput>;
export const NoticeParams = z.object({ id: IdString });
export const NoticeFileParams = z.object({ id: IdString, fileId: IdString });
