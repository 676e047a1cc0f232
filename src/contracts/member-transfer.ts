import { z } from 'zod';
import { MEMBER_CATEGORIES, MEMBER_STATUSES } from '../domain/member.js';
import { DECLARATION_CHANNELS, DECLARATION_STATUSES, TRANSFER_DIRECTIONS, TRANSFER_STATUSES } from '../domain/member-transfer.js';
import { AccessSchema, DateString, IdString } from './party-org.js';

/**
 * Transfers of 组织关系, 亮身份 declarations and a member's own page (docs/member-transfers.md).
 * ID numbers and phones travel masked.
 */
const Text = (max: number) => z.string().trim().min(1).max(max);
const Version = z.number().int().min(1);

export const TransferStatusSchema = z.enum(TRANSFER_STATUSES);
export const TransferBoxSchema = z.enum(['out', 'in', 'pending']);
export type TransferBox = z.infer<typeof TransferBoxSchema>;

export const TransferListFilter = z.object({
  /** 转出 (sent by my organisations), 转入 (to my organisations), 待处理 (waiting for my acceptance). */
  box: TransferBoxSchema.default('pending'),
  status: TransferStatusSchema.optional(),
  /** Part of the member's name. */
  q: z.string().trim().max(60).optional(),
}).strict();
export type TransferListFilter = z.infer<typeof TransferListFilter>;
export const TransferListQuery = TransferListFilter.extend({
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).strict();
export type TransferListQuery = z.infer<typeof TransferListQuery>;

export const Transfer = z.object({
  id: z.string(),
  direction: z.enum(TRANSFER_DIRECTIONS),
  memberId: z.string(),
  memberName: z.string(),
  /** Masked. */
  idNumber: z.string().nullable(),
  category: z.enum(MEMBER_CATEGORIES),
  fromOrgId: z.string().nullable(),
  fromOrgName: z.string().nullable(),
  toOrgId: z.string().nullable(),
  toOrgName: z.string().nullable(),
  outsideOrg: z.string().nullable(),
  /** 介绍信编号 (in the system) or the paper letter's number. */
  letterNo: z.string().nullable(),
  paperLetterNo: z.string().nullable(),
  issuedOn: z.string(),
  validUntil: z.string().nullable(),
  /** As of today: a waiting letter past its last valid day reads `expired`. */
  status: TransferStatusSchema,
  decidedOn: z.string().nullable(),
  reason: z.string().nullable(),
  receiptOn: z.string().nullable(),
  batchId: z.string().nullable(),
  note: z.string().nullable(),
  /** What the caller may do now. */
  canRevoke: z.boolean(),
  canDecide: z.boolean(),
  canRecordReceipt: z.boolean(),
  /** full: the caller's organisation holds the member; partial: they see the letter only. */
  access: AccessSchema,
  version: z.number(),
});
export type Transfer = z.infer<typeof Transfer>;
export const TransferPage = z.object({ items: z.array(Transfer), total: z.number() });
export type TransferPage = z.infer<typeof TransferPage>;

/** Issue a letter: to an organisation in the system, or to one outside it (its name and the paper letter's number). */
export const TransferIssue = z.object({
  memberId: IdString,
  toOrgId: IdString.optional(),
  outsideOrg: z.string().trim().min(2).max(200).optional(),
  paperLetterNo: Text(60).optional(),
  issuedOn: DateString.optional(),
  /** Days the letter is valid (the issue day counts); at most the setting (default 90). */
  validDays: z.number().int().min(1).max(366).optional(),
  note: z.string().trim().max(500).optional(),
}).strict();
export type TransferIssue = z.infer<typeof TransferIssue>;

export const TransferAccept = z.object({ version: Version, on: DateString.optional() }).strict();
export type TransferAccept = z.infer<typeof TransferAccept>;
export const TransferReason = z.object({ version: Version, reason: Text(500) }).strict();
export type TransferReason = z.infer<typeof TransferReason>;
export const TransferReceipt = z.object({ version: Version, receiptOn: DateString }).strict();
export type TransferReceipt = z.infer<typeof TransferReceipt>;

/** A member arriving from outside the system with a paper letter; the 回执 date is when ours was sent back. */
export const TransferIncoming = z.object({
  toOrgId: IdString,
  outsideOrg: z.string().trim().min(2).max(200),
  paperLetterNo: Text(60),
  receiptOn: DateString,
  /** The paper letter's date; the 回执 date when absent. */
  issuedOn: DateString.optional(),
  name: Text(100),
  idNumber: z.string().trim().max(40),
  phone: z.string().trim().max(30).optional(),
  category: z.enum(MEMBER_CATEGORIES),
  joinedOn: DateString,
  confirmedOn: DateString.nullable().optional(),
  note: z.string().trim().max(500).optional(),
}).strict();
export type TransferIncoming = z.infer<typeof TransferIncoming>;

/** 整建制转接: every member of one organisation to another, a letter each. */
export const OrgMove = z.object({
  fromOrgId: IdString,
  toOrgId: IdString,
  issuedOn: DateString.optional(),
  validDays: z.number().int().min(1).max(366).optional(),
  note: z.string().trim().max(500).optional(),
}).strict();
export type OrgMove = z.infer<typeof OrgMove>;
export const OrgMoveResult = z.object({
  batchId: z.string().nullable(),
  issued: z.number(),
  /** Accepted at once: the caller manages the receiving organisation too. */
  accepted: z.number(),
  /** Members left where they are: one letter already open for them. */
  skipped: z.array(z.object({ memberId: z.string(), name: z.string(), reason: z.string() })),
});
export type OrgMoveResult = z.infer<typeof OrgMoveResult>;

export const TransferParams = z.object({ id: IdString });

// ---- 亮身份 declarations ----
export const DeclarationStatusSchema = z.enum(DECLARATION_STATUSES);
export const DeclarationCreate = z.object({
  name: Text(100),
  idNumber: z.string().trim().min(1).max(40),
  phone: z.string().trim().max(30).optional(),
  enterpriseId: IdString,
  post: Text(100).optional(),
  /** The organisation holding the relationship, as the member names it. */
  namedOrg: z.string().trim().min(2).max(200),
  category: z.enum(MEMBER_CATEGORIES),
  joinedOn: DateString.optional(),
}).strict();
export type DeclarationCreate = z.infer<typeof DeclarationCreate>;

export const Declaration = z.object({
  id: z.string(),
  name: z.string(),
  idNumber: z.string(),
  phone: z.string().nullable(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  post: z.string().nullable(),
  namedOrg: z.string(),
  category: z.enum(MEMBER_CATEGORIES),
  joinedOn: z.string().nullable(),
  channel: z.enum(DECLARATION_CHANNELS),
  status: DeclarationStatusSchema,
  reason: z.string().nullable(),
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  memberId: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  canDecide: z.boolean(),
  /**
   * 亮身份确认 through the approval engine (docs/approvals.md): the flow of the enterprise's area —
   * the platform default (no area set one: confirmed directly, as before), configured, or 必经线上审批 —
   * and the request under way, if any (the direct confirmation waits for it).
   */
  approval: z.object({ flow: z.enum(['default', 'configured', 'required']), open: z.enum(['pending', 'returned']).nullable() }),
  version: z.number(),
});
export type Declaration = z.infer<typeof Declaration>;
export const DeclarationFilter = z.object({ status: DeclarationStatusSchema.optional(), q: z.string().trim().max(60).optional() }).strict();
export type DeclarationFilter = z.infer<typeof DeclarationFilter>;
export const DeclarationListQuery = DeclarationFilter.extend({
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).strict();
export type DeclarationListQuery = z.infer<typeof DeclarationListQuery>;
export const DeclarationPage = z.object({ items: z.array(Declaration), total: z.number() });
export type DeclarationPage = z.infer<typeof DeclarationPage>;
/** Confirm: the member's organisation when they are not on any roll yet (one the confirmer manages), else none. */
export const DeclarationConfirm = z.object({ version: Version, orgId: IdString.optional(), joinedOn: DateString.optional() }).strict();
export type DeclarationConfirm = z.infer<typeof DeclarationConfirm>;
export const DeclarationReject = z.object({ version: Version, reason: Text(500) }).strict();
export type DeclarationReject = z.infer<typeof DeclarationReject>;
export const EnterpriseChoiceQuery = z.object({ q: z.string().trim().min(2).max(60) }).strict();
export const EnterpriseChoices = z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) });

