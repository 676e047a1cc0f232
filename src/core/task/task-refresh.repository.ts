import { sql } from 'kysely';
import type { Executor } from '../../db/schema.js';
import type { TaskEventKind } from '../../db/tables/task.js';

/**
 * SQL of the rule engine's refresh (regional and incremental): the tasks of some subjects, and
 * set-based writes — one statement per chunk of ids, never a query per task. Every write returns the
 * ids it changed, so an event is written only for a change that happened (two refreshes of the same
 * record at once on PostgreSQL: the second finds the row changed and writes nothing).
 */
export type ExistingTask = {
  id: string; kind: string; subject_table: string; subject_id: string; state: 'open' | 'done' | 'cancelled'; closed_by: string | null;
  region_code: string | null; finding_gone_at: Date | null;
  /** Where the subject lies now (its enterprise, organisation or union row), to tell a move from a fix. */
  subject_region: string | null;
};
export type NewTask = {
  kind: string; subject_table: string; subject_id: string; region_code: string | null;
  enterprise_id: string | null; party_org_id: string | null; union_org_id: string | null; due_on: string; source_rule_id: string;
  subject_label: string | null;
};

/** Rows and ids go as arrays (`unnest`, `= ANY`): no parameter limit, one statement per 20,000 (an import's page). */
const CHUNK = 20_000;
const anyId = (ids: string[]) => sql<boolean>`id = ANY(${ids}::bigint[])`;
const chunks = <T>(xs: readonly T[]): T[][] => Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));

/**
 * One regional refresh at a time (exclusive); incremental refreshes of single changes run side by
 * side (shared) and never during a regional one, which would otherwise plan from a stale picture.
 */
export const lockRegionalRefresh = (tx: Executor) => sql`SELECT pg_advisory_xact_lock(7100491)`.execute(tx);
export const lockIncrementalRefresh = (tx: Executor) => sql`SELECT pg_advisory_xact_lock_shared(7100491)`.execute(tx);

function tasksOf(tx: Executor, kinds: string[]) {
  return tx.selectFrom('task as t')
    .leftJoin('enterprise as e', (j) => j.onRef('e.id', '=', 't.subject_id').on('t.subject_table', '=', 'enterprise'))
    .leftJoin('party_org as o', (j) => j.onRef('o.id', '=', 't.subject_id').on('t.subject_table', '=', 'party_org'))
    .leftJoin('union_org as un', (j) => j.onRef('un.id', '=', 't.subject_id').on('t.subject_table', '=', 'union_org'))
    .select(['t.id', 't.kind', 't.subject_table', 't.subject_id', 't.state', 't.closed_by', 't.region_code', 't.finding_gone_at'])
    // A street's own task (subject_table 'region') lies where its code says.
    .select(sql<string | null>`coalesce(e.region_code, o.region_code, un.region_code, CASE WHEN t.subject_table = 'region' THEN t.region_code END)`.as('subject_region'))
    .distinctOn(['t.kind', 't.subject_table', 't.subject_id'])
    .where('t.kind', 'in', kinds)
    // For each (kind, subject): its open task, else its last one (to reopen, or to leave cancelled).
    .orderBy('t.kind').orderBy('t.subject_table').orderBy('t.subject_id').orderBy(sql`t.state = 'open'`, 'desc').orderBy('t.id', 'desc');
}

/** The tasks placed under the region (all, `undefined`). */
export async function tasksUnder(tx: Executor, kinds: string[], regionPrefix: string | undefined): Promise<ExistingTask[]> {
  if (!kinds.length) return [];
  const q = tasksOf(tx, kinds);
  return (regionPrefix ? q.where('t.region_code', 'like', `${regionPrefix}%`) : q).execute() as Promise<ExistingTask[]>;
}

/** The tasks of the named subjects, wherever they are placed. */
export async function tasksOfSubjects(tx: Executor, kinds: string[], table: string, ids: readonly string[]): Promise<ExistingTask[]> {
  const out: ExistingTask[] = [];
  if (!kinds.length) return out;
  // The ids as one array parameter (`= ANY`), not an IN list of 5,000 parameters to bind and plan.
  for (const part of chunks([...new Set(ids)])) {
    out.push(...(await tasksOf(tx, kinds).where('t.subject_table', '=', table).where(sql<boolean>`t.subject_id = ANY(${part}::bigint[])`).execute() as ExistingTask[]));
  }
  return out;
}

