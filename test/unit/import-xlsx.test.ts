import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { describeErrors, writeErrorReport } from '../../src/core/import/error-report.js';
import { openEnterpriseFile, type RowItem } from '../../src/core/import/read-enterprise-file.js';
import { hashFacts } from '../../src/core/import/row-to-facts.js';
import { cellText } from '../../src/core/import/xlsx-rows.js';
import { ENTERPRISE_FACT_FIELDS, OPERATING_STATUS_LABEL, SIZE_CLASS_LABEL, type EnterpriseFacts } from '../../src/domain/enterprise-facts.js';

const dir = mkdtempSync(join(tmpdir(), 'lx-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const path = (ext = 'xlsx') => join(dir, `f${n++}.${ext}`);

async function readAll(file: string) {
  const opened = await openEnterpriseFile(file, { today: '2025-06-30' });
  const items: RowItem[] = [];
  for await (const item of opened.items) if (item.kind !== 'skipped') items.push(item);
  return { header: opened.header, items };
}

const VALID = ['91110105MA01H8T23X', '91110000600037341L', '81440305MA7Q2K5W2C'];

describe('XLSX reading', () => {
  it('finds the header under a merged title, keeps Excel row numbers, reads every cell kind', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('企业名录');
    ws.mergeCells('A1:H1');
    ws.getCell('A1').value = '朝阳区非公企业名录（2024年）';
    ws.getRow(2).values = ['序号', '统一社会信用代码', '企业名称', '成立日期', '登记状态', '从业人数（人）', '注册资本（万元）', '是否规模以上'];
    ws.getRow(3).values = [1, VALID[0], { richText: [{ text: '北京某某' }, { text: '(科技)有限公司', font: { bold: true } }] }, new Date(Date.UTC(2019, 2, 1)), '在业', 50, { formula: '50*2', result: 100 }, true];
    // row 4 left blank on purpose
    ws.getRow(5).values = [2, '９１１１００００６０００３７３４１Ｌ', { text: 'B公司', hyperlink: 'https://example.org' }, 43525, '吊销，已注销', '1,200', '1000000元', '否'];
    ws.getRow(6).values = [3, 'BAD', '', '2019-02-30'];
    wb.addWorksheet('说明').getCell('A1').value = '统一社会信用代码';
    const file = path();
    await wb.xlsx.writeFile(file);

    const { header, items } = await readAll(file);
    expect(header).toMatchObject({ headerRow: 2, format: 'xlsx', encoding: null });
    expect(items.map((i) => [i.kind, i.row])).toEqual([
      ['row', 3],
      ['row', 5],
      ['rejected', 6],
    ]);
    expect(items[0]).toMatchObject({
      facts: { creditCode: VALID[0], name: '北京某某（科技）有限公司', foundedOn: '2019-03-01', operatingStatus: 'active', employeeCount: 50, registeredCapital: '100', aboveDesignatedSize: true },
    });
    expect(items[1]).toMatchObject({
      facts: { creditCode: VALID[1], name: 'B公司', foundedOn: '2019-03-01', operatingStatus: 'deregistered', employeeCount: 1200, registeredCapital: '100', aboveDesignatedSize: false },
    });
    const rejected = items[2].kind === 'rejected' ? items[2].errors.map((e) => e.code) : [];
    expect(rejected).toEqual(['CREDIT_CODE_LENGTH', 'DATE_INVALID', 'REQUIRED']);
  });

  it('reads a streamed workbook with shared strings', async () => {
    const file = path();
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['统一社会信用代码', '企业名称']).commit();
    for (let i = 0; i < 1000; i++) ws.addRow([VALID[i % 3], `企业${i % 10}`]).commit();
    ws.commit();
    await wb.commit();
    const seen: number[] = [];
    const opened = await openEnterpriseFile(file, { onProgress: (bytes, total) => seen.push(bytes / total) });
    const items: RowItem[] = [];
    for await (const item of opened.items) if (item.kind !== 'skipped') items.push(item);
    expect(seen.at(-1)).toBe(1); // progress ends at the file size
    expect(items).toHaveLength(1000);
    expect(items.every((i) => i.kind === 'row')).toBe(true);
    expect(items[999]).toMatchObject({ row: 1001, facts: { name: '企业9', creditCode: VALID[0] } });
  });

  // Regression: ExcelJS's streaming reader broke characters split across zlib chunks (U+FFFD in
  // ~1 row of 400); xlsx-rows.ts decodes whole characters. Fails without that patch.
  it.each([true, false])('keeps every Chinese character intact across chunks (shared strings: %s)', async (useSharedStrings) => {
    const file = path();
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings });
    const ws = wb.addWorksheet('台账');
    ws.addRow(['统一社会信用代码', '企业名称', '住所']).commit();
    const rows = 4000;
    for (let i = 0; i < rows; i++) ws.addRow([VALID[i % 3], `北京某某科技有限公司第${i}号分公司`, `北京市朝阳区某某街道某某社区某某路${i}号院`]).commit();
    ws.commit();
    await wb.commit();
    const { items } = await readAll(file);
    expect(items.filter((i) => i.kind === 'rejected')).toEqual([]);
    expect(items).toHaveLength(rows);
    expect(items[rows - 1]).toMatchObject({ facts: { name: `北京某某科技有限公司第${rows - 1}号分公司` } });
  });

  it.each<[unknown, string]>([
    [null, ''],
    ['a', 'a'],
    [12.5, '12.5'],
    [true, 'TRUE'],
    [new Date(Date.UTC(2020, 0, 2)), '2020-01-02'],
    [{ richText: [{ text: 'a' }, { text: 'b' }] }, 'ab'],
    [{ formula: 'A1', result: 'x' }, 'x'],
    [{ sharedFormula: 'A1', result: 3 }, '3'],
    [{ formula: 'A1' }, ''],
    [{ text: 'link', hyperlink: 'http://x' }, 'link'],
    [{ error: '#N/A' }, '#N/A'],
  ])('cellText(%j) = %j', (value, text) => expect(cellText(value)).toBe(text));
});

