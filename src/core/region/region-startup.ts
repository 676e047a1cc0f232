import type { Database } from '../../db/database.js';
import { systemActor } from '../access/actor.js';
import { loadRegions } from './region-load.service.js';
import { countRegions, readDictionaryMark } from './region.repository.js';

/**
 * The region dictionary's state while the server runs. A fresh install serves at once and loads
 * the dictionary in the background, in the server's own process (a PGlite directory must never
 * be opened by a second one); until it is complete the web UI and /api/health show the progress
 * and region-dependent requests answer 503 REGIONS_LOADING (src/api/plugins/regions-loading.ts).
 */
export type RegionDictionaryState = {
  state: 'ready' | 'loading' | 'failed';
  /** 0–100; 100 only when ready. */
  percent: number;
  rows: number;
  /** For people: "区划字典加载中 37%", "区划字典已就绪", or why it failed. */
  message: string;
};

export type RegionDictionary = {
  current(): RegionDictionaryState;
  /** Resolves when the load ends (at once when nothing was to load); never rejects. */
  settled: Promise<void>;
  /** Server shutdown: stop after the chunk in progress (the next start finishes the load). */
  stop(): Promise<void>;
};

const READY: RegionDictionaryState = { state: 'ready', percent: 100, rows: 0, message: '区划字典已就绪' };

export const readyRegionDictionary = (): RegionDictionary => ({ current: () => READY, settled: Promise.resolve(), stop: () => Promise.resolve() });

/** Why load: an empty table ('first'), or a load that was started and never marked complete ('resume'). */
async function needsLoad(database: Database): Promise<'first' | 'resume' | null> {
  const mark = await readDictionaryMark(database.db);
  if (mark) return mark.complete ? null : 'resume';
  return (await countRegions(database.db)) === 0 ? 'first' : null; // a dictionary loaded before the mark existed
}

/**
 * Called by the server after migrations. Returns at once; the load (when needed) runs in the
 * background and reports through `current()` and `log` (one line per 10 %).
 */
export async function startRegionDictionary(
  database: Database,
  scope: string[],
  log: (line: string) => void,
  /** Start loading only once this resolves: the server first listens, so its first answers do not queue behind a chunk. */
  after: Promise<unknown> = Promise.resolve(),
): Promise<RegionDictionary> {
  const why = await needsLoad(database);
  if (!why) return readyRegionDictionary();
  let state: RegionDictionaryState = { state: 'loading', percent: 0, rows: 0, message: '区划字典加载中 0%' };
  let shown = 0;
  const what = `${scope.length ? '范围 ' + scope.join(',') : '全国'}`;
  log(`${why === 'first' ? '首次启动：正在后台载入区划字典' : '继续载入上次未完成的区划字典'}（${what}），服务已可使用，涉及区划的功能稍候可用`);
  const abort = new AbortController();
  const aborted = new Promise<void>((resolve) => abort.signal.addEventListener('abort', () => resolve(), { once: true }));
  // A stop before the server listened must not wait for a listen that will never come.
  const settled = Promise.race([after, aborted]).then(() => loadRegions(database, systemActor('system'), {
    scope,
    signal: abort.signal,
    onProgress: (p) => {
      // Capped at 99 until the last chunk has committed: 100 % means usable.
      const percent = Math.min(99, Math.floor((p.bytesRead / p.totalBytes) * 100));
      state = { state: 'loading', percent, rows: p.rows, message: `区划字典加载中 ${percent}%` };
      if (percent >= shown + 10) {
        shown = percent - (percent % 10);
        log(`  区划字典 ${shown}%（${p.rows} 条）`);
      }
    },
  })).then(
    (r) => {
      state = { state: 'ready', percent: 100, rows: r.staged, message: '区划字典已就绪' };
      log(`区划字典已载入 ${r.staged} 条（新增 ${r.inserted}），用时 ${(r.ms / 1000).toFixed(1)} 秒`);
    },
    (err: unknown) => {
      if (abort.signal.aborted) {
        log(`区划字典载入已暂停（${state.rows} 条），下次启动时继续`);
        return;
      }
      const reason = err instanceof Error ? err.message : String(err);
      state = { state: 'failed', percent: state.percent, rows: state.rows, message: `区划字典加载失败：${reason}。请重启服务，将从中断处继续` };
      log(state.message);
    },
  );
  return {
    current: () => state,
    settled,
    stop: () => {
      abort.abort();
      return settled;
    },
  };
}
