import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemActor } from '../../src/core/access/actor.js';
import { takeSnapshot } from '../../src/core/coverage/snapshot.service.js';
import { refreshTasks } from '../../src/core/task/task-refresh.service.js';
import { previousPeriod } from '../../src/domain/metrics.js';
import { todayInChina } from '../../src/domain/org-terms.js';
import { seedCoverageWorld } from '../helpers/coverage-world.js';
import { createUser, startServer, type TestServer } from './helpers/server.js';
import { PHONE, errorsOf, launchBrowser, openPage, poll, shot, signIn } from './helpers/browser.js';

/**
 * Issue 13 item 12: at 390×844 every main page fits the phone — nothing scrolls the page sideways
 * (tables scroll inside their cards) — for a district account (西湖区) and a street account (北山街道).
 * The statistics charts get the width of the screen (a canvas at least ~300 px wide), their bars
 * lie down (one row per sub-region, the full name on the axis) and the legend sits apart from the
 * axis names. Screenshots go to /tmp/lx-shots/phone-*.png for a person to look at.
 */
const PASSWORD = 'Lx-e2e-Pass-2026';
const LONG_COMMUNITY = '北山街道保俶路社区居民委员会';

type Ids = { enterprise: string; org: string; union: string; instructor: string };

/** Page width after the page has settled: a sideways scroll shows as scrollWidth > 390. */
async function settledWidth(page: Page): Promise<number> {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  return page.evaluate(() => document.documentElement.scrollWidth);
}

async function expectFits(page: Page, url: string, ready: (p: Page) => Promise<unknown>, name: string): Promise<void> {
  await page.goto(url);
  await ready(page);
  const width = await settledWidth(page);
  await shot(page, name);
  expect(width, `${url} scrolls sideways (${width}px)`).toBeLessThanOrEqual(PHONE.width);
}

async function checkStatistics(page: Page, who: string): Promise<void> {
  await page.goto('/coverage');
  await poll(() => page.getByTestId('headline-twoCoverage-denominator').textContent()).toMatch(/^\d+$/);
  const charts = page.locator('[data-testid="dashboard-bars"] canvas, [data-testid="dashboard-trend"] canvas');
  await poll(() => charts.count()).toBeGreaterThanOrEqual(2);
  await shot(page, `phone-${who}-coverage`);
  for (const box of await Promise.all((await charts.all()).map((c) => c.boundingBox()))) {
    expect(box!.width, 'a chart squeezed on the phone').toBeGreaterThanOrEqual(300);
  }
  // The region and month pickers are on screen and at least a finger wide.
  // (antd puts a picker's test id on its input: measure the whole control.)
  for (const id of ['dashboard-region', 'dashboard-month']) {
    const t = `[data-testid="${id}"]`;
    const box = await page.locator(`.ant-select:has(${t}), .ant-picker:has(${t}), .ant-select${t}, .ant-picker${t}`).first().boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= PHONE.width && box.width >= 120, `${id} usable: ${JSON.stringify(box)}`).toBe(true);
  }
  expect(await settledWidth(page)).toBeLessThanOrEqual(PHONE.width);
  // The month picker opens inside the screen.
  await page.getByTestId('dashboard-month').click();
  const panel = page.locator('.ant-picker-dropdown:visible .ant-picker-panel').first();
  await panel.waitFor();
  const box = (await panel.boundingBox())!;
  expect(box.x >= 0 && box.x + box.width <= PHONE.width, 'month panel inside the screen').toBe(true);
  await shot(page, `phone-${who}-month-picker`);
  await page.keyboard.press('Escape');
}

