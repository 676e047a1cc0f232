import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { generateKeyringText, parseKeyring } from '../../src/core/crypto/keyring.js';
import { blindIndex, encryptPii } from '../../src/core/crypto/pii-cipher.js';
import { idCheckChar } from '../../src/domain/id-number.js';
import { cliDatabase } from '../helpers/cli-database.js';
import { testEngine } from '../helpers/db.js';

/** `liangxin dues compute` and `liangxin import dues` through the CLI (docs/dues.md). */
const keyText = generateKeyringText();
const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-dues-cli-keys-'));
const keyFile = path.join(keyDir, 'keys.json');
fs.writeFileSync(keyFile, keyText, { mode: 0o600 });
const ID = (b: string) => b + idCheckChar(b);
const LI = ID('44030519800101123');

describe(`liangxin dues on ${testEngine()}`, () => {
  const { prepare, cli, cleanup, dataDir } = cliDatabase('dues-cli', { LX_KEY_FILE: keyFile });
  afterAll(() => { cleanup(); fs.rmSync(keyDir, { recursive: true, force: true }); });

  it('computes a month, refuses a faulty payment file by row, imports a clean one once', { timeout: 600_000 }, async () => {
    let orgId = '';
    await prepare(async (database) => {
      const db = database.db;
      await db.insertInto('region').values([
        { code: '440000000000', level: 1, name: '广东省', parent_code: null, prefix: '44' },
        { code: '440305000000', level: 3, name: '南山区', parent_code: null, prefix: '440305' },
      ]).execute();
      const { id } = await db.insertInto('party_org').values({ name: '南山科技党支部', org_type: 'branch', setup_mode: 'standalone', region_code: '440305000000' }).returning('id').executeTakeFirstOrThrow();
      orgId = id;
      await db.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
      const keyring = parseKeyring(keyText, 'file', keyFile);
      const p = await db.insertInto('person').values({ name: '李红梅', id_number_enc: encryptPii(keyring, LI), key_id: keyring.current, id_number_index: blindIndex(keyring, 'id_number', LI) }).returning('id').executeTakeFirstOrThrow();
      const m = await db.insertInto('party_member').values({ person_id: p.id, org_id: id, category: 'full', joined_on: '2010-07-01' }).returning('id').executeTakeFirstOrThrow();
      await db.insertInto('dues_basis').values({ member_id: m.id, from_month: '2026-10', category: 'employed', base_fen: 800_000 }).execute();
    });
    const computed = cli('dues', 'compute', '--month', '2026-11', '--org', orgId, '--json');
    expect(computed.status, computed.stdout + computed.stderr).toBe(0);
    expect(JSON.parse(computed.stdout)).toMatchObject({ month: '2026-11', rows: 1, orgs: 1 });

    const bad = path.join(dataDir, 'bad.csv');
    fs.writeFileSync(bad, iconv.encode(`姓名,身份证号,金额,缴费日期,所属月份\n李红梅,${LI},120,2026-11-20,2026-11\n李红梅,123,120,2026-11-20,2026-11\n`, 'gbk'));
    const refused = cli('import', 'dues', bad);
    expect(refused.status).toBe(2);
    expect(refused.stdout).toContain('第3行 身份证号');
    // --report: the rejected row back as XLSX, the file's own columns, then 原行号 and 错误原因; nothing written.
    const report = path.join(dataDir, 'errors.xlsx');
    const reported = cli('import', 'dues', bad, '--report', report, '--json');
    expect(reported.status).toBe(2);
    expect(JSON.parse(reported.stdout)).toMatchObject({ rejected: 1, applied: 0 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(report);
    const sheet = wb.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, '姓名', '身份证号', '金额', '缴费日期', '所属月份', '原行号', '错误原因']);
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(6).value).toBe(3);
    expect(String(sheet.getRow(2).getCell(7).value)).toMatch(/^身份证号：/);
    const dryReport = path.join(dataDir, 'errors-dry.xlsx');
    expect(cli('import', 'dues', bad, '--dry-run', '--report', dryReport).stdout).toContain(`错误行已写入 ${dryReport}`);
    expect(fs.existsSync(dryReport)).toBe(true);
    // A clean file writes no report.
    const none = path.join(dataDir, 'none.xlsx');
    const good = path.join(dataDir, 'good.csv');
    fs.writeFileSync(good, iconv.encode(`姓名,身份证号,金额,缴费日期,所属月份\n李红梅,${LI},120,2026-11-20,2026-11\n`, 'gbk'));
    const dry = cli('import', 'dues', good, '--dry-run', '--json', '--report', none);
    expect(fs.existsSync(none)).toBe(false);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, applied: 0, rejected: 0 });
    const first = cli('import', 'dues', good);
    expect(first.status, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toContain('新登记1笔');
    expect(cli('import', 'dues', good).stdout).toContain('已导入过1笔');
  });
});
