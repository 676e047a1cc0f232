import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { COMMUNITY_A1, seedEnterprise, TOWN_B } from '../helpers/org-fixtures.js';
import { useOneServer } from './helpers/one-server.js';
import { errorsOf, pickOption, poll, shot } from './helpers/browser.js';

/**
 * 待办 in Chromium (docs/inbox.md) on two streets: 北山街道 has two 空白点 enterprises and a branch
 * without a secretary; 西溪街道 has one 空白点 and a joint branch without a secretary covering an
 * enterprise of 北山街道. The district refreshes by the rules, opens 已逾期 and drills from the
 * board's 北山街道 × 消除党建工作空白点 cell to exactly those tasks. 北山街道's officer filters by kind,
 * assigns the branch's task to themself (it moves to 我的), cancels a gap with a reason (history
 * shows both), and sees the joint branch's task 仅可查看 with nothing to do. One server, one browser.
 */
const GAPS_A = ['北山云帆科技有限公司', '北山智造有限公司'];

async function tab(page: Page, label: string): Promise<void> {
  await page.getByTestId('inbox-tabs').getByRole('tab', { name: new RegExp(`^${label}`) }).click();
}
const total = (page: Page) => page.getByTestId('inbox-total').innerText();
const rows = (page: Page) => page.getByTestId('inbox-table').locator('tbody tr.ant-table-row');
const drawer = (page: Page) => page.getByTestId('task-drawer');

async function closeDrawer(page: Page): Promise<void> {
  await drawer(page).locator('.ant-drawer-close').click();
  await poll(() => drawer(page).count()).toBe(0);
}

async function openTaskOf(page: Page, subject: string, kind: string): Promise<void> {
  await rows(page).filter({ hasText: subject }).filter({ hasText: kind }).getByTestId('inbox-open-task').click();
  await poll(() => drawer(page).innerText()).toContain(subject);
}

describe('待办 in Chromium: tabs, filters, the overdue board, the task drawer', () => {
  const h = useOneServer([
    { username: 'district', role: 'org_admin', regionPrefixes: ['330106'] },
    { username: 'beishan', role: 'township_officer', regionPrefixes: ['330106001'] },
  ], async (server) => {
    const db = server.database.db;
    for (const name of GAPS_A) await seedEnterprise(db, { name, regionCode: COMMUNITY_A1, employeeCount: 30 });
    await seedEnterprise(db, { name: '西溪精工有限公司', regionCode: TOWN_B, employeeCount: 30 });
    const linked = await seedEnterprise(db, { name: '北山联合物流有限公司', regionCode: COMMUNITY_A1, employeeCount: 30 });
    const org = async (name: string, region: string, mode: 'standalone' | 'joint') => {
      const { id } = await db.insertInto('party_org').values({ name, org_type: 'branch', setup_mode: mode, region_code: region }).returning('id').executeTakeFirstOrThrow();
      await db.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
      return id;
    };
    await org('北山社区党支部', COMMUNITY_A1, 'standalone');
    const joint = await org('西溪联合党支部', TOWN_B, 'joint');
    await db.insertInto('party_org_coverage').values({ org_id: joint, enterprise_id: linked, mode: 'joint', since: '2024-01-01' }).execute();
  });

  it('the district drills from the overdue board; a street filters, assigns, cancels with a reason and reads history', async () => {
    const district = await h.signedIn('district');
    await district.goto('/inbox');
    await district.getByTestId('inbox-refresh').click();
    await poll(() => district.locator('.ant-message').innerText()).toMatch(/已刷新：新增 \d+/);
    // The gaps found today fall due in 90 days: set them past due, as a quarter later.
    await h.server.database.db.updateTable('task').set({ due_on: '2026-01-05' }).where('kind', '=', 'coverage.gap').execute();
    await district.reload();
    await tab(district, '已逾期');
    const board = district.getByTestId('inbox-overdue-board');
    await poll(() => board.innerText()).toContain('合计 3 件');
    const beishan = board.locator('tr').filter({ hasText: '北山街道' });
    await poll(() => beishan.innerText()).toContain('2');
    expect(await board.locator('tr').filter({ hasText: '西溪街道' }).innerText()).toContain('1');
    await beishan.getByRole('button', { name: '2' }).first().click();
    await poll(() => district.url()).toContain('region=330106001000');
    expect(district.url()).toContain('kind=coverage.gap');
    await poll(() => total(district)).toBe('合计 2 条，已显示 2 条');
    expect((await rows(district).allInnerTexts()).join()).not.toContain('西溪精工有限公司');
    await shot(district, 'inbox-overdue-drill');

    const street = await h.signedIn('beishan');
    // A step that cannot happen fails here, naming itself, rather than at the test's timeout.
    for (const p of [district, street]) p.setDefaultTimeout(20_000);
    await street.goto('/inbox?view=role');
    // Its own gaps and branch, and the joint branch of 西溪街道 seen through its link: never 西溪's own gap.
    await poll(() => rows(street).count()).toBeGreaterThanOrEqual(4);
    const listed = (await rows(street).allInnerTexts()).join('\n');
    expect(listed).not.toContain('西溪精工有限公司');
    expect(await rows(street).filter({ hasText: '西溪联合党支部' }).filter({ hasText: '配齐党组织书记' }).innerText()).toContain('仅可查看');
    await street.locator('.ant-select').filter({ hasText: '事项类别' }).click();
    await street.locator('.ant-select-item-option').filter({ hasText: '配齐党组织书记' }).click();
    await poll(() => total(street)).toBe('合计 2 条，已显示 2 条');

    await openTaskOf(street, '北山社区党支部', '配齐党组织书记');
    await pickOption(street, () => drawer(street).getByTestId('task-assignee').click(), 'beishan', () => drawer(street).getByTestId('task-assign').isEnabled());
    await drawer(street).getByTestId('task-assign').click();
    await poll(() => drawer(street).locator('.ant-descriptions').innerText()).toMatch(/办理人\s*beishan/);
    expect(await drawer(street).locator('.ant-timeline').innerText()).toMatch(/指派/);
    await closeDrawer(street);
    await tab(street, '我的');
    await poll(() => total(street)).toBe('合计 1 条，已显示 1 条');
    expect(await rows(street).innerText()).toContain('北山社区党支部');

    await tab(street, '本岗位');
    await openTaskOf(street, '西溪联合党支部', '配齐党组织书记');
    expect(await drawer(street).innerText()).toContain('由其属地指派和办理');
    expect(await drawer(street).getByTestId('task-assign').count()).toBe(0);
    expect(await drawer(street).getByTestId('task-cancel').count()).toBe(0);
    await closeDrawer(street);

    await street.goto('/inbox?view=role&kind=coverage.gap');
    await poll(() => total(street)).toBe('合计 2 条，已显示 2 条');
    await openTaskOf(street, GAPS_A[0]!, '消除党建工作空白点');
    await drawer(street).getByTestId('task-cancel').click();
    await street.getByTestId('task-cancel-reason').fill('企业已注销，待工商数据同步');
    await street.locator('.ant-modal:visible').getByRole('button', { name: /撤\s*销/ }).click();
    await poll(() => drawer(street).innerText()).toContain('企业已注销，待工商数据同步');
    expect(await drawer(street).innerText()).toContain('已撤销');
    await closeDrawer(street);
    await poll(() => total(street)).toBe('合计 1 条，已显示 1 条');
    await shot(street, 'inbox-street-after-cancel');
    for (const p of [district, street]) expect(errorsOf(p)).toEqual([]);
  }, 90_000);
});