// ---- 我的 ----
export const MyMember = z.object({
  name: z.string(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  member: z.object({
    id: z.string(), category: z.enum(MEMBER_CATEGORIES), status: z.enum(MEMBER_STATUSES), joinedOn: z.string().nullable(),
    confirmedOn: z.string().nullable(), orgId: z.string(), orgName: z.string(), secretaryName: z.string().nullable(),
    enterpriseName: z.string().nullable(),
  }).nullable(),
  transfer: z.object({
    id: z.string(), status: TransferStatusSchema, letterNo: z.string().nullable(), fromOrgName: z.string().nullable(),
    toOrgName: z.string().nullable(), issuedOn: z.string(), validUntil: z.string().nullable(),
  }).nullable(),
  declarations: z.array(z.object({
    id: z.string(), status: DeclarationStatusSchema, enterpriseName: z.string(), namedOrg: z.string(), reason: z.string().nullable(), createdAt: z.string(),
  })),
});
export type MyMember = z.infer<typeof MyMember>;
export const AccountPersonLink = z.object({ personId: IdString.nullable() }).strict();
export type AccountPersonLink = z.infer<typeof AccountPersonLink>;

// ---- 流动党员 / 失联党员 and their findings ----
export const MemberMobility = z.object({
  version: Version,
  /** mobile: 流动党员 (card and receiving organisation); lostContact: 失联 since `since`; normal: back. */
  status: z.enum(['normal', 'mobile', 'lostContact']),
  since: DateString,
  mobileCardNo: Text(60).optional(),
  /** Where the member takes part in organisational life (no vote there): in the system, or by name. */
  mobileOrgId: IdString.optional(),
  mobileOrgName: z.string().trim().min(2).max(200).optional(),
  /** The relatively fixed place they are at; absent when they move around. */
  mobilePlace: Text(200).optional(),
  note: z.string().trim().max(500).optional(),
}).strict();
export type MemberMobility = z.infer<typeof MemberMobility>;
/** A 流动党员's report (汇报思想、工作情况) to the organisation holding them: the day and how. */
export const MobileReport = z.object({
  version: Version,
  reportedOn: DateString,
  note: z.string().trim().max(500).optional(),
}).strict();
export type MobileReport = z.infer<typeof MobileReport>;
export const MemberStatusFinding = z.object({
  memberId: z.string(), memberName: z.string(), orgName: z.string(), ruleId: z.string(), severity: z.enum(['overdue', 'warning', 'info']),
  title: z.string(), summary: z.string(), message: z.string(), source: z.string(), dueOn: z.string().nullable(),
});
export type MemberStatusFinding = z.infer<typeof MemberStatusFinding>;
export const MemberFindingPage = z.object({ items: z.array(MemberStatusFinding), total: z.number() });
export type MemberFindingPage = z.infer<typeof MemberFindingPage>;

/** 流动党员 / 失联党员 list (docs/member-transfers.md): the members with these statuses (and 停止党籍) the caller's organisations hold. */
export const MobilityStatusSchema = z.enum(['mobile', 'lostContact', 'suspended']);
export const MobilityFilter = z.object({
  /** Absent: all three. */
  status: MobilityStatusSchema.optional(),
  /** Part of the name. */
  q: z.string().trim().max(60).optional(),
}).strict();
export type MobilityFilter = z.infer<typeof MobilityFilter>;
export const MobilityQuery = MobilityFilter.extend({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
}).strict();
export type MobilityQuery = z.infer<typeof MobilityQuery>;
export const MobilityRow = z.object({
  memberId: z.string(), name: z.string(), orgId: z.string(), orgName: z.string(), status: MobilityStatusSchema, since: z.string().nullable(),
  mobileCardNo: z.string().nullable(),
  /** 流入地党组织: the organisation in the system, or the name as written. */
  mobileOrgName: z.string().nullable(), mobilePlace: z.string().nullable(),
  /** The day a 流动党员 last reported to the organisation holding them. */
  reportedOn: z.string().nullable(),
  findings: z.array(MemberStatusFinding),
});
export type MobilityRow = z.infer<typeof MobilityRow>;
export const MobilityPage = z.object({ items: z.array(MobilityRow), total: z.number(), nextCursor: z.string().nullable() });
export type MobilityPage = z.infer<typeof MobilityPage>;
