import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemActor } from '../../src/core/access/actor.js';
import { createOrg } from '../../src/core/party-org/party-org.service.js';
import { COMMUNITY_A1, seedRegions } from '../helpers/org-fixtures.js';
import { createUser, startServer, type TestServer } from './helpers/server.js';
import { errorsOf, launchBrowser, openPage, poll, signIn } from './helpers/browser.js';

const PASSWORD = 'Lx-e2e-Pass-2026';
const EXTRA = 44; // with "created": 45 events, the detail shows 20, one "加载更多" brings the other 25

/** The history card of an organisation with a long history: the latest 20, then "加载更多". */
describe('history card in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let orgId = '';
  beforeAll(async () => {
    server = await startServer();
    const db = server.database.db;
    await seedRegions(db);
    orgId = (await createOrg(db, systemActor('e2e'), { name: '历史很长的党支部', orgType: 'branch', setupMode: 'standalone', regionCode: COMMUNITY_A1 })).id;
    await db.insertInto('party_org_event').values(Array.from({ length: EXTRA }, (_, i) => ({
      org_id: orgId, kind: 'adjusted', at: `2025-${String(1 + (i % 12)).padStart(2, '0')}-01`, data: JSON.stringify({ reason: `第${i + 1}次调整` }),
    }))).execute();
    await createUser(server.database, { username: 'county', password: PASSWORD });
    browser = await launchBrowser();
    page = await openPage(browser, server.url);
    await signIn(page, 'county', PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the latest 20 events and loads the rest on 加载更多', async () => {
    await page.goto(`/orgs/${orgId}`);
    const card = page.getByTestId('org-history');
    const items = card.locator('.ant-timeline-item');
    await poll(() => items.count()).toBe(20);
    expect(await card.textContent()).toContain('共 45 条');
    const more = card.getByTestId('history-more');
    expect(await more.textContent()).toContain('20 / 45');
    await more.click();
    await poll(() => items.count()).toBe(45);
    expect(await more.count()).toBe(0);
    expect(await card.textContent()).toContain('成立');
    expect(errorsOf(page)).toEqual([]);
  });
});
