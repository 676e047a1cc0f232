import type { Db } from '../../db/schema.js';
import { DEFAULT_THRESHOLDS, METRIC_IDS, metricDefs } from '../../domain/metrics.js';
import { todayInChina } from '../../domain/org-terms.js';
import { coverageState, lockRefresh, replaceCoverageRows, sourceVersion } from './coverage.repository.js';

/**
 * Keeps `enterprise_coverage` equal to "the rows as of today". Every statement that changes a
 * coverage source bumps coverage_source_seq (triggers in 0007_coverage.sql); a read compares it
 * with the version the rows were built from and rebuilds them when it moved or the day changed.
 * A rebuild is one INSERT … SELECT plus the per-region sums that unrestricted figures add up (a
 * district: milliseconds; 1M enterprises: seconds — see docs/benchmarks.md). It is derived data,
 * so it is not audited; snapshots are.
 */
export async function ensureFresh(db: Db, today = todayInChina()): Promise<{ asOf: string; refreshed: boolean }> {
  const primary = replicas.get(db);
  if (primary) return replicaFresh(db, primary, today);
  const [state, version] = await Promise.all([coverageState(db), sourceVersion(db)]);
  if (state.as_of === today && String(state.source_version) === version) return { asOf: today, refreshed: false };
  return refreshCoverage(db, today, version);
}

/**
 * A streaming replica (LX_READ_DATABASE_URL) cannot rebuild, and its own coverage_source_seq runs
 * up to 32 values ahead of the primary's (sequences are WAL-logged in advance), so it is compared
 * with the primary's counter instead: rows built from the primary's current version serve as they
 * are; otherwise the primary rebuilds and answers this time (ReplicaBehind), and the replica serves
 * again once the rebuild has replicated.
 */
const replicas = new WeakMap<Db, Db>();
export class ReplicaBehind extends Error {}
export const registerReplica = (replica: Db, primary: Db): void => { replicas.set(replica, primary); };

async function replicaFresh(replica: Db, primary: Db, today: string): Promise<{ asOf: string; refreshed: boolean }> {
  const [state, version] = await Promise.all([coverageState(replica), sourceVersion(primary)]);
  if (state.as_of === today && String(state.source_version) === version) return { asOf: today, refreshed: false };
  await ensureFresh(primary, today);
  throw new ReplicaBehind('the replica’s precomputed figures are older than the ledger');
}

/**
 * Rebuilds (on demand, and from ensureFresh). `seen`: the source version a reader found stale. Readers
 * that queued on the lock behind a rebuild begun after their check are served by it: without this,
 * under steady edits every waiting reader rebuilt the whole city in turn, each holding a pooled
 * connection, until the pool ran dry (the load bench, docs/benchmarks.md "Load").
 */
export async function refreshCoverage(db: Db, today = todayInChina(), seen?: string): Promise<{ asOf: string; refreshed: boolean }> {
  const refreshed = await db.transaction().execute(async (tx) => {
    await lockRefresh(tx);
    if (seen !== undefined) {
      const state = await coverageState(tx);
      if (state.as_of === today && BigInt(state.source_version) >= BigInt(seen)) return false;
    }
    // Read the version BEFORE the rows: a change committed meanwhile leaves the stored version
    // behind the sequence, so the next read rebuilds again instead of missing it.
    const version = await sourceVersion(tx);
    const defs = metricDefs(DEFAULT_THRESHOLDS);
    await replaceCoverageRows(tx, today, version, METRIC_IDS.map((id) => defs[id]));
    return true;
  });
  return { asOf: today, refreshed };
}
