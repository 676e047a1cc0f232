import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The app server as a child process (bench/load/server-main.ts): its address, RSS, and two ways to end it. */
export type ServerProcess = { base: string; pid: number; rssMb(): number; alive(): boolean; stderrTail(): string; kill9(): Promise<void>; stop(): Promise<void> };

const MAIN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'server-main.ts');

export type ServerEnv = { databaseUrl: string; dataDir: string; keys: string };

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

export function startServer(env: ServerEnv): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env, DATABASE_URL: env.databaseUrl, DATA_DIR: env.dataDir, LX_KEYS: env.keys, PORT: '0', LOG_LEVEL: 'silent',
      // 200 virtual users sign in from one loopback address: the per-address sign-in limit (10 a minute) would refuse them.
      LX_SIGN_IN_RATE_LIMIT: '100000', LX_REQUIRE_TOTP_FOR_ADMINS: 'false', NODE_ENV: 'production',
    },
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /LISTENING (\d+)/.exec(out);
      if (!m) return;
      child.stdout!.off('data', onData);
      child.stdout!.resume();
      const pid = child.pid!;
      resolve({
        base: `http://127.0.0.1:${m[1]}`,
        pid,
        alive: () => child.exitCode === null && child.signalCode === null,
        stderrTail: () => err,
        rssMb() {
          const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
          return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
        },
        async kill9() {
          child.kill('SIGKILL');
          await exited(child);
        },
        async stop() {
          child.kill('SIGTERM');
          await exited(child);
        },
      });
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${err}`)));
  });
}
