import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemActor } from '../../src/core/access/actor.js';
import { withChecks } from '../../src/core/generator/credit-codes.js';
import { loadRegions } from '../../src/core/region/region-load.service.js';
import { createUser, startServer, type TestServer } from './helpers/server.js';
import { errorsOf, launchBrowser, openPage, poll, shot, signIn } from './helpers/browser.js';

const PASSWORD = 'Lx-e2e-Pass-2026';
/** Pending 郑州市中原区 enterprises: three on 建设路 (a road named like 建设路街道), one naming 棉纺路街道, one with no clue. */
const ROWS = [
  ['建设路一号商贸有限公司', '郑州市中原区建设路1号'],
  ['建设路二号餐饮有限公司', '郑州市中原区建设路2号'],
  ['建设路三号科技有限公司', '郑州市中原区建设路3号'],
  ['棉纺路街道物流有限公司', '郑州市中原区棉纺路街道中原路9号'],
  ['无线索服务有限公司', '郑州市中原区某某大厦1号'],
] as const;

describe('the placement queue in Chromium: filter by suggested street, accept in bulk', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    server = await startServer();
    await loadRegions(server.database, systemActor('e2e'), { scope: ['410102'] });
    for (const [i, [name, address]] of ROWS.entries()) {
      await server.database.db.insertInto('enterprise').values({
        credit_code: withChecks('91', '410102', `MAE${String(i + 1).padStart(5, '0')}`), name, address, region_code: '410102000000', placement: 'pending',
      }).execute();
    }
    await createUser(server.database, { username: 'district', password: PASSWORD, role: 'org_admin', regionPrefixes: ['410102'] });
    browser = await launchBrowser();
    page = await openPage(browser, server.url);
    await signIn(page, 'district', PASSWORD);
  });
  afterEach(() => {
    expect(errorsOf(page)).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const rows = () => page.getByTestId('placement-table').locator('tbody tr.ant-table-row');
  const total = () => page.getByTestId('queue-total').textContent();

  it('shows each row with its suggested street by name, the road ones marked for checking', async () => {
    await page.goto(`${server.url}/placement-queue`);
    await poll(total).toBe('共 5 家');
    const road = rows().filter({ hasText: ROWS[0][0] });
    await poll(() => road.textContent()).toContain('建设路街道');
    expect(await road.textContent()).toContain('按道路名推测，请核实');
    expect(await road.textContent()).toContain('中原区');
    expect(await rows().filter({ hasText: ROWS[3][0] }).textContent()).toContain('按住所认定');
    expect(await rows().filter({ hasText: ROWS[4][0] }).textContent()).toContain('无建议');
    // The name links to the enterprise.
    expect(await road.getByRole('link', { name: ROWS[0][0] }).getAttribute('href')).toMatch(/^\/enterprises\/\d+$/);
    await shot(page, 'placement-queue-suggestions');
  });

  it('filters by suggested street, accepts the selected suggestions and the rows leave the queue', async () => {
    await page.getByTestId('suggested-filter').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '中原区建设路街道（3）' }).click();
    await poll(total).toBe('共 3 家');
    await poll(() => rows().count()).toBe(3);
    for (const name of [ROWS[0][0], ROWS[1][0]]) await rows().filter({ hasText: name }).locator('.ant-checkbox-input').check();
    await page.getByTestId('accept-selected').click();
    await poll(() => page.getByTestId('bulk-result').textContent()).toContain('已认定 2 家企业的属地');
    await poll(total).toBe('共 1 家');
    await poll(() => rows().count()).toBe(1);
    expect(await rows().first().textContent()).toContain(ROWS[2][0]);
  });

  it('accepts every suggestion of the filter after a confirmation naming the count', async () => {
    await page.getByTestId('suggested-filter').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '全部（3）' }).click();
    await poll(total).toBe('共 3 家');
    await page.getByTestId('accept-all').click();
    const dialog = page.locator('.ant-modal-confirm');
    await poll(() => dialog.textContent()).toContain('2 家企业的建议属地');
    await shot(page, 'placement-queue-confirm');
    await dialog.getByRole('button', { name: /接受 2 家/ }).click();
    await poll(() => page.getByTestId('bulk-result').textContent()).toContain('已认定 2 家企业的属地');
    await poll(total).toBe('共 1 家');
    expect(await rows().first().textContent()).toContain(ROWS[4][0]);
    const placed = await server.database.db.selectFrom('enterprise').select(['name', 'region_code', 'placement']).where('placement', '=', 'manual').orderBy('name').execute();
    expect(placed.map((p) => [p.name, p.region_code])).toEqual(expect.arrayContaining([
      [ROWS[2][0], '410102002000'], [ROWS[3][0], '410102003000'],
    ]));
    expect(placed).toHaveLength(4);
  });
});
