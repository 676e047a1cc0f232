import type { ImportBatch, ImportResult } from '../../contracts/enterprise.js';
import type { Db } from '../../db/schema.js';
import type { ImportProgress } from '../../db/tables/ledger.js';
import { notFound } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import * as batches from './import-batch.repository.js';
import { RESULT_ERROR_LIMIT } from './import-result.js';

/**
 * Imports as their starters see them: an importer sees their own imports; an importer over every
 * region (an administrator) sees all. Anyone else's import is "not found".
 */
type BatchRow = NonNullable<Awaited<ReturnType<typeof batches.getBatch>>>;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

async function toView(db: Db, b: BatchRow, withErrors: boolean): Promise<ImportBatch> {
  const p = b.progress as unknown as ImportProgress;
  const done = b.status === 'completed' || b.status === 'dry_run';
  let result: ImportResult | null = null;
  if (done) {
    const errors = withErrors ? await batches.listRowErrors(db, b.id, RESULT_ERROR_LIMIT) : [];
    result = { ...(b.summary as unknown as Omit<ImportResult, 'errors'>), errors };
  }
  return {
    id: String(b.id),
    fileName: b.file_name,
    source: b.source,
    status: b.status,
    dryRun: b.dry_run,
    startedAt: iso(b.started_at) ?? '',
    finishedAt: iso(b.finished_at),
    progress: { phase: p.phase ?? 'reading', bytesRead: p.bytesRead ?? 0, totalBytes: p.totalBytes ?? 0, rows: p.rows ?? 0, applied: p.applied ?? 0 },
    result,
    error: (b.error as unknown as { code: string; message: string } | null) ?? null,
  };
}

/** The batch row itself, for the caller's own checks (the stored file path, the source). */
export async function findVisibleImport(db: Db, actor: Actor, id: string): Promise<BatchRow> {
  const scope = requireAction(actor, 'enterprise.import');
  const b = await batches.getBatch(db, id);
  if (!b || (!scope.all && b.actor_id !== actor.userId)) throw notFound('导入记录');
  return b;
}

export async function getImport(db: Db, actor: Actor, id: string): Promise<ImportBatch> {
  return toView(db, await findVisibleImport(db, actor, id), true);
}

export async function listImports(db: Db, actor: Actor, limit = 50): Promise<ImportBatch[]> {
  const scope = requireAction(actor, 'enterprise.import');
  const rows = await batches.listBatches(db, { actorId: scope.all ? 'all' : actor.userId, limit });
  // The list carries counts; a single import's page loads its row errors.
  return Promise.all(rows.map((b) => toView(db, b, false)));
}
