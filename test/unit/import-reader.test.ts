import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { openEnterpriseFile, type RowItem, type ReadOptions } from '../../src/core/import/read-enterprise-file.js';
import { hashFacts } from '../../src/core/import/row-to-facts.js';
import { AppError } from '../../src/domain/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'lx-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = (content: string | Buffer, ext = 'csv') => {
  const path = join(dir, `f${n++}.${ext}`);
  writeFileSync(path, content);
  return path;
};

async function readAll(path: string, opts?: ReadOptions) {
  const opened = await openEnterpriseFile(path, { today: '2025-06-30', ...opts });
  const items: RowItem[] = [];
  for await (const item of opened.items) if (item.kind !== 'skipped') items.push(item);
  return { header: opened.header, items, rows: items.filter((i) => i.kind === 'row'), rejected: items.filter((i) => i.kind === 'rejected') };
}

async function refusal(path: string, opts?: ReadOptions): Promise<AppError> {
  try {
    await openEnterpriseFile(path, opts);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

const VALID = ['91110105MA01H8T23X', '91110000600037341L', '81440305MA7Q2K5W2C', '91110108MA01H02110'];

describe('CSV', () => {
  it('reads GB18030 with title rows above the header, keeping Excel row numbers', async () => {
    const text = [
      '朝阳区非公企业名录,,,,',
      '制表日期：2024年12月31日,,,,',
      '序号,统一社会信用代码,企业名称,成立日期,登记状态,从业人数（人）,注册资本（万元）',
      `1,${VALID[0]},北京某某科技有限公司,2019年3月1日,"存续（在营、开业、在册）",50人,100`,
      `2,${VALID[1]},北京某某(商贸)有限公司,20190301,吊销，未注销,"1,200",1000000元`,
    ].join('\r\n');
    const { header, rows, rejected } = await readAll(file(iconv.encode(text, 'gb18030')));
    expect(header).toMatchObject({ headerRow: 3, format: 'csv', encoding: 'gb18030', unmapped: ['序号'] });
    expect(header.mapped['统一社会信用代码']).toBe('creditCode');
    expect(rejected).toEqual([]);
    expect(rows.map((r) => r.row)).toEqual([4, 5]);
    const [a, b] = rows.map((r) => (r.kind === 'row' ? r.facts : null));
    expect(a).toMatchObject({ creditCode: VALID[0], foundedOn: '2019-03-01', operatingStatus: 'active', employeeCount: 50, registeredCapital: '100' });
    expect(b).toMatchObject({ name: '北京某某（商贸）有限公司', operatingStatus: 'revoked', employeeCount: 1200, registeredCapital: '100' });
  });

  it('reads UTF-8 with BOM: the BOM is not part of the first header', async () => {
    const { header, rows } = await readAll(file(`\uFEFF统一社会信用代码,企业名称\n${VALID[0]},某公司\n`));
    expect(header).toMatchObject({ headerRow: 1, encoding: 'utf-8-bom', headers: ['统一社会信用代码', '企业名称'] });
    expect(rows).toHaveLength(1);
  });

  it('normalises full-width codes, quoted commas and line breaks, and skips empty rows', async () => {
    const text = `企业名称,信用代码,住所\n"某某,有限公司",９１１１０１０５ｍａ０１Ｈ８Ｔ２３Ｘ,"北京市\n朝阳区 ""一号"""\n,,\n\n某二公司,${VALID[1]},\n`;
    const { rows, rejected } = await readAll(file(text));
    expect(rejected).toEqual([]);
    expect(rows.map((r) => r.row)).toEqual([2, 5]);
    const first = rows[0].kind === 'row' ? rows[0].facts : null;
    expect(first).toMatchObject({ name: '某某,有限公司', creditCode: VALID[0], address: '北京市 朝阳区 "一号"' });
  });

  it('reads tab-separated text', async () => {
    const { rows } = await readAll(file(`统一社会信用代码\t企业名称\t成立日期\n${VALID[2]}\t某工会\t2020/1/2\n`, 'txt'));
    expect(rows[0]).toMatchObject({ kind: 'row', facts: { creditCode: VALID[2], name: '某工会', foundedOn: '2020-01-02' } });
  });

  it('rejects invalid rows with every error, its row number and the header as written', async () => {
    const text = [
      '统一社会信用代码,企业名称,成立日期,从业人数,登记状态,企业规模',
      '91110105MA01H8T24X,坏公司,2019-02-30,约50,清算中,巨型',
      ',无代码公司,,,,',
      `${VALID[0]},,2030-01-01,,,`,
    ].join('\n');
    const { rows, rejected } = await readAll(file(text));
    expect(rows).toEqual([]);
    const codes = rejected.map((r) => (r.kind === 'rejected' ? r.errors.map((e) => [e.row, e.column, e.code]) : []));
    expect(codes).toEqual([
      [
        [2, '统一社会信用代码', 'CREDIT_CODE_CHECK'],
        [2, '成立日期', 'DATE_INVALID'],
        [2, '从业人数', 'COUNT_INVALID'],
        [2, '登记状态', 'STATUS_UNKNOWN'],
        [2, '企业规模', 'SIZE_CLASS_UNKNOWN'],
      ],
      [[3, '统一社会信用代码', 'REQUIRED']],
      [
        [4, '成立日期', 'DATE_INVALID'],
        [4, '企业名称', 'REQUIRED'],
      ],
    ]);
    expect(rejected[0].raw).toEqual(['91110105MA01H8T24X', '坏公司', '2019-02-30', '约50', '清算中', '巨型']);
  });

  it('passes warnings along with accepted rows', async () => {
    const { rows } = await readAll(file(`统一社会信用代码,企业名称,注册资本\n91110105MA01H8T241,某公司,50万美元\n`));
    const r = rows[0];
    expect(r.kind === 'row' && r.warnings.map((w) => w.code)).toEqual(['ORG_CODE_CHECK', 'CAPITAL_CURRENCY']);
  });

  it('applies a saved mapping: a custom header and an ignored column', async () => {
    const text = `企业名号,代码号,住所,备注\n某公司,${VALID[0]},北京,x\n`;
    expect((await refusal(file(text))).code).toBe('FILE_NO_HEADER');
    const { header, rows } = await readAll(file(text), { mapping: { 企业名号: 'name', 代码号: 'creditCode', 住所: 'ignore' } });
    expect(header.mapped).toEqual({ 企业名号: 'name', 代码号: 'creditCode' });
    expect(header.unmapped).toEqual(['备注']);
    expect(rows[0]).toMatchObject({ facts: { name: '某公司', address: null } });
  });

  it('reads 元 capital columns in 元', async () => {
    const { rows } = await readAll(file(`统一社会信用代码,企业名称,注册资本(元)\n${VALID[0]},某公司,500000\n`));
    expect(rows[0]).toMatchObject({ facts: { registeredCapital: '50' } });
  });

  it('rejects rows whose bytes do not decode, beyond the sampled head', async () => {
    const head = `统一社会信用代码,企业名称\n${`${VALID[0]},某公司\n`.repeat(40_000)}`;
    const path = file(Buffer.concat([Buffer.from(head), Buffer.from(`${VALID[1]},坏`), Buffer.from([0xff, 0xfe]), Buffer.from('\n')]));
    const { rows, rejected, header } = await readAll(path);
    expect(header.encoding).toBe('utf-8');
    expect(rows).toHaveLength(40_000);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ row: 40_002, errors: [{ code: 'ENCODING_INVALID', column: '企业名称' }] });
  });

  it('reports byte progress up to the file size', async () => {
    const path = file(`统一社会信用代码,企业名称\n${VALID[0]},某公司\n`);
    const seen: Array<[number, number]> = [];
    await readAll(path, { onProgress: (a, b) => seen.push([a, b]) });
    const last = seen.at(-1);
    expect(last?.[0]).toBe(last?.[1]);
    expect(last?.[1]).toBeGreaterThan(0);
  });
});

