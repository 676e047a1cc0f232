import { sql } from 'kysely';
import type { Executor } from '../../db/schema.js';

/** import_batch rows of kind 'members' (the enterprise import's bookkeeping table, Kysely only). */
export const MEMBER_BATCH_KIND = 'members';

export async function insertMemberBatch(
  db: Executor, b: { fileName: string; fileSha256: string; actorId: string | null; dryRun: boolean; storedPath: string | null },
): Promise<string> {
  const row = await db.insertInto('import_batch').values({
    kind: MEMBER_BATCH_KIND, file_name: b.fileName, file_sha256: b.fileSha256, source: 'member_system',
    actor_id: b.actorId, dry_run: b.dryRun, stored_path: b.storedPath,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export type MemberBatchTotals = { rows: number; created: number; updated: number; unchanged: number; rejected: number };

/** A file with any rejected row ends 'failed' (IMPORT_REJECTED): nothing of it was applied. */
export async function finishMemberBatch(
  db: Executor, id: string, outcome: 'completed' | 'dry_run' | 'rejected', t: MemberBatchTotals, summary: Record<string, unknown>,
): Promise<void> {
  await db.updateTable('import_batch').set({
    status: outcome === 'rejected' ? 'failed' : outcome,
    error: outcome === 'rejected' ? JSON.stringify({ code: 'IMPORT_REJECTED', message: `有 ${t.rejected} 行未通过校验，整个文件未导入` }) : null,
    rows_total: t.rows, created: t.created, updated: t.updated, unchanged: t.unchanged, rejected: t.rejected,
    summary: sql`${JSON.stringify(summary)}::jsonb`, finished_at: new Date(),
  }).where('id', '=', id).execute();
}

export async function getMemberBatch(db: Executor, id: string) {
  return db.selectFrom('import_batch').selectAll().where('id', '=', id).where('kind', '=', MEMBER_BATCH_KIND).executeTakeFirst();
}

/** Rows with at least one error. */
export async function countRejectedRows(db: Executor, importId: string): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(DISTINCT row)::int AS n FROM import_row_error WHERE import_id = ${importId}::bigint`.execute(db);
  return r.rows[0]?.n ?? 0;
}
