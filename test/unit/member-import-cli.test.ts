import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';

/**
 * `liangxin gen members` and `liangxin import members` through the package's bin, as an official
 * runs them: on an embedded database in a fresh DATA_DIR, with the organisation names from a file.
 */
const root = path.resolve('.');
const bin = path.join(root, 'bin', 'liangxin.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-member-cli-'));
const env = { ...process.env, DATA_DIR: path.join(tmp, 'data'), DATABASE_URL: '', LOG_LEVEL: 'silent' };
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const run = (args: string[]) => spawnSync(bin, args, { cwd: tmp, env, encoding: 'utf8', timeout: 240_000 });

describe('liangxin gen members / import members through the bin', { timeout: 600_000 }, () => {
  it('generates a roster, imports it (JSON summary), re-runs unchanged, and refuses a faulty one with an error report', async () => {
    expect(run(['db', 'migrate']).status).toBe(0);
    const database = await openDatabase({ dataDir: env.DATA_DIR });
    for (const name of ['命令行测试第一党支部', '命令行测试第二党支部']) {
      const { id } = await database.db.insertInto('party_org').values({ name, org_type: 'branch', setup_mode: 'standalone' }).returning('id').executeTakeFirstOrThrow();
      await database.db.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
    }
    await database.close();
    fs.writeFileSync(path.join(tmp, 'orgs.txt'), '# 党组织\n命令行测试第一党支部\n命令行测试第二党支部\n');

    const gen = run(['gen', 'members', '--count', '25', '--seed', '4', '--orgs', 'orgs.txt', '--format', 'csv', '--encoding', 'gb18030', '--out', 'roster.csv', '--json']);
    expect(gen.status, gen.stderr).toBe(0);
    expect(JSON.parse(gen.stdout)).toMatchObject({ rows: 25, faults: [], rejectedRows: [] });

    const dry = run(['import', 'members', 'roster.csv', '--dry-run', '--json']);
    expect(dry.status, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, applied: false, rows: 25, created: 25, rejected: 0 });
    const first = run(['import', 'members', 'roster.csv', '--json']);
    const summary = JSON.parse(first.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({ applied: true, created: 25, updated: 0, unchanged: 0, merged: 0, rejected: 0, errors: [], errorsTruncated: false });
    for (const k of ['importId', 'dryRun', 'rows', 'created', 'updated', 'unchanged', 'merged', 'rejected', 'errors', 'errorsTruncated']) expect(summary).toHaveProperty(k);
    const again = run(['import', 'members', 'roster.csv']);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('新增 0，更新 0，未变 25');

    const faulty = run(['gen', 'members', '--count', '50', '--seed', '9', '--org', '命令行测试第一党支部', '--with-faults', '--out', 'faulty.xlsx', '--json']);
    const { rejectedRows } = JSON.parse(faulty.stdout) as { rejectedRows: number[] };
    const refused = run(['import', 'members', 'faulty.xlsx', '--report', 'errors.xlsx']);
    expect(refused.status).toBe(2);
    expect(refused.stdout).toContain(`其中 ${rejectedRows.length} 行未通过校验，整个文件未写入`);
    expect(refused.stdout).toMatch(/第 \d+ 行 公民身份号码：身份证号码校验位不正确/);
    expect(fs.existsSync(path.join(tmp, 'errors.xlsx'))).toBe(true);

    const missing = run(['import', 'members', 'nothing.csv']);
    expect(missing.status).not.toBe(0);
  });
});
