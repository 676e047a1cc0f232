import { sql } from 'kysely';
import type { Executor } from '../../db/schema.js';
import type { TaskEventKind } from '../../db/tables/task.js';
import { asColumn } from '../access/party-org-scope.js';
import { taskActionable, tasksWithAnchors, type KindScope } from './inbox.repository.js';

/**
 * SQL for what a person does with one task (指派, 撤销) and for whom it may be assigned to. Whether a
 * person may act on a task is the inbox's own predicate (taskActionable over the task's anchor), so
 * the list, the detail and the writes can never disagree.
 */
export async function lockTask(tx: Executor, id: string) {
  return tx.selectFrom('task').select(['id', 'kind', 'state', 'version', 'assignee_user_id']).where('id', '=', id).forUpdate().executeTakeFirst();
}

/**
 * For each candidate scope set (one per person), whether the task is actionable under it. One
 * statement per 100 candidates, each a column of the same row.
 */
export async function actionableUnder(db: Executor, taskId: string, candidates: KindScope[][]): Promise<boolean[]> {
  const out: boolean[] = [];
  for (let i = 0; i < candidates.length; i += 100) {
    const part = candidates.slice(i, i + 100);
    const row = await tasksWithAnchors(db).where('t.id', '=', taskId)
      .select(part.map((ks, j) => asColumn(taskActionable(ks)).as(`c${j}`))).executeTakeFirst() as Record<string, boolean> | undefined;
    out.push(...part.map((_, j) => Boolean(row?.[`c${j}`])));
  }
  return out;
}

/** Active accounts with a grant of one of `roles` (the roles that allow the kind's action). */
export async function usersWithRoles(db: Executor, roles: string[], userId?: string) {
  if (!roles.length) return [];
  let q = db.selectFrom('user_role as r').innerJoin('app_user as u', 'u.id', 'r.user_id')
    .select(['u.id as user_id', 'u.display_name', 'r.role', 'r.all_regions', 'r.region_prefixes', 'r.park_ids', 'r.association_ids',
      'r.party_org_ids', 'r.enterprise_ids'])
    .where('r.role', 'in', roles).where('u.disabled', '=', false);
  if (userId) q = q.where('u.id', '=', userId);
  return q.orderBy('u.id').orderBy('r.id').execute();
}

export async function setAssignee(tx: Executor, id: string, version: number, userId: string | null): Promise<boolean> {
  const r = await tx.updateTable('task').set({ assignee_user_id: userId, version: sql`version + 1` })
    .where('id', '=', id).where('version', '=', version).where('state', '=', 'open').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** 已撤销 by a person; `closed_by` names the action, the reason is in the history. */
export async function cancelTaskRow(tx: Executor, id: string, version: number, at: Date): Promise<boolean> {
  const r = await tx.updateTable('task').set({ state: 'cancelled', closed_at: at, closed_by: 'task.cancel', version: sql`version + 1` })
    .where('id', '=', id).where('version', '=', version).where('state', '=', 'open').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertTaskEvent(tx: Executor, taskId: string, event: TaskEventKind, reason: string, actorName: string, at: Date): Promise<void> {
  await tx.insertInto('task_event').values({ task_id: taskId, event, reason: reason.slice(0, 200), actor_name: actorName, at }).execute();
}

export async function displayNameOf(db: Executor, userId: string): Promise<string | null> {
  return (await db.selectFrom('app_user').select('display_name').where('id', '=', userId).executeTakeFirst())?.display_name ?? null;
}
