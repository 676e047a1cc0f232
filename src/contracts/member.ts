import { z } from 'zod';
import { MEMBER_CATEGORIES, MEMBER_LEFT_REASONS, MEMBER_SOURCES, MEMBER_STATUSES } from '../domain/member.js';
import { AccessSchema, DateString, IdString } from './party-org.js';
import { PersonOut } from './person.js';

/**
 * The party-member roster (docs/members.md). ID numbers travel masked; the clear number is only
 * ever shown through the people route's audited reveal (GET /api/people/:id?reveal=1).
 */
export const MemberCategorySchema = z.enum(MEMBER_CATEGORIES);
export const MemberStatusSchema = z.enum(MEMBER_STATUSES);
export const MemberLeftReasonSchema = z.enum(MEMBER_LEFT_REASONS);

const Text = (max: number) => z.string().trim().min(1).max(max);

export const MemberListFilter = z.object({
  orgId: IdString.optional(),
  enterpriseId: IdString.optional(),
  category: MemberCategorySchema.optional(),
  /** Absent: everyone on the roll (every status but 已出党); `left` lists those who left. */
  status: MemberStatusSchema.optional(),
  /** Part of the name. */
  q: z.string().trim().max(60).optional(),
}).strict();
export type MemberListFilter = z.infer<typeof MemberListFilter>;

export const MemberListQuery = MemberListFilter.extend({
  cursor: IdString.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).strict();
export type MemberListQuery = z.infer<typeof MemberListQuery>;

export const Member = z.object({
  id: z.string(),
  personId: z.string(),
  name: z.string(),
  gender: z.enum(['male', 'female']).nullable(),
  /** Masked (110105********1234). */
  idNumber: z.string().nullable(),
  ethnicity: z.string().nullable(),
  education: z.string().nullable(),
  /** null when the reader cannot see the organisation itself (they see the member through the employer). */
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  category: MemberCategorySchema,
  joinedOn: z.string().nullable(),
  confirmedOn: z.string().nullable(),
  status: MemberStatusSchema,
  statusSince: z.string().nullable(),
  leftReason: MemberLeftReasonSchema.nullable(),
  enterpriseId: z.string().nullable(),
  enterpriseName: z.string().nullable(),
  employerName: z.string().nullable(),
  post: z.string().nullable(),
  source: z.enum(MEMBER_SOURCES),
  /** full: the organisation is the reader's by its own place; partial: seen through a link or the employer. */
  access: AccessSchema,
  version: z.number(),
});
export type Member = z.infer<typeof Member>;

export const MemberPage = z.object({ items: z.array(Member), total: z.number(), nextCursor: z.string().nullable() });
export type MemberPage = z.infer<typeof MemberPage>;

export const MemberDetail = Member.extend({
  /** The person, masked; birth date null (it is the 8 digits the mask hides). */
  person: PersonOut,
  manageable: z.boolean(),
  /** 流动党员 only, and only to a whole view: 活动证编号, 流入地党组织 (in the system or by name), 外出地点. */
  mobility: z.object({ cardNo: z.string().nullable(), orgId: z.string().nullable(), orgName: z.string().nullable(), place: z.string().nullable() }).nullable().optional(),
});
export type MemberDetail = z.infer<typeof MemberDetail>;

const Employment = {
  /** 工作单位 in the ledger… */
  enterpriseId: IdString.nullable().optional(),
  /** …or as written, when it is not. */
  employerName: Text(200).nullable().optional(),
  post: Text(100).nullable().optional(),
};

/** A new member: an existing person (by id), or a person named by the full ID number (found through the blind index, else registered). */
export const MemberCreate = z.object({
  personId: IdString.optional(),
  name: Text(100).optional(),
  idNumber: z.string().trim().max(40).optional(),
  phone: z.string().trim().max(30).optional(),
  ethnicity: Text(20).nullable().optional(),
  education: Text(30).nullable().optional(),
  orgId: IdString,
  category: MemberCategorySchema,
  joinedOn: DateString,
  confirmedOn: DateString.nullable().optional(),
  ...Employment,
}).strict();
export type MemberCreate = z.infer<typeof MemberCreate>;

export const MemberUpdate = z.object({
  version: z.number().int().min(1),
  changes: z.object({
    joinedOn: DateString.nullable().optional(),
    confirmedOn: DateString.nullable().optional(),
    ethnicity: Text(20).nullable().optional(),
    education: Text(30).nullable().optional(),
    ...Employment,
  }).strict(),
}).strict();
export type MemberUpdate = z.infer<typeof MemberUpdate>;

/** 转正: a probationary member becomes a full member on `confirmedOn`. */
export const MemberConfirm = z.object({ version: z.number().int().min(1), confirmedOn: DateString }).strict();
export type MemberConfirm = z.infer<typeof MemberConfirm>;

export const MemberStatusChange = z.object({
  version: z.number().int().min(1),
  status: MemberStatusSchema,
  since: DateString,
  /** Required when the status is `left` (出党), refused otherwise. */
  leftReason: MemberLeftReasonSchema.optional(),
  note: z.string().trim().max(500).optional(),
}).strict();
export type MemberStatusChange = z.infer<typeof MemberStatusChange>;

export const MemberParams = z.object({ id: IdString });