/**
 * Rows go as one array per column through unnest: one statement per chunk with 11 parameters, which
 * PostgreSQL plans once — a VALUES list of 5,000 rows is 55,000 parameters to bind and plan (the
 * import bench: 18,000 tasks in 1.7–2.0 s against 3.3–4.2 s). Same ON CONFLICT, same RETURNING.
 */
export async function insertTasks(tx: Executor, rows: NewTask[], at: Date): Promise<string[]> {
  const ids: string[] = [];
  for (const part of chunks(rows)) {
    const col = <K extends keyof NewTask>(k: K) => part.map((r) => r[k]);
    const got = await sql<{ id: string }>`INSERT INTO task
        (kind, subject_table, subject_id, region_code, enterprise_id, party_org_id, union_org_id, due_on, source_rule_id, subject_label, opened_at)
      SELECT v.kind, v.subject_table, v.subject_id, v.region_code, v.enterprise_id, v.party_org_id, v.union_org_id, v.due_on, v.source_rule_id, v.subject_label, ${at}::timestamptz
      FROM unnest(${col('kind')}::text[], ${col('subject_table')}::text[], ${col('subject_id')}::bigint[], ${col('region_code')}::text[],
        ${col('enterprise_id')}::bigint[], ${col('party_org_id')}::bigint[], ${col('union_org_id')}::bigint[], ${col('due_on')}::date[],
        ${col('source_rule_id')}::text[], ${col('subject_label')}::text[])
        AS v(kind, subject_table, subject_id, region_code, enterprise_id, party_org_id, union_org_id, due_on, source_rule_id, subject_label)
      ON CONFLICT (kind, subject_table, subject_id) WHERE state = 'open' DO NOTHING
      RETURNING id`.execute(tx);
    ids.push(...got.rows.map((r) => String(r.id)));
  }
  return ids;
}

/** The open tasks' subject labels set to the finding's words where they differ (one statement per chunk, arrays as above). */
export async function relabelOpenTasks(tx: Executor, rows: Array<{ kind: string; subjectTable: string; subjectId: string; label: string }>): Promise<void> {
  for (const part of chunks(rows)) {
    await sql`UPDATE task t SET subject_label = v.label
      FROM unnest(${part.map((r) => r.kind)}::text[], ${part.map((r) => r.subjectTable)}::text[], ${part.map((r) => r.subjectId)}::bigint[],
        ${part.map((r) => r.label.slice(0, 200))}::text[]) AS v(kind, subject_table, subject_id, label)
      WHERE t.kind = v.kind AND t.subject_table = v.subject_table AND t.subject_id = v.subject_id AND t.state = 'open'
        AND t.subject_label IS DISTINCT FROM v.label`.execute(tx);
  }
}

/** Closed because the finding is gone: the fact changed (已整改). */
export async function closeTasks(tx: Executor, ids: string[], at: Date): Promise<string[]> {
  const out: string[] = [];
  for (const part of chunks(ids)) {
    const got = await tx.updateTable('task').set({ state: 'done', closed_at: at, closed_by: 'fact_changed', version: sql`version + 1` })
      .where(anyId(part)).where('state', '=', 'open').returning('id').execute();
    out.push(...got.map((r) => r.id));
  }
  return out;
}

/** Open again, with a new due date counted from today. */
export async function reopenTasks(tx: Executor, ids: string[], dueOn: string, at: Date): Promise<string[]> {
  const out: string[] = [];
  for (const part of chunks(ids)) {
    const got = await tx.updateTable('task').set({ state: 'open', closed_at: null, closed_by: null, opened_at: at, due_on: dueOn, version: sql`version + 1` })
      .where(anyId(part)).where('state', '=', 'done').returning('id').execute();
    out.push(...got.map((r) => r.id));
  }
  return out;
}

