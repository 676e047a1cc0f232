import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { systemActor } from '../../src/core/access/actor.js';
import { createOrg } from '../../src/core/party-org/party-org.service.js';
import { COMMUNITY_A1, TOWN_B } from '../helpers/org-fixtures.js';
import { useOneServer } from './helpers/one-server.js';
import { PHONE, errorsOf, poll } from './helpers/browser.js';

/**
 * 组织生活达标情况 in a browser at phone width (docs/life.md, "District view"): a district account
 * opens on its district by street; the 不活跃 count of 北山街道 opens its 党支部 with the total, the
 * export holds exactly those rows, and a name leads to the organisation's year and its meetings.
 */
const sys = systemActor('e2e');
const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

describe('组织生活达标情况 in Chromium at phone width', () => {
  let page: Page;
  const ids: Record<string, string> = {};
  const h = useOneServer([{ username: 'district', role: 'org_admin', regionPrefixes: ['330106'] }], async (server) => {
    const db = server.database.db;
    const today = chinaToday();
    const branch = async (name: string, regionCode: string, foundedOn: string) =>
      (ids[name] = (await createOrg(db, sys, { name, orgType: 'branch', setupMode: 'standalone', regionCode, foundedOn, fullMembers: 3 })).id);
    await branch('北山久未开会党支部', COMMUNITY_A1, '2015-03-01');
    await branch('北山新建党支部', COMMUNITY_A1, `${today.slice(0, 7)}-01`);
    await branch('西溪缺开党支部', TOWN_B, '2015-03-01');
    await db.insertInto('meeting').values({ org_id: ids['西溪缺开党支部']!, kind: 'themeDay', held_on: today, topic: '主题党日：学习贯彻党的二十大精神' }).execute();
  });
  beforeAll(async () => {
    page = await h.signedIn('district', PHONE);
  });

  it('opens on the district by street, drills from a count to the branches and on to their year', async () => {
    await page.goto('/life');
    await page.getByTestId('life-district-table').waitFor();
    await poll(() => page.getByTestId('life-n-330106001-dormant').innerText()).toBe('1');
    expect(await page.getByTestId('life-n-330106001-compliant').innerText()).toBe('1');
    expect(await page.getByTestId('life-n-330106002-lagging').innerText()).toBe('1');
    expect(await page.getByTestId('life-sum-total').innerText()).toBe('3');
    expect(await page.getByTestId('life-sum-rate').innerText()).toContain('33.3%');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    await page.getByTestId('life-n-330106001-dormant').click();
    await poll(() => page.getByTestId('life-orgs-total').innerText()).toBe('共 1 个党支部');
    const table = page.getByTestId('life-orgs-table');
    expect(await table.innerText()).toContain('北山久未开会党支部');
    expect(await table.innerText()).not.toContain('北山新建党支部');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('life-orgs-export').click()]);
    const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lx-dl-')), download.suggestedFilename());
    await download.saveAs(saved);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(saved);
    const names: string[] = [];
    book.worksheets[0]!.eachRow((r, n) => { if (n > 1) names.push(String(r.getCell(1).value)); });
    expect(names).toEqual(['北山久未开会党支部']);

    await table.getByRole('link', { name: '北山久未开会党支部' }).click();
    await page.getByTestId('life-grid').waitFor();
    expect(page.url()).toContain(`/orgs/${ids['北山久未开会党支部']}/life`);
    expect(await page.getByTestId('life-status').innerText()).toBe('不活跃');
    expect(errorsOf(page)).toEqual([]);
  });
});
