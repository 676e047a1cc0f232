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

/** /proc/PID/stat's fields after the parenthesised name ([1] ppid, [11] utime, [12] stime), or null. */
function procStat(pid: number | string): string[] | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null; // gone, or not a process of this machine
  }
}

const cpuTicks = (f: string[]) => Number(f[11]) + Number(f[12]);

export async function serverCpuSampler(client: pg.Client): Promise<(() => number) | null> {
  if (process.platform !== 'linux') return null;
  const backend = Number((await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid);
  if (!procStat(backend)) return null;
  return () => {
    const f = procStat(backend);
    return f ? cpuTicks(f) / TICKS : 0;
  };
}

/**
 * CPU seconds so far of every client backend of `client`'s database on a local server (process
 * titles name the database): the import's own connections, whichever the pool gave it. A backend
 * that ended in between is not counted (errs low). Null where /proc does not show the server.
 */
export async function databaseCpuSampler(client: pg.Client): Promise<(() => number) | null> {
  if (process.platform !== 'linux') return null;
  const r = (await client.query<{ pid: number; db: string }>('SELECT pg_backend_pid() AS pid, current_database() AS db')).rows[0]!;
  const own = procStat(r.pid);
  if (!own) return null;
  const postmaster = own[1];
  const title = ` ${r.db} `;
  return () => {
    let ticks = 0;
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const f = procStat(entry);
      if (!f || f[1] !== postmaster) continue;
      let cmd = '';
      try {
        cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      } catch {
        continue;
      }
      if (cmd.includes(title)) ticks += cpuTicks(f);
    }
    return ticks / TICKS;
  };
}
