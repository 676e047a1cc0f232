import type { Database } from '../../db/database.js';
import { copyLine } from '../../db/copy.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { readDivisions } from './division-source.js';
import { nameInitials } from './initials.js';
import { createStage, dropStage, mergeStage, readDictionaryMark, truncateStage, writeDictionaryMark } from './region.repository.js';

export type RegionLoadProgress = { phase: 'write'; bytesRead: number; totalBytes: number; rows: number };
export type RegionLoadResult = { scope: string[]; staged: number; inserted: number; updated: number; unchanged: number; ms: number };

/** "44, 4403" → ["44", "4403"]; each prefix must be 2–12 digits. */
export function parseRegionScope(text: string | string[] | undefined): string[] {
  const parts = (Array.isArray(text) ? text : (text ?? '').split(',')).map((s) => s.trim()).filter(Boolean);
  const bad = parts.filter((p) => !/^\d{2,12}$/.test(p));
  if (bad.length) {
    throw new AppError('VALIDATION_FAILED', `区划范围必须是2至12位数字的区划代码前缀：${bad.join('、')}`, bad.map((p) => ({ field: 'scope', code: 'REGION_SCOPE', message: p })));
  }
  return [...new Set(parts)];
}

/** Rows per COPY + merge: small enough that a request on PGlite's one backend waits well under a second. */
export const REGION_CHUNK_ROWS = 5_000;

/**
 * Loads the division tree (or the part inside `scope` and its ancestors) into `region`, in chunks
 * of REGION_CHUNK_ROWS in level order (parents first): each chunk is COPYed into a private staging
 * table and merged by one upsert that skips identical rows, in its own transaction. Chunks let the
 * server answer other requests while it loads in the background (PGlite runs one statement at a
 * time). Each chunk's transaction also moves the dictionary mark (app_setting) with the running
 * counts, so a load cut short keeps what it merged and the load that finishes it — the last chunk
 * marks the dictionary complete — audits the whole load once, as `region.load` with the totals.
 * Re-loading the same data changes nothing and records no audit event.
 */
export async function loadRegions(
  database: Database,
  actor: Actor,
  opts: { scope?: string[]; onProgress?: (p: RegionLoadProgress) => void; chunkRows?: number; signal?: AbortSignal } = {},
): Promise<RegionLoadResult> {
  const started = Date.now();
  const scope = parseRegionScope(opts.scope ?? []);
  const chunkRows = opts.chunkRows ?? REGION_CHUNK_ROWS;
  const before = await readDictionaryMark(database.db);
  // A load cut short left its counts in the mark: the audit of the load that completes it includes them.
  const carried = before && !before.complete ? { inserted: before.inserted ?? 0, updated: before.updated ?? 0 } : { inserted: 0, updated: 0 };
  const stage = await createStage(database.db);
  const total = { inserted: 0, updated: 0, staged: 0 };
  let bytes = { read: 0, total: 1 };
  const flush = async (lines: string[], last: boolean) => {
    // Stopping between chunks leaves a consistent dictionary that the next load finishes.
    opts.signal?.throwIfAborted();
    if (lines.length) await database.copyLines(stage, ['code', 'level', 'name', 'parent_code', 'initials', 'prefix'], lines);
    await database.db.transaction().execute(async (tx) => {
      const m = await mergeStage(tx, stage);
      await truncateStage(tx, stage);
      total.inserted += m.inserted;
      total.updated += m.updated;
      total.staged += m.staged;
      const inserted = carried.inserted + total.inserted;
      const updated = carried.updated + total.updated;
      if (m.inserted + m.updated > 0 || last) {
        await writeDictionaryMark(tx, { complete: last, scope, at: new Date().toISOString(), inserted, updated });
      }
      if (last && inserted + updated > 0) {
        await recordAudit(tx, actor, { action: 'region.load', entity: 'region', after: { scope, inserted, updated, staged: total.staged } });
      }
    });
    opts.onProgress?.({ phase: 'write', bytesRead: bytes.read, totalBytes: bytes.total, rows: total.staged });
  };
  try {
    let batch: string[] = [];
    for await (const r of readDivisions(scope, (read, all) => { bytes = { read, total: all }; })) {
      batch.push(copyLine([r.code, r.level, r.name, r.parentCode, nameInitials(r.name), r.prefix]));
      if (batch.length >= chunkRows) {
        await flush(batch, false);
        batch = [];
      }
    }
    await flush(batch, true);
    return { scope, ...total, unchanged: total.staged - total.inserted - total.updated, ms: Date.now() - started };
  } finally {
    await dropStage(database.db, stage);
  }
}
