import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findBin, freePort } from '../../test/helpers/pg-server.js';

/**
 * A throw-away PostgreSQL like the tests' (test/helpers/pg-server.ts) that the fault bench can kill
 * with -9 and start again on the same data. Unlike the tests' it keeps synchronous_commit on: a
 * commit is acknowledged only once its WAL is written, which is what "no acknowledged change lost"
 * rests on. fsync stays off — the machine itself does not crash here, only the processes.
 */
export type CrashablePg = { url: string; postmasterPid(): number; kill9(): Promise<void>; start(): Promise<void>; stop(): void };

export async function startCrashablePg(): Promise<CrashablePg> {
  const initdb = findBin('initdb');
  const pgCtl = findBin('pg_ctl');
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-pg-crash-'));
  const dataDir = path.join(dir, 'data');
  const port = await freePort();
  const run = (bin: string, args: string[]) => {
    if (!asRoot) return void execFileSync(bin, args, { stdio: 'pipe' });
    fs.chmodSync(dir, 0o777);
    const cmd = [bin, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', cmd], { stdio: 'pipe' });
  };
  run(initdb, ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const opts = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=off -c synchronous_commit=on -c max_connections=200`;
  const start = async () => {
    // After a kill -9 the old backends notice the postmaster is gone and exit; until they have, the
    // shared memory is still in use and a new postmaster refuses to start.
    for (let attempt = 0; ; attempt++) {
      try {
        return run(pgCtl, ['-D', dataDir, '-o', opts, '-l', path.join(dir, 'log'), '-w', 'start']);
      } catch (err) {
        if (attempt >= 20) throw err;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  };
  await start();
  const postmasterPid = () => Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    postmasterPid,
    async kill9() {
      const pid = postmasterPid();
      process.kill(pid, 'SIGKILL');
      for (let i = 0; i < 100; i++) {
        try {
          process.kill(pid, 0);
        } catch {
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    start,
    stop() {
      try {
        run(pgCtl, ['-D', dataDir, '-m', 'immediate', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
