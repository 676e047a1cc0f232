import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliDatabase } from '../helpers/cli-database.js';
import { testEngine } from '../helpers/db.js';

/** `liangxin export enterprises --region` refuses a code that names no region, as the API does, instead of writing an empty file. */
describe(`liangxin export enterprises --region on ${testEngine()}`, () => {
  const { dataDir, prepare, cli, cleanup } = cliDatabase('export-cli');
  afterAll(cleanup);

  it('answers UNKNOWN_REGION for an unknown code and writes no file; a known code exports', async () => {
    await prepare(async (database) => {
      await database.db.insertInto('region').values([
        { code: '440000000000', level: 1, name: '广东省', parent_code: null, prefix: '44' },
        { code: '440300000000', level: 2, name: '深圳市', parent_code: '440000000000', prefix: '4403' },
        { code: '440305000000', level: 3, name: '南山区', parent_code: '440300000000', prefix: '440305' },
      ]).execute();
    });
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
