import type { TaskCancelBody, TaskDetail } from '../../contracts/task-action.js';
import type { Db } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { cancelTaskRow, insertTaskEvent } from './task-action.repository.js';
import { getTask, requireOpenActionableTask } from './task-detail.service.js';

/**
 * 撤销 (docs/inbox.md, "Assigning and cancelling"): a person who may act on a task withdraws it with a
 * reason (a finding that does not apply here, a duplicate). The refresh leaves a cancelled task
 * cancelled while its finding persists; a finding that goes away and comes back opens a new task.
 */
export async function cancelTask(db: Db, actor: Actor, id: string, input: TaskCancelBody): Promise<TaskDetail> {
  await db.transaction().execute(async (tx) => {
    await requireOpenActionableTask(tx, actor, id, input.version);
    const at = new Date();
    if (!(await cancelTaskRow(tx, id, input.version, at))) throw new AppError('VERSION_CONFLICT', '该待办事项已被他人修改，请刷新后重试');
    await insertTaskEvent(tx, id, 'cancelled', input.reason, actor.username, at);
    await recordAudit(tx, actor, { action: 'task.cancel', entity: 'task', entityId: id, before: { state: 'open' }, after: { state: 'cancelled', reason: input.reason } });
  });
  return getTask(db, actor, id);
}
