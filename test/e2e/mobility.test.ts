import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { COMMUNITY_A1, seedRegions } from '../helpers/org-fixtures.js';
import { createUser, startServer, type TestServer } from './helpers/server.js';
import { PHONE, errorsOf, launchBrowser, openPage, poll, shot, signIn } from './helpers/browser.js';

/**
 * 流动党员 / 失联党员 and 党员名册启用日期 in Chromium (docs/member-transfers.md, docs/members.md):
 * a county official marks a member 流动 on the member page (活动证, 流入地党组织 by name, place, since)
 * and sees the rule's reminder; the list from the menu shows the mobile, lost and suspended members
 * with their reminders in Chinese and a total, per status; names lead to the member page; a phone
 * does not scroll sideways. On the organisation page the official states the roster's start date:
 * a date before the founding date is refused in Chinese, a valid one switches the counts to the roster.
 * On 用户管理 the official links a member's account to its person, found by name (ID number masked).
 */
const PASSWORD = 'Lx-e2e-Pass-2026';
const modal = (page: Page) => page.locator('.ant-modal:visible');
const ok = (page: Page) => modal(page).getByRole('button', { name: /确\s*定/ }).click();

describe('流动党员, 失联党员 and 党员名册启用日期 in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let orgId = '';
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    server = await startServer();
    const db = server.database.db;
    await seedRegions(db);
    const org = await db.insertInto('party_org').values({
      name: '南岭社区联合党支部', org_type: 'branch', setup_mode: 'joint', region_code: COMMUNITY_A1, founded_on: '2021-03-15', full_members: 5, probationary_members: 2,
    }).returning('id').executeTakeFirstOrThrow();
    orgId = org.id;
    await db.updateTable('party_org').set({ path: orgId }).where('id', '=', orgId).execute();
    const member = async (name: string, status: 'normal' | 'lostContact' | 'suspended', since: string | null) => {
      const p = await db.insertInto('person').values({ name, region_code: COMMUNITY_A1 }).returning('id').executeTakeFirstOrThrow();
      ids[name] = (await db.insertInto('party_member').values({ person_id: p.id, org_id: orgId, category: 'full', joined_on: '2010-07-01', status, status_since: since })
        .returning('id').executeTakeFirstOrThrow()).id;
    };
    await member('周明远', 'normal', null);
    await member('吴海燕', 'lostContact', '2025-01-10');
    await member('郑国梁', 'suspended', '2023-06-01');
    await createUser(server.database, { username: 'county', password: PASSWORD, role: 'org_admin', regionPrefixes: ['330106'] });
    await createUser(server.database, { username: 'dangyuan', password: PASSWORD, role: 'member', regionPrefixes: ['330106001'] });
    browser = await launchBrowser();
    page = await openPage(browser, server.url);
    await signIn(page, 'county', PASSWORD);
    await page.getByRole('menuitem', { name: /流动党员和失联党员$/ }).waitFor();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('marks a member 流动 on the member page; the reminder to transfer appears, cited in Chinese', async () => {
    await page.goto(`/members/${ids['周明远']}`);
    await page.getByTestId('member-mobility').click();
    await modal(page).getByLabel('外出日期').fill('2025-03-01');
    await ok(page);
    await poll(() => modal(page).textContent()).toContain('请填写流动党员活动证编号');
    await modal(page).getByLabel('流动党员活动证编号').fill('浙流0003');
    await modal(page).getByLabel('流入地党组织（不在系统内时填写名称）').fill('深圳市南山区科技园党委');
    await modal(page).getByLabel('外出地点').fill('深圳市南山区');
    await ok(page);
    await poll(() => page.getByTestId('member-status').textContent()).toBe('流动党员');
    await poll(() => page.getByTestId('member-mobility-facts').textContent()).toBe('活动证 浙流0003；流入地党组织 深圳市南山区科技园党委；外出地点 深圳市南山区');
    await poll(() => page.getByTestId('member-status-findings').textContent()).toContain('外出满6个月应转移组织关系');
    expect(await page.getByTestId('member-status-findings').textContent()).not.toMatch(/member\.|§/);
    // Away since 2025-03-01 with no report: the yearly report is due; recording one today clears it.
    await poll(() => page.getByTestId('member-status-findings').textContent()).toContain('流动党员每年至少汇报一次');
    await page.getByTestId('member-mobile-report').click();
    await modal(page).getByLabel('汇报方式和内容').fill('电话汇报近期工作情况');
    await ok(page);
    await poll(() => page.getByTestId('member-status-findings').textContent()).not.toContain('流动党员每年至少汇报一次');
    await poll(() => page.getByTestId('member-timeline').textContent()).toContain('流动党员汇报');
    await shot(page, 'mobility-01-member');
  });

  it('the list shows mobile, lost and suspended members with their reminders and a total; a name leads to the member', async () => {
    await page.getByRole('menuitem', { name: /流动党员和失联党员$/ }).click();
    await page.waitForURL(/\/mobility/);
    await poll(() => page.getByTestId('mobility-total').textContent()).toBe('共 3 名党员');
    const table = page.getByTestId('mobility-table');
    await poll(() => table.textContent()).toContain('活动证：浙流0003');
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('流入地党组织：深圳市南山区科技园党委');
    expect(text).toContain('失去联系满6个月');
    expect(text).toContain('停止党籍满2年');
    expect(text).not.toMatch(/member\.|mobileMustTransfer|§/);
    await table.getByText('为什么这样显示？').first().click();
    await poll(() => table.getByTestId('why').first().textContent()).toMatch(/依据：《中国共产党党员教育管理工作条例》/);
    await page.getByRole('tab', { name: '失联党员' }).click();
    await poll(() => page.getByTestId('mobility-total').textContent()).toBe('共 1 名党员');
    await table.getByRole('link', { name: '吴海燕' }).click();
    await page.waitForURL(new RegExp(`/members/${ids['吴海燕']}$`));
    await poll(() => page.getByTestId('member-status').textContent()).toBe('失联党员');
    expect(errorsOf(page)).toEqual([]);
    const phone = await openPage(browser, server.url, PHONE);
    await signIn(phone, 'county', PASSWORD);
    await phone.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    await phone.goto('/mobility');
    await poll(() => phone.getByTestId('mobility-total').textContent()).toBe('共 3 名党员');
    await poll(() => phone.getByTestId('mobility-table').textContent()).toContain('停止党籍满2年');
    expect(await phone.getByTestId('mobility-table').textContent()).toContain('活动证：浙流0003');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await shot(phone, 'mobility-02-phone');
    await phone.goto(`/members/${ids['周明远']}`);
    await phone.getByTestId('member-mobility').click();
    await phone.locator('.ant-modal:visible').getByLabel('流动党员活动证编号').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(errorsOf(phone)).toEqual([]);
  });

  it('states 党员名册启用日期 on the organisation page: before the founding date is refused, then counts follow the roster', async () => {
    await page.goto(`/orgs/${orgId}`);
    await poll(() => page.getByTestId('org-roster-since').textContent()).toBe('未启用（人数为填报数）');
    await poll(() => page.getByTestId('org-member-counts').textContent()).toBe('5 / 2填报数');
    await page.getByTestId('org-roster-since-edit').click();
    await modal(page).getByLabel('启用日期').fill('2021-03-14');
    await ok(page);
    await poll(() => modal(page).textContent()).toContain('党员名册启用日期不能早于党组织成立日期（2021-03-15）');
    await modal(page).getByLabel('启用日期').fill('2025-01-01');
    await ok(page);
    await poll(() => page.getByTestId('org-roster-since').textContent()).toBe('2025-01-01');
    await poll(() => page.getByTestId('org-member-counts').textContent()).toBe('3 / 0按党员名册');
    const audit = await server.database.db.selectFrom('audit_event').select('action').where('action', '=', 'party_org.roster_since').execute();
    expect(audit).toHaveLength(1);
    expect(errorsOf(page)).toEqual([]);
    await shot(page, 'mobility-03-roster-since');
  });

  it('links an account to its person on 用户管理: found by name within the administrator\'s scope, audited', async () => {
    await page.goto('/users');
    const row = page.locator('tr', { hasText: 'dangyuan' });
    await row.getByTestId('user-link-person').click();
    await modal(page).getByLabel('人员').fill('周明');
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /周明远（/ });
    await poll(() => option.count()).toBe(1);
    await option.first().click();
    await ok(page);
    const db = server.database.db;
    await poll(async () => (await db.selectFrom('app_user').select('person_id').where('username', '=', 'dangyuan').executeTakeFirstOrThrow()).person_id).not.toBeNull();
    const linked = await db.selectFrom('app_user as u').innerJoin('person as p', 'p.id', 'u.person_id').select('p.name').where('u.username', '=', 'dangyuan').executeTakeFirstOrThrow();
    expect(linked.name).toBe('周明远');
    expect(await db.selectFrom('audit_event').select('action').where('action', '=', 'user.link_person').execute()).toHaveLength(1);
    expect(errorsOf(page)).toEqual([]);
  });
});
