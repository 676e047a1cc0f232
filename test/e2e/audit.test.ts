import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createUser, startServer, type TestServer } from './helpers/server.js';
import { launchBrowser, openPage, shot, signIn } from './helpers/browser.js';

const PASSWORD = 'Lx-e2e-Pass-2026';

describe('the audit log viewer in Chromium: filter, export, verify the chain', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const rows = () => page.getByTestId('audit-table').locator('tbody tr.ant-table-row');

  beforeAll(async () => {
    server = await startServer();
    await createUser(server.database, { username: 'auditor', password: PASSWORD });
    browser = await launchBrowser();
    page = await openPage(browser, server.url);
    await signIn(page, 'auditor', PASSWORD);
    await page.getByTestId('side-menu').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists entries newest first and filters by action', async () => {
    await page.getByTestId('side-menu').getByRole('menuitem', { name: '审计日志' }).click();
    await page.waitForURL('**/audit');
    await expect.poll(() => rows().count(), { timeout: 15_000 }).toBeGreaterThan(0);
    // Actions read in Chinese, never as codes such as auth.sign_in.
    const table = await page.getByTestId('audit-table').textContent();
    expect(table).toContain('登录');
    expect(table).not.toContain('auth.');
    await page.getByTestId('audit-action').click();
    await page.keyboard.type('登录');
    await page.locator('.ant-select-item-option').filter({ hasText: /^登录$/ }).click();
    await page.getByTestId('audit-search').click();
    await expect.poll(async () => (await rows().allTextContents()).every((t) => t.includes('登录'))).toBe(true);
    await shot(page, 'audit-list');
  });

  it('exports the filtered log as XLSX', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await download.path())!);
    expect(book.worksheets[0].getRow(1).getCell(6).value).toBe('操作');
    expect(book.worksheets[0].rowCount).toBeGreaterThan(1);
    expect(book.worksheets[0].getRow(2).getCell(6).value).toBe('登录');
  });

  it('校验日志链: intact, then reports a tampered entry', async () => {
    await page.getByTestId('audit-verify').click();
    await expect.poll(() => page.getByTestId('audit-verify-result').textContent(), { timeout: 15_000 }).toContain('日志链完整');
    await page.keyboard.press('Escape');
    const first = await server.database.db.selectFrom('audit_event').select('seq').orderBy('seq').limit(1).executeTakeFirstOrThrow();
    await sql`UPDATE audit_event SET actor_name = 'someone-else' WHERE seq = ${first.seq}`.execute(server.database.db);
    await page.getByTestId('audit-verify').click();
    await expect.poll(() => page.getByTestId('audit-verify-result').textContent(), { timeout: 15_000 }).toContain('发现 1 处问题');
    expect(await page.locator('.ant-modal').textContent()).toContain(`第 ${first.seq} 条 · 被修改`);
    await shot(page, 'audit-verify-tampered');
  });
});
