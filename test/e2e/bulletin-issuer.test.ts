import { describe, expect, it } from 'vitest';
import type { BulletinIssuer } from '../../src/contracts/bulletin-issuer.js';
import { todayInChina } from '../../src/domain/org-terms.js';
import { districtAndStreet } from './helpers/district-street.js';
import { poll } from './helpers/browser.js';

/**
 * 通报发文设置 on 覆盖统计 (docs/bulletin.md): the district's department sees the next 文号 and 主送
 * and changes its 代字; a street officer, who downloads the street's bulletin, has no such button.
 */
const YEAR = todayInChina().slice(0, 4);

describe('通报发文设置 (Chromium)', () => {
  const world = districtAndStreet(20);

  it('the district department sees the next number and 主送 and sets its 代字', async () => {
    const page = await world.signedIn('district');
    await page.getByTestId('bulletin-issuer').click();
    const dialog = page.getByRole('dialog');
    await poll(() => dialog.getByTestId('issuer-next').textContent()).toContain(`西组通〔${YEAR}〕1号`);
    expect(await dialog.getByTestId('issuer-next').textContent()).toContain('各街道党工委');
    expect(await dialog.getByTestId('issuer-office').inputValue()).toBe('中共杭州市西湖区委组织部');
    await dialog.getByTestId('issuer-prefix').fill('杭西组通');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await poll(async () => {
      const res = await page.request.get('/api/reports/bulletin-issuer?region=330106');
      return ((await res.json()) as BulletinIssuer).nextNumber;
    }).toBe(`杭西组通〔${YEAR}〕1号`);
  });

  it('a street officer has no 通报发文设置', async () => {
    const page = await world.signedIn('street');
    await page.getByTestId('dashboard-node').waitFor();
    expect(await page.getByTestId('bulletin-issuer').count()).toBe(0);
  });
});
