import { sql } from 'kysely';
import type { Executor } from '../../db/schema.js';
import type { ImportProgress } from '../../db/tables/ledger.js';

/** import_batch and import_row_error: the bookkeeping of imports (Kysely only). */
export type NewBatch = {
  fileName: string;
  fileSha256: string;
  source: string;
  actorId: string | null;
  dryRun: boolean;
  storedPath: string | null;
};

export type RowErrorRecord = { row: number; column: string | null; code: string; message: string };

export async function insertBatch(db: Executor, b: NewBatch): Promise<string> {
  const row = await db.insertInto('import_batch').values({
    kind: 'enterprises', file_name: b.fileName, file_sha256: b.fileSha256, source: b.source,
    actor_id: b.actorId, dry_run: b.dryRun, stored_path: b.storedPath,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Progress doubles as the heartbeat: a running batch whose heartbeat stops was killed. */
export async function saveProgress(db: Executor, id: string, progress: ImportProgress): Promise<void> {
  await db.updateTable('import_batch')
    .set({ progress: sql`${JSON.stringify(progress)}::jsonb`, heartbeat_at: new Date() })
    .where('id', '=', id).execute();
}

export type BatchTotals = { rows: number; created: number; updated: number; unchanged: number; rejected: number };

export async function finishBatch(
  db: Executor, id: string, status: 'completed' | 'dry_run', totals: BatchTotals, summary: Record<string, unknown>,
): Promise<void> {
  await db.updateTable('import_batch').set({
    status, rows_total: totals.rows, created: totals.created, updated: totals.updated, unchanged: totals.unchanged,
    rejected: totals.rejected, summary: sql`${JSON.stringify(summary)}::jsonb`, finished_at: new Date(),
  }).where('id', '=', id).execute();
}

/** The file's SHA-256 arrives while the import runs (file-sha256.ts). */
export async function setFileSha256(db: Executor, id: string, sha256: string): Promise<void> {
  await db.updateTable('import_batch').set({ file_sha256: sha256 }).where('id', '=', id).execute();
}

export async function failBatch(db: Executor, id: string, error: { code: string; message: string }): Promise<void> {
  await db.updateTable('import_batch')
    .set({ status: 'failed', error: JSON.stringify(error), finished_at: new Date() })
    .where('id', '=', id).where('status', '=', 'running').execute();
}

/** Running batches whose heartbeat is older than `staleMs`: their process died mid-way. */
export async function findStaleRunning(db: Executor, staleMs: number): Promise<string[]> {
  const rows = await db.selectFrom('import_batch').select('id')
    .where('status', '=', 'running')
    .where('heartbeat_at', '<', new Date(Date.now() - staleMs))
    .execute();
  return rows.map((r) => r.id);
}

export async function insertRowErrors(db: Executor, importId: string, errors: RowErrorRecord[]): Promise<void> {
  for (let i = 0; i < errors.length; i += 2000) {
    const chunk = errors.slice(i, i + 2000);
    await db.insertInto('import_row_error')
      .values(chunk.map((e) => ({ import_id: importId, row: e.row, column: e.column, code: e.code, message: e.message })))
      .execute();
  }
}

export async function listRowErrors(db: Executor, importId: string, limit: number): Promise<RowErrorRecord[]> {
  const rows = await db.selectFrom('import_row_error').select(['row', 'column', 'code', 'message'])
    .where('import_id', '=', importId).orderBy('row').limit(limit).execute();
  return rows;
}

/** Every rejected row with all its errors, for the error report (row → errors). */
export async function* streamRowErrors(db: Executor, importId: string): AsyncGenerator<RowErrorRecord[]> {
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom('import_row_error').select(['row', 'column', 'code', 'message'])
      .where('import_id', '=', importId).where('row', '>', after).orderBy('row').limit(5000).execute();
    if (!rows.length) return;
    // Keep all errors of the last row together: finish that row before yielding.
    const last = rows[rows.length - 1].row;
    const rest = await db.selectFrom('import_row_error').select(['row', 'column', 'code', 'message'])
      .where('import_id', '=', importId).where('row', '=', last).execute();
    const page = rows.filter((r) => r.row !== last).concat(rest);
    yield page;
    after = last;
  }
}

export async function getBatch(db: Executor, id: string) {
  return db.selectFrom('import_batch').selectAll().where('id', '=', id).where('kind', '=', 'enterprises').executeTakeFirst();
}

export async function listBatches(db: Executor, opts: { actorId: string | null | 'all'; limit: number }) {
  let q = db.selectFrom('import_batch').selectAll().where('kind', '=', 'enterprises');
  if (opts.actorId !== 'all') q = opts.actorId === null ? q.where('actor_id', 'is', null) : q.where('actor_id', '=', opts.actorId);
  return q.orderBy('id', 'desc').limit(opts.limit).execute();
}

export async function stageTableExists(db: Executor, table: string): Promise<boolean> {
  const r = await sql<{ t: string | null }>`SELECT to_regclass(${table})::text AS t`.execute(db);
  return r.rows[0]?.t != null;
}
