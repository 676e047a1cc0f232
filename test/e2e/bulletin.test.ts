import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { getFigures } from '../../src/core/coverage/coverage-figures.service.js';
import { takeSnapshot } from '../../src/core/coverage/snapshot.service.js';
import { generateBulletin } from '../../src/core/report/bulletin.service.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { seedCoverageWorld } from '../helpers/coverage-world.js';

/**
 * The bulletin really renders: the PDF is printed by Chromium, turned into PNG by pdftoppm and
 * read back by pdftotext (Chinese text and the ranked table present); the DOCX carries the same
 * text as Word XML; the XLSX the same table. Figures equal the dashboard's for the month.
 */
const OUT = '/tmp/lx-bulletin';
let database: Database;
const sys = systemActor();

beforeAll(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  database = await openDatabase({});
  await migrate(database.db);
  await seedCoverageWorld(database.db, 80);
  // A bulletin request takes only last month by itself (issue 11); these months are taken up front.
  for (const month of ['2025-08', '2025-09']) await takeSnapshot(database.db, sys, month);
});
afterAll(async () => database?.close());

describe('monthly bulletin', () => {
  it('PDF: A4, Chinese text, ranked table, renders to PNG', async () => {
    const f = await generateBulletin(database.db, sys, { region: '330106', month: '2025-09', format: 'pdf' });
    const pdf = `${OUT}/bulletin.pdf`;
    fs.writeFileSync(pdf, f.body);
    expect(f.body.subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
    expect(text).toContain('通报');
    expect(text).toContain('西湖区');
    expect(text).toContain('北山街道');
    expect(text).toContain('两个覆盖');
    const info = execFileSync('pdfinfo', [pdf]).toString();
    expect(info).toMatch(/Page size:\s+59\d\.\d+ x 841\.\d+ pts \(A4\)/);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, `${OUT}/page`]);
    const png = fs.readdirSync(OUT).find((n) => n.startsWith('page') && n.endsWith('.png'));
    expect(png).toBeDefined();
    expect(fs.statSync(`${OUT}/${png}`).size).toBeGreaterThan(20_000);
    // The summary states the same figure the dashboard shows for that month end.
    const fig = await getFigures(database.db, sys, { groupBy: 'none', month: '2025-09', regionPrefix: '330106' });
    expect(text.replace(/\s+/g, '')).toContain(`在营非公企业${fig.total.pairs.twoCoverage!.denominator}家`);
    const two = f.bulletin.metrics.find((m) => m.id === 'twoCoverage')!;
    expect(two.now).toEqual({ numerator: fig.total.pairs.twoCoverage!.numerator, denominator: fig.total.pairs.twoCoverage!.denominator });
  });

  it('DOCX: editable Word document with the title, table and charts', async () => {
    const f = await generateBulletin(database.db, sys, { region: '330106', month: '2025-09', format: 'docx' });
    const file = `${OUT}/bulletin.docx`;
    fs.writeFileSync(file, f.body);
    const xml = execFileSync('unzip', ['-p', file, 'word/document.xml']).toString();
    expect(xml).toContain('两个覆盖');
    expect(xml).toContain('北山街道');
    expect(xml).toContain('<w:tbl>');
    const media = execFileSync('unzip', ['-l', file]).toString();
    expect(media.match(/word\/media\/.+\.png/g)?.length).toBe(2);
  });

  it('XLSX: the same ranked table', async () => {
    const f = await generateBulletin(database.db, sys, { region: '330106', month: '2025-09', format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(f.body as unknown as ArrayBuffer);
    const ranked = wb.getWorksheet('各地排名')!;
    expect(ranked.rowCount - 3).toBe(f.bulletin.rows.length);
    expect(f.bulletin.rows.map((r) => r.name)).toContain('北山街道');
    const names = ranked.getColumn(3).values.slice(4);
    expect(names).toEqual(f.bulletin.rows.map((r) => r.name));
  });
});
