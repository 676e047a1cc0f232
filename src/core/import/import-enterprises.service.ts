import { analyseStale } from '../../db/statistics.js';
import { sql } from 'kysely';
import type { ImportResult } from '../../contracts/enterprise.js';
import type { Database } from '../../db/database.js';
import type { Executor } from '../../db/schema.js';
import type { ImportProgress } from '../../db/tables/ledger.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import type { Scope } from '../access/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import * as apply from './import-apply.repository.js';
import * as batches from './import-batch.repository.js';
import type { ItemSource } from './import-items.js';
import { KnownRows } from './known-rows.js';
import { createImportPlacer } from './import-placer.js';
import { deferTableUpkeep, restoreAbandoned, restoreDeferred } from './deferred-ddl.js';
import { rejectOutOfScope } from './import-scope.repository.js';
import * as stage from './import-stage.repository.js';
import { buildResult, type RunTotals } from './import-result.js';
import { stageItems, stageSkippedRepeats } from './import-stage-writer.js';
import { startTrace } from './import-trace.js';
import { refreshTasksAfterImport } from '../task/task-refresh-import.js';
import { ALL_FACTS, dropOverruledCorrections, keepUncarriedAndCorrected } from './import-keep.repository.js';
import type { EnterpriseFactKey } from '../../domain/enterprise-facts.js';

/**
 * Applies an enterprise import: stream the reader's items into an UNLOGGED stage (COPY), find
 * repeats inside the file, then change the ledger batch by batch, each batch one transaction of a
 * few set-based statements. Every batch commits on its own, so a killed import leaves only whole
 * batches behind and a re-run finds those rows unchanged (upsert by credit code): no duplicates.
 */
export type BeginOptions = {
  fileName: string;
  fileSha256: string;
  source: string;
  dryRun: boolean;
  storedPath?: string | null;
};

export type ApplyOptions = {
  /** Stage rows per ledger transaction. */
  batchSize?: number;
  /** Lines per COPY. Two chunks are in memory at once (one COPYing while the next is read). */
  chunkSize?: number;
  /** Shared with the reader, which fills in bytesRead/totalBytes. */
  progress?: ImportProgress;
  onProgress?: (p: ImportProgress) => void;
  /** The file's SHA-256 when it is still being computed (stored on the batch and audited at the end). */
  fileSha256?: Promise<string>;
  /** The source hashes of the ledger in the importer's scope, if the caller started loading them early. */
  knownHashes?: Promise<Uint8Array>;
  /**
   * New rows from which a load that at least doubles the ledger builds its secondary indexes and
   * checks its foreign keys once at the end instead of row by row (deferred-ddl.ts). Default 50,000.
   */
  bulkLoadFrom?: number;
  /**
   * The facts the file has a column for (the reader's header.mapped); items made in code carry all.
   * A fact not carried keeps the ledger's value (import-keep.repository.ts).
   */
  carries?: readonly EnterpriseFactKey[];
  /** Runs after each committed batch; tests throw here to simulate a crash between batches. */
  afterBatch?: (index: number) => Promise<void> | void;
};

/** A running batch without a heartbeat for this long was killed; its stage is dropped. */
export const STALE_IMPORT_MS = 10 * 60 * 1000;
const LEDGER_LOCK = 7100010;

/** Checks the right to import, clears killed imports, and opens a 'running' import_batch. */
export async function beginImport(database: Database, actor: Actor, opts: BeginOptions): Promise<string> {
  requireAction(actor, 'enterprise.import');
  await recoverStaleImports(database.db, STALE_IMPORT_MS);
  return batches.insertBatch(database.db, {
    fileName: opts.fileName, fileSha256: opts.fileSha256, source: opts.source, actorId: actor.userId,
    dryRun: opts.dryRun, storedPath: opts.storedPath ?? null,
  });
}

export async function recoverStaleImports(db: Executor, staleMs: number): Promise<string[]> {
  const stale = await batches.findStaleRunning(db, staleMs);
  for (const id of stale) {
    await batches.failBatch(db, id, { code: 'INTERRUPTED', message: '导入进程意外中断，请重新导入（已导入的行不会重复）' });
    await stage.dropStage(db, id);
  }
  await restoreAbandoned(db, staleMs);
  return stale;
}

/** Defers the ledger's secondary indexes and foreign keys when this import's new rows at least double it. */
async function deferUpkeepForBulkLoad(database: Database, importId: string, minNewRows: number): Promise<string[]> {
  const range = await stage.stageSeqRange(database.db, importId);
  if (!range || range.hi - range.lo + 1 < minNewRows) return [];
  const { created } = await apply.countCreates(database.db, importId, range);
  if (created < minNewRows || (await apply.ledgerHasAtLeast(database.db, created))) return [];
  return deferTableUpkeep(database.db, 'enterprise', importId);
}

