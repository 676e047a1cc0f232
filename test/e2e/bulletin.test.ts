import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { getFigures } from '../../src/core/coverage/coverage-figures.service.js';
import { takeSnapshot } from '../../src/core/coverage/snapshot.service.js';
import { saveIssuer } from '../../src/core/report/bulletin-issue.service.js';
import { generateBulletin } from '../../src/core/report/bulletin.service.js';
import { htmlToPdf, withBrowser } from '../../src/core/report/bulletin-render.js';
import { todayInChina } from '../../src/domain/org-terms.js';
import type { Database } from '../../src/db/database.js';
import { openMigratedPglite } from '../helpers/pglite-template.js';
import { seedCoverageWorld } from '../helpers/coverage-world.js';
import { inkedRowShare, redPerRow, renderPage, tallestBlankBand, type Pixels } from './helpers/pdf-pixels.js';

/**
 * The bulletin really renders: the PDF is printed by Chromium, turned into pixels by pdftoppm and
 * read back by pdftotext (Chinese text and the ranked table present); the DOCX carries the same
 * text as Word XML; the XLSX the same table. Figures equal the dashboard's for the month.
 * The first page looks like an issued document (GB/T 9704): red 发文机关标志 in the header band,
 * a red rule across the 版心 under the 文号, and text down the page, not a half-empty first page.
 */
const OUT = '/tmp/lx-bulletin';
let database: Database;
const sys = systemActor();

beforeAll(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  database = await openMigratedPglite();
  await seedCoverageWorld(database.db, 80);
  // A bulletin request takes only last month by itself (issue 11); these months are taken up front.
  for (const month of ['2025-08', '2025-09']) await takeSnapshot(database.db, sys, month);
  await saveIssuer(database.db, sys, { region: '330106', version: 0, docPrefix: '西组通', office: '中共杭州市西湖区委组织部', copyTo: '杭州市委组织部', printedBy: '中共杭州市西湖区委组织部办公室' });
});

const YEAR = todayInChina().slice(0, 4);

/** What an issued first page shows: returns the measures so a failure says which one. */
function firstPage(p: Pixels) {
  const red = redPerRow(p);
  const band = Math.floor(p.height * 0.5); // GB/T 9704 puts the rule about 120 mm down: the upper half
  const ruleRows = red.map((n, y) => (n >= p.width * 0.6 ? y : -1)).filter((y) => y >= 0);
  const firstRed = red.findIndex((n) => n > 0);
  return {
    headerRed: red.slice(0, band).reduce((a, b) => a + b, 0),
    // The rule lies under the red office name, inside the header band.
    rule: ruleRows.length > 0 && ruleRows[0]! < band && ruleRows[0]! > firstRed + p.height * 0.03,
    // The lower half of the 版心 (A4 less the 35 mm bottom margin) carries text down to the foot.
    lowerInk: inkedRowShare(p, 0.5, 0.88),
    lowerGap: tallestBlankBand(p, 0.5, 0.88),
  };
}
const looksIssued = (m: ReturnType<typeof firstPage>) => m.headerRed > 500 && m.rule && m.lowerInk > 0.3 && m.lowerGap < 0.08;
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
    const page1 = firstPage(renderPage(pdf, 1, 60, `${OUT}/page-1`));
    expect(page1, JSON.stringify(page1)).toSatisfy(looksIssued);
    expect(fs.statSync(`${OUT}/page-1.png`).size).toBeGreaterThan(20_000);
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain(`西组通〔${YEAR}〕1号`);
    expect(flat).toContain('中共杭州市西湖区委组织部');
    expect(flat).toContain('各街道党工委：');
    expect(flat).toContain('抄送：杭州市委组织部。');
    expect(flat).toMatch(new RegExp(`中共杭州市西湖区委组织部办公室${YEAR}年\\d{1,2}月\\d{1,2}日印发`));
    expect(f.bulletin.issue).toMatchObject({ docNumber: `西组通〔${YEAR}〕1号`, mainTo: '各街道党工委', seq: 1 });
    // The summary states the same figure the dashboard shows for that month end.
    const fig = await getFigures(database.db, sys, { groupBy: 'none', month: '2025-09', regionPrefix: '330106' });
    expect(text.replace(/\s+/g, '')).toContain(`在营非公企业${fig.total.pairs.twoCoverage!.denominator}家`);
    const two = f.bulletin.metrics.find((m) => m.id === 'twoCoverage')!;
    expect(two.now).toEqual({ numerator: fig.total.pairs.twoCoverage!.numerator, denominator: fig.total.pairs.twoCoverage!.denominator });
  });

  it('the first-page check fails a half-empty first page and a header that is not red', async () => {
    const f = await generateBulletin(database.db, sys, { region: '330106', month: '2025-09', format: 'html' });
    const html = f.body.toString();
    const variants = {
      // The old trouble: the body starts on page 2, page 1 holds the header only.
      halfEmpty: html.replace('<h1>', '<h1 style="break-before:page">'),
      black: html.replaceAll('#d7000f', '#000000'),
    };
    for (const [name, v] of Object.entries(variants)) {
      expect(v, name).not.toBe(html);
      const pdf = `${OUT}/control-${name}.pdf`;
      fs.writeFileSync(pdf, await withBrowser((b) => htmlToPdf(b, v)));
      const m = firstPage(renderPage(pdf, 1, 60));
      expect(looksIssued(m), `${name}: ${JSON.stringify(m)}`).toBe(false);
    }
  });

  it('DOCX: editable Word document with the title, table and charts', async () => {
    const f = await generateBulletin(database.db, sys, { region: '330106', month: '2025-09', format: 'docx' });
    const file = `${OUT}/bulletin.docx`;
    fs.writeFileSync(file, f.body);
    const xml = execFileSync('unzip', ['-p', file, 'word/document.xml']).toString();
    expect(xml).toContain('两个覆盖');
    expect(xml).toContain('北山街道');
    expect(xml).toContain('<w:tbl>');
    // The same issue as the PDF: red office name, the 文号 over a red bottom border, 主送 and 版记.
    expect(xml).toMatch(/<w:color w:val="D7000F"\/>[^]*?中共杭州市西湖区委组织部/);
    expect(xml).toContain(`西组通〔${YEAR}〕1号`);
    expect(xml).toMatch(/<w:bottom w:val="single" w:color="D7000F"[^>]*\/>[^]*?西组通/);
    expect(xml).toContain('各街道党工委：');
    expect(xml).toContain('抄送：杭州市委组织部。');
    expect(xml).toMatch(/中共杭州市西湖区委组织部办公室<\/w:t>[^]*?日印发/);
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
