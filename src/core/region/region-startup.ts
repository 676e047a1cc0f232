import type { Database } from '../../db/database.js';
import { systemActor } from '../access/actor.js';
import { ensureRegionsLoaded } from './region-load.service.js';

/**
 * Called by the server after migrations: an empty dictionary is loaded once (LX_REGION_SCOPE
 * limits it), printing progress, so a fresh install can place enterprises at once.
 */
export async function ensureRegionsAtStart(database: Database, scope: string[]): Promise<void> {
  let shown = -1;
  const result = await ensureRegionsLoaded(database, systemActor('system'), scope, (p) => {
    const pct = Math.floor((p.bytesRead / p.totalBytes) * 10) * 10;
    if (pct !== shown) {
      shown = pct;
      if (shown === 0) console.log(`首次启动：正在载入区划库（${scope.length ? '范围 ' + scope.join(',') : '全国'}）…`);
      else process.stdout.write(`  ${pct}%${pct === 100 ? '\n' : ''}`);
    }
  });
  if (result) console.log(`区划库已载入 ${result.inserted} 条，用时 ${(result.ms / 1000).toFixed(1)} 秒`);
}
