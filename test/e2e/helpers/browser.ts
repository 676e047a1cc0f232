import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const SHOTS_DIR = '/tmp/lx-shots';
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1366, height: 900 };

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.LX_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh context (own cookies) with Chinese locale; page errors fail loudly in the test log. */
export async function openPage(browser: Browser, baseURL: string, viewport = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport, locale: 'zh-CN', acceptDownloads: true, isMobile: viewport.width < 500 });
  const page = await context.newPage();
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (err) => errors.push(err.message));
  // Render errors caught by the router's error page are logged, not thrown: count them too.
  page.on('console', (m) => {
    if (m.type() === 'error' && /Error:|React/.test(m.text())) errors.push(m.text().slice(0, 300));
  });
  return page;
}

const pageErrors = new WeakMap<Page, string[]>();
/** Script errors a page has had so far (a test ends by expecting none). */
export const errorsOf = (page: Page): string[] => pageErrors.get(page) ?? [];

export async function shot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  const file = path.join(SHOTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Signs in through the form and waits for the app shell. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  const answered = page.waitForResponse((r) => r.url().includes('/api/auth/sign-in'), { timeout: 30_000 });
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await answered;
  // After signing in the app moves to the user's landing page by itself; a test that navigates at
  // once could be overtaken by that move. Wait until the address has stayed put for a moment.
  let last = '';
  for (let still = 0; still < 3;) {
    await page.waitForTimeout(150);
    const now = page.url();
    still = now === last ? still + 1 : 0;
    last = now;
  }
}

/** expect.poll with a browser-sized patience (pages load chunks and call the API). */
export const poll = <T>(read: () => Promise<T> | T, timeout = 15_000) => expect.poll(read, { timeout, interval: 100 });

/**
 * Opens an antd select (`open`) and picks the option with `text`, until `picked` says it took, at most
 * thrice: on a busy machine the list can re-render under the click and the pick is lost (CI replicas
 * lost the 组长, a 组员 and a 指派 this way).
 */
export async function pickOption(page: Page, open: () => Promise<unknown>, text: string, picked: () => Promise<boolean>, close?: () => Promise<unknown>): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    await open();
    await page.locator('.ant-select-item-option:visible', { hasText: text }).first().click();
    // A search select may leave its list open over the buttons after the pick: `close` shuts it.
    await close?.();
    if (await expect.poll(picked, { timeout: 5_000 }).toBe(true).then(() => true, () => false)) return;
  }
  throw new Error(`the option ${text} was not picked after three tries`);
}

/**
 * Clicks what submits a form and waits for the server's answer to the write (method + path), so a
 * failure says what happened — the form's own messages when nothing was sent (a field the page
 * refused), or the status and body when the server refused — instead of a bare navigation timeout.
 */
export async function submitWrite(page: Page, click: () => Promise<void>, method: string, path: RegExp, timeout = 90_000): Promise<void> {
  const answered = page.waitForResponse((r) => r.request().method() === method && path.test(new URL(r.url()).pathname), { timeout });
  await click();
  const response = await answered.catch(async (err: unknown) => {
    const said = await page.locator('.ant-form-item-explain-error:visible, .ant-alert:visible, .ant-message:visible').allTextContents().catch(() => []);
    throw new Error(`no answer to ${method} ${path} (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); the page showed: ${said.join(' | ') || 'nothing'}`);
  });
  if (response.status() >= 400) throw new Error(`${method} ${path} answered ${response.status()}: ${(await response.text()).slice(0, 300)}`);
}
