import { TASK_EVENT_LABEL, type TaskDetail } from '../../contracts/task-action.js';
import type { Executor } from '../../db/schema.js';
import { AppError, notFound } from '../../domain/errors.js';
import { todayInChina } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { notManaged } from '../access/managed.js';
import { inboxRows } from './inbox.repository.js';
import { kindScopes, toInboxTask } from './inbox.service.js';
import { lockTask } from './task-action.repository.js';
import { taskHistory } from './task.repository.js';

/**
 * One task as the reader may see it (docs/inbox.md): the inbox's own visibility, so a task missing
 * from someone's lists is "not found" here too; `actionable` only where the anchor is owned.
 */
export async function visibleTask(db: Executor, actor: Actor, id: string) {
  const today = todayInChina();
  const rows = /^\d{1,18}$/.test(id)
    ? await inboxRows(db, { kinds: kindScopes(actor), view: 'all', userId: actor.userId, today, id }, undefined, 1)
    : [];
  if (!rows[0]) throw notFound('待办事项');
  return toInboxTask(rows[0], today);
}

export async function getTask(db: Executor, actor: Actor, id: string): Promise<TaskDetail> {
  const task = await visibleTask(db, actor, id);
  const [row, history] = await Promise.all([assigneeOf(db, id), taskHistory(db, id)]);
  const open = task.state === 'open';
  return {
    ...task, assigneeUserId: row?.assignee_user_id ?? null, canAssign: open && task.actionable, canCancel: open && task.actionable,
    history: history.map((e) => ({
      event: e.event, eventLabel: TASK_EVENT_LABEL[e.event], reason: e.reason, actorName: e.actor_name,
      at: (e.at instanceof Date ? e.at : new Date(e.at)).toISOString(),
    })),
  };
}

const assigneeOf = (db: Executor, id: string) =>
  db.selectFrom('task').select(['assignee_user_id']).where('id', '=', id).executeTakeFirst();

/**
 * The gate of 指派 and 撤销: the task is seen, its anchor is the actor's by its own place (never
 * through a link: 403 仅可查看), it is still open, and the version is the one the person saw. Locks
 * the row for the rest of the transaction.
 */
export async function requireOpenActionableTask(tx: Executor, actor: Actor, id: string, version: number) {
  const task = await visibleTask(tx, actor, id);
  if (!task.actionable) throw notManaged('待办事项');
  const row = await lockTask(tx, id);
  if (!row) throw notFound('待办事项');
  if (row.state !== 'open') throw new AppError('CONFLICT', `该待办事项${task.stateLabel}，不能再办理`);
  if (row.version !== version) throw new AppError('VERSION_CONFLICT', '该待办事项已被他人修改，请刷新后重试');
  return { task, row };
}
