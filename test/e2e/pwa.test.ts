import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { systemActor } from '../../src/core/access/actor.js';
import { refreshTasks } from '../../src/core/task/task-refresh.service.js';
import { seedCoverageWorld } from '../helpers/coverage-world.js';
import { createUser, startServer, type TestServer } from './helpers/server.js';
import { PHONE, launchBrowser, poll, shot, signIn } from './helpers/browser.js';

/**
 * The installable app (issue 17 item 8; docs/pwa.md) in Chromium's mobile emulation (390×844, touch):
 * the manifest is valid and its icons load at their sizes; the service worker registers and controls
 * the page; offline, a reload still opens 待办 with the last synced tasks and says so; signing out
 * drops the kept inbox; the street officer, the secretary and the member each reach their main page
 * in one tap of the bottom tab bar once the app is open (two from the home screen).
 */
const PASSWORD = 'Lx-e2e-Pass-2026';

/** Width and height from a PNG's IHDR chunk. */
const pngSize = (b: Buffer) => ({ width: b.readUInt32BE(16), height: b.readUInt32BE(20) });

describe('installable app (PWA) on a phone (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    const t0 = Date.now();
    server = await startServer();
    const t1 = Date.now();
    await seedCoverageWorld(server.database.db, 12);
    await refreshTasks(server.database.db, systemActor('e2e'), {});
    if (process.env.LX_E2E_TIMING) console.log(`server ${t1 - t0} ms, world and tasks ${Date.now() - t1} ms`);
    await createUser(server.database, { username: 'street', password: PASSWORD, role: 'township_officer', regionPrefixes: ['330106001'] });
    await createUser(server.database, { username: 'secretary', password: PASSWORD, role: 'branch_secretary', regionPrefixes: ['330106001'] });
    await createUser(server.database, { username: 'member', password: PASSWORD, role: 'member', regionPrefixes: ['330106001'] });
    browser = await launchBrowser();
    context = await browser.newContext({ baseURL: server.url, viewport: PHONE, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    page = await context.newPage();
    page.on('pageerror', (err) => errors.push(err.message));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('installs, opens 待办 offline, and puts each main page one tap away', async () => {
    // The manifest: served as a manifest, the members an installable app needs, icons at their sizes.
    const res = await page.request.get('/manifest.webmanifest');
    expect(res.headers()['content-type']).toMatch(/^application\/manifest\+json/);
    const manifest = await res.json() as { name: string; short_name: string; lang: string; start_url: string; display: string; theme_color: string; icons: Array<{ src: string; sizes: string; purpose?: string }> };
    expect(manifest).toMatchObject({ name: '两新党建与工会工作平台', short_name: '两新党建', lang: 'zh-CN', start_url: '/', display: 'standalone' });
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    for (const icon of manifest.icons) {
      const png = await page.request.get(icon.src);
      expect(png.status(), icon.src).toBe(200);
      const [w, h] = icon.sizes.split('x').map(Number);
      expect(pngSize(await png.body()), icon.src).toEqual({ width: w, height: h });
    }
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);
    expect((await page.request.get('/service-worker.js')).headers()['cache-control']).toBe('no-cache');

    // The worker registers and controls the page; the street's inbox is read once online.
    await signIn(page, 'street', PASSWORD);
    await poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), 20_000).toBe(true);
    expect(await page.evaluate(() => document.querySelector('link[rel="manifest"]')?.getAttribute('href'))).toBe('/manifest.webmanifest');
    await page.goto('/inbox');
    await poll(() => page.getByTestId('inbox-total').textContent()).toMatch(/^合计 [1-9]\d* 条/);
    const total = await page.getByTestId('inbox-total').textContent();
    const firstRow = await page.locator('[data-testid="inbox-table"] tbody tr.ant-table-row').first().innerText();

    // Offline: a reload still opens 待办 with the tasks last synced, and says it is offline.
    await context.setOffline(true);
    await page.reload();
    await poll(() => page.getByTestId('inbox-total').textContent()).toBe(total);
    expect(await page.locator('[data-testid="inbox-table"] tbody tr.ant-table-row').first().innerText()).toBe(firstRow);
    await poll(() => page.getByTestId('offline-banner').textContent()).toMatch(/^离线：显示的是上次同步的待办（\d{4}-\d{2}-\d{2} \d{2}:\d{2} 同步）/);
    await shot(page, 'pwa-offline-inbox');
    await context.setOffline(false);

    // Street officer: from the app's home, one tap to 工作清单 and one to 待办.
    await page.goto('/');
    await page.getByTestId('tab-worklists').tap();
    await poll(() => new URL(page.url()).pathname).toBe('/worklists');
    await page.getByTestId('tab-inbox').tap();
    await poll(() => new URL(page.url()).pathname).toBe('/inbox');

    // Signing out forgets the person and their kept inbox on this phone.
    await page.getByTestId('user-menu').tap();
    await page.getByText('退出登录').tap();
    await poll(() => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('lx-inbox-')).length)).toBe(0);
    expect(await page.evaluate(() => localStorage.getItem('lx-offline-session'))).toBeNull();

    // Secretary: 组织生活 and 待办 one tap away.
    await signIn(page, 'secretary', PASSWORD);
    await page.getByTestId('tab-life').tap();
    await poll(() => new URL(page.url()).pathname).toBe('/life');
    expect(await page.getByTestId('tab-inbox').isVisible()).toBe(true);
    await page.getByTestId('user-menu').tap();
    await page.getByText('退出登录').tap();

    // Member: 我的 and 学习 one tap away.
    await signIn(page, 'member', PASSWORD);
    await page.getByTestId('tab-me').tap();
    await poll(() => new URL(page.url()).pathname).toBe('/me');
    await page.getByTestId('tab-study').tap();
    await poll(() => new URL(page.url()).pathname).toBe('/study');
    await poll(() => page.getByTestId('study-total').textContent()).toMatch(/^共 \d+ 份资料/);
    await shot(page, 'pwa-member-study');
    expect(errors).toEqual([]);
  }, 120_000);
});
