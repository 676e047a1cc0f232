import fs from 'node:fs';
import type pg from 'pg';

/**
 * CPU seconds a local PostgreSQL server has used so far: the postmaster's own and reaped children's
 * times (a parallel index build's workers end before the floor does) plus every live child's
 * (backends, checkpointer, WAL writer). Read from /proc, so Linux only; null elsewhere. Used to turn
 * a wall-clock floor into the CPU it needed: on a machine of N cores an importer that must also do
 * that much work in Node cannot finish before (Node work + server CPU) ÷ N.
 */
const TICKS = 100; // USER_HZ on Linux

function statOf(pid: number): string[] | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: fields start after the last ')'.
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** Fields after the name: [0] state, [1] ppid, … [11] utime, [12] stime, [13] cutime, [14] cstime. */
export async function serverCpuSampler(client: pg.Client): Promise<(() => number) | null> {
  if (process.platform !== 'linux') return null;
  const backend = Number((await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid);
  const own = statOf(backend);
  if (!own) return null; // a remote server
  const postmaster = Number(own[1]);
  return () => {
    let ticks = 0;
    const top = statOf(postmaster);
    if (top) ticks += Number(top[11]) + Number(top[12]) + Number(top[13]) + Number(top[14]);
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const s = statOf(Number(entry));
      if (s && Number(s[1]) === postmaster) ticks += Number(s[11]) + Number(s[12]);
    }
    return ticks / TICKS;
  };
}
