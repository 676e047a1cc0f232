import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemActor } from '../../src/core/access/actor.js';
import { loadKeyring } from '../../src/core/crypto/keyring.js';
import { setDuesBasis } from '../../src/core/dues/dues.service.js';
import { addMember } from '../../src/core/member/member.service.js';
import { idCheckChar } from '../../src/domain/id-number.js';
import { COMMUNITY_A1, seedRegions, TOWN_B } from '../helpers/org-fixtures.js';
import { createUser, startServer, type TestServer } from './helpers/server.js';
import { errorsOf, launchBrowser, openPage, PHONE, poll, shot, signIn } from './helpers/browser.js';

/**
 * A month of dues in Chromium (docs/dues.md): street A computes November for its branch, records
 * 李红梅's payment by hand, imports the bank's GBK file for 王建国 (who moved in from street B,
 * where July and August were paid), sees 孙桂兰's arrears; 王建国 sees his own dues on the phone,
 * the months paid in street B among them. Street A records 赵志强's 少交 and, once approved, sees
 * November's due change; closes November and still records 孙桂兰's payment after it; reopens it and
 * withdraws the 少交 (due in full again). The settings
 * are offered to the province's 组织部 (whole jurisdiction) alone. Fixed past months only.
 */
const PASSWORD = 'Lx-e2e-Pass-2026';
const idNo = (body: string) => body + idCheckChar(body);
const WANG = idNo('33010619550505456');
const modal = (page: Page) => page.locator('.ant-modal:visible');

