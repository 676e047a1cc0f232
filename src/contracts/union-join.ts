import { z } from 'zod';
import { IdString } from './party-org.js';
import { APPLICATION_STATUS_LABEL, type ApplicationStatus } from '../domain/union-join.js';

export { APPLICATION_STATUS_LABEL };

/**
 * 扫码入会（亮牌子）(docs/unions.md): the union's public page and its join form (no sign-in), and
 * the officer's queue of applications with accept / reject / refer, each at the application's version.
 */
const Version = z.number().int().min(1);
export const JoinToken = z.string().regex(/^[A-Za-z0-9_-]{32}$/, '二维码链接无效');
export const JoinParams = z.object({ token: JoinToken }).strict();

/** What anyone with the link sees: the union, never a member. */
export const JoinCard = z.object({
  unionName: z.string(),
  chairName: z.string().nullable(),
  officePhone: z.string().nullable(),
  notice: z.array(z.string()),
});
export type JoinCard = z.infer<typeof JoinCard>;

export const JoinApply = z.object({
  name: z.string().trim().min(1, '请填写姓名').max(50, '姓名不超过50个字'),
  phone: z.string().trim().regex(/^1[3-9]\d{9}$/, '请填写11位手机号码'),
  idNumber: z.string().trim().min(15, '身份证号码应为18位').max(20, '身份证号码应为18位'),
  employer: z.string().trim().min(1, '请填写工作单位').max(100, '工作单位不超过100个字'),
}).strict();
export type JoinApply = z.infer<typeof JoinApply>;

/** The answer never repeats what was sent: only what happened. */
export const JoinAnswer = z.object({ outcome: z.enum(['submitted', 'already_pending', 'already_member']), message: z.string() });
export type JoinAnswer = z.infer<typeof JoinAnswer>;

/** The union's link as its page shows it: the public path, what the page shows, the queue's size. */
export const JoinLink = z.object({
  unionId: z.string(),
  /** Null for a dissolved union: it takes no applications. */
  path: z.string().nullable(),
  showChair: z.boolean(),
  chairName: z.string().nullable(),
  officePhone: z.string().nullable(),
  pendingCount: z.number(),
  manageable: z.boolean(),
  version: z.number(),
});
export type JoinLink = z.infer<typeof JoinLink>;
export const JoinLinkUpdate = z.object({
  version: Version,
  showChair: z.boolean().optional(),
  officePhone: z.string().trim().regex(/^[\d\-+ ()（）]{5,30}$/, '请填写工会办公电话（5至30位数字）').nullable().optional(),
}).strict();
export type JoinLinkUpdate = z.infer<typeof JoinLinkUpdate>;
export const JoinLinkRegenerate = z.object({ version: Version }).strict();

const STATUSES = Object.keys(APPLICATION_STATUS_LABEL) as [ApplicationStatus, ...ApplicationStatus[]];
export const ApplicationStatusEnum = z.enum(STATUSES);

/** One application in the officer's queue: ID and phone masked, no birth date (it would unmask the ID). */
export const UnionApplication = z.object({
  id: z.string(),
  unionId: z.string(),
  name: z.string(),
  gender: z.enum(['male', 'female']).nullable(),
  idNumber: z.string(),
  phone: z.string(),
  employer: z.string(),
  status: ApplicationStatusEnum,
  submittedAt: z.string(),
  referredFrom: z.object({ id: z.string(), name: z.string() }).nullable(),
  referralNote: z.string().nullable(),
  decisionReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  memberId: z.string().nullable(),
  personId: z.string().nullable(),
  version: z.number(),
});
export type UnionApplication = z.infer<typeof UnionApplication>;

export const ApplicationListQuery = z.object({
  status: ApplicationStatusEnum.optional(),
  cursor: IdString.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).strict();
export type ApplicationListQuery = z.infer<typeof ApplicationListQuery>;
export const ApplicationPage = z.object({ items: z.array(UnionApplication), nextCursor: z.string().nullable(), total: z.number() });
export type ApplicationPage = z.infer<typeof ApplicationPage>;

export const ApplicationAccept = z.object({ version: Version, joinedOn: z.iso.date().optional() }).strict();
export type ApplicationAccept = z.infer<typeof ApplicationAccept>;
export const ApplicationReject = z.object({ version: Version, reason: z.string().trim().min(1, '请填写不予接收的理由').max(200, '理由不超过200字') }).strict();
export type ApplicationReject = z.infer<typeof ApplicationReject>;
export const ApplicationRefer = z.object({
  version: Version, toUnionId: IdString, note: z.string().trim().max(200, '说明不超过200字').optional(),
}).strict();
export type ApplicationRefer = z.infer<typeof ApplicationRefer>;
