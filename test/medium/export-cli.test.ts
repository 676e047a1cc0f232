import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { testEngine } from '../helpers/db.js';

/** `liangxin export enterprises --region` refuses a code that names no region, as the API does, instead of writing an empty file. */
describe(`liangxin export enterprises --region on ${testEngine()}`, () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-export-cli-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  async function databaseUrl(): Promise<string | undefined> {
    const admin = inject('pgUrl');
    if (!admin) return undefined;
    const name = `lx_cli_${crypto.randomBytes(6).toString('hex')}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    return admin.replace(/\/postgres$/, `/${name}`);
  }

  it('answers UNKNOWN_REGION for an unknown code and writes no file; a known code exports', async () => {
    const url = await databaseUrl();
    const database = await openDatabase(url ? { databaseUrl: url } : { dataDir });
    try {
      await migrate(database.db);
      await database.db.insertInto('region').values([
        { code: '440000000000', level: 1, name: '广东省', parent_code: null, prefix: '44' },
        { code: '440300000000', level: 2, name: '深圳市', parent_code: '440000000000', prefix: '4403' },
        { code: '440305000000', level: 3, name: '南山区', parent_code: '440300000000', prefix: '440305' },
      ]).execute();
    } finally {
      await database.close();
    }
    const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: url ?? '', LX_KEYS: '', LX_KEY_FILE: '', LX_REGION_SCOPE: '44' };
    const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], { env, encoding: 'utf8' });
    const bad = path.join(dataDir, 'bad.xlsx');
    const refused = cli('export', 'enterprises', '--region', '440305999', '--out', bad, '--json');
    expect(refused.status, refused.stdout + refused.stderr).toBe(2);
    expect(refused.stdout + refused.stderr).toContain('区划代码 440305999 不存在');
    expect(refused.stdout + refused.stderr).toContain('UNKNOWN_REGION');
    expect(fs.existsSync(bad)).toBe(false);
    const good = path.join(dataDir, 'good.xlsx');
    const exported = cli('export', 'enterprises', '--region', '440305', '--out', good, '--json');
    expect(exported.status, exported.stderr).toBe(0);
    expect(JSON.parse(exported.stdout.trim().split('\n').at(-1)!)).toMatchObject({ rows: 0 });
    expect(fs.existsSync(good)).toBe(true);
  });
});
