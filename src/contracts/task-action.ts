import { z } from 'zod';
import { IdString } from './party-org.js';
import { InboxTask } from './task.js';

/**
 * One task and what a person does with it (docs/inbox.md, "Assigning and cancelling"): its detail
 * with the history, 指派 to a person who may act on it, 撤销 with a reason. Writes carry the task's
 * `version` (no lost update).
 */
export const TaskIdParams = z.object({ id: IdString });

export const TASK_EVENT_LABEL = {
  opened: '发现问题', closed: '已完成', reopened: '重新打开', cancelled: '已撤销', assigned: '指派', moved: '属地变更',
} as const;
export type TaskEventCode = keyof typeof TASK_EVENT_LABEL;

export const TaskEvent = z.object({
  event: z.enum(Object.keys(TASK_EVENT_LABEL) as [TaskEventCode, ...TaskEventCode[]]),
  eventLabel: z.string(),
  /** What happened, as people read it (已整改, 指派给 王芳, the reason of a cancellation). */
  reason: z.string(),
  actorName: z.string(),
  at: z.string(),
});
export type TaskEvent = z.infer<typeof TaskEvent>;

export const TaskDetail = InboxTask.extend({
  assigneeUserId: IdString.nullable(),
  /** Open and mine to act on (owned, not seen through a link): 指派 and 撤销 are offered. */
  canAssign: z.boolean(),
  canCancel: z.boolean(),
  history: z.array(TaskEvent),
});
export type TaskDetail = z.infer<typeof TaskDetail>;

export const TaskAssignBody = z.object({
  /** The person to assign to; null takes the assignment back (the task stays with the role). */
  userId: IdString.nullable(),
  version: z.number().int().min(1),
}).strict();
export type TaskAssignBody = z.infer<typeof TaskAssignBody>;

export const TaskCancelBody = z.object({
  reason: z.string().trim().min(2, '请填写撤销原因（至少2个字）').max(200, '撤销原因不超过200字'),
  version: z.number().int().min(1),
}).strict();
export type TaskCancelBody = z.infer<typeof TaskCancelBody>;

/** The people a task may be assigned to: those who hold the kind's action over its record. */
export const TaskAssignees = z.object({
  items: z.array(z.object({ userId: IdString, displayName: z.string(), roles: z.string() })),
  total: z.number(),
});
export type TaskAssignees = z.infer<typeof TaskAssignees>;
