import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemActor } from '../../src/core/access/actor.js';
import { createUnion } from '../../src/core/union/union.service.js';
import { getJoinLink } from '../../src/core/union-join/union-join.service.js';
import { idCheckChar } from '../../src/domain/id-number.js';
import { COMMUNITY_A1, seedPerson, seedRegions } from '../helpers/org-fixtures.js';
import { createUser, startServer, type TestServer } from './helpers/server.js';
import { DESKTOP, PHONE, errorsOf, launchBrowser, openPage, poll, shot, signIn } from './helpers/browser.js';

/**
 * 扫码入会（亮牌子）in Chromium (docs/unions.md): a worker opens the union's public page on a phone,
 * not signed in (only the two public routes are called), fills the form and sees 已提交; the union
 * officer signs in on a desktop, finds the application on the union page and accepts it — the worker
 * is now a member. The QR poster is a one-page A4 PDF carrying the union's name and 入会须知.
 */
const PASSWORD = 'Lx-e2e-Pass-2026';
const sys = systemActor('e2e');
const BODY = '33010619920415302';
const ID = BODY + idCheckChar(BODY);
const OUT = '/tmp/lx-union-join';

describe('扫码入会 in Chromium: phone page, officer accepts on the desktop', () => {
  let server: TestServer;
  let browser: Browser;
  let unionId = '';
  let path = '';
  beforeAll(async () => {
    server = await startServer();
    const db = server.database.db;
    await seedRegions(db);
    const chair = await seedPerson(db, '王建华', COMMUNITY_A1);
    unionId = (await createUnion(db, sys, { name: '北山街道联合工会', kind: 'joint', regionCode: COMMUNITY_A1, foundedOn: '2019-05-01', organiserPersonId: chair })).id;
    await db.insertInto('union_join_link').values({ union_id: unionId, token: 'E2eJoinToken_0123456789abcdefghi', show_chair: true, office_phone: '0571-87001234' }).execute();
    path = (await getJoinLink(db, sys, unionId)).path!;
    await createUser(server.database, { username: 'union-a', password: PASSWORD, role: 'union_officer', regionPrefixes: ['330106001'] });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a worker applies from a phone without signing in', async () => {
    const phone = await openPage(browser, server.url, PHONE);
    const calls: string[] = [];
    phone.on('request', (r) => { const u = new URL(r.url()); if (u.pathname.startsWith('/api/')) calls.push(`${r.method()} ${u.pathname}`); });
    await phone.goto(path);
    await poll(() => phone.getByTestId('join-union-name').innerText()).toBe('北山街道联合工会');
    const text = await phone.locator('body').innerText();
    expect(text).toContain('工会主席：王建华');
    expect(text).toContain('0571-87001234');
    expect(text).toContain('《中华人民共和国工会法》第三条');
    await phone.getByTestId('join-submit').click();
    await poll(() => phone.locator('.ant-form-item-explain-error').allInnerTexts()).toEqual(['请填写姓名', '请填写手机号码', '请填写身份证号码', '请填写工作单位']);
    await phone.getByLabel('姓名').fill('赵丽娟');
    await phone.getByLabel('手机号码').fill('13957100001');
    await phone.getByLabel('身份证号码').fill(`${BODY}0`.replace(/.$/, idCheckChar(BODY) === '0' ? '1' : '0'));
    await phone.getByLabel('工作单位').fill('杭州北山数码科技有限公司');
    await poll(() => phone.locator('.ant-form-item-explain-error').allInnerTexts()).toEqual(['身份证号码不正确，请核对']);
    await phone.getByLabel('身份证号码').fill(ID);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await shot(phone, 'union-join-phone-form');
    await phone.getByTestId('join-submit').click();
    await poll(() => phone.getByTestId('join-result').innerText()).toContain('申请已提交，请等待工会审核');
    const result = await phone.getByTestId('join-result').innerText();
    expect(result).not.toContain(ID);
    expect(result).not.toContain('13957100001');
    await shot(phone, 'union-join-phone-done');
    expect(calls).toEqual([`GET /api/join/${path.split('/').pop()}`, `POST /api/join/${path.split('/').pop()}`]);
    expect(errorsOf(phone)).toEqual([]);
    await phone.context().close();
  });

  // The union page loads eight cards at once: on CI's two busy cores the queue can take longer than 15 s.
  const SLOW = 60_000;
  it('the union officer sees the application on the union page and accepts it', async () => {
    const page: Page = await openPage(browser, server.url, DESKTOP);
    await signIn(page, 'union-a', PASSWORD);
    await page.goto(`/unions/${unionId}`);
    const card = page.getByTestId('union-join');
    await poll(() => card.getByTestId('join-total').innerText(), SLOW).toBe('共 1 条');
    expect(await card.getByTestId('join-url').innerText()).toContain(`${server.url}${path}`);
    const row = card.locator('tr', { hasText: '赵丽娟' });
    expect(await row.innerText()).toContain('330106********' + ID.slice(-4));
    expect(await row.innerText()).toContain('杭州北山数码科技有限公司');
    await row.getByTestId(/^accept-\d+$/).click(); // antd spaces a two-character label (接 收)
    await page.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click();
    await poll(() => card.getByTestId('join-total').innerText(), SLOW).toBe('共 0 条');
    await card.getByText('已接收', { exact: true }).click();
    await poll(() => card.locator('tr', { hasText: '赵丽娟' }).innerText(), SLOW).toContain('已接收');
    await shot(page, 'union-join-officer-accepted');
    const member = await server.database.db.selectFrom('union_member as m').innerJoin('person as p', 'p.id', 'm.person_id')
      .select(['p.name', 'm.status', 'm.source', 'm.union_id']).executeTakeFirstOrThrow();
    expect(member).toEqual({ name: '赵丽娟', status: 'active', source: 'application', union_id: unionId });

    // The poster: one A4 page with the union's name, its chair and 入会须知.
    const res = await page.request.get(`/api/unions/${unionId}/poster.pdf`);
    expect(res.status()).toBe(200);
    const body = await res.body();
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    fs.mkdirSync(OUT, { recursive: true });
    fs.writeFileSync(`${OUT}/poster.pdf`, body);
    const text = execFileSync('pdftotext', [`${OUT}/poster.pdf`, '-']).toString().replace(/\s+/g, '');
    for (const s of ['北山街道联合工会', '欢迎加入工会', '王建华', '入会须知', '《中华人民共和国工会法》第三条']) expect(text).toContain(s);
    expect(execFileSync('pdfinfo', [`${OUT}/poster.pdf`]).toString()).toMatch(/Pages:\s+1\n[\s\S]*Page size:\s+59\d\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(errorsOf(page)).toEqual([]);
  });
});
