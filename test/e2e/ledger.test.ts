import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemActor } from '../../src/core/access/actor.js';
import { generateEnterprises } from '../../src/core/generator/enterprises.js';
import { writeEnterpriseFile } from '../../src/core/generator/write-file.js';
import { loadRegions } from '../../src/core/region/region-load.service.js';
import { createUser, startServer, type TestServer } from './helpers/server.js';
import { PHONE, errorsOf, poll, launchBrowser, openPage, shot, signIn } from './helpers/browser.js';
import { ledgerFile } from './helpers/ledger-file.js';

const PASSWORD = 'Lx-e2e-Pass-2026';
const file = ledgerFile();

/** The number shown on the Statistic card with this title. */
const statistic = (page: Page, title: string) =>
  page.getByTestId('import-counts').locator('.ant-statistic').filter({ hasText: title }).locator('.ant-statistic-content-value').textContent();

/** Opens a RegionSelect, searches by name or pinyin initials and picks the match. */
async function pickRegion(page: Page, select: ReturnType<Page['locator']>, query: string, title: RegExp): Promise<void> {
  await select.click();
  await select.locator('input').fill(query);
  const option = page.locator('.ant-select-dropdown:visible .ant-select-tree-title').filter({ hasText: title });
  await poll(() => option.count()).toBeGreaterThan(0);
  await option.first().click();
}

/** Clicks a download button and returns the non-empty cells under `header` in the XLSX it saves. */
async function downloadColumn(page: Page, button: ReturnType<Page['locator']>, header: string): Promise<string[]> {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lx-dl-')), download.suggestedFilename());
  await download.saveAs(saved);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(saved);
  const sheet = book.worksheets[0];
  const headerRow = [...Array(sheet.rowCount).keys()].map((i) => sheet.getRow(i + 1)).find((r) => (r.values as unknown[]).includes(header));
  expect(headerRow, `${header} column`).toBeDefined();
  const column = (headerRow!.values as unknown[]).indexOf(header);
  const cells: string[] = [];
  for (let i = headerRow!.number + 1; i <= sheet.rowCount; i++) {
    const v = sheet.getRow(i).getCell(column).text;
    if (v) cells.push(v);
  }
  return cells;
}

const rowNames = (page: Page) => page.getByTestId('ledger-table').locator('tbody tr.ant-table-row td:first-child').allTextContents();