export async function applyEnterpriseItems(
  database: Database, actor: Actor, importId: string, items: ItemSource, opts: ApplyOptions = {},
): Promise<ImportResult> {
  const scope = requireAction(actor, 'enterprise.import');
  const batch = await batches.getBatch(database.db, importId);
  if (!batch || batch.status !== 'running') throw new AppError('CONFLICT', '该导入不在进行中');
  const progress: ImportProgress = opts.progress ?? {};
  const report = async (phase: string) => {
    progress.phase = phase;
    await batches.saveProgress(database.db, importId, progress);
    opts.onProgress?.(progress);
  };
  const ctx: apply.ApplyContext = { importId, actorId: actor.userId, source: batch.source };
  const trace = startTrace(importId);
  try {
    await stage.createStage(database.db, importId);
    const placer = await createImportPlacer(database.db);
    trace.step('stage and placer');
    // Only a file reader can skip rows by their source hash; items made in code are all parsed.
    const hashes = items.skipKnown ? (opts.knownHashes ?? loadKnownHashes(database, actor)) : Promise.resolve(new Uint8Array(0));
    // The reader starts at once and sets lines aside until the hashes are in (line-skipper.ts).
    const knownRows = hashes.then((h) => {
      const k = new KnownRows(h);
      trace.step(`known hashes (${k.size})`);
      return k;
    });
    knownRows.catch(() => undefined);
    items.skipKnown?.(knownRows);
    const staged = await stageItems(database, importId, items, placer, {
      chunkSize: opts.chunkSize ?? 10_000,
      scope,
      onChunk: async (s) => {
        progress.rows = s.rows;
        await report('reading');
      },
    });
    trace.step(`read and staged (${staged.rows} rows, ${staged.staged} staged)`);
    // A reader thread counted the skipped lines in its own copy of the table.
    const known = items.knownAfterRead?.() ?? (await knownRows);
    const joined = await stageSkippedRepeats(database, importId, staged, known);
    await stage.indexStage(database.db, importId);
    await stage.markDuplicates(database.db, importId);
    trace.step('repeats');
    // Known before the first batch commits: each batch's audit entry names the file it came from.
    const sha256 = opts.fileSha256 ? await opts.fileSha256 : batch.file_sha256;
    trace.step('file SHA-256');
    const deferred = batch.dry_run ? [] : await deferUpkeepForBulkLoad(database, importId, opts.bulkLoadFrom ?? 50_000);
    let totals: Awaited<ReturnType<typeof applyBatches>>;
    try {
      const audit = { actor, file: batch.file_name, sha256 };
      totals = await applyBatches(database, ctx, scope, batch.dry_run, { ...opts, report, progress, audit });
      trace.step('applied');
    } finally {
      if (deferred.length) {
        await report('indexing');
        await restoreDeferred(database.db, importId);
        trace.step('indexes restored');
      }
    }
    // The inbox follows the ledger: the tasks of exactly the enterprises this import created or changed (docs/inbox.md, "Refresh").
    if (!batch.dry_run) {
      await report('tasks');
      await refreshTasksAfterImport(database.db, actor, importId);
      trace.step('tasks refreshed');
    }
    const skipped = known.tally();
    const result = await finish(database, actor, importId, { ...batch, file_sha256: sha256 }, {
      ...totals, rows: staged.rows, readerRejected: staged.readerRejected,
      skippedUnchanged: skipped.distinct - joined, skippedMerged: skipped.repeats,
    });
    trace.step('finished');
    // PGlite runs no autovacuum: a first import would leave the ledger planned as empty (src/db/statistics.ts).
    if (!batch.dry_run && (await analyseStale(database.db)).length) trace.step('statistics');
    return result;
  } catch (err) {
    const e = err instanceof AppError ? err : null;
    await batches.failBatch(database.db, importId, { code: e?.code ?? 'INTERNAL', message: e?.message ?? '导入失败' });
    const sha256 = await opts.fileSha256?.catch(() => null);
    if (sha256) await batches.setFileSha256(database.db, importId, sha256);
    throw err;
  } finally {
    await stage.dropStage(database.db, importId);
  }
}

/** Every stored source hash the actor's import may skip (see import-stage.repository.ts). */
export function loadKnownHashes(database: Database, actor: Actor): Promise<Uint8Array> {
  return stage.loadSourceHashes(database.db, requireAction(actor, 'enterprise.import'));
}

type BatchRunOptions = ApplyOptions & {
  report: (phase: string) => Promise<void>; progress: ImportProgress; audit: { actor: Actor; file: string; sha256: string };
};

