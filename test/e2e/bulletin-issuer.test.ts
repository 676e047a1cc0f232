import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { BulletinIssuer } from '../../src/contracts/bulletin-issuer.js';
import { todayInChina } from '../../src/domain/org-terms.js';
import { seedCoverageWorld } from '../helpers/coverage-world.js';
import { createUser, startServer, type TestServer } from './helpers/server.js';
import { errorsOf, launchBrowser, openPage, poll, signIn } from './helpers/browser.js';

/**
 * 通报发文设置 on 覆盖统计 (docs/bulletin.md): the district's department sees the next 文号 and 主送
 * and changes its 代字; a street officer, who downloads the street's bulletin, has no such button.
 */
const PASSWORD = 'Lx-e2e-Pass-2026';
const YEAR = todayInChina().slice(0, 4);

describe('通报发文设置 (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  const pages: Page[] = [];
  beforeAll(async () => {
    server = await startServer();
    await seedCoverageWorld(server.database.db, 20);
    await createUser(server.database, { username: 'district', password: PASSWORD, role: 'org_admin', regionPrefixes: ['330106'] });
    await createUser(server.database, { username: 'street', password: PASSWORD, role: 'township_officer', regionPrefixes: ['330106001'] });
    browser = await launchBrowser();
  });
  afterEach(() => {
    for (const p of pages) expect(errorsOf(p)).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the district department sees the next number and 主送 and sets its 代字', async () => {
    const page = await openPage(browser, server.url);
    pages.push(page);
    await signIn(page, 'district', PASSWORD);
    await page.waitForURL('**/coverage');
    await page.getByTestId('bulletin-issuer').click();
    const dialog = page.getByRole('dialog');
    await poll(() => dialog.getByTestId('issuer-next').textContent()).toContain(`西组通〔${YEAR}〕1号`);
    expect(await dialog.getByTestId('issuer-next').textContent()).toContain('各街道党工委');
    expect(await dialog.getByTestId('issuer-office').inputValue()).toBe('中共杭州市西湖区委组织部');
    await dialog.getByTestId('issuer-prefix').fill('杭西组通');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await poll(async () => {
      const res = await page.request.get('/api/reports/bulletin-issuer?region=330106');
      return ((await res.json()) as BulletinIssuer).nextNumber;
    }).toBe(`杭西组通〔${YEAR}〕1号`);
  });

  it('a street officer has no 通报发文设置', async () => {
    const page = await openPage(browser, server.url);
    pages.push(page);
    await signIn(page, 'street', PASSWORD);
    await page.waitForURL('**/coverage');
    await page.getByTestId('dashboard-node').waitFor();
    expect(await page.getByTestId('bulletin-issuer').count()).toBe(0);
  });
});
