import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemActor } from '../../src/core/access/actor.js';
import { createOrg } from '../../src/core/party-org/party-org.service.js';
import { COMMUNITY_A1, seedPerson, seedRegions } from '../helpers/org-fixtures.js';
import { createUser, startServer, type TestServer } from './helpers/server.js';
import { PHONE, errorsOf, launchBrowser, openPage, poll, signIn } from './helpers/browser.js';

/**
 * 年度党建工作报告 in a browser at phone width (docs/annual-report.md): the branch's secretary opens
 * the year's report from the organisation page — prefilled from the roster, each figure with its
 * source — writes 工作亮点 and submits; the street finds it in the year's list under 已提交待审核 and
 * passes it; then marks the secretary's 述职评议, every item at full weight, and reads 100 分 优秀.
 */
const PASSWORD = 'Lx-e2e-Pass-2026';
const sys = systemActor('e2e');

describe('年度报告 in Chromium at phone width', () => {
  let server: TestServer;
  let browser: Browser;
  let secretary: Page;
  let street: Page;
  let branch = '';
  beforeAll(async () => {
    server = await startServer();
    const db = server.database.db;
    await seedRegions(db);
    branch = (await createOrg(db, sys, { name: '北山精密党支部', orgType: 'branch', setupMode: 'standalone', regionCode: COMMUNITY_A1, foundedOn: '2016-04-01' })).id;
    for (const [name, category] of [['孙立新', 'full'], ['钱芳', 'full'], ['郑浩', 'probationary']] as const) {
      await db.insertInto('party_member').values({ person_id: await seedPerson(db, name, COMMUNITY_A1), org_id: branch, category, joined_on: category === 'full' ? '2008-07-01' : '2026-06-28' }).execute();
    }
    await db.insertInto('org_position').values({ org_id: branch, person_id: await seedPerson(db, '孙立新', COMMUNITY_A1), position: 'secretary', since: '2023-05-01' }).execute();
    const sec = await createUser(server.database, { username: 'secretary', password: PASSWORD, role: 'branch_secretary', regionPrefixes: [] });
    await db.updateTable('user_role').set({ party_org_ids: [branch], all_regions: false }).where('user_id', '=', sec).execute();
    await createUser(server.database, { username: 'street', password: PASSWORD, role: 'township_officer', regionPrefixes: ['330106001'] });
    browser = await launchBrowser();
    secretary = await openPage(browser, server.url, PHONE);
    await signIn(secretary, 'secretary', PASSWORD);
    street = await openPage(browser, server.url, PHONE);
    await signIn(street, 'street', PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('comes out prefilled, with sources; the secretary writes the highlights and submits', async () => {
    const page = secretary;
    await page.goto(`/orgs/${branch}`);
    await page.getByTestId('org-annual-report').click();
    const total = page.getByTestId('section-members').getByTestId('figure-total');
    await total.waitFor();
    expect(await total.getByTestId('figure-value').innerText()).toBe('3 名');
    expect(await total.innerText()).toContain('来源：党员名册');
    expect(await page.getByTestId('section-members').getByTestId('figure-probationary').getByTestId('figure-value').innerText()).toBe('1 名');
    expect(await page.getByTestId('report-state').innerText()).toBe('未填报');
    await page.getByTestId('report-highlights').fill('开展“党员先锋岗”活动，带动生产线良品率提升');
    await page.getByTestId('report-submit').click();
    await poll(() => page.getByTestId('report-state').innerText()).toBe('已提交待审核');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const row = await server.database.db.selectFrom('annual_report').select(['status', 'highlights']).where('org_id', '=', branch).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'submitted', highlights: '开展“党员先锋岗”活动，带动生产线良品率提升' });
    expect(errorsOf(page)).toEqual([]);
  });

  it('the street finds it among the submitted and passes it', async () => {
    const page = street;
    await page.goto('/annual-reports');
    await page.getByTestId('reports-table').waitFor();
    await page.getByTestId('reports-state').getByText(/已提交待审核/).click();
    await poll(() => page.getByTestId('reports-total').innerText()).toBe('共 1 个党组织');
    await page.getByRole('link', { name: '北山精密党支部' }).click();
    await page.getByTestId('report-review').waitFor();
    await page.getByTestId('review-pass').click();
    await poll(() => page.getByTestId('report-state').innerText()).toBe('审核通过');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect((await server.database.db.selectFrom('annual_report').select('status').where('org_id', '=', branch).executeTakeFirstOrThrow()).status).toBe('passed');
    expect(errorsOf(page)).toEqual([]);
  });

  it("the street marks the secretary's 述职评议 on a phone", async () => {
    const page = street;
    await page.goto(`/orgs/${branch}/appraisal`);
    await page.getByTestId('item-life').waitFor();
    expect(await page.getByTestId('item-life').innerText()).toContain('来源');
    for (const [item, weight] of [['life', 25], ['recruitment', 20], ['training', 15], ['dues', 10], ['report', 10], ['role', 20]] as const) {
      // antd puts the test id on the input itself or on its group wrapper, depending on the addon.
      await page.locator(`input[data-testid="mark-${item}"], [data-testid="mark-${item}"] input`).first().fill(String(weight));
    }
    await page.getByTestId('appraisal-save').click();
    await poll(() => page.getByTestId('appraisal-total').innerText()).toBe('100');
    expect(await page.getByTestId('appraisal-grade').innerText()).toBe('优秀');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    // The street's list of the year shows the secretary as 已评定, beside whoever is still due.
    await page.goto(`/appraisals?year=${new Date().getFullYear()}&state=marked`);
    await poll(() => page.getByTestId('appraisals-total').innerText()).toBe('共 1 人');
    expect(await page.getByTestId('appraisals-table').innerText()).toContain('优秀');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(errorsOf(page)).toEqual([]);
  });
});