describe('an exported ledger imports unchanged', () => {
  const facts: EnterpriseFacts[] = [
    {
      creditCode: VALID[0], name: '北京某某（科技）有限公司', ownershipType: '有限责任公司（自然人投资或控股）', legalRepresentative: '张三',
      foundedOn: '2019-03-01', operatingStatus: 'active', address: '北京市朝阳区某路1号', employeeCount: 50, registeredCapital: '100.5',
      industry: '软件和信息技术服务业', sizeClass: 'small', aboveDesignatedSize: true, memberCount: 3, ownerProfile: '党员',
      regionCode: '110105001000', parkName: '中关村科技园', associationName: '朝阳区软件行业协会',
    },
    {
      creditCode: VALID[2], name: '某工会', ownershipType: null, legalRepresentative: null, foundedOn: null, operatingStatus: 'revoked',
      address: null, employeeCount: null, registeredCapital: null, industry: null, sizeClass: null, aboveDesignatedSize: false,
      memberCount: 0, ownerProfile: null, regionCode: null, parkName: null, associationName: null,
    },
  ];
  // The export's cell values, as B's exporter writes them (labels for vocabularies, 是/否).
  const exportCell = (f: EnterpriseFacts, key: keyof EnterpriseFacts): ExcelJS.CellValue => {
    const v = f[key];
    if (v === null) return null;
    if (key === 'operatingStatus') return OPERATING_STATUS_LABEL[f.operatingStatus];
    if (key === 'sizeClass' && f.sizeClass) return SIZE_CLASS_LABEL[f.sizeClass];
    if (typeof v === 'boolean') return v ? '是' : '否';
    return v;
  };

  it('facts and hashes round-trip through the template headers', async () => {
    const file = path();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('企业台账');
    ws.addRow(ENTERPRISE_FACT_FIELDS.map((f) => f.label));
    for (const f of facts) ws.addRow(ENTERPRISE_FACT_FIELDS.map((c) => exportCell(f, c.key)));
    await wb.xlsx.writeFile(file);
    const { header, items } = await readAll(file);
    expect(header.unmapped).toEqual([]);
    expect(Object.keys(header.mapped)).toHaveLength(ENTERPRISE_FACT_FIELDS.length);
    expect(items.map((i) => (i.kind === 'row' ? i.facts : i.errors))).toEqual(facts);
    expect(items.map((i) => (i.kind === 'row' ? i.factsHash : ''))).toEqual(facts.map(hashFacts));
  });

  it('hashFacts ignores key order and sees every fact', () => {
    const [f] = facts;
    const reordered = Object.fromEntries(Object.entries(f).reverse()) as EnterpriseFacts;
    expect(hashFacts(reordered)).toBe(hashFacts(f));
    for (const key of Object.keys(f) as Array<keyof EnterpriseFacts>) {
      const changed = { ...f, [key]: key === 'aboveDesignatedSize' ? null : key === 'employeeCount' || key === 'memberCount' ? 51 : key === 'operatingStatus' ? 'revoked' : null };
      expect(hashFacts(changed), key).not.toBe(hashFacts(f));
    }
  });
});

describe('error report', () => {
  it('writes the original header, the cells, 原行号 and 错误原因', async () => {
    const header = {
      headerRow: 3, headers: ['统一社会信用代码', '企业名称', '成立日期'], mapped: {}, unmapped: [], format: 'csv' as const, encoding: 'utf-8' as const,
    };
    const rejected = [
      { row: 4, raw: ['0012', '坏公司', '2019-02-30'], errors: [
        { row: 4, column: '统一社会信用代码', code: 'CREDIT_CODE_LENGTH', message: '统一社会信用代码应为18位，实际为4位' },
        { row: 4, column: '成立日期', code: 'DATE_INVALID', message: '日期不存在' },
      ] },
      { row: 9, raw: [], errors: [{ row: 9, column: null, code: 'X', message: '整行有误' }] },
    ];
    const file = path();
    async function* stream() {
      yield* rejected;
    }
    expect(await writeErrorReport(file, header, stream())).toBe(2);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const values = wb.worksheets[0].getSheetValues().slice(1).map((r) => (Array.isArray(r) ? r.slice(1) : r));
    expect(values).toEqual([
      ['统一社会信用代码', '企业名称', '成立日期', '原行号', '错误原因'],
      ['0012', '坏公司', '2019-02-30', 4, '统一社会信用代码：统一社会信用代码应为18位，实际为4位；成立日期：日期不存在'],
      [undefined, undefined, undefined, 9, '整行有误'], // ExcelJS leaves empty text cells out
    ]);
  });

  it('a re-imported report does not stack its own columns', async () => {
    const header = { headerRow: 1, headers: ['企业名称', '原行号', '错误原因'], mapped: {}, unmapped: [], format: 'xlsx' as const, encoding: null };
    const file = path();
    await writeErrorReport(file, header, [{ row: 2, raw: ['某', '7', '旧原因'], errors: [{ row: 2, column: '企业名称', code: 'Y', message: '新原因' }] }]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets[0].getRow(1).values).toEqual([undefined, '企业名称', '原行号', '错误原因']);
    expect(wb.worksheets[0].getRow(2).values).toEqual([undefined, '某', 2, '企业名称：新原因']);
    expect(describeErrors([])).toBe('');
  });
});