describe('phone layout at 390×844 (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  let ids: Ids;
  const pages: Page[] = [];
  beforeAll(async () => {
    server = await startServer();
    const world = await seedCoverageWorld(server.database.db, 40);
    const last = previousPeriod(todayInChina().slice(0, 7));
    for (const p of [previousPeriod(last), last]) await takeSnapshot(server.database.db, systemActor('e2e'), p);
    await createUser(server.database, { username: 'district', password: PASSWORD, role: 'org_admin', regionPrefixes: ['330106'] });
    await createUser(server.database, { username: 'street', password: PASSWORD, role: 'township_officer', regionPrefixes: ['330106001'] });
    const db = server.database.db;
    await db.updateTable('region').set({ name: LONG_COMMUNITY }).where('code', '=', '330106001001').execute();
    ids = {
      enterprise: world.enterprises[1]!,
      org: (await db.selectFrom('party_org').select('id').orderBy('id').executeTakeFirstOrThrow()).id,
      union: (await db.selectFrom('union_org').select('id').orderBy('id').executeTakeFirstOrThrow()).id,
      instructor: (await db.selectFrom('instructor').select('id').orderBy('id').executeTakeFirstOrThrow()).id,
    };
    browser = await launchBrowser();
  }, 120_000);
  afterEach(() => {
    for (const p of pages) expect(errorsOf(p)).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const table = (testId: string) => (p: Page) => p.getByTestId(testId).locator('tbody tr.ant-table-row').first().waitFor();
  const title = (text: string | RegExp) => (p: Page) => p.getByRole('heading', { name: text }).first().waitFor();

  it('district account: statistics, ledger, organisations, unions, instructors, work list, planner', async () => {
    const page = await openPage(browser, server.url, PHONE);
    pages.push(page);
    await signIn(page, 'district', PASSWORD);
    await checkStatistics(page, 'district');
    await expectFits(page, '/enterprises', table('ledger-table'), 'phone-district-ledger');
    await expectFits(page, `/enterprises/${ids.enterprise}`, title(/.+/), 'phone-district-enterprise');
    await expectFits(page, '/orgs', table('org-table'), 'phone-district-orgs');
    // A working list: its total, and 导出 gives exactly those rows (names, 属地名称 beside the code).
    await poll(() => page.getByTestId('org-total').textContent()).toBe('共 4 个党组织');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('org-export').click()]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(fs.readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const names = sheet.getColumn(header.indexOf('党组织名称') + 1).values.slice(2).map(String).sort();
    expect(names).toEqual(['测试党组织0', '测试党组织1', '测试党组织2', '测试党组织3']);
    expect(String(sheet.getRow(2).getCell(header.indexOf('属地名称') + 1).value)).toContain('北山街道');
    await expectFits(page, `/orgs/${ids.org}`, title(/测试党组织/), 'phone-district-org');
    await expectFits(page, '/unions', table('union-table'), 'phone-district-unions');
    await expectFits(page, `/unions/${ids.union}`, title('测试联合工会'), 'phone-district-union');
    await expectFits(page, '/instructors', table('instructor-table'), 'phone-district-instructors');
    await expectFits(page, `/instructors/${ids.instructor}`, title(/张书记/), 'phone-district-instructor');
    await expectFits(page, '/worklists', table('worklist-table'), 'phone-district-worklist');
    await expectFits(page, '/planner?region=330106000000', (p) => p.getByTestId('planner-summary').waitFor(), 'phone-district-planner');
  });

  it('street account: statistics and the lists of its street', async () => {
    const page = await openPage(browser, server.url, PHONE);
    pages.push(page);
    await signIn(page, 'street', PASSWORD);
    await checkStatistics(page, 'street');
    // A community with a long official name: the picker and the breadcrumb still fit.
    await expectFits(page, '/coverage?region=330106001001', (p) => poll(() => p.getByTestId('dashboard-node').textContent()).toBe(LONG_COMMUNITY),
      'phone-street-community');
    await expectFits(page, '/enterprises', table('ledger-table'), 'phone-street-ledger');
    await expectFits(page, '/orgs', table('org-table'), 'phone-street-orgs');
    await expectFits(page, `/orgs/${ids.org}`, title(/测试党组织/), 'phone-street-org');
    await expectFits(page, '/unions', table('union-table'), 'phone-street-unions');
    await expectFits(page, '/instructors', table('instructor-table'), 'phone-street-instructors');
    await expectFits(page, '/worklists', table('worklist-table'), 'phone-street-worklist');
    // 待办 (docs/inbox.md): the rule engine's tasks of the street, with their total, on the phone.
    await refreshTasks(server.database.db, systemActor('e2e'), {});
    await expectFits(page, '/inbox', table('inbox-table'), 'phone-street-inbox');
    await poll(() => page.getByTestId('inbox-total').textContent()).toMatch(/^合计 [1-9]\d* 条/);
  });
});
