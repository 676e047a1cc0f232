import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * Starts a throw-away PostgreSQL server for the test run: initdb into a temp dir, loopback only,
 * a random free port. initdb refuses to run as root, so as root it runs as the `postgres` user.
 */
export type PgServer = { url: string; stop(): void };

export function findBin(name: string): string {
  const which = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  if (which) return which;
  const root = '/usr/lib/postgresql';
  if (fs.existsSync(root)) {
    for (const v of fs.readdirSync(root).sort().reverse()) {
      const p = path.join(root, v, 'bin', name);
      if (fs.existsSync(p)) return p;
    }
  }
  throw new Error(`PostgreSQL server binary "${name}" not found: apt-get install postgresql`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export async function startPgServer(): Promise<PgServer> {
  const initdb = findBin('initdb');
  const pgCtl = findBin('pg_ctl');
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-pg-'));
  const dataDir = path.join(dir, 'data');
  const port = await freePort();
  const run = (bin: string, args: string[]) => {
    if (asRoot) {
      fs.chmodSync(dir, 0o777);
      const cmd = [bin, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
      execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', cmd], { stdio: 'pipe' });
    } else {
      execFileSync(bin, args, { stdio: 'pipe' });
    }
  };
  run(initdb, ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const opts = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  run(pgCtl, ['-D', dataDir, '-o', opts, '-l', path.join(dir, 'log'), '-w', 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run(pgCtl, ['-D', dataDir, '-m', 'immediate', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
