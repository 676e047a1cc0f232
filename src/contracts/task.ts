import { z } from 'zod';
import { DateString, IdString } from './party-org.js';
import { RegionPrefix } from './region.js';

/**
 * The work inbox (待办, docs/inbox.md): tasks opened and closed by the rule engine, listed as 我的
 * (assigned to me), 本岗位 (the kinds my role handles, in my scope) and 已逾期. Kinds and their
 * labels are declared in src/domain/task-kinds.ts.
 */
export const INBOX_VIEWS = ['mine', 'role', 'overdue'] as const;
export const INBOX_VIEW_LABEL: Record<(typeof INBOX_VIEWS)[number], string> = { mine: '我的', role: '本岗位', overdue: '已逾期' };
export const TASK_STATES = ['open', 'done', 'cancelled'] as const;
const KindId = z.string().regex(/^[a-z][a-zA-Z0-9_.]{1,63}$/, '待办类别无效');

export const InboxFilter = z.object({
  view: z.enum(INBOX_VIEWS).default('role'),
  /** Default 待办 (open); the overdue view is always open tasks. */
  state: z.enum(TASK_STATES).default('open'),
  kind: KindId.optional(),
  regionPrefix: RegionPrefix.optional(),
});
export type InboxFilter = z.infer<typeof InboxFilter>;
export const InboxQuery = InboxFilter.extend({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type InboxQuery = z.infer<typeof InboxQuery>;

export const InboxTask = z.object({
  id: IdString,
  kind: z.string(),
  kindLabel: z.string(),
  /** The record the task is about (its table and id, what it is in Chinese) and the page that opens it. */
  link: z.object({ entity: z.string(), entityLabel: z.string(), id: IdString, href: z.string() }),
  subjectName: z.string(),
  regionCode: z.string().nullable(),
  state: z.enum(TASK_STATES),
  stateLabel: z.string(),
  dueOn: z.string(),
  overdue: z.boolean(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  /** Why it closed, in Chinese (已整改), or null while open. */
  closedReason: z.string().nullable(),
  /** The finding that opened it (its title) and what it cites, in Chinese. */
  reason: z.string(),
  source: z.string(),
  dueRule: z.string(),
  forRoles: z.string(),
  /** False when the record is seen only through a link to one of mine: seen, not mine to act on. */
  actionable: z.boolean(),
  /** Why it is 仅可查看, in Chinese: seen through a link, or held by another level's officers; null when actionable. */
  viewOnlyReason: z.string().nullable(),
  assignee: z.string().nullable(),
  version: z.number(),
});
export type InboxTask = z.infer<typeof InboxTask>;
export const InboxPage = z.object({ items: z.array(InboxTask), total: z.number(), nextCursor: z.string().nullable() });
export type InboxPage = z.infer<typeof InboxPage>;

export const InboxCountsQuery = z.object({ regionPrefix: RegionPrefix.optional() });
export const InboxCounts = z.object({
  views: z.object({ mine: z.number(), role: z.number(), overdue: z.number() }),
  byState: z.object({ open: z.number(), done: z.number(), cancelled: z.number() }),
  byKind: z.array(z.object({ kind: z.string(), label: z.string(), open: z.number(), overdue: z.number() })),
});
export type InboxCounts = z.infer<typeof InboxCounts>;

export const OverdueByRegionQuery = z.object({ regionPrefix: RegionPrefix.optional() });
export const OverdueByRegion = z.object({
  asOf: z.string(),
  kinds: z.array(z.object({ kind: z.string(), label: z.string() })),
  /** One row per street (街道/乡镇, the first 9 digits of the region code); cells drill to the overdue view. */
  streets: z.array(z.object({ street: z.string(), streetName: z.string(), total: z.number(), byKind: z.record(z.string(), z.number()) })),
  total: z.number(),
});
export type OverdueByRegion = z.infer<typeof OverdueByRegion>;

export const TaskRefreshBody = z.object({
  /** A region code or prefix inside the grant; omitted = every region of the grant. */
  regionCode: z.string().regex(/^\d{2,12}$/, '区划代码应为2至12位数字').optional(),
  date: DateString.optional(),
}).strict();
export const TaskRefreshResult = z.object({
  results: z.array(z.object({
    regionPrefix: z.string().nullable(), date: z.string(), opened: z.number(), closed: z.number(), reopened: z.number(),
    /** Open tasks that followed their record to another street (属地变更). */
    moved: z.number(), open: z.number(),
  })),
});