describe('refused files (nothing is yielded)', () => {
  it.each<[string, () => string, string]>([
    ['empty file', () => file(''), 'FILE_EMPTY'],
    ['legacy .xls signature', () => file(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), 'xls'), 'FILE_UNSUPPORTED'],
    ['PNG named .csv', () => file(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'csv'), 'FILE_UNSUPPORTED'],
    ['no header in the first rows', () => file('某区企业名录\n甲,乙,丙\n1,2,3\n'), 'FILE_NO_HEADER'],
    ['header without the name column', () => file(`统一社会信用代码,住所\n${VALID[0]},北京\n`), 'FILE_NO_HEADER'],
    ['undecodable bytes', () => file(Buffer.from([0x61, 0x2c, 0xff, 0xff, 0x0a, 0x80, 0x0a])), 'FILE_UNDECODABLE'],
    ['corrupt xlsx', () => file(Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7), Buffer.from('xl/workbook.xml')]), 'xlsx'), 'FILE_UNSUPPORTED'],
  ])('%s → %s', async (_name, make, code) => {
    const err = await refusal(make());
    expect(err.code).toBe(code);
    expect(err.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('names the missing column', async () => {
    const err = await refusal(file(`统一社会信用代码,住所\n${VALID[0]},北京\n`));
    expect(err.message).toContain('企业名称');
    expect(err.details[0]).toMatchObject({ row: 1, column: '企业名称', code: 'COLUMN_MISSING' });
  });
});
