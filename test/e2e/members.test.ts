import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemActor } from '../../src/core/access/actor.js';
import { addCoverage } from '../../src/core/party-org/org-links.service.js';
import { createOrg } from '../../src/core/party-org/party-org.service.js';
import { idCheckChar } from '../../src/domain/id-number.js';
import { COMMUNITY_A1, seedEnterprise, seedRegions } from '../helpers/org-fixtures.js';
import { createUser, startServer, type TestServer } from './helpers/server.js';
import { PHONE, errorsOf, launchBrowser, openPage, poll, shot, signIn } from './helpers/browser.js';

/**
 * 党员名册 in a browser (docs/members.md): on an organisation that keeps its roster, a county
 * official adds a probationary member through the organisation page, the organisation's count
 * follows; the member's page shows the masked record, 转正 makes them a full member, the timeline
 * tells both; the list page filters and totals; a phone does not scroll sideways.
 */
const PASSWORD = 'Lx-e2e-Pass-2026';
const sys = systemActor('e2e');
const body = '33010619930512456';
const ID = body + idCheckChar(body);
const modal = (page: Page) => page.locator('.ant-modal:visible');
const ok = (page: Page) => modal(page).getByRole('button', { name: /确\s*定/ }).click();

describe('党员名册 in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let orgId = '';
  let memberUrl = '';
  beforeAll(async () => {
    server = await startServer();
    const db = server.database.db;
    await seedRegions(db);
    const e = await seedEnterprise(db, { name: '北山名册科技有限公司', regionCode: COMMUNITY_A1, memberCount: 9 });
    orgId = (await createOrg(db, sys, { name: '北山名册科技有限公司党支部', orgType: 'branch', setupMode: 'standalone', regionCode: COMMUNITY_A1, foundedOn: '2024-03-01', fullMembers: 9 })).id;
    await addCoverage(db, sys, orgId, { enterpriseId: e, since: '2024-03-01' });
    await db.updateTable('party_org').set({ roster_since: '2024-03-01' }).where('id', '=', orgId).execute();
    await createUser(server.database, { username: 'county', password: PASSWORD, role: 'org_admin', regionPrefixes: ['330106'] });
    browser = await launchBrowser();
    page = await openPage(browser, server.url);
    await signIn(page, 'county', PASSWORD);
    await page.getByRole('menuitem', { name: /党员名册$/ }).waitFor();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('adds a probationary member on the organisation page; the count follows the roster', async () => {
    await page.goto(`/orgs/${orgId}`);
    await poll(() => page.getByTestId('org-member-counts').textContent()).toBe('0 / 0按党员名册');
    await page.getByTestId('roster-add').click();
    await modal(page).getByLabel('姓名').fill('孙晓峰');
    await modal(page).getByLabel('身份证号码').fill(ID);
    await modal(page).getByLabel('入党日期').fill('2025-06-01');
    await modal(page).getByLabel('民族').fill('汉族');
    await ok(page);
    await poll(() => page.getByTestId('roster-total').textContent()).toBe('共 1 名党员');
    await poll(() => page.getByTestId('org-member-counts').textContent()).toBe('0 / 1按党员名册');
    await shot(page, 'members-01-org-roster');
  });

  it('the member page is masked; 转正 makes a full member and the timeline tells it', async () => {
    await page.getByTestId('roster-table').getByRole('link', { name: '孙晓峰' }).click();
    await page.waitForURL(/\/members\/\d+$/);
    memberUrl = new URL(page.url()).pathname;
    expect(await page.getByTestId('member-id-number').textContent()).toBe(`${ID.slice(0, 6)}********${ID.slice(-4)}`);
    await poll(() => page.getByTestId('member-timeline').textContent()).toContain('登记入册');
    await page.getByTestId('member-confirm').click();
    await modal(page).getByLabel('转正日期').fill('2025-12-01');
    await ok(page);
    await poll(() => page.getByTestId('member-category').textContent()).toBe('正式党员');
    await poll(() => page.getByTestId('member-timeline').textContent()).toContain('转为正式党员');
    expect(await page.getByTestId('member-confirm').count()).toBe(0);
    await shot(page, 'members-02-confirmed');
    await page.getByRole('link', { name: '北山名册科技有限公司党支部' }).click();
    await poll(() => page.getByTestId('org-member-counts').textContent()).toBe('1 / 0按党员名册');
  });

  it('the list filters and totals; the audited reveal shows the whole number; a phone does not scroll sideways', async () => {
    await page.goto('/members');
    await poll(() => page.getByTestId('member-total').textContent()).toBe('共 1 名党员');
    await page.getByTestId('member-q').locator('input').fill('张');
    await page.getByTestId('member-q').locator('input').press('Enter');
    await poll(() => page.getByTestId('member-total').textContent()).toBe('共 0 名党员');
    await page.goto(memberUrl);
    await page.getByTestId('member-timeline').waitFor();
    await page.getByTestId('member-reveal').click();
    await poll(() => page.getByTestId('member-id-number').textContent()).toBe(ID);
    const audited = await server.database.db.selectFrom('audit_event').select('action').where('action', '=', 'pii.view').execute();
    expect(audited.length).toBe(1);
    expect(errorsOf(page)).toEqual([]);
    const phone = await openPage(browser, server.url, PHONE);
    await signIn(phone, 'county', PASSWORD);
    await phone.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    await phone.goto(memberUrl);
    await poll(() => phone.getByTestId('member-timeline').textContent()).toContain('转为正式党员');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await shot(phone, 'members-03-phone');
    await phone.goto('/members');
    await poll(() => phone.getByTestId('member-total').textContent()).toBe('共 1 名党员');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await phone.goto(`/orgs/${orgId}`);
    await poll(() => phone.getByTestId('roster-total').textContent()).toBe('共 1 名党员');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(errorsOf(phone)).toEqual([]);
  });
});
