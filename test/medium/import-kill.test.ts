import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { recoverStaleImports } from '../../src/core/import/import-enterprises.service.js';
import { prepareFileImport } from '../../src/core/import/import-file.service.js';
import { DEFAULT_IMPORT_SOURCE } from '../../src/domain/import-source.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { testEngine } from '../helpers/db.js';
import { code, seedRegions } from '../factories/enterprise.js';

/**
 * A real `liangxin import` process is SIGKILLed mid-way; a re-run completes the import with no
 * duplicate enterprises and no duplicate history, and the killed batch is later marked failed.
 */
const ROWS = 6000;
const BATCH = 300;
const KILLED_AFTER = 3;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-kill-'));
const file = path.join(tmp, 'ledger.csv');

async function target(): Promise<{ env: Record<string, string>; open: () => Promise<Database> }> {
  const adminUrl = inject('pgUrl');
  if (!adminUrl) {
    const dataDir = path.join(tmp, 'data');
    return { env: { DATA_DIR: dataDir }, open: () => openDatabase({ dataDir, purpose: 'test' }) };
  }
  const name = `lx_kill_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = adminUrl.replace(/\/postgres$/, `/${name}`);
  return { env: { DATABASE_URL: url }, open: () => openDatabase({ databaseUrl: url }) };
}

/** The killed CLI's node process may linger a moment before it is reaped: wait for its pid to go. */
async function lockHolderGone(dataDir: string | undefined): Promise<void> {
  const lock = dataDir ? path.join(dataDir, 'liangxin.lock') : null;
  for (let i = 0; lock && fs.existsSync(lock) && i < 100; i++) {
    const { pid } = JSON.parse(fs.readFileSync(lock, 'utf8')) as { pid: number };
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Runs the CLI with its crash failpoint: the process SIGKILLs itself right after its third committed
 * batch (LX_FAILPOINT_KILL_AFTER_BATCHES), a real crash at a known point, on either engine.
 */
async function runUntilKilled(env: Record<string, string>): Promise<NodeJS.Signals | null> {
  const child = spawn(path.resolve('node_modules/.bin/tsx'), ['src/cli/index.ts', 'import', 'enterprises', file, '--batch-size', String(BATCH), '--json'],
    { env: { ...process.env, ...env, LOG_LEVEL: 'silent', LX_FAILPOINT_KILL_AFTER_BATCHES: String(KILLED_AFTER) }, stdio: 'ignore', detached: true });
  const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
  // tsx runs the CLI in a child node process: make sure nothing of the group survives.
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
  await lockHolderGone(env.DATA_DIR);
  return signal;
}

describe(`an import killed mid-way on ${testEngine()}`, () => {
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('re-runs to completion with no duplicates', async () => {
    const lines = ['统一社会信用代码,企业名称,属地区划代码'];
    for (let n = 1; n <= ROWS; n++) lines.push(`${code(n)},北京杀进程测试${n}号有限公司,110101001000`);
    fs.writeFileSync(file, lines.join('\n'));
    const t = await target();
    let database = await t.open();
    await migrate(database.db);
    await seedRegions(database.db);
    const isPg = database.engine === 'postgres';
    if (!isPg) await database.close(); // the CLI process must take the PGlite lock
    await runUntilKilled(t.env);
    if (!isPg) database = await t.open(); // the dead process's lock is taken over

    const before = Number((await database.db.selectFrom('enterprise').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(before).toBe(BATCH * KILLED_AFTER); // whole batches only, exactly those committed before the crash
    const prepared = await prepareFileImport(database, systemActor('test'), { path: file, fileName: 'ledger.csv', source: 'kill', dryRun: false });
    const r = await prepared.run();
    expect(r.created + r.unchanged).toBe(ROWS);
    expect(r.unchanged).toBe(before);
    const count = async (table: 'enterprise' | 'enterprise_change') =>
      Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(await count('enterprise')).toBe(ROWS);
    // Every enterprise was created exactly once, by one of the two runs (no history rows for creations).
    expect(await count('enterprise_change')).toBe(0);
    const creators = await database.db.selectFrom('enterprise').select(['created_import_id']).where('created_import_id', 'is not', null)
      .groupBy('created_import_id').select((eb) => eb.fn.countAll().as('n')).execute();
    expect(creators.reduce((s, c) => s + Number(c.n), 0)).toBe(ROWS);

    const killed = await database.db.selectFrom('import_batch').select(['id', 'status']).where('source', '=', DEFAULT_IMPORT_SOURCE).execute();
    if (killed.length) {
      await recoverStaleImports(database.db, -1000);
      const after = await database.db.selectFrom('import_batch').select('status').where('source', '=', DEFAULT_IMPORT_SOURCE).execute();
      expect(after.every((b) => b.status !== 'running')).toBe(true);
    }
    await database.close();
  });
});
