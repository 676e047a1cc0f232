import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { generateMembers } from '../../src/core/generator/members.js';
import { writeMemberFile } from '../../src/core/generator/members-file.js';
import { createUser, startServer, type TestServer } from './helpers/server.js';
import { errorsOf, launchBrowser, openPage, poll, shot, signIn } from './helpers/browser.js';

const PASSWORD = 'Lx-e2e-Pass-2026';

/**
 * Clicks 开始导入 and waits for the server's answer (one request holds the whole import): a refusal
 * fails with its status and body. CI once waited 60 s on the result card with the machine at load 9;
 * the import of 40 rows takes under 2 s on a quiet one.
 */
async function importAndWait(page: Page): Promise<void> {
  const answered = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/imports/members', { timeout: 180_000 });
  await page.getByTestId('member-import-start').click();
  const res = await answered;
  expect(res.status(), await res.text()).toBe(200);
}

describe('党员名册导入 in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let dir: string;
  beforeAll(async () => {
    server = await startServer();
    await createUser(server.database, { username: 'county', password: PASSWORD });
    const { id } = await server.database.db.insertInto('party_org').values({ name: '浏览器测试党支部', org_type: 'branch', setup_mode: 'standalone' })
      .returning('id').executeTakeFirstOrThrow();
    await server.database.db.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-e2e-members-'));
    browser = await launchBrowser();
    page = await openPage(browser, server.url);
    await signIn(page, 'county', PASSWORD);
  });
  afterEach(() => {
    expect(errorsOf(page)).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a faulty roster row by row (nothing written), then imports a clean one', { timeout: 420_000 }, async () => {
    const faulty = await writeMemberFile(path.join(dir, '党员信息.xlsx'), generateMembers({ count: 40, seed: 2, orgs: ['浏览器测试党支部'], withFaults: true }), { format: 'xlsx' });
    await page.goto('/member-imports');
    await page.locator('input[type=file]').setInputFiles(faulty.path);
    await importAndWait(page);
    const result = page.getByTestId('member-import-result');
    await poll(() => result.textContent(), 30_000).toContain(`有 ${faulty.rejectedRows.length} 行未通过校验，整个文件未导入`);
    const rows = await result.locator('tbody tr.ant-table-row td:first-child').allTextContents();
    expect([...new Set(rows.map(Number))].sort((a, b) => a - b)).toEqual(faulty.rejectedRows);
    expect(await result.textContent()).not.toMatch(/[A-Z_]{6,}/); // messages, never codes
    const [download] = await Promise.all([page.waitForEvent('download'), result.getByRole('button', { name: /下载错误报告/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    await shot(page, 'member-import-rejected');

    const clean = await writeMemberFile(path.join(dir, '党员信息-改正.csv'), generateMembers({ count: 30, seed: 3, orgs: ['浏览器测试党支部'] }), { format: 'csv', encoding: 'gb18030' });
    await page.locator('input[type=file]').setInputFiles(clean.path);
    await importAndWait(page);
    await poll(() => result.textContent(), 30_000).toContain('导入完成');
    expect(await result.textContent()).toContain('新增30');
    const n = await server.database.db.selectFrom('party_member').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(30);
  });
});
