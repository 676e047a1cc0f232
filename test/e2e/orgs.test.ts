import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemActor } from '../../src/core/access/actor.js';
import { adjustOrg } from '../../src/core/party-org/party-org.service.js';
import { createUnion } from '../../src/core/union/union.service.js';
import { COMMUNITY_A1, seedEnterprise, seedPerson, seedRegions } from '../helpers/org-fixtures.js';
import { createUser, startServer, type TestServer } from './helpers/server.js';
import { PHONE, errorsOf, launchBrowser, openPage, poll, shot, signIn } from './helpers/browser.js';

/**
 * 党组织 pages in a browser: create through the form, alerts with "为什么这样显示？", appoint a
 * secretary (the vacancy alert goes), add a covered enterprise, a stale edit shows the version
 * conflict instead of overwriting; 工会 detail shows its alerts; phone width.
 */
const PASSWORD = 'Lx-e2e-Pass-2026';
const sys = systemActor('e2e');
const modal = (page: Page) => page.locator('.ant-modal:visible');
const ok = (page: Page) => modal(page).getByRole('button', { name: /确\s*定/ }).click();

async function pickRemote(page: Page, label: string, text: string, option: RegExp): Promise<void> {
  await modal(page).getByLabel(label).fill(text);
  const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option });
  await poll(() => item.count()).toBeGreaterThan(0);
  await item.first().click();
}

describe('党组织 and 工会 pages in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let orgUrl = '';
  beforeAll(async () => {
    server = await startServer();
    await seedRegions(server.database.db);
    await seedEnterprise(server.database.db, { name: '北山智造有限公司', regionCode: COMMUNITY_A1, memberCount: 4 });
    await seedPerson(server.database.db, '钱书记', COMMUNITY_A1); // registered in the county: visible to its officers
    await createUser(server.database, { username: 'county', password: PASSWORD });
    browser = await launchBrowser();
    page = await openPage(browser, server.url);
    await signIn(page, 'county', PASSWORD);
    await page.getByRole('menuitem', { name: '党组织' }).waitFor();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('creates a branch through the form; its alerts explain themselves', async () => {
    await page.goto('/orgs');
    await page.getByRole('button', { name: /新建党组织/ }).click();
    await modal(page).getByLabel('组织名称').fill('北山智造有限公司党支部');
    await modal(page).getByLabel('正式党员').fill('4');
    await modal(page).getByLabel('成立（上次换届）日期').fill('2019-03-01');
    await ok(page);
    await page.waitForURL(/\/orgs\/\d+$/);
    orgUrl = new URL(page.url()).pathname;
    // Founded 2019 with a 3-year term: overdue, and no secretary yet.
    await poll(() => page.getByTestId('org-alerts').textContent()).toContain('书记空缺');
    expect(await page.getByTestId('term-end').textContent()).toContain('已逾期');
    await page.getByTestId('org-alerts').getByText('为什么这样显示？').first().click();
    await poll(() => page.getByTestId('why').first().textContent()).toMatch(/依据：.*《/s);
    await shot(page, 'orgs-01-created');
  });

  it('appoints a secretary (vacancy goes) and adds a covered enterprise', async () => {
    await page.getByRole('button', { name: /任\s*职/ }).click();
    await pickRemote(page, '人员', '钱', /钱书记/);
    await ok(page);
    await poll(() => page.getByTestId('secretary-vacant').count()).toBe(0);
    expect(await page.getByTestId('org-alerts').textContent()).not.toContain('书记空缺');
    await page.getByRole('button', { name: /增\s*加/ }).click();
    await pickRemote(page, '企业', '北山', /北山智造/);
    await ok(page);
    await poll(() => page.getByTestId('org-coverage').locator('tbody tr.ant-table-row').count()).toBe(1);
    expect(await page.getByTestId('org-history').textContent()).toContain('企业：北山智造有限公司');
  });

  it('a stale edit shows the version conflict and changes nothing', async () => {
    await page.getByRole('button', { name: /调\s*整/ }).click();
    await modal(page).getByLabel('组织名称').fill('被覆盖的名称');
    // Someone else adjusts the branch meanwhile.
    await adjustOrg(server.database.db, sys, orgUrl.split('/').pop()!, { version: 1, changes: {} }).catch(() => undefined);
    const current = await server.database.db.selectFrom('party_org').select(['id', 'version']).executeTakeFirstOrThrow();
    await adjustOrg(server.database.db, sys, current.id, { version: current.version, changes: { building: '北山大厦' } });
    await ok(page);
    await poll(() => page.getByTestId('version-conflict').count()).toBe(1);
    await shot(page, 'orgs-02-version-conflict');
    expect(await page.getByTestId('version-conflict').textContent()).toContain('此记录已被他人修改');
    await modal(page).getByRole('button', { name: '重新加载' }).click();
    await poll(() => page.getByRole('heading', { level: 4 }).textContent()).toBe('北山智造有限公司党支部');
    expect(await page.getByText('北山大厦').count()).toBe(1);
  });

  it('the org list nests, the union page shows its alerts, and phones do not scroll sideways', async () => {
    await page.goto('/orgs');
    await poll(() => page.getByTestId('org-table').locator('tbody').textContent()).toContain('北山智造有限公司党支部');
    await shot(page, 'orgs-03-list');
    const union = await createUnion(server.database.db, sys, { name: '北山智造有限公司工会', kind: 'standalone', members: 30, femaleMembers: 12, regionCode: COMMUNITY_A1 });
    await page.goto(`/unions/${union.id}`);
    await poll(() => page.getByTestId('union-alerts').textContent()).toContain('工会委员会');
    await shot(page, 'orgs-04-union');
    expect(errorsOf(page)).toEqual([]);
    const phone = await openPage(browser, server.url, PHONE);
    await signIn(phone, 'county', PASSWORD);
    await phone.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    await phone.goto(orgUrl);
    await poll(() => phone.getByTestId('org-coverage').locator('tbody tr.ant-table-row').count()).toBe(1);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await shot(phone, 'orgs-05-phone');
    expect(errorsOf(phone)).toEqual([]);
  });
});
