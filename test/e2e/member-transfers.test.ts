import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { COMMUNITY_A1, TOWN_B, seedEnterprise, seedRegions } from '../helpers/org-fixtures.js';
import { createUser, startServer, type TestServer } from './helpers/server.js';
import { PHONE, errorsOf, launchBrowser, openPage, poll, shot, signIn } from './helpers/browser.js';

/**
 * 组织关系转接 across two streets and 亮身份 in Chromium: street A (北山街道) issues a letter to an
 * organisation of street B (西溪街道); B signs in, finds it under 待处理, accepts, and the member is
 * on B's roster. A member account declares itself on the phone-width 我的 page; street A confirms it
 * into its branch, and the enterprise's roster count goes from 0 to 1.
 */
const PASSWORD = 'Lx-e2e-Pass-2026';
const modal = (page: Page) => page.locator('.ant-modal:visible');
const ok = (page: Page) => modal(page).getByRole('button', { name: /确\s*定/ }).click();

async function pickRemote(page: Page, label: string, text: string, option: RegExp): Promise<void> {
  await modal(page).getByLabel(label).fill(text);
  const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option });
  await poll(() => item.count()).toBeGreaterThan(0);
  await item.first().click();
}
function idNumber(body17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return body17 + '10X98765432'[[...body17].reduce((s, d, i) => s + Number(d) * w[i], 0) % 11];
}

describe('组织关系转接 and 亮身份 in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let enterpriseId = '';
  beforeAll(async () => {
    server = await startServer();
    const db = server.database.db;
    await seedRegions(db);
    enterpriseId = await seedEnterprise(db, { name: '北山云帆科技有限公司', regionCode: COMMUNITY_A1, memberCount: 0 });
    const org = async (name: string, region: string) => {
      const { id } = await db.insertInto('party_org').values({ name, org_type: 'branch', setup_mode: 'standalone', region_code: region }).returning('id').executeTakeFirstOrThrow();
      await db.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
      return id;
    };
    const orgA = await org('北山社区联合党支部', COMMUNITY_A1);
    await org('西溪街道机关党支部', TOWN_B);
    const person = await db.insertInto('person').values({ name: '林晓舟', region_code: COMMUNITY_A1 }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('party_member').values({ person_id: person.id, org_id: orgA, category: 'full', joined_on: '2011-07-01' }).execute();
    await createUser(server.database, { username: 'streetA', password: PASSWORD, role: 'township_officer', regionPrefixes: ['330106001'] });
    await createUser(server.database, { username: 'streetB', password: PASSWORD, role: 'township_officer', regionPrefixes: ['330106002'] });
    await createUser(server.database, { username: 'dangyuan', password: PASSWORD, role: 'member', regionPrefixes: ['330106001'] });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('street A issues a letter, street B accepts it, and the member is on B\'s roster', async () => {
    const a = await openPage(browser, server.url);
    await signIn(a, 'streetA', PASSWORD);
    await a.goto('/transfers?box=out');
    await a.getByTestId('transfer-issue').click();
    await pickRemote(a, '党员', '林晓', /林晓舟/);
    await pickRemote(a, '接收党组织', '西溪', /西溪街道机关党支部/);
    await ok(a);
    await poll(() => a.getByTestId('transfer-table').textContent()).toContain('林晓舟');
    expect(await a.getByTestId('transfer-table').textContent()).toContain('待接收');
    expect(await a.getByTestId('transfer-total').textContent()).toContain('共 1 份介绍信');
    // Street A holds the member until B accepts, and cannot accept for B.
    expect(await a.getByTestId('transfer-accept').count()).toBe(0);
    await shot(a, 'transfers-01-issued');

    const b = await openPage(browser, server.url);
    await signIn(b, 'streetB', PASSWORD);
    await b.goto('/transfers');
    await poll(() => b.getByTestId('transfer-table').textContent()).toContain('林晓舟');
    expect(await b.getByTestId('transfer-revoke').count()).toBe(0);
    await b.getByTestId('transfer-accept').click();
    await ok(b);
    await poll(() => b.getByTestId('transfer-total').textContent()).toContain('共 0 份介绍信');
    await b.goto('/members');
    await poll(() => b.getByTestId('member-table').textContent()).toContain('林晓舟');
    expect(await b.getByTestId('member-table').textContent()).toContain('西溪街道机关党支部');
    await a.goto('/members');
    await poll(() => a.getByTestId('member-total').textContent()).toContain('共 0');
    await a.goto('/transfers?box=out');
    await poll(() => a.getByTestId('transfer-table').textContent()).toContain('已接收');
    expect([...errorsOf(a), ...errorsOf(b)]).toEqual([]);
    await a.close();
    await b.close();
  });

  it('a member declares on the phone, street A confirms, and the enterprise\'s roster count changes', async () => {
    const m = await openPage(browser, server.url, PHONE);
    await signIn(m, 'dangyuan', PASSWORD);
    await m.goto('/me');
    await m.getByTestId('me-declare').click();
    await modal(m).getByLabel('姓名').fill('周亦然');
    await modal(m).getByLabel('身份证号码').fill('330106199001011230');
    await pickRemote(m, '工作单位', '北山云帆', /北山云帆科技/);
    await modal(m).getByLabel('组织关系所在党组织').fill('老家某村党支部');
    await ok(m);
    // A wrong check digit: the server's Chinese message, the form stays open.
    await poll(() => modal(m).locator('.ant-alert').textContent()).toContain('身份证');
    await modal(m).getByLabel('身份证号码').fill(idNumber('33010619900101123'));
    await ok(m);
    await poll(() => m.getByTestId('me-declarations').textContent()).toContain('待确认');
    await shot(m, 'transfers-02-me-phone');

    const a = await openPage(browser, server.url);
    await signIn(a, 'streetA', PASSWORD);
    await a.goto(`/members?enterprise=${enterpriseId}`);
    await poll(() => a.getByTestId('member-total').textContent()).toContain('共 0');
    await a.goto('/declarations');
    await poll(() => a.getByTestId('declaration-table').textContent()).toContain('周亦然');
    await a.getByTestId('declaration-confirm').click();
    await pickRemote(a, '登记入册的党组织（可不选）', '北山', /北山社区联合党支部/);
    await modal(a).getByLabel('入党日期（登记入册时填写）').fill('2015-07-01');
    await ok(a);
    await poll(() => a.getByTestId('declaration-table').textContent()).toContain('已确认');
    await a.goto(`/members?enterprise=${enterpriseId}`);
    await poll(() => a.getByTestId('member-total').textContent()).toContain('共 1');
    expect(await a.getByTestId('member-table').textContent()).toContain('周亦然');
    await m.reload();
    await poll(() => m.getByTestId('me-declarations').textContent()).toContain('已确认');
    expect([...errorsOf(a), ...errorsOf(m)]).toEqual([]);
  });
});
