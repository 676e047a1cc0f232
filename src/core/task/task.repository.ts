import { sql } from 'kysely';
import type { Executor } from '../../db/schema.js';
import type { TaskEventKind } from '../../db/tables/task.js';

/**
 * SQL for the refresh: the existing tasks of some kinds under a region, and set-based writes (one
 * statement per chunk of ids, never a query per task).
 */
export type ExistingTask = { id: string; kind: string; subject_table: string; subject_id: string; state: string; closed_by: string | null };
export type NewTask = {
  kind: string; subject_table: 'enterprise' | 'party_org'; subject_id: string; region_code: string | null;
  enterprise_id: string | null; party_org_id: string | null; due_on: string; source_rule_id: string;
};

const CHUNK = 5000;
const chunks = <T>(xs: T[]): T[][] => Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));

/** One refresh at a time: two would both open the same task (task_open_key would refuse the second). */
export const lockTaskRefresh = (tx: Executor) => sql`SELECT pg_advisory_xact_lock(7100491)`.execute(tx);

/** For each (kind, subject) under the region: its open task, else its last task (to reopen). */
export async function existingTasks(tx: Executor, kinds: string[], regionPrefix: string | undefined): Promise<ExistingTask[]> {
  let q = tx.selectFrom('task').select(['id', 'kind', 'subject_table', 'subject_id', 'state', 'closed_by'])
    .distinctOn(['kind', 'subject_table', 'subject_id']).where('kind', 'in', kinds);
  if (regionPrefix) q = q.where('region_code', 'like', `${regionPrefix}%`);
  return q.orderBy('kind').orderBy('subject_table').orderBy('subject_id').orderBy(sql`state = 'open'`, 'desc').orderBy('id', 'desc').execute();
}

export async function insertTasks(tx: Executor, rows: NewTask[], at: Date): Promise<string[]> {
  const ids: string[] = [];
  for (const part of chunks(rows)) {
    const got = await tx.insertInto('task').values(part.map((r) => ({ ...r, opened_at: at }))).returning('id').execute();
    ids.push(...got.map((r) => r.id));
  }
  return ids;
}

/** Closed because the finding is gone: the fact changed (已整改). */
export async function closeTasks(tx: Executor, ids: string[], at: Date): Promise<void> {
  for (const part of chunks(ids)) {
    await tx.updateTable('task').set({ state: 'done', closed_at: at, closed_by: 'fact_changed', version: sql`version + 1` })
      .where('id', 'in', part).where('state', '=', 'open').execute();
  }
}

/** Open again, with a new due date counted from today. */
export async function reopenTasks(tx: Executor, ids: string[], dueOn: string, at: Date): Promise<void> {
  for (const part of chunks(ids)) {
    await tx.updateTable('task').set({ state: 'open', closed_at: null, closed_by: null, opened_at: at, due_on: dueOn, version: sql`version + 1` })
      .where('id', 'in', part).where('state', '=', 'done').execute();
  }
}

export async function insertTaskEvents(tx: Executor, ids: string[], event: TaskEventKind, reason: string, actorName: string, at: Date): Promise<void> {
  for (const part of chunks(ids)) {
    await tx.insertInto('task_event').values(part.map((task_id) => ({ task_id, event, reason, actor_name: actorName, at }))).execute();
  }
}

export async function taskHistory(db: Executor, taskId: string) {
  return db.selectFrom('task_event').select(['event', 'reason', 'actor_name', 'at']).where('task_id', '=', taskId).orderBy('id').execute();
}
