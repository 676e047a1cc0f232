import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemActor } from '../../src/core/access/actor.js';
import { takeSnapshot } from '../../src/core/coverage/snapshot.service.js';
import type { FiguresResult } from '../../src/contracts/coverage-metrics.js';
import { previousPeriod } from '../../src/domain/metrics.js';
import { todayInChina } from '../../src/domain/org-terms.js';
import { seedCoverageWorld } from '../helpers/coverage-world.js';
import { createUser, startServer, type TestServer } from './helpers/server.js';
import { PHONE, errorsOf, launchBrowser, openPage, poll, shot, signIn } from './helpers/browser.js';

/**
 * 覆盖统计 in Chromium: the headline cards show the API's figures, a figure opens the enterprises
 * it counts (every page of them), and on a phone nothing is wider than the screen.
 */
const PASSWORD = 'Lx-e2e-Pass-2026';
const HEADLINE = ['orgCoverage', 'twoCoverage', 'standaloneRate', 'unionSetup'];
const pct = (r: number | null) => (r == null ? '—' : `${r.toFixed(1)}%`);

async function openDashboard(page: Page): Promise<void> {
  await page.goto('/coverage');
  await poll(() => page.getByTestId('headline-twoCoverage-denominator').textContent()).not.toBe('0');
}

/** Elements sticking out past the right edge, unless a scrolling or clipping box inside the screen holds them. */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const limit = window.innerWidth + 1;
    const held = (el: Element): boolean => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if ((o === 'auto' || o === 'scroll' || o === 'hidden') && p.getBoundingClientRect().right <= limit) return true;
      }
      return false;
    };
    return [...document.querySelectorAll('body *')]
      .filter((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.right > limit && !held(el); })
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 60)} → ${Math.round(el.getBoundingClientRect().right)}px`);
  });
}

describe('coverage dashboard in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let api: FiguresResult;
  beforeAll(async () => {
    server = await startServer();
    await seedCoverageWorld(server.database.db, 80);
    // Two month ends so the trend chart has points.
    const last = previousPeriod(todayInChina().slice(0, 7));
    for (const p of [previousPeriod(last), last]) await takeSnapshot(server.database.db, systemActor('e2e'), p);
    await createUser(server.database, { username: 'admin1', password: PASSWORD });
    browser = await launchBrowser();
    page = await openPage(browser, server.url);
    await signIn(page, 'admin1', PASSWORD);
    await page.getByTestId('side-menu').waitFor();
    const res = await page.request.get('/api/coverage/figures?groupBy=region');
    expect(res.status()).toBe(200);
    api = (await res.json()) as FiguresResult;
  });
  afterEach(() => {
    expect(errorsOf(page)).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('headline cards show the API figures', async () => {
    await openDashboard(page);
    for (const id of HEADLINE) {
      const pair = api.total.pairs[id]!;
      const card = page.getByTestId(`headline-${id}`);
      await poll(() => card.locator('.ant-statistic-content-value').textContent()).toBe(pct(pair.rate));
      expect(await page.getByTestId(`headline-${id}-numerator`).textContent()).toBe(String(pair.numerator));
      expect(await page.getByTestId(`headline-${id}-denominator`).textContent()).toBe(String(pair.denominator));
    }
    expect(api.total.pairs.twoCoverage!.denominator).toBeGreaterThan(50); // more than one page in the drawer
    await shot(page, 'dashboard-desktop');
  });

  it('a figure opens exactly the enterprises it counts, over every page', async () => {
    for (const [id, part] of [['twoCoverage', 'denominator'], ['orgCoverage', 'numerator']] as const) {
      await page.getByTestId(`headline-${id}-${part}`).click();
      const rows = page.getByTestId('drill-table').locator('tbody tr.ant-table-row');
      await poll(() => rows.count()).toBeGreaterThan(0);
      for (let i = 0; i < 5 && (await page.getByTestId('drill-more').count()); i++) {
        const before = await rows.count();
        await page.getByTestId('drill-more').click();
        await poll(() => rows.count()).toBeGreaterThan(before);
      }
      expect(await rows.count(), `${id} ${part}`).toBe(api.total.pairs[id]![part]);
      await shot(page, `dashboard-drill-${id}`);
      await page.locator('.ant-drawer-close').click();
      await poll(() => page.locator('.ant-drawer-open').count()).toBe(0);
    }
  });

  it('phone width: nothing wider than the screen', async () => {
    const phone = await openPage(browser, server.url, PHONE);
    await signIn(phone, 'admin1', PASSWORD);
    await poll(() => phone.request.get('/api/coverage/figures?groupBy=none').then((r) => r.status())).toBe(200);
    await openDashboard(phone);
    await poll(() => phone.locator('canvas').count()).toBeGreaterThan(0);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(await overflowing(phone)).toEqual([]);
    await shot(phone, 'dashboard-phone');
    await phone.getByTestId('headline-orgCoverage-numerator').click();
    await poll(() => phone.getByTestId('drill-table').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    expect(await overflowing(phone)).toEqual([]);
    await shot(phone, 'dashboard-phone-drill');
    expect(errorsOf(phone)).toEqual([]);
    await phone.context().close();
  });
});
