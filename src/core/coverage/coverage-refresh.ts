import type { Db, Executor } from '../../db/schema.js';
import { DEFAULT_THRESHOLDS, METRIC_IDS, metricDefs } from '../../domain/metrics.js';
import { todayInChina } from '../../domain/org-terms.js';
import { coverageState, lockRefresh, replaceCoverageRows, sourceVersion, tryLockRefresh } from './coverage.repository.js';
import { clearMarks, coverageFreshness, replaceCoverageRowsOf, takeMarks } from './coverage-marks.repository.js';

/**
 * Keeps `enterprise_coverage` equal to "the rows as of today". Every statement that changes a
 * coverage source leaves marks naming the enterprises whose rows it can move (triggers in
 * 0069_coverage_marks.sql, in the writer's transaction); a read that finds marks, or rows of another
 * day, refreshes: the marked enterprises' rows and their regions' sums when they are few, the whole
 * ledger otherwise. It is derived data, so it is not audited; snapshots are.
 *
 * FULL_REBUILD_MARKS: above this many marked enterprises one full rebuild (one INSERT … SELECT over
 * the ledger) is cheaper than recomputing them one set at a time — and a statement that touches more
 * than 5,000 keys (an import's chunk) marks "everything" by itself. Measured in docs/benchmarks.md,
 * "Load: incremental coverage refresh".
 */
export const FULL_REBUILD_MARKS = 5_000;

/**
 * `pending`: another reader was refreshing, so these are today's rows as that refresh found them —
 * at most one refresh (≈ 0.1 s after an edit) behind the ledger. Waiting instead held a pooled
 * connection per reader and, under steady edits, timed figures out (docs/benchmarks.md, "Load").
 */
export type Refresh = { asOf: string; refreshed: boolean; mode?: 'incremental' | 'full'; pending?: true };

export async function ensureFresh(db: Db, today = todayInChina()): Promise<Refresh> {
  const primary = replicas.get(db);
  if (primary) return replicaFresh(db, primary, today);
  if (await isFresh(db, today)) return { asOf: today, refreshed: false };
  return refreshStale(db, today);
}

async function isFresh(db: Executor, today: string): Promise<boolean> {
  const f = await coverageFreshness(db);
  return f.asOf === today && !f.marked;
}

/**
 * A streaming replica (LX_READ_DATABASE_URL) cannot refresh. Its marks and rows replicate together,
 * so rows of today with no mark beside them are as fresh on the replica as on the primary at that
 * point; otherwise the primary refreshes and answers this time (ReplicaBehind), and the replica
 * serves again once the refresh has replicated.
 */
const replicas = new WeakMap<Db, Db>();
export class ReplicaBehind extends Error {}
export const registerReplica = (replica: Db, primary: Db): void => { replicas.set(replica, primary); };

async function replicaFresh(replica: Db, primary: Db, today: string): Promise<Refresh> {
  if (await isFresh(replica, today)) return { asOf: today, refreshed: false };
  await ensureFresh(primary, today);
  throw new ReplicaBehind('the replica’s precomputed figures are older than the ledger');
}

/**
 * Refreshes what is stale, under the refresh lock. A reader that finds the lock taken serves today's
 * rows as they stand (`pending`) instead of queueing on it with a pooled connection; one that had to
 * wait (rows of another day) finds nothing left to do and is served by the refresh it waited for.
 * Without this, under steady edits every waiting reader rebuilt the whole city in turn until the pool
 * ran dry (the load bench, docs/benchmarks.md "Load").
 */
async function refreshStale(db: Db, today: string): Promise<Refresh> {
  return db.transaction().execute(async (tx) => {
    // Rows of today are served while another refresh runs; rows of another day are waited for.
    if (!(await tryLockRefresh(tx))) {
      if ((await coverageState(tx)).as_of === today) return { asOf: today, refreshed: false, pending: true };
      await lockRefresh(tx);
    }
    if (await isFresh(tx, today)) return { asOf: today, refreshed: false };
    const version = await sourceVersion(tx);
    const state = await coverageState(tx);
    const ids = await takeMarks(tx, FULL_REBUILD_MARKS);
    const defs = DEFS();
    if (state.as_of !== today || ids === null) {
      await replaceCoverageRows(tx, today, version, defs);
      return { asOf: today, refreshed: true, mode: 'full' as const };
    }
    await replaceCoverageRowsOf(tx, today, ids, defs);
    await tx.updateTable('coverage_state').set({ source_version: version, refreshed_at: new Date() }).where('id', '=', 1).execute();
    return { asOf: today, refreshed: true, mode: 'incremental' as const };
  });
}

const DEFS = () => { const d = metricDefs(DEFAULT_THRESHOLDS); return METRIC_IDS.map((id) => d[id]); };

/**
 * A full rebuild whatever the marks say (the demo, benches, after a restore). The marks go first:
 * the rows, read after, include every change they named.
 */
export async function refreshCoverage(db: Db, today = todayInChina()): Promise<Refresh> {
  await db.transaction().execute(async (tx) => {
    await lockRefresh(tx);
    await clearMarks(tx);
    await replaceCoverageRows(tx, today, await sourceVersion(tx), DEFS());
  });
  return { asOf: today, refreshed: true, mode: 'full' };
}
