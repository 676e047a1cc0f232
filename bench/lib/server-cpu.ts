import fs from 'node:fs';
import type pg from 'pg';

/**
 * CPU seconds the server process serving `client` has used so far (its backend: utime + stime from
 * /proc; Linux and a local server only, else null). Used to turn a wall-clock floor into the CPU it
 * needed: on a machine of N cores an importer that must also do that much work in Node cannot
 * finish before (Node work + the floor's server CPU) ÷ N. Only the backend is counted — not a
 * parallel index build's workers, nor the checkpointer or autovacuum, whose share of a window is
 * not the floor's alone — so the figure errs low, and a bound built on it errs generous.
 */
const TICKS = 100; // USER_HZ on Linux

export async function serverCpuSampler(client: pg.Client): Promise<(() => number) | null> {
  if (process.platform !== 'linux') return null;
  const backend = Number((await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid);
  const read = (): number | null => {
    try {
      const text = fs.readFileSync(`/proc/${backend}/stat`, 'utf8');
      // Fields after the parenthesised name: [11] utime, [12] stime.
      const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
      return (Number(f[11]) + Number(f[12])) / TICKS;
    } catch {
      return null; // not a process of this machine
    }
  };
  if (read() === null) return null;
  return () => read() ?? 0;
}
