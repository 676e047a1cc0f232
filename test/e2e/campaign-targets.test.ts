import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CampaignTargetList } from '../../src/contracts/campaign.js';
import { todayInChina } from '../../src/domain/org-terms.js';
import { districtAndStreet } from './helpers/district-street.js';
import { errorsOf, PHONE, poll, shot } from './helpers/browser.js';

/**
 * Issue 13 item 10: a district account (西湖区) sets a target on 覆盖统计 and sees the 工作目标 panel —
 * a gauge, "还差 N 户企业" as the API computes it, the deadline and days left, the streets behind
 * with names that open that street's statistics. A street account (北山街道) then sees the district's
 * target on its street, without the buttons to change it.
 */
const deadline = `${Number(todayInChina().slice(0, 4)) + 1}-06-30`;

async function targetsOf(page: Page, region: string): Promise<CampaignTargetList> {
  const res = await page.request.get(`/api/campaign-targets?region=${region}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as CampaignTargetList;
}

describe('工作目标 on the statistics page (Chromium)', () => {
  const world = districtAndStreet(40);

  it('a district account sets a target and sees its progress, gap, deadline and the streets behind', async () => {
    const page = await world.signedIn('district');
    const panel = page.getByTestId('targets-panel');
    await panel.getByTestId('target-set').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('目标值（%）').fill('95');
    await dialog.getByLabel('完成期限').fill(deadline);
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await poll(() => panel.getByTestId('target-item').count()).toBe(1);

    const api = await targetsOf(page, '330106');
    const p = api.items[0]!.progress!;
    expect(p.gap).toBeGreaterThan(0);
    await poll(() => panel.getByTestId('target-gap').textContent()).toBe(`还差 ${p.gap} 户企业`);
    expect(await panel.getByTestId('target-deadline-left').textContent()).toBe(`完成期限 ${deadline}，距期限 ${p.daysLeft} 天`);
    await poll(() => panel.getByTestId('target-gauge').locator('canvas').count()).toBeGreaterThan(0);
    expect(await panel.getByTestId('target-item').locator('.ant-card-head-title').first().textContent()).toContain('“两个覆盖”率达到95%');
    const rows = panel.getByTestId('target-behind').locator('tbody tr.ant-table-row');
    await poll(() => rows.count()).toBe(p.behind.length);
    expect(p.behind.length).toBeGreaterThan(0);
    await shot(page, 'campaign-targets-district');

    // A street's name opens that street's statistics, where the district's target applies too.
    const first = p.behind[0]!;
    await rows.first().getByRole('link', { name: first.name }).click();
    await page.waitForURL(new RegExp(`region=${first.region}`));
    await poll(() => page.getByTestId('dashboard-node').textContent()).toBe(first.name);
    await poll(() => panel.getByTestId('target-gap').textContent()).toBe(`还差 ${first.gap} 户企业`);
  });

  it('a street account sees the district target on its street, and cannot change it', async () => {
    const page = await world.signedIn('street');
    const panel = page.getByTestId('targets-panel');
    await poll(() => panel.getByTestId('target-item').count()).toBe(1);
    const api = await targetsOf(page, '330106001');
    expect(api.items[0]!.target).toMatchObject({ regionName: '西湖区', manageable: false });
    await poll(() => panel.getByTestId('target-gap').textContent()).toMatch(/^(还差 \d+ 户企业|已达到目标)$/);
    expect(await panel.getByTestId('target-item').textContent()).toContain('西湖区设定');
    expect(await panel.getByTestId('target-edit').count()).toBe(0);
    await shot(page, 'campaign-targets-street');
  });

  it('on a phone the panel fits the screen', async () => {
    const phone = await world.signedIn('district', PHONE);
    const panel = phone.getByTestId('targets-panel');
    await poll(() => panel.getByTestId('target-gauge').locator('canvas').count()).toBeGreaterThan(0);
    await poll(() => panel.getByTestId('target-behind').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    // Nothing of the panel sticks out past the right edge unless a scrolling box inside the screen holds it.
    const out = await phone.evaluate(() => {
      const limit = window.innerWidth + 1;
      const held = (el: Element) => {
        for (let p = el.parentElement; p; p = p.parentElement) {
          const o = getComputedStyle(p).overflowX;
          if ((o === 'auto' || o === 'scroll' || o === 'hidden') && p.getBoundingClientRect().right <= limit) return true;
        }
        return false;
      };
      return [...document.querySelectorAll('[data-testid="targets-panel"] *')]
        .filter((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.right > limit && !held(el); })
        .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 60)}`);
    });
    expect(out).toEqual([]);
    await shot(phone, 'campaign-targets-phone');
    expect(errorsOf(phone)).toEqual([]);
    await phone.context().close();
  });
});
