import { describe, expect, it } from 'vitest';
import { COMMUNITY_A1, seedEnterprise } from '../helpers/org-fixtures.js';
import { useOneServer } from './helpers/one-server.js';
import { PHONE, errorsOf, openPage, poll, shot } from './helpers/browser.js';

/**
 * 排查摸底 in Chromium (docs/surveys.md): the district officer creates a campaign on the desktop and
 * takes one enterprise's link; the enterprise opens it in a phone-sized page (390×844) without signing
 * in and answers; the officer accepts the change and the enterprise page shows the new value with its
 * source 排查摸底. One server, one browser.
 */
describe('排查摸底 in Chromium: create, answer on a phone, accept into the ledger', () => {
  let enterpriseId = '';
  const h = useOneServer([{ username: 'district', role: 'org_admin', regionPrefixes: ['330106'] }], async (server) => {
    enterpriseId = await seedEnterprise(server.database.db, { name: '杭州北山数码科技有限公司', regionCode: COMMUNITY_A1, employeeCount: 40, memberCount: 2 });
  });

  it('round-trips from a link on a phone to an accepted ledger change', async () => {
    const page = await h.signedIn('district');
    await page.goto('/surveys');
    await page.getByTestId('survey-new').click();
    await page.getByTestId('survey-name').fill('2026年度两新组织排查摸底');
    await page.getByTestId('survey-create-ok').click();
    await poll(() => page.getByTestId('survey-target-total').innerText(), 30_000).toBe('共 1 家企业');
    await page.getByTestId('survey-link').click();
    const url = await page.getByTestId('survey-link-url').innerText();
    expect(url).toMatch(/\/s\/[\w.-]+$/);

    const phone = await openPage(h.browser, h.server.url, PHONE);
    await phone.goto(new URL(url).pathname);
    await poll(() => phone.getByTestId('survey-enterprise').innerText()).toBe('杭州北山数码科技有限公司');
    expect(await phone.locator('body').innerText()).toContain('台账现有：40');
    await phone.getByLabel('从业人员数').fill('52');
    await phone.getByLabel('联系电话').fill('12');
    await phone.getByTestId('survey-submit').click();
    await poll(() => phone.locator('.ant-form-item-explain-error').allInnerTexts()).toContain('联系电话应为手机号或固定电话号码');
    await phone.getByLabel('联系电话').fill('13957100001');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await phone.getByTestId('survey-submit').click();
    await poll(() => phone.getByTestId('survey-result').innerText()).toContain('提交成功');
    await shot(phone, 'survey-phone-done');
    expect(errorsOf(phone)).toEqual([]);
    await phone.context().close();

    await page.locator('.ant-modal-close').click();
    await page.getByRole('link', { name: '杭州北山数码科技有限公司' }).click();
    await page.getByTestId('survey-accept-f1').click();
    await poll(() => page.locator('body').innerText()).toContain('已采纳');
    await page.goto(`/enterprises/${enterpriseId}`);
    await poll(() => page.getByTestId('eight-facts').innerText()).toContain('52');
    await poll(() => page.getByTestId('history-source').first().innerText()).toContain('排查摸底');
    await shot(page, 'survey-enterprise-history');
    expect(errorsOf(page)).toEqual([]);
  }, 90_000);
});