describe('党费 in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let dir: string;
  let orgA = '';
  beforeAll(async () => {
    server = await startServer();
    const db = server.database.db;
    await seedRegions(db);
    const admin = systemActor('e2e');
    const keyring = loadKeyring({ dataDir: server.dataDir, engine: 'pglite' }, () => {});
    const deps = { db, keyring };
    const org = async (name: string, region: string) => {
      const { id } = await db.insertInto('party_org').values({ name, org_type: 'branch', setup_mode: 'standalone', region_code: region }).returning('id').executeTakeFirstOrThrow();
      await db.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
      return id;
    };
    orgA = await org('北山科技党支部', COMMUNITY_A1);
    const orgB = await org('西溪贸易党支部', TOWN_B);
    const add = async (orgId: string, name: string, idNumber: string) =>
      (await addMember(deps, admin, { orgId, name, idNumber, category: 'full', joinedOn: '2010-07-01', confirmedOn: '2011-07-01' })).id;
    const li = await add(orgA, '李红梅', idNo('33010619800101123'));
    const sun = await add(orgA, '孙桂兰', idNo('33010619600606111'));
    const wang = await add(orgB, '王建国', WANG);
    await add(orgA, '赵志强', idNo('33010619900909789')); // no basis yet: street A sets it on the page
    await setDuesBasis(db, admin, li, { fromMonth: '2026-11', category: 'employed', baseFen: 500_000 });
    await setDuesBasis(db, admin, sun, { fromMonth: '2026-11', category: 'farmer' });
    await setDuesBasis(db, admin, wang, { fromMonth: '2026-07', category: 'retired', baseFen: 500_001 });
    // July and August owed and paid in street B, before the transfer was accepted.
    for (const month of ['2026-07', '2026-08']) {
      await db.insertInto('dues_ledger').values({
        member_id: wang, month, org_id: orgB, category: 'retired', base_fen: 500_001, standard_fen: 5000, due_fen: 5000, rule_id: 'member.duesRetired',
        bracket: '离退休费5000元以上按1%', paid_fen: 5000, paid_on: `${month}-20`, method: 'hand',
      }).execute();
    }
    await db.updateTable('party_member').set({ org_id: orgA }).where('id', '=', wang).execute();
    await createUser(server.database, { username: 'streetA', password: PASSWORD, role: 'township_officer', regionPrefixes: ['330106001'] });
    await createUser(server.database, { username: 'zuzhibu', password: PASSWORD, role: 'org_admin', allRegions: true });
    const user = await createUser(server.database, { username: 'wangjg', password: PASSWORD, role: 'member', regionPrefixes: ['330106001'] });
    const person = await db.selectFrom('party_member').select('person_id').where('id', '=', wang).executeTakeFirstOrThrow();
    await db.updateTable('app_user').set({ person_id: person.person_id }).where('id', '=', user).execute();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-e2e-dues-'));
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('street A computes November, records a payment by hand, imports the bank file and sees the arrears', async () => {
    const a = await openPage(browser, server.url);
    await signIn(a, 'streetA', PASSWORD);
    await a.goto(`/dues?org=${orgA}&month=2026-11`);
    await poll(() => a.getByTestId('dues-table').textContent()).toContain('暂无');
    // 赵志强's basis: employed, 8000元 after tax from November → 1.5% = 120元.
    await a.getByTestId('dues-basis').click();
    await modal(a).getByLabel('党员', { exact: true }).fill('赵志');
    const option = a.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /赵志强/ });
    await poll(() => option.count()).toBeGreaterThan(0);
    await option.first().click();
    await a.getByTestId('dues-basis-base').fill('8000');
    await modal(a).getByRole('button', { name: /确\s*定/ }).click();
    await poll(() => modal(a).count()).toBe(0);
    await a.getByTestId('dues-compute').click();
    await poll(() => a.getByTestId('dues-total').textContent()).toContain('4');
    const table = a.getByTestId('dues-table');
    expect(await table.textContent()).toContain('李红梅');
    await poll(() => a.getByTestId('dues-totals').textContent()).toContain('220.20');

    await a.getByTestId('dues-pay-李红梅').click();
    await a.getByTestId('dues-pay-amount').fill('50.00');
    await a.getByTestId('dues-pay-date').fill('2026-11-15');
    await a.locator('#dues-pay-ok').click();
    await poll(() => table.locator('tr', { hasText: '李红梅' }).textContent()).toContain('已交清');

    // A file with a bad amount: nothing imported; the refused row comes back as an XLSX with its reason.
    const faulty = path.join(dir, '银行代收党费-有误.csv');
    fs.writeFileSync(faulty, iconv.encode(`姓名,公民身份号码,金额,缴费日期,所属月份\n王建国,${WANG},五十,2026-11-18,2026-11\n`, 'gbk'));
    await a.getByTestId('dues-import-file').setInputFiles(faulty);
    await poll(() => a.getByTestId('dues-import-result').textContent(), 30_000).toContain('全部未导入');
    const [report] = await Promise.all([a.waitForEvent('download'), a.getByTestId('dues-import-report').click()]);
    expect(report.suggestedFilename()).toMatch(/\.xlsx$/);

    const file = path.join(dir, '银行代收党费.csv');
    fs.writeFileSync(file, iconv.encode(`某银行代收党费明细\n姓名,公民身份号码,金额,缴费日期,所属月份\n王建国,${WANG},50.00,2026-11-18,2026-11\n`, 'gbk'));
    await a.getByTestId('dues-import-file').setInputFiles(file);
    await poll(() => a.getByTestId('dues-import-result').textContent(), 30_000).toContain('新登记1笔');
    await poll(() => table.locator('tr', { hasText: '王建国' }).textContent()).toContain('已交清');
    // The same file again changes nothing.
    await a.getByTestId('dues-import-file').setInputFiles(file);
    await poll(() => a.getByTestId('dues-import-result').textContent(), 30_000).toContain('已导入过1笔');

    await poll(() => a.getByTestId('dues-totals').textContent()).toContain('120.20');
    await a.goto(`/dues?org=${orgA}&month=2026-11&paid=unpaid`);
    await poll(() => a.getByTestId('dues-total').textContent()).toContain('2');
    expect(await a.getByTestId('dues-table').textContent()).toContain('孙桂兰');
    expect(await a.getByTestId('dues-table').textContent()).toContain('赵志强');
    expect(await a.locator('body').textContent()).not.toMatch(/member\.dues|[A-Z_]{8,}/);
    await shot(a, 'dues-01-month');
    expect(errorsOf(a)).toEqual([]);
    await a.close();
  });

  it('street A records a 少交 for 赵志强, approves it and sees the due change; closes November and still records a payment', async () => {
    const a = await openPage(browser, server.url);
    await signIn(a, 'streetA', PASSWORD);
    await a.goto(`/dues?org=${orgA}&month=2026-11`);
    const table = a.getByTestId('dues-table');
    const zhao = table.locator('tr', { hasText: '赵志强' });
    await poll(() => zhao.textContent()).toContain('120.00');
    await poll(() => a.getByTestId('dues-month-status').textContent()).toContain('未结账');
    expect(await a.getByTestId('dues-settings').count()).toBe(0); // a street does not set the local ratios

    // Recorded without the approval: listed as 待批准, nothing due changes.
    await a.getByTestId('dues-reduce-赵志强').click();
    const dialog = a.getByTestId('dues-reduction-dialog');
    await poll(() => dialog.textContent()).toContain('暂无少交或免交记录');
    await a.getByTestId('dues-reduction-amount').fill('10');
    await a.getByTestId('dues-reduction-save').click();
    const reductions = a.getByTestId('dues-reductions');
    await poll(() => reductions.textContent()).toContain('待批准');
    expect(await reductions.textContent()).toContain('2026-11起');
    expect(await zhao.textContent()).toContain('120.00');
    // Approved: 批准日期 and 批准文号 together; November is recomputed to 10元.
    await a.getByTestId('dues-approve-date').fill('2026-11-25');
    await a.getByTestId('dues-approve-ref').fill('西组〔2026〕18号');
    await a.getByTestId('dues-approve').click();
    await poll(() => reductions.textContent()).toContain('已批准');
    expect(await reductions.textContent()).toContain('西组〔2026〕18号');
    await shot(a, 'dues-04-reduction');
    await a.keyboard.press('Escape');
    await poll(() => zhao.textContent()).toContain('10.00');
    expect(await zhao.textContent()).toContain('减免');
    await poll(() => a.getByTestId('dues-totals').textContent()).toContain('110.20');

    // Closing freezes the amounts; a payment is still recorded afterwards.
    await a.getByTestId('dues-close').click();
    await poll(() => modal(a).textContent()).toContain('仍可登记');
    await a.locator('#dues-close-ok').click();
    await poll(() => a.getByTestId('dues-month-status').textContent()).toContain('已结账');
    expect(await a.getByTestId('dues-close').count()).toBe(0);
    await a.getByTestId('dues-pay-孙桂兰').click();
    await a.getByTestId('dues-pay-date').fill('2026-12-01');
    await a.locator('#dues-pay-ok').click();
    await poll(() => table.locator('tr', { hasText: '孙桂兰' }).textContent()).toContain('已交清');
    await shot(a, 'dues-05-closed');

    // Reopened with a reason; the 少交 withdrawn with a reason: November is due in full again.
    await a.getByTestId('dues-reopen').click();
    await a.locator('#dues-reopen-ok').click();
    await poll(() => modal(a).textContent()).toContain('请填写原因');
    await a.getByTestId('dues-reopen-reason').fill('结账前漏登少交批复的撤销');
    await a.locator('#dues-reopen-ok').click();
    await poll(() => a.getByTestId('dues-month-status').textContent()).toContain('未结账');
    await a.getByTestId('dues-reduce-赵志强').click();
    await a.getByTestId('dues-withdraw-open').click();
    await a.getByTestId('dues-withdraw-reason').fill('上级党委撤销批准');
    await a.getByTestId('dues-withdraw').click();
    await poll(() => reductions.textContent()).toContain('已撤销');
    expect(await reductions.textContent()).toContain('撤销：上级党委撤销批准');
    await a.keyboard.press('Escape');
    await poll(() => zhao.textContent()).toContain('120.00');
    expect(errorsOf(a)).toEqual([]);
    await a.close();
  });

  it('the 组织部 over the whole jurisdiction sets the return ratio as a percentage', async () => {
    const a = await openPage(browser, server.url);
    await signIn(a, 'zuzhibu', PASSWORD);
    await a.goto(`/dues?org=${orgA}&month=2026-11`);
    await a.getByTestId('dues-settings').click();
    const ratio = a.getByTestId('dues-settings-ratio');
    await ratio.fill('30');
    await modal(a).getByRole('button', { name: /确\s*定/ }).click();
    await poll(() => modal(a).count()).toBe(0);
    await poll(() => a.getByTestId('dues-totals').textContent()).toContain('按比例返还');
    const row = await server.database.db.selectFrom('app_setting').select('value').where('key', '=', 'dues.settings').executeTakeFirstOrThrow();
    expect(row.value).toMatchObject({ returnRatioBp: 3000, recalcMode: 'onChange' });
    expect(errorsOf(a)).toEqual([]);
    await a.close();
  });

  it('the month ledger fits a phone', async () => {
    const a = await openPage(browser, server.url, PHONE);
    await signIn(a, 'streetA', PASSWORD);
    await a.goto(`/dues?org=${orgA}&month=2026-11`);
    await poll(() => a.getByTestId('dues-table').textContent()).toContain('孙桂兰');
    await a.waitForTimeout(300);
    expect(await a.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await shot(a, 'dues-02-phone');
    expect(errorsOf(a)).toEqual([]);
    await a.close();
  });

  it('王建国 sees his own dues on the phone, the months paid in street B among them', async () => {
    const m = await openPage(browser, server.url, PHONE);
    await signIn(m, 'wangjg', PASSWORD);
    await m.goto('/me');
    const card = m.getByTestId('me-dues');
    await poll(() => card.textContent(), 30_000).toContain('2026-11-18');
    const text = await card.textContent();
    expect(text).toContain('西溪贸易党支部');
    expect(text).toContain('2026-11-18');
    expect(text).not.toContain('李红梅');
    await shot(m, 'dues-03-me-phone');
    expect(errorsOf(m)).toEqual([]);
    await m.close();
  });
});
