import { afterAll, describe, expect, it } from 'vitest';
import { todayInChina } from '../../src/domain/org-terms.js';
import { cliDatabase } from '../helpers/cli-database.js';
import { testEngine } from '../helpers/db.js';

/** `liangxin report issuer` shows a region's 文号 settings, changes what is given, and refuses a bad 代字 naming the flag. */
describe(`liangxin report issuer on ${testEngine()}`, () => {
  const { prepare, cli, cleanup } = cliDatabase('issuer-cli');
  afterAll(cleanup);

  it('shows the defaults, sets the prefix, refuses a prefix with a year', async () => {
    await prepare(async (database) => {
      await database.db.insertInto('region').values([
        { code: '440000000000', level: 1, name: '广东省', parent_code: null, prefix: '44' },
        { code: '440300000000', level: 2, name: '深圳市', parent_code: '440000000000', prefix: '4403' },
        { code: '440305000000', level: 3, name: '南山区', parent_code: '440300000000', prefix: '440305' },
        { code: '440305001000', level: 4, name: '南头街道', parent_code: '440305000000', prefix: '440305001' },
        { code: '440305002000', level: 4, name: '粤海街道', parent_code: '440305000000', prefix: '440305002' },
      ]).execute();
    });
    const year = todayInChina().slice(0, 4);
    const shown = cli('report', 'issuer', '--region', '440305');
    expect(shown.status, shown.stdout + shown.stderr).toBe(0);
    expect(shown.stdout).toContain('发文机关：中共深圳市南山区委组织部');
    expect(shown.stdout).toContain(`发文字号代字：南组通（下一号：南组通〔${year}〕1号`);
    expect(shown.stdout).toContain('主送：各街道党工委');
    expect(shown.stdout).toContain('抄送：深圳市委组织部');
    const set = cli('report', 'issuer', '--region', '440305', '--prefix', '深南组通', '--copy-to', '');
    expect(set.status, set.stdout + set.stderr).toBe(0);
    expect(set.stdout).toContain(`深南组通〔${year}〕1号`);
    expect(set.stdout).toContain('抄送：无');
    const bad = cli('report', 'issuer', '--region', '440305', '--prefix', '深南组通〔2026〕');
    expect(bad.status).not.toBe(0);
    expect(bad.stdout + bad.stderr).toContain('--prefix');
    expect(bad.stdout + bad.stderr).toContain('代字只写机关代字');
  });
});
