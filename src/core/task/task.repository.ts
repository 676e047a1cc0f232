import type { Executor } from '../../db/schema.js';

/** A task's history, oldest first (the refresh's writes are in task-refresh.repository.ts). */
export async function taskHistory(db: Executor, taskId: string) {
  return db.selectFrom('task_event').select(['event', 'reason', 'actor_name', 'at']).where('task_id', '=', taskId).orderBy('id').execute();
}
