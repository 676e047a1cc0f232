import { sql } from 'kysely';
import type { Executor } from '../../db/schema.js';
import { stageTable } from './import-stage.repository.js';

/** What an import did, read from its stage before the stage is dropped. */
export type StageCounts = { staged: number; merged: number; rejected: number };

export async function stageCounts(db: Executor, importId: string): Promise<StageCounts> {
  const t = sql.table(stageTable(importId));
  const r = await sql<StageCounts>`SELECT count(*)::int AS staged,
      count(*) FILTER (WHERE status = 'merged')::int AS merged,
      count(*) FILTER (WHERE status = 'rejected')::int AS rejected FROM ${t}`.execute(db);
  return r.rows[0] ?? { staged: 0, merged: 0, rejected: 0 };
}

/** Rows the stage rejected (conflicting repeats, out of scope) join the reader's rejected rows. */
export async function copyStageErrors(db: Executor, importId: string): Promise<void> {
  const t = sql.table(stageTable(importId));
  await sql`INSERT INTO import_row_error (import_id, row, "column", code, message)
    SELECT ${importId}, row_no, error_column, error_code, error_message FROM ${t} WHERE status = 'rejected'`.execute(db);
}

/** factKey → how many enterprises changed it. */
export async function updatedFactCounts(db: Executor, importId: string): Promise<Record<string, number>> {
  const t = sql.table(stageTable(importId));
  const r = await sql<{ k: string; n: number }>`SELECT k, count(*)::int AS n
    FROM ${t}, jsonb_object_keys(changes) AS k WHERE status = 'update' GROUP BY k ORDER BY k`.execute(db);
  return Object.fromEntries(r.rows.map((x) => [x.k, x.n]));
}

export type NamedEnterprise = { id: string; creditCode: string; name: string };

/** Existing enterprises this import moves to `status` (e.g. newly deregistered). */
export async function statusChangesTo(db: Executor, importId: string, status: string, limit: number): Promise<NamedEnterprise[]> {
  const t = sql.table(stageTable(importId));
  const r = await sql<{ id: string; credit_code: string; name: string }>`SELECT e.id, e.credit_code, s.name
    FROM ${t} s JOIN enterprise e ON e.credit_code = s.credit_code
    WHERE s.status = 'update' AND s.changes ? 'operatingStatus' AND s.operating_status = ${status}
    ORDER BY s.seq LIMIT ${limit}`.execute(db);
  return r.rows.map((x) => ({ id: String(x.id), creditCode: x.credit_code, name: x.name }));
}
