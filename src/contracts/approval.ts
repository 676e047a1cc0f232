import { z } from 'zod';
import { APPROVAL_KINDS, APPROVAL_STATES, APPROVAL_STEP_ACTIONS, APPROVAL_SUBJECT_TABLES, AREA_PREFIX, LEVEL_ROLES, WIRED_APPROVAL_KINDS } from '../domain/approval.js';
import { DateString, IdString } from './party-org.js';

/**
 * The approval engine (审批, docs/approvals.md): requests started by a workflow action, decided
 * level by level, and the flow settings of an area. Labels come from src/domain/approval.ts.
 */
export const APPROVAL_VIEWS = ['pending', 'mine', 'history', 'record'] as const;
export const APPROVAL_VIEW_LABEL: Record<(typeof APPROVAL_VIEWS)[number], string> = { pending: '待我审批', mine: '我提交的', history: '经我审批', record: '本记录' };

const Comment = z.string().trim().max(500, '意见不超过500字');

export const ApprovalFilter = z.object({
  view: z.enum(APPROVAL_VIEWS).default('pending'),
  state: z.enum(APPROVAL_STATES).optional(),
  kind: z.enum(APPROVAL_KINDS).optional(),
  /** view=record: the record whose requests are listed (a case's, member's or organisation's 审批记录). */
  subjectTable: z.enum(APPROVAL_SUBJECT_TABLES).optional(),
  subjectId: IdString.optional(),
}).strict();
export type ApprovalFilter = z.infer<typeof ApprovalFilter>;
export const ApprovalQuery = ApprovalFilter.extend({ cursor: IdString.optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }).strict();
export type ApprovalQuery = z.infer<typeof ApprovalQuery>;

export const ApprovalLevel = z.object({ index: z.number(), role: z.enum(LEVEL_ROLES), label: z.string() });

export const ApprovalSummary = z.object({
  id: IdString,
  kind: z.enum(APPROVAL_KINDS),
  kindLabel: z.string(),
  mode: z.string(),
  subjectLabel: z.string(),
  /** The page of the record the request is about. */
  href: z.string(),
  orgId: IdString,
  orgName: z.string(),
  state: z.enum(APPROVAL_STATES),
  stateLabel: z.string(),
  levels: z.array(ApprovalLevel),
  currentLevel: z.number(),
  /** Where the request waits, in words: 待街道审批, 退回申请人修改, 已通过. */
  waitingFor: z.string(),
  requester: z.string(),
  submittedAt: z.string(),
  decidedAt: z.string().nullable(),
  version: z.number(),
});
export type ApprovalSummary = z.infer<typeof ApprovalSummary>;
export const ApprovalPage = z.object({ items: z.array(ApprovalSummary), total: z.number(), nextCursor: z.string().nullable() });
export type ApprovalPage = z.infer<typeof ApprovalPage>;

export const ApprovalStep = z.object({
  id: IdString,
  action: z.enum(APPROVAL_STEP_ACTIONS),
  actionLabel: z.string(),
  levelLabel: z.string().nullable(),
  actor: z.string(),
  comment: z.string().nullable(),
  detail: z.string().nullable(),
  at: z.string(),
});
export type ApprovalStep = z.infer<typeof ApprovalStep>;

export const ApprovalDetail = ApprovalSummary.extend({
  /** What is asked, in the words of the form: 上级党委审批日期 2026-11-30；审批党委 … */
  asked: z.array(z.object({ label: z.string(), value: z.string() })),
  source: z.string(),
  deputy: z.object({ name: z.string(), until: z.string() }).nullable(),
  steps: z.array(ApprovalStep),
  /** The caller holds the current level's role over the record by its own place, and is not the requester. */
  canDecide: z.boolean(),
  /** Why the caller cannot decide, when they are shown the request but it is not theirs to decide. */
  cannotDecide: z.string().nullable(),
  canResubmit: z.boolean(),
  /** The requester (or, where their account no longer manages the record, whoever manages it by its own place) may take it back (撤回). */
  canWithdraw: z.boolean(),
  /** Who may be named as deputy for the current level (same role, owning the record's place). */
  deputyCandidates: z.array(z.object({ userId: IdString, name: z.string() })),
});
export type ApprovalDetail = z.infer<typeof ApprovalDetail>;

