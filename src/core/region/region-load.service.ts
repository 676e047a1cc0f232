import type { Database } from '../../db/database.js';
import { copyLine } from '../../db/copy.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { readDivisions } from './division-source.js';
import { nameInitials } from './initials.js';
import { countRegions, createStage, dropStage, mergeStage } from './region.repository.js';

export type RegionLoadProgress = { phase: 'read' | 'write'; bytesRead: number; totalBytes: number; rows: number };
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

/**
 * Loads the division tree (or the part inside `scope` and its ancestors) into `region`:
 * COPY into a private staging table, then one upsert that skips identical rows. Re-loading the
 * same data changes nothing and records no audit event; a load that changes rows is audited.
 */
export async function loadRegions(
  database: Database,
  actor: Actor,
  opts: { scope?: string[]; onProgress?: (p: RegionLoadProgress) => void } = {},
): Promise<RegionLoadResult> {
  const started = Date.now();
  const scope = parseRegionScope(opts.scope ?? []);
  const stage = await createStage(database.db);
  try {
    let rows = 0;
    const report = (bytesRead: number, totalBytes: number) =>
      opts.onProgress?.({ phase: 'read', bytesRead, totalBytes, rows });
    async function* lines(): AsyncGenerator<string> {
      for await (const r of readDivisions(scope, report)) {
        rows++;
        yield copyLine([r.code, r.level, r.name, r.parentCode, nameInitials(r.name), r.prefix]);
      }
    }
    await database.copyLines(stage, ['code', 'level', 'name', 'parent_code', 'initials', 'prefix'], lines());
    opts.onProgress?.({ phase: 'write', bytesRead: 1, totalBytes: 1, rows });
    const merged = await database.db.transaction().execute(async (tx) => {
      const m = await mergeStage(tx, stage);
      if (m.inserted + m.updated > 0) {
        await recordAudit(tx, actor, {
          action: 'region.load',
          entity: 'region',
          after: { scope, inserted: m.inserted, updated: m.updated, staged: m.staged },
        });
      }
      return m;
    });
    return { scope, ...merged, unchanged: merged.staged - merged.inserted - merged.updated, ms: Date.now() - started };
  } finally {
    await dropStage(database.db, stage);
  }
}

/** At first start: load the dictionary when the table is empty (respecting LX_REGION_SCOPE). */
export async function ensureRegionsLoaded(
  database: Database,
  actor: Actor,
  scope: string[],
  onProgress?: (p: RegionLoadProgress) => void,
): Promise<RegionLoadResult | null> {
  if ((await countRegions(database.db)) > 0) return null;
  return loadRegions(database, actor, { scope, onProgress });
}
