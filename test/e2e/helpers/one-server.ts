import { afterAll, beforeAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { seedRegions } from '../../helpers/org-fixtures.js';
import { createUser, startServer, type TestServer, type TestUser } from './server.js';
import { DESKTOP, launchBrowser, openPage, signIn } from './browser.js';
import { PASSWORD } from './district-street.js';

/**
 * The preamble of most browser files: one server with the regions of org-fixtures (西湖区, 北山街道,
 * 西溪街道, 北山社区), the file's own records and accounts (all with the e2e password), one browser.
 * Registers its own hooks — call it inside `describe`. `signedIn` opens a fresh context (own cookies)
 * signed in as one of the accounts. Migrations on a busy shared machine take most of the setup.
 */
export type OneServer = {
  server: TestServer; browser: Browser;
  signedIn(username: string, viewport?: { width: number; height: number }): Promise<Page>;
};

export function useOneServer(users: Array<Omit<TestUser, 'password'>>, seed?: (server: TestServer) => Promise<void>, timeout = 240_000): OneServer {
  const h = {} as OneServer;
  h.signedIn = async (username, viewport = DESKTOP) => {
    const page = await openPage(h.browser, h.server.url, viewport);
    await signIn(page, username, PASSWORD);
    return page;
  };
  beforeAll(async () => {
    h.server = await startServer();
    await seedRegions(h.server.database.db);
    await seed?.(h.server);
    for (const u of users) await createUser(h.server.database, { ...u, password: PASSWORD });
    h.browser = await launchBrowser();
  }, timeout);
  afterAll(async () => {
    await h.browser?.close();
    await h.server?.close();
  });
  return h;
}
