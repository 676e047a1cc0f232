import type { Database } from '../../db/database.js';
import { exposition, type Family } from './exposition.js';
import type { HttpMetrics } from './http-metrics.js';
import { auditHead, importBatchCounts, newestAnchor, newestSnapshot } from './ops.repository.js';

/** A scrape never waits long on a busy embedded database (its one connection may be in an import). */
export const METRICS_DB_TIMEOUT_MS = 2_000;

export function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`timeout after ${ms} ms`)), ms); });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** The end of a `YYYY-MM` month, as the instant its snapshot describes (UTC+8 is China's one zone). */
export function monthEnd(period: string): Date {
  const [y, m] = period.split('-').map(Number);
  return new Date(Date.UTC(y, m, 1) - 8 * 3_600_000);
}

const ageSeconds = (at: Date | null, now: number) => (at ? Math.max(0, (now - at.getTime()) / 1000) : NaN);

async function databaseFamilies(database: Database, now: number): Promise<Family[]> {
  const db = database.db;
  const [imports, snapshot, head, anchor] = await Promise.all([importBatchCounts(db), newestSnapshot(db), auditHead(db), newestAnchor(db)]);
  const rowSamples = imports.flatMap((b) => (['created', 'updated', 'unchanged', 'rejected'] as const)
    .map((outcome) => ({ labels: { kind: b.kind, state: b.status, outcome }, value: b[outcome] })));
  return [
    { name: 'lx_import_batches', help: 'Import batches by kind and state (running, completed, failed, dry_run)', type: 'gauge', samples: imports.map((b) => ({ labels: { kind: b.kind, state: b.status }, value: b.batches })) },
    { name: 'lx_import_rows', help: 'Rows of import batches by kind, state and outcome', type: 'gauge', samples: rowSamples },
    {
      name: 'lx_coverage_snapshot_age_seconds', help: 'Seconds since the end of the newest month with a month-end coverage snapshot (NaN: none yet)', type: 'gauge',
      samples: [{ value: snapshot ? ageSeconds(monthEnd(snapshot.period), now) : NaN }],
    },
    { name: 'lx_coverage_snapshot_computed_age_seconds', help: 'Seconds since the newest month-end snapshot was computed', type: 'gauge', samples: [{ value: ageSeconds(snapshot?.computedAt ?? null, now) }] },
    { name: 'lx_audit_chain_head_seq', help: 'Sequence number of the newest audit entry (the chain head)', type: 'gauge', samples: [{ value: head?.seq ?? 0 }] },
    { name: 'lx_audit_chain_head_age_seconds', help: 'Seconds since the newest audit entry was written', type: 'gauge', samples: [{ value: ageSeconds(head?.at ?? null, now) }] },
    { name: 'lx_audit_anchor_age_seconds', help: 'Seconds since the chain head was last signed (liangxin audit anchor; NaN: never)', type: 'gauge', samples: [{ value: ageSeconds(anchor, now) }] },
  ];
}

/** The whole /metrics page: requests and process from memory, pool from the driver, the rest from the database. */
export async function metricsText(database: Database, http: HttpMetrics, now = Date.now()): Promise<string> {
  const pool = database.poolStats();
  const families: Family[] = [...http.families()];
  families.push(
    { name: 'lx_db_pool_connections', help: 'Database pool connections by state (in_use = total - idle)', type: 'gauge', samples: [
      { labels: { state: 'total' }, value: pool.total }, { labels: { state: 'idle' }, value: pool.idle },
      { labels: { state: 'in_use' }, value: pool.total - pool.idle }, { labels: { state: 'waiting' }, value: pool.waiting },
    ] },
    { name: 'lx_db_pool_max', help: 'Largest pool size (1 on the embedded database)', type: 'gauge', samples: [{ labels: { engine: database.engine }, value: pool.max }] },
  );
  const started = performance.now();
  let up = 1;
  try {
    families.push(...await withTimeout(databaseFamilies(database, now), METRICS_DB_TIMEOUT_MS));
  } catch {
    up = 0; // the figures that need the database are left out of this scrape, not reported as zero
  }
  families.push(
    { name: 'lx_db_up', help: 'Whether the database answered this scrape in time', type: 'gauge', samples: [{ value: up }] },
    { name: 'lx_metrics_scrape_seconds', help: 'Time the database part of this scrape took', type: 'gauge', samples: [{ value: (performance.now() - started) / 1000 }] },
  );
  return exposition(families);
}