export const ApprovalParams = z.object({ id: IdString });

export const ApprovalSubmit = z.object({
  kind: z.enum(WIRED_APPROVAL_KINDS),
  /** The record: a recruitment case, a member (转出本区) or an organisation (撤销). */
  subjectId: IdString,
  /** The workflow action as its own form would record it, without the version (the engine reads the record's). */
  payload: z.record(z.string(), z.unknown()),
  /** The record's version the requester read: a record changed meanwhile is a 409. */
  version: z.number().int(),
  comment: Comment.optional(),
}).strict();
export type ApprovalSubmit = z.infer<typeof ApprovalSubmit>;

export const ApprovalDecision = z.object({
  version: z.number().int(),
  decision: z.enum(['approve', 'return']),
  comment: Comment.optional(),
  /** 规范化建设达标复核: each level marks every item (item key → marks); other kinds take none. */
  marks: z.record(z.string().regex(/^[a-zA-Z]{1,40}$/), z.number().min(0).max(100)).optional(),
}).strict().refine((d) => d.decision !== 'return' || !!d.comment, { message: '退回时请填写意见', path: ['comment'] });
export type ApprovalDecision = z.infer<typeof ApprovalDecision>;

export const ApprovalResubmit = z.object({
  version: z.number().int(),
  /** The corrected step; omitted = the same as before. */
  payload: z.record(z.string(), z.unknown()).optional(),
  comment: Comment.optional(),
}).strict();
export type ApprovalResubmit = z.infer<typeof ApprovalResubmit>;

export const ApprovalWithdraw = z.object({
  version: z.number().int(),
  comment: Comment.optional(),
}).strict();
export type ApprovalWithdraw = z.infer<typeof ApprovalWithdraw>;

export const ApprovalDelegate = z.object({
  version: z.number().int(),
  deputyUserId: IdString,
  until: DateString,
  comment: Comment.optional(),
}).strict();
export type ApprovalDelegate = z.infer<typeof ApprovalDelegate>;

const FlowSettingSchema = z.object({ kind: z.enum(APPROVAL_KINDS), levels: z.array(z.enum(LEVEL_ROLES)).max(3), required: z.boolean() }).strict();

export const ApprovalFlowKind = z.object({
  kind: z.enum(APPROVAL_KINDS), label: z.string(), mode: z.string(), source: z.string(), wired: z.boolean(),
  defaultLevels: z.array(z.enum(LEVEL_ROLES)),
  /** The flow in force for the area (its own, a wider area's, or the platform default) and where it comes from. */
  levels: z.array(z.enum(LEVEL_ROLES)), required: z.boolean(), fromLabel: z.string(),
  /** The area's own setting, if any. */
  own: FlowSettingSchema.nullable(),
});
export const ApprovalFlows = z.object({
  regionPrefix: z.string(),
  areaName: z.string(),
  kinds: z.array(ApprovalFlowKind),
  version: z.number(),
  canChange: z.boolean(),
});
export type ApprovalFlows = z.infer<typeof ApprovalFlows>;
const RegionPrefix = z.string().regex(AREA_PREFIX, '应为省、市或区县的区划代码前缀');
export const ApprovalFlowsQuery = z.object({ regionPrefix: RegionPrefix.optional() }).strict();
export const ApprovalFlowsParams = z.object({ regionPrefix: RegionPrefix });
export const ApprovalFlowsInput = z.object({ version: z.number().int(), flows: z.array(FlowSettingSchema).max(APPROVAL_KINDS.length) }).strict();
export type ApprovalFlowsInput = z.infer<typeof ApprovalFlowsInput>;
