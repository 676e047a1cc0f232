import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { systemActor } from '../../src/core/access/actor.js';
import { createRound } from '../../src/core/bargaining/bargaining.service.js';
import { COMMUNITY_A1, seedPerson } from '../helpers/org-fixtures.js';
import { useOneServer } from './helpers/one-server.js';
import { PHONE, errorsOf, poll } from './helpers/browser.js';

/**
 * 集体协商 in a browser at phone width (docs/unions.md, "集体协商"): a district account opens the board
 * on its district by street, a count opens the rounds behind it with the total, and on the union's
 * page the 集体协商 card records the written reply, moving the round from 已要约 to 已答复. The 委员会
 * card records a 换届选举 and a 增补 through its forms; a seat declared a close relative is refused with
 * the server's 《工会法》第十条, shown by the field.
 */
const sys = systemActor('e2e');
const modal = (page: Page) => page.locator('.ant-modal:visible');

async function pickPerson(page: Page, text: string, option: RegExp): Promise<void> {
  await modal(page).getByLabel('人员').fill(text);
  const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option });
  await poll(() => item.count()).toBeGreaterThan(0);
  await item.first().click();
}

describe('集体协商 in Chromium at phone width', () => {
  let page: Page;
  let unionId = '';
  const h = useOneServer([{ username: 'district', role: 'org_admin', regionPrefixes: ['330106'] }], async (server) => {
    const db = server.database.db;
    unionId = (await db.insertInto('union_org').values({ name: '北山精密机械有限公司工会委员会', kind: 'standalone', region_code: COMMUNITY_A1, members: 120 })
      .returning('id').executeTakeFirstOrThrow()).id;
    await seedPerson(db, '孙建国', COMMUNITY_A1);
    await seedPerson(db, '李秀英', COMMUNITY_A1);
    await createRound(db, sys, unionId, { contractKind: 'collective', requestedOn: '2026-11-20', requestedBy: 'union' });
  });
  beforeAll(async () => {
    page = await h.signedIn('district', PHONE);
  });

  it('the board by street drills down to the rounds; the union card records the reply', async () => {
    await page.goto('/bargaining');
    await page.getByTestId('bargaining-board-table').waitFor();
    await poll(() => page.getByTestId('bargaining-n-330106001-requested').innerText()).toBe('1');
    expect(await page.getByTestId('bargaining-sum-total').innerText()).toBe('1');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.getByTestId('bargaining-n-330106001-requested').click();
    await poll(() => page.getByTestId('bargaining-rounds-total').innerText()).toBe('共 1 轮协商');
    expect(await page.getByTestId('bargaining-rounds-table').innerText()).toContain('北山精密机械有限公司工会委员会');

    await page.goto(`/unions/${unionId}`);
    const card = page.getByTestId('union-bargaining');
    await poll(() => card.getByTestId('bargaining-stage').innerText()).toBe('已要约');
    expect(await card.getByTestId('bargaining-due-reply').innerText()).toContain('2026-12-10');
    await card.getByTestId('bargaining-step-reply').click();
    await modal(page).locator('input[type=date]').fill('2026-11-28');
    await modal(page).getByRole('button', { name: /确\s*定/ }).click();
    await poll(() => card.getByTestId('bargaining-stage').innerText()).toBe('已答复');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(errorsOf(page)).toEqual([]);
  });

  it('the 委员会 card records an election and a seat; a close relative is refused by the server', async () => {
    const card = page.getByTestId('union-committee-card');
    await card.getByTestId('committee-election').click();
    await modal(page).getByLabel('选举日期').fill('2026-11-25');
    await modal(page).getByText('五年', { exact: true }).click();
    await pickPerson(page, '孙', /孙建国/);
    await modal(page).getByTestId('election-seat-0').getByText('否', { exact: true }).click();
    await modal(page).getByRole('button', { name: /确\s*定/ }).click();
    await poll(() => card.innerText()).toContain('2031-11-24');
    expect(await card.innerText()).toMatch(/孙建国\s*主席/);

    await card.getByTestId('committee-seat-add').click();
    await pickPerson(page, '李', /李秀英/);
    await modal(page).getByText('是', { exact: true }).click();
    await modal(page).getByRole('button', { name: /确\s*定/ }).click();
    await poll(() => modal(page).locator('.ant-form-item-explain-error').innerText()).toContain('《工会法》第十条');
    await modal(page).getByText('否', { exact: true }).click();
    await modal(page).getByRole('button', { name: /确\s*定/ }).click();
    await poll(() => card.innerText()).toMatch(/李秀英\s*委员/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(errorsOf(page)).toEqual([]);
  });
});