async function applyBatches(
  database: Database, ctx: apply.ApplyContext, scope: Scope, dryRun: boolean, opts: BatchRunOptions,
): Promise<Omit<RunTotals, 'rows' | 'readerRejected' | 'skippedUnchanged' | 'skippedMerged'>> {
  const totals = { created: 0, updated: 0, pending: 0, parks: [] as string[], associations: [] as string[] };
  const range = await stage.stageSeqRange(database.db, ctx.importId);
  const size = opts.batchSize ?? 20_000;
  opts.progress.applied = 0;
  for (let lo = range?.lo ?? 1, index = 0; range && lo <= range.hi; lo += size, index++) {
    const r = { lo, hi: Math.min(lo + size - 1, range.hi) };
    await database.db.transaction().execute(async (tx) => {
      // Imports change the ledger one at a time, so two never race to create the same credit code.
      await sql`SELECT pg_advisory_xact_lock(${LEDGER_LOCK})`.execute(tx);
      // The ledger's pages a batch touches are cached: with the default random_page_cost (4, for
      // spinning disks) a re-import's few thousand changed rows hash-join a seq scan of the whole
      // ledger (~0.5 s at a million rows) instead of probing the credit-code index (~0.15 s).
      await sql`SET LOCAL random_page_cost = 1.1`.execute(tx);
      await rejectOutOfScope(tx, ctx.importId, r, scope);
      const carried = opts.carries ? new Set<EnterpriseFactKey>(opts.carries) : ALL_FACTS;
      if (!dryRun) await dropOverruledCorrections(tx, ctx.importId, r, carried);
      await keepUncarriedAndCorrected(tx, ctx.importId, r, carried);
      await stage.classifyChanged(tx, ctx.importId, r);
      const counts = dryRun ? await countBatch(tx, ctx, r) : await writeBatch(tx, ctx, r, totals);
      // Each batch commits on its own, so it is audited on its own: an import killed before its
      // finish keeps only batches that carry their entry (the finish adds the whole file's).
      if (!dryRun && counts.created + counts.updated > 0) {
        await recordAudit(tx, opts.audit.actor, {
          action: 'enterprise.import_batch', entity: 'import_batch', entityId: ctx.importId,
          after: { file: opts.audit.file, sha256: opts.audit.sha256, source: ctx.source, seq: index + 1, created: counts.created, updated: counts.updated },
        });
      }
      totals.created += counts.created;
      totals.updated += counts.updated;
      totals.pending += counts.pending;
    });
    opts.progress.applied = r.hi - range.lo + 1;
    await opts.report('applying');
    await opts.afterBatch?.(index);
  }
  return totals;
}

async function countBatch(tx: Executor, ctx: apply.ApplyContext, r: stage.Range): Promise<apply.BatchCounts> {
  const c = await apply.countCreates(tx, ctx.importId, r);
  const u = await apply.countUpdates(tx, ctx.importId, r);
  return { created: c.created, updated: u.updated, pending: c.pending + u.pending };
}

async function writeBatch(
  tx: Executor, ctx: apply.ApplyContext, r: stage.Range, totals: { parks: string[]; associations: string[] },
): Promise<apply.BatchCounts> {
  const made = await apply.ensureParksAndAssociations(tx, ctx.importId, r);
  totals.parks.push(...made.parks);
  totals.associations.push(...made.associations);
  const c = await apply.applyCreates(tx, ctx, r);
  const u = await apply.applyUpdates(tx, ctx, r);
  await apply.refreshSourceHashes(tx, ctx.importId, r);
  return { created: c.created, updated: u.updated, pending: c.pending + u.pending };
}

async function finish(
  database: Database, actor: Actor, importId: string,
  batch: NonNullable<Awaited<ReturnType<typeof batches.getBatch>>>, totals: RunTotals,
): Promise<ImportResult> {
  return database.db.transaction().execute(async (tx) => {
    const result = await buildResult(tx, importId, batch.dry_run, totals);
    const { errors: _errors, ...summary } = result;
    await batches.setFileSha256(tx, importId, batch.file_sha256);
    await batches.finishBatch(tx, importId, batch.dry_run ? 'dry_run' : 'completed', {
      rows: result.rows, created: result.created, updated: result.updated, unchanged: result.unchanged, rejected: result.rejected,
    }, summary);
    await recordAudit(tx, actor, {
      action: batch.dry_run ? 'enterprise.import_dry_run' : 'enterprise.import',
      entity: 'import_batch',
      entityId: importId,
      after: {
        file: batch.file_name, sha256: batch.file_sha256, source: batch.source, rows: result.rows, created: result.created,
        updated: result.updated, unchanged: result.unchanged, merged: result.merged, rejected: result.rejected,
      },
    });
    return result;
  });
}
