import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { systemActor } from '../../src/core/access/actor.js';
import { takeSnapshot } from '../../src/core/coverage/snapshot.service.js';
import type { FiguresResult } from '../../src/contracts/coverage-metrics.js';
import { previousPeriod } from '../../src/domain/metrics.js';
import { todayInChina } from '../../src/domain/org-terms.js';
import { districtAndStreet } from './helpers/district-street.js';
import { poll, shot } from './helpers/browser.js';

/**
 * Issue 13 item 2: a district account (西湖区) and a street account (北山街道) sign in, land on 覆盖统计
 * and see their own area first — figures and the 12-month trend — with the region and month in the
 * address, so a reload or a link reopens the same view; the drill-down list has its total and its
 * names open the enterprise.
 */

async function figuresOf(page: Page, prefix: string): Promise<FiguresResult> {
  const res = await page.request.get(`/api/coverage/figures?groupBy=none&regionPrefix=${prefix}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as FiguresResult;
}

async function expectArea(page: Page, name: string, prefix: string): Promise<void> {
  await poll(() => page.getByTestId('dashboard-node').textContent()).toBe(name);
  const api = await figuresOf(page, prefix);
  await poll(() => page.getByTestId('headline-twoCoverage-denominator').textContent()).toBe(String(api.total.pairs.twoCoverage!.denominator));
  // The trend of the area: a chart, not "区划不存在或无权查看".
  const trend = page.getByTestId('dashboard-trend');
  await poll(() => trend.locator('canvas').count()).toBeGreaterThan(0);
  expect(await trend.getByTestId('error-alert').count()).toBe(0);
}

describe('statistics open on the official’s own area (Chromium)', () => {
  const world = districtAndStreet(40, async (server) => {
    const last = previousPeriod(todayInChina().slice(0, 7));
    for (const p of [previousPeriod(last), last]) await takeSnapshot(server.database.db, systemActor('e2e'), p);
  });

  it('a district account lands on 覆盖统计 at 西湖区 with its trend; picking a street goes into the address and survives a reload', async () => {
    const page = await world.signedIn('district');
    await expectArea(page, '西湖区', '330106');
    expect(await page.getByTestId('dashboard-crumbs').textContent()).not.toContain('全部');
    await shot(page, 'dashboard-district');

    // The picker's tree starts at the district: open it and take 北山街道.
    await page.getByTestId('dashboard-region').click();
    await page.locator('.ant-select-tree-switcher').first().click();
    await page.locator('.ant-select-tree-title', { hasText: '北山街道' }).click();
    await page.waitForURL(/region=330106001/);
    await expectArea(page, '北山街道', '330106001');
    expect(await page.getByTestId('dashboard-crumbs').textContent()).toContain('西湖区');
    await page.reload();
    await expectArea(page, '北山街道', '330106001');

    // A month in the address too.
    const month = previousPeriod(todayInChina().slice(0, 7));
    await page.goto(`/coverage?region=330106&month=${month}`);
    await expectArea(page, '西湖区', '330106');
    // antd puts the test id on the picker's input itself
    await poll(() => page.locator('input[data-testid="dashboard-month"], [data-testid="dashboard-month"] input').first().inputValue()).toBe(month);
  });

  it('names, not codes: the instructor list and the work list show the region’s path', async () => {
    const page = await world.signedIn('district');
    await page.goto('/instructors');
    const cell = page.locator('[data-region-code="330106000000"]').first();
    await poll(() => cell.textContent()).toBe('杭州市 › 西湖区');
    await page.goto('/worklists?list=gaps');
    const first = page.locator('[data-region-code]').first();
    await poll(() => first.textContent()).toMatch(/^杭州市 › 西湖区/);
  });

  it('a street account lands on its street with the trend; a figure lists its enterprises with a total and links', async () => {
    const page = await world.signedIn('street');
    await expectArea(page, '北山街道', '330106001');
    await shot(page, 'dashboard-street');

    const api = await figuresOf(page, '330106001');
    await page.getByTestId('headline-twoCoverage-denominator').click();
    await poll(() => page.getByTestId('drill-total').textContent()).toBe(`共 ${api.total.pairs.twoCoverage!.denominator} 家企业`);
    const link = page.getByTestId('drill-table').locator('tbody tr.ant-table-row a').first();
    const name = await link.textContent();
    await link.click();
    await page.waitForURL(/\/enterprises\/\d+$/);
    await poll(() => page.locator('body').textContent()).toContain(name ?? '');
  });
});
