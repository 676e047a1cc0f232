import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemActor } from '../../src/core/access/actor.js';
import { loadRegions } from '../../src/core/region/region-load.service.js';
import { seedEnterprise } from '../helpers/org-fixtures.js';
import { createUser, startServer, type TestServer } from './helpers/server.js';
import { PHONE, errorsOf, launchBrowser, openPage, poll, shot, signIn } from './helpers/browser.js';

/**
 * Issue 5 in a browser: the gap list shows uncovered enterprises; the planner proposes a joint
 * branch for the ones with 1 full member each in one community; applying it opens the new branch
 * with its covered enterprises; an enterprise then shows 组织覆盖（联合组建）; the gap list shrank.
 */
const PASSWORD = 'Lx-e2e-Pass-2026';
const JOINT = ['甲联建科技有限公司', '乙联建商贸有限公司', '丙联建服务有限公司'];
const LONE = '丁无党员餐饮有限公司';

const gapNames = (page: Page) => page.getByTestId('worklist-table').locator('tbody tr.ant-table-row td:first-child a').allTextContents();

async function openGaps(page: Page): Promise<string[]> {
  await page.goto('/worklists');
  await poll(() => page.getByTestId('worklist-count').textContent()).toMatch(/已显示/);
  return (await gapNames(page)).sort();
}

describe('joint-branch planner in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let community = '';
  beforeAll(async () => {
    server = await startServer();
    await loadRegions(server.database, systemActor('e2e'), { scope: ['110101'] });
    const row = await server.database.db.selectFrom('region').select('code').where('level', '=', 5).where('code', 'like', '110101%')
      .orderBy('code').executeTakeFirstOrThrow();
    community = row.code;
    for (const name of JOINT) await seedEnterprise(server.database.db, { name, regionCode: community, memberCount: 1, employeeCount: 12 });
    await seedEnterprise(server.database.db, { name: LONE, regionCode: community, memberCount: 0, employeeCount: 6 });
    await createUser(server.database, { username: 'county', password: PASSWORD });
    browser = await launchBrowser();
    page = await openPage(browser, server.url);
    await signIn(page, 'county', PASSWORD);
    await page.getByRole('menuitem', { name: '工作清单' }).waitFor();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('工作清单 lists every uncovered enterprise, explains why, and exports the same rows', async () => {
    expect(await openGaps(page)).toEqual([...JOINT, LONE].sort());
    await page.getByTestId('worklist-table').getByText('为什么这样显示？').first().click();
    await poll(() => page.getByTestId('why').first().textContent()).toMatch(/依据/);
    await shot(page, 'planner-01-gaps');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('worklist-export').click()]);
    const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lx-wl-')), 'gaps.xlsx');
    await download.saveAs(saved);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(saved);
    const text = book.worksheets.map((s) => s.getSheetValues().flat().join(' ')).join(' ');
    for (const name of [...JOINT, LONE]) expect(text).toContain(name);
  });

  it('联建方案 → apply → the new joint branch covers the three enterprises', async () => {
    await page.goto(`/planner?region=${community.slice(0, 6)}000000`);
    const card = page.getByTestId('proposal');
    await poll(() => card.count()).toBe(1);
    expect(await card.textContent()).toContain('正式党员合计 3 名');
    // The community is read by its name — in the title, the explanation and the suggested name — never by its code.
    const communityName = (await server.database.db.selectFrom('region').select('name').where('code', '=', community).executeTakeFirstOrThrow()).name;
    await poll(() => card.locator('[aria-busy="true"]').count()).toBe(0);
    const cardText = (await card.textContent()) ?? '';
    expect(cardText).toContain(`社区（村）“${communityName}”内3家企业`);
    expect(cardText).toContain(communityName);
    expect(cardText).not.toMatch(/\d{9,}/);
    await shot(page, 'planner-02-proposal');
    await card.getByRole('button', { name: '按此方案组建联合党支部' }).click();
    await page.locator('.ant-modal').getByRole('button', { name: /确\s*定/ }).click();
    await page.waitForURL(/\/orgs\/\d+$/);
    const rows = page.getByTestId('org-coverage').locator('tbody tr.ant-table-row');
    await poll(() => rows.count()).toBe(3);
    expect((await rows.allTextContents()).join()).toContain(JOINT[0]);
    await shot(page, 'planner-03-new-branch');
  });

  it('the enterprise now shows 组织覆盖（联合组建）, and the gap list shrank to the one without members', async () => {
    await page.getByTestId('org-coverage').getByRole('link', { name: JOINT[0] }).click();
    await poll(() => page.getByTestId('coverage-status').textContent()).toBe('组织覆盖（联合组建）');
    expect(await page.getByTestId('coverage-class').textContent()).toBe('组织覆盖');
    await shot(page, 'planner-04-enterprise');
    expect(await openGaps(page)).toEqual([LONE]);
    const lone = page.getByTestId('worklist-table').getByRole('link', { name: LONE });
    await lone.click();
    await poll(() => page.getByTestId('coverage-class').textContent()).toBe('空白点');
    expect(await page.getByTestId('coverage-next-steps').textContent()).toContain('选派党建指导员');
    expect(errorsOf(page)).toEqual([]);
  });

  it('phone width: the planner and work list stay usable', async () => {
    const phone = await openPage(browser, server.url, PHONE);
    await signIn(phone, 'county', PASSWORD);
    await phone.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    await phone.goto('/worklists?list=recommendations');
    await poll(() => phone.getByTestId('worklist-count').textContent()).toMatch(/已显示/);
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await shot(phone, 'planner-05-phone-worklist');
    expect(errorsOf(phone)).toEqual([]);
  });
});
