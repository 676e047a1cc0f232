import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { totpAt } from '../../src/core/auth/totp.js';
import { createUser, startServer, type TestServer } from './helpers/server.js';
import { PHONE, errorsOf, poll, launchBrowser, openPage, shot, signIn } from './helpers/browser.js';

const PASSWORD = 'Lx-e2e-Pass-2026';

describe('sign-in and the app shell (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    await createUser(server.database, { username: 'officer', password: PASSWORD });
    await createUser(server.database, { username: 'newbie', password: 'Initial-Pass-2026', mustChangePassword: true });
    await createUser(server.database, { username: 'careful', password: PASSWORD });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('refuses a wrong password with the server’s Chinese message', async () => {
    const page = await openPage(browser, server.url);
    await signIn(page, 'officer', 'wrong-password-1');
    await poll(() => page.getByTestId('error-alert').textContent()).toContain('用户名或密码不正确');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await shot(page, 'sign-in-error');
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('signs in, shows the side menu and signs out', async () => {
    const page = await openPage(browser, server.url);
    await signIn(page, 'officer', PASSWORD);
    await page.waitForURL('**/enterprises');
    const menu = page.getByTestId('side-menu');
    await poll(() => menu.isVisible()).toBe(true);
    for (const label of ['企业台账', '数据导入', '待认定属地']) {
      expect(await menu.getByRole('menuitem', { name: label }).count()).toBe(1);
    }
    await shot(page, 'ledger-desktop');
    await page.getByTestId('user-menu').click();
    await page.getByText('退出登录').click();
    await page.waitForURL(/\/sign-in/);
    // The session is gone: the app sends us back to sign-in with the page to return to.
    await page.goto('/imports');
    await page.waitForURL(/\/sign-in\?next=%2Fimports/);
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('shows the menu as a drawer at phone width (390×844)', async () => {
    const page = await openPage(browser, server.url, PHONE);
    await signIn(page, 'officer', PASSWORD);
    await page.waitForURL('**/enterprises');
    expect(await page.getByTestId('side-menu').count()).toBe(0);
    const button = page.getByTestId('menu-button');
    await poll(() => button.isVisible()).toBe(true);
    await shot(page, 'ledger-phone');
    await button.click();
    const drawer = page.locator('.lx-menu-drawer');
    await poll(() => drawer.getByRole('menuitem', { name: '数据导入' }).isVisible()).toBe(true);
    await shot(page, 'menu-drawer-phone');
    await drawer.getByRole('menuitem', { name: '数据导入' }).click();
    await page.waitForURL('**/imports');
    await poll(() => drawer.getByRole('menuitem', { name: '数据导入' }).isVisible()).toBe(false);
    // Nothing overflows the phone's width.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('makes a first-time user change the password, then lets them in with the new one', async () => {
    const page = await openPage(browser, server.url);
    await signIn(page, 'newbie', 'Initial-Pass-2026');
    await page.waitForURL('**/change-password');
    await poll(() => page.getByText('首次登录，请修改密码').isVisible()).toBe(true);
    await page.getByLabel('当前密码').fill('Initial-Pass-2026');
    await page.getByLabel('新密码', { exact: true }).fill('short');
    await page.getByLabel('确认新密码').fill('short');
    await page.getByRole('button', { name: '确认修改' }).click();
    await poll(() => page.getByText('密码至少 10 位', { exact: true }).isVisible()).toBe(true);
    await shot(page, 'change-password');
    await page.getByLabel('新密码', { exact: true }).fill('Dangjian-2026!x');
    await page.getByLabel('确认新密码').fill('Dangjian-2026!x');
    await page.getByRole('button', { name: '确认修改' }).click();
    await page.waitForURL('**/enterprises');
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();

    const again = await openPage(browser, server.url);
    await signIn(again, 'newbie', 'Dangjian-2026!x');
    await again.waitForURL('**/enterprises');
    expect(errorsOf(again)).toEqual([]);
    await again.context().close();
  });

  it('enrols TOTP and then asks for the 6-digit code at sign-in', async () => {
    const page = await openPage(browser, server.url);
    await signIn(page, 'careful', PASSWORD);
    await page.waitForURL('**/enterprises');
    await page.getByTestId('user-menu').click();
    await page.getByText('两步验证').click();
    await page.waitForURL('**/totp-setup');
    const secretText = page.getByText(/^密钥：/);
    await poll(() => secretText.isVisible()).toBe(true);
    const secret = (await secretText.textContent())!.replace('密钥：', '').trim();
    await shot(page, 'totp-setup');
    await page.getByLabel('动态验证码').fill(totpAt(secret, new Date()));
    await page.getByRole('button', { name: /启\s*用/ }).click();
    await page.waitForURL('**/enterprises');
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();

    const again = await openPage(browser, server.url);
    await signIn(again, 'careful', PASSWORD);
    const code = again.getByLabel('动态验证码');
    await poll(() => code.isVisible()).toBe(true);
    // The code just used is spent (replay protection); the next step's code is within the window.
    await code.fill(totpAt(secret, new Date(Date.now() + 30_000)));
    await again.getByRole('button', { name: /登\s*录/ }).click();
    await again.waitForURL('**/enterprises');
    expect(errorsOf(again)).toEqual([]);
    await again.context().close();
  });
});
