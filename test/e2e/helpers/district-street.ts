import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { seedCoverageWorld } from '../../helpers/coverage-world.js';
import { createUser, startServer, type TestServer } from './server.js';
import { DESKTOP, errorsOf, launchBrowser, openPage, signIn } from './browser.js';

export const PASSWORD = 'Lx-e2e-Pass-2026';

/**
 * The statistics world most page tests start from: the generated coverage world (西湖区 with its
 * streets), a district account `district` (org_admin over 330106) and a street account `street`
 * (township_officer over 北山街道 330106001). Registers its own hooks — call it inside `describe` —
 * and checks after each test that no page it opened threw.
 */
export function districtAndStreet(enterprises: number, seed?: (server: TestServer) => Promise<void>) {
  let server: TestServer;
  let browser: Browser;
  const pages: Page[] = [];
  beforeAll(async () => {
    server = await startServer();
    await seedCoverageWorld(server.database.db, enterprises);
    await seed?.(server);
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
  return {
    server: () => server,
    /** A new page signed in as `district` or `street`, landed on 覆盖统计. */
    async signedIn(username: 'district' | 'street', viewport = DESKTOP): Promise<Page> {
      const page = await openPage(browser, server.url, viewport);
      pages.push(page);
      await signIn(page, username, PASSWORD);
      await page.waitForURL('**/coverage');
      return page;
    },
  };
}
