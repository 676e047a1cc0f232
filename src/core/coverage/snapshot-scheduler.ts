import type { Db } from '../../db/schema.js';
import { ensurePreviousMonthSnapshot } from './snapshot.service.js';

/**
 * In-process month-end job: on server start and then hourly, take the previous month's snapshot if
 * it is missing. Idempotent (a second server or a restart finds it taken), so no external cron.
 */
export function startSnapshotScheduler(db: Db, log: (msg: string) => void, everyMs = 3_600_000): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const r = await ensurePreviousMonthSnapshot(db);
      if (r) log(`已生成 ${r.period} 月末覆盖快照（${r.rows} 项）`);
    } catch (err) {
      log(`月末快照生成失败：${err instanceof Error ? err.message : String(err)}`);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
