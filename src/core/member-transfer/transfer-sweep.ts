import type { Db } from '../../db/schema.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import { expireOne } from './transfer-rules.js';
import { listOverdue } from './transfer.repository.js';

/**
 * Letters past their last valid day already read as expired everywhere; the sweep writes it down
 * (and audits it) so the stored record says so too. Idempotent; a chunk per transaction.
 */
export async function expireOverdueTransfers(db: Db, on = today()): Promise<number> {
  let n = 0;
  for (;;) {
    const rows = await listOverdue(db, on, 200);
    if (!rows.length) return n;
    const done = await db.transaction().execute(async (tx) => {
      let k = 0;
      for (const r of rows) if (await expireOne(tx, r)) k++;
      return k;
    });
    n += done;
    if (done === 0) return n;
  }
}

/** Daily in-process sweep, started with the server next to the month-end snapshot job. */
export function startTransferSweep(db: Db, log: (msg: string) => void, everyMs = 6 * 3_600_000): () => void {
  const tick = async () => {
    try {
      const n = await expireOverdueTransfers(db);
      if (n) log(`已将 ${n} 份过期未接收的介绍信标记为已过期`);
    } catch (err) {
      log(`介绍信过期处理失败：${err instanceof Error ? err.message : String(err)}`);
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