describe('the ledger in Chromium: import, filter, detail, placement', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    server = await startServer();
    await loadRegions(server.database, systemActor('e2e'), { scope: ['110101'] });
    await createUser(server.database, { username: 'county', password: PASSWORD });
    browser = await launchBrowser();
    page = await openPage(browser, server.url);
    await signIn(page, 'county', PASSWORD);
    await page.waitForURL('**/enterprises');
  });
  afterEach(() => {
    expect(errorsOf(page)).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('imports a file with errors, shows the counts and downloads the error report', async () => {
    await page.getByTestId('side-menu').getByRole('menuitem', { name: '数据导入' }).click();
    await page.waitForURL('**/imports');
    await page.locator('input[type=file]').setInputFiles({ name: '登记注册数据.csv', mimeType: 'text/csv', buffer: Buffer.from(file.csv, 'utf8') });
    await page.getByTestId('import-start').click();
    await page.waitForURL(/\/imports\/\d+$/);
    await poll(() => statistic(page, '新增'), 30_000).toBe(String(file.goodRows));
    expect(await statistic(page, '未通过')).toBe(String(file.badRows));
    expect(await statistic(page, '总行数')).toBe(String(file.goodRows + file.badRows));
    const errors = page.getByTestId('import-errors').locator('tbody tr.ant-table-row');
    expect(await errors.count()).toBe(file.badRows);
    await poll(() => page.getByTestId('pending-placement').textContent()).toContain('1 家企业');
    await poll(() => page.locator('canvas').count()).toBeGreaterThan(0);
    await shot(page, 'import-result');

    const reasons = await downloadColumn(page, page.getByTestId('download-errors'), '错误原因');
    expect(reasons).toHaveLength(file.badRows);
    expect(reasons.join('\n')).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('filters the ledger by region, by Chinese name and by pinyin initials', async () => {
    await page.getByTestId('side-menu').getByRole('menuitem', { name: '企业台账' }).click();
    await page.waitForURL('**/enterprises');
    await poll(() => page.getByTestId('ledger-total').textContent()).toContain(`共 ${file.goodRows} 家企业`);
    const select = page.getByTestId('region-filter');
    await pickRegion(page, select, '东华门', /东华门街道/);
    await page.waitForURL(/regionPrefix=110101001/);
    await poll(() => page.getByTestId('ledger-total').textContent()).toContain('共 2 家企业');
    expect((await rowNames(page)).sort()).toEqual([...file.dongHuaMen].sort());
    await shot(page, 'ledger-filtered');

    await pickRegion(page, select, 'jsjd', /景山街道/);
    await page.waitForURL(/regionPrefix=110101002/);
    await poll(async () => (await rowNames(page)).sort()).toEqual([...file.jingShan].sort());
    // The export carries the same filter.
    expect((await downloadColumn(page, page.getByTestId('export-button'), '企业名称')).sort()).toEqual([...file.jingShan].sort());
    // Reloading keeps the filter: it lives in the address bar, and the picker shows the full path.
    await page.reload();
    await poll(async () => (await rowNames(page)).sort()).toEqual([...file.jingShan].sort());
    await poll(() => select.textContent()).toContain('景山街道');
  });

  it('opens a detail page with the eight facts and the history', async () => {
    await page.getByTestId('ledger-table').getByRole('link', { name: file.jingShan[0] }).click();
    await page.waitForURL(/\/enterprises\/\d+$/);
    const facts = page.getByTestId('eight-facts');
    await poll(() => facts.textContent()).toContain('经营地点');
    const text = await facts.textContent();
    for (const label of ['企业性质', '企业规模', '经营状况', '党组织设置', '职工人数', '党员数量', '业主身份']) expect(text).toContain(label);
    expect(text).toContain('景山东街18号');
    expect(text).toContain('120');
    await poll(() => page.getByTestId('history').textContent()).toContain('首次导入');
    await shot(page, 'enterprise-detail');
  });

  it('places an enterprise from the placement queue', async () => {
    await page.getByTestId('side-menu').getByRole('menuitem', { name: '待认定属地' }).click();
    await page.waitForURL('**/placement-queue');
    const row = page.getByTestId('placement-table').locator('tr.ant-table-row').filter({ hasText: file.unplaced });
    await poll(() => row.count()).toBe(1);
    await poll(() => row.textContent()).toContain('北京市东城区某某路1号');
    // The county is known but not enough: confirming needs a township or community.
    await poll(() => row.getByRole('button', { name: /确\s*认/ }).isDisabled()).toBe(true);
    await shot(page, 'placement-queue');
    await pickRegion(page, row.locator('.ant-select'), '多福巷', /多福巷社区/);
    await row.getByRole('button', { name: /确\s*认/ }).click();
    await poll(() => row.count()).toBe(0);
    await page.goto('/enterprises?placement=manual');
    await poll(() => rowNames(page)).toEqual([file.unplaced]);
  });

  it('pages through a longer list with 加载更多, keeping the sort across pages', async () => {
    const generated = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lx-gen-')), '东城区登记数据.csv');
    await writeEnterpriseFile(generated, generateEnterprises({ count: 70, seed: 11, region: '110101', ordinalOffset: 5000 }), { format: 'csv' });
    await page.goto('/imports');
    await page.locator('input[type=file]').setInputFiles(generated);
    await page.getByTestId('import-start').click();
    await page.waitForURL(/\/imports\/\d+$/);
    await poll(() => statistic(page, '总行数'), 30_000).toBe('70');

    await page.goto('/enterprises?sort=employee_count&order=asc');
    await poll(() => page.getByTestId('ledger-total').textContent()).toMatch(/共 \d+ 家企业，已显示 50 家/);
    const total = Number(/共 (\d+) 家/.exec((await page.getByTestId('ledger-total').textContent())!)![1]);
    expect(total).toBeGreaterThan(50);
    await page.getByTestId('load-more').click();
    const rows = page.getByTestId('ledger-table').locator('tbody tr.ant-table-row');
    await poll(() => rows.count()).toBe(Math.min(total, 100));
    const codes = await rows.locator('td:nth-child(2)').allTextContents();
    expect(new Set(codes).size).toBe(codes.length);
    const counts = (await rows.locator('td:nth-child(6)').allTextContents()).filter((t) => t !== '—').map(Number);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
  });

  it('is usable at phone width', async () => {
    const phone = await openPage(browser, server.url, PHONE);
    await signIn(phone, 'county', PASSWORD);
    await phone.waitForURL('**/enterprises');
    await poll(() => phone.getByTestId('ledger-total').textContent()).toMatch(/共 \d+ 家企业/);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await shot(phone, 'ledger-list-phone');
    await phone.getByTestId('ledger-table').getByRole('link').first().click();
    await phone.waitForURL(/\/enterprises\/\d+$/);
    await poll(() => phone.getByTestId('eight-facts').isVisible()).toBe(true);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await shot(phone, 'enterprise-detail-phone');
    expect(errorsOf(phone)).toEqual([]);
    await phone.context().close();
  });
});