/** The subject moved: the task follows it to its new place (one statement per destination). */
export async function placeTasks(tx: Executor, ids: string[], regionCode: string | null): Promise<string[]> {
  const out: string[] = [];
  for (const part of chunks(ids)) {
    const got = await tx.updateTable('task').set({ region_code: regionCode, version: sql`version + 1` })
      .where(anyId(part)).where('region_code', 'is distinct from', regionCode).returning('id').execute();
    out.push(...got.map((r) => r.id));
  }
  return out;
}

/** A cancelled task whose finding went away: its coming back is a new matter (a new task). */
export async function markFindingGone(tx: Executor, ids: string[], at: Date): Promise<void> {
  for (const part of chunks(ids)) {
    await tx.updateTable('task').set({ finding_gone_at: at }).where(anyId(part)).where('state', '=', 'cancelled').where('finding_gone_at', 'is', null).execute();
  }
}

export async function insertTaskEvents(tx: Executor, ids: string[], event: TaskEventKind, reason: string, actorName: string, at: Date): Promise<void> {
  for (const part of chunks(ids)) {
    await sql`INSERT INTO task_event (task_id, event, reason, actor_name, at)
      SELECT v.task_id, ${event}, ${reason}, ${actorName}, ${at}::timestamptz FROM unnest(${part}::bigint[]) AS v(task_id)`.execute(tx);
  }
}

export async function enterprisesCoveredBy(tx: Executor, orgIds: string[]): Promise<string[]> {
  if (!orgIds.length) return [];
  const rows = await tx.selectFrom('party_org_coverage').select('enterprise_id').distinct().where('org_id', 'in', orgIds).execute();
  return rows.map((r) => r.enterprise_id);
}

/** The enterprises a union covers or covered (its dissolution ends their coverage: their gaps may open). */
export async function unionEnterprisesCoveredBy(tx: Executor, unionIds: string[]): Promise<string[]> {
  if (!unionIds.length) return [];
  const rows = await tx.selectFrom('union_coverage').select('enterprise_id').distinct().where('union_id', 'in', unionIds).execute();
  return rows.map((r) => r.enterprise_id);
}

/** Where the organisation history stands now: an import refreshes the records whose history grew past it. */
export async function lastOrgEventId(tx: Executor): Promise<string> {
  const r = await tx.selectFrom('party_org_event').select((e) => e.fn.max('id').as('id')).executeTakeFirst();
  return String(r?.id ?? '0');
}

/** The organisations with history after `afterId`, and the enterprises those events name (a coverage added or ended). */
export async function orgEventSubjectsSince(tx: Executor, afterId: string): Promise<{ partyOrgIds: string[]; enterpriseIds: string[] }> {
  const rows = await tx.selectFrom('party_org_event').select(['org_id', sql<string | null>`data->>'enterpriseId'`.as('enterprise_id')])
    .where('id', '>', afterId).execute();
  return {
    partyOrgIds: [...new Set(rows.map((r) => r.org_id))],
    enterpriseIds: [...new Set(rows.map((r) => r.enterprise_id).filter((x): x is string => !!x && /^\d{1,18}$/.test(x)))],
  };
}

/**
 * The enterprises an import created or changed (its history rows and its new rows), one keyset page.
 * Each side is cut at the page in id order first, so the new rows are read along the primary key and
 * stop after a page — a union cut afterwards read every enterprise for every page (created_import_id
 * has no index), which grows with the square of a first import's size.
 */
export async function importedEnterpriseIds(db: Executor, importId: string, afterId: string, limit: number): Promise<string[]> {
  const rows = await sql<{ id: string }>`SELECT id FROM (
      (SELECT id FROM enterprise WHERE created_import_id = ${importId} AND id > ${afterId}::bigint ORDER BY id LIMIT ${limit})
      UNION (SELECT enterprise_id AS id FROM enterprise_change WHERE import_id = ${importId} AND kind = 'updated' AND enterprise_id > ${afterId}::bigint
        ORDER BY enterprise_id LIMIT ${limit})) x
    ORDER BY id LIMIT ${limit}`.execute(db);
  return rows.rows.map((r) => String(r.id));
}
