import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hashPassword } from '../../src/core/auth/password.js';
import { systemActor } from '../../src/core/access/actor.js';
import { createOrg } from '../../src/core/party-org/party-org.service.js';
import { COMMUNITY_A1, seedPerson, seedRegions } from '../helpers/org-fixtures.js';
import { createUser, startServer, type TestServer } from './helpers/server.js';
import { DESKTOP, PHONE, errorsOf, launchBrowser, openPage, poll, signIn } from './helpers/browser.js';

/**
 * Reviewing a checklist in Chromium (docs/standards.md): the branch secretary, on a phone, opens the
 * year's 党组织“六有” from the organisation page, finds the committee, the secretary and the theme days
 * already linked from the records, attests two items, uploads the rules and submits; the street opens
 * it from 标准化建设审核, marks it and passes it; the score and the stars are shown to both.
 */
const PASSWORD = 'Lx-e2e-Pass-2026';
const sys = systemActor('e2e');
const YEAR = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);

describe('标准化建设 in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let phone: Page;
  let desk: Page;
  let branch = '';
  beforeAll(async () => {
    server = await startServer();
    const db = server.database.db;
    await seedRegions(db);
    branch = (await createOrg(db, sys, { name: '南岭标准化示范党支部', orgType: 'branch', setupMode: 'standalone', regionCode: COMMUNITY_A1, foundedOn: '2016-05-01', fullMembers: 9 })).id;
    for (const [name, position] of [['陈卫东', 'secretary'], ['林小燕', 'deputySecretary'], ['黄志强', 'committeeMember']] as const) {
      await db.insertInto('org_position').values({ org_id: branch, person_id: await seedPerson(db, name, COMMUNITY_A1), position, since: '2024-03-15' }).execute();
    }
    for (const m of ['01', '02', '03', '04', '05', '06']) {
      await db.insertInto('meeting').values({ org_id: branch, kind: 'themeDay', held_on: `${YEAR}-${m}-10`, topic: `主题党日（${Number(m)}月）` }).execute();
    }
    const sec = await db.insertInto('app_user').values({ username: 'secretary', display_name: '陈卫东', password_hash: await hashPassword(PASSWORD), must_change_password: false }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('user_role').values({ user_id: sec.id, role: 'branch_secretary', party_org_ids: [branch] }).execute();
    await createUser(server.database, { username: 'street', password: PASSWORD, role: 'township_officer', regionPrefixes: ['330106001'] });
    browser = await launchBrowser();
    phone = await openPage(browser, server.url, PHONE);
    desk = await openPage(browser, server.url, DESKTOP);
    await signIn(phone, 'secretary', PASSWORD);
    await signIn(desk, 'street', PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the organisation submits on a phone, the street reviews; score and stars are shown', async () => {
    await phone.goto(`/orgs/${branch}`);
    await phone.getByTestId('org-standards').click();
    await phone.getByTestId('standard-start-partySixHave').click();
    await phone.getByTestId('item-organisation').waitFor();
    const state = (key: string) => phone.getByTestId(`item-${key}`).getAttribute('data-state');
    expect(await state('organisation')).toBe('found');
    expect(await state('secretary')).toBe('found');
    expect(await state('activities')).toBe('found');
    expect(await phone.getByTestId('item-activities').innerText()).toContain(`${YEAR}年已召开主题党日6次`);
    expect(await state('site')).toBe('missing');
    for (const [key, text] of [['site', '与企业工会共用三楼党员活动室，约60平方米'], ['funds', '党费返还及企业管理费列支']] as const) {
      await phone.getByTestId(`item-attest-${key}`).click();
      await phone.getByTestId(`item-text-${key}`).fill(text);
      await phone.getByTestId(`item-save-${key}`).click();
      await poll(() => state(key)).toBe('attested');
    }
    await phone.getByTestId('item-file-rules').setInputFiles({ name: '党支部工作制度.png', mimeType: 'image/png', buffer: PNG });
    await poll(() => state('rules')).toBe('attached');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await phone.getByTestId('assessment-submit').click();
    await poll(() => phone.getByTestId('assessment-status').innerText()).toContain('待审核');

    await desk.goto('/standards');
    await desk.getByTestId('review-row').first().click();
    await desk.getByTestId('review-form').waitFor();
    await desk.locator('input[data-testid=mark-site], [data-testid=mark-site] input').first().fill('12');
    await desk.locator('input[data-testid=mark-funds], [data-testid=mark-funds] input').first().fill('13');
    await poll(() => desk.getByTestId('review-total').innerText()).toContain('总分 95 分');
    await desk.getByTestId('review-pass').click();
    await poll(() => desk.getByTestId('assessment-status').innerText()).toContain('已通过');
    expect(await desk.getByTestId('assessment-result').innerText()).toContain('★★★（3星） · 95分');

    await phone.reload();
    await poll(() => phone.getByTestId('assessment-result').innerText()).toContain('95分');
    await desk.goto('/standards');
    await poll(() => desk.getByTestId('standards-rollup').innerText()).toContain('3星');
    expect(errorsOf(phone)).toEqual([]);
    expect(errorsOf(desk)).toEqual([]);
  });

  it('a meeting\'s minutes attached on a phone from the organisation\'s year, and listed', async () => {
    await phone.goto(`/orgs/${branch}/life?year=${YEAR}`);
    await phone.getByTestId('life-meeting-files').first().click();
    await phone.getByTestId('life-meeting-file-input').setInputFiles({ name: '主题党日会议记录.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n会议记录\n') });
    await poll(() => phone.locator('.ant-drawer').innerText()).toContain('主题党日会议记录.pdf');
    const rows = await server.database.db.selectFrom('attachment').select(['owner_kind', 'media_type']).where('owner_kind', '=', 'meeting').execute();
    expect(rows).toEqual([{ owner_kind: 'meeting', media_type: 'application/pdf' }]);
    expect(errorsOf(phone)).toEqual([]);
  });
});
