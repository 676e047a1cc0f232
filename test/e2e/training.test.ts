import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { systemActor } from '../../src/core/access/actor.js';
import { createOrg } from '../../src/core/party-org/party-org.service.js';
import { createCourse, createSession } from '../../src/core/training/training.service.js';
import { idCheckChar } from '../../src/domain/id-number.js';
import { call, signInAs } from '../factories/world.js';
import { COMMUNITY_A1, COUNTY, seedPerson, TOWN_A } from '../helpers/org-fixtures.js';
import { PASSWORD } from './helpers/district-street.js';
import { useOneServer } from './helpers/one-server.js';
import { PHONE, errorsOf, poll } from './helpers/browser.js';

/**
 * Training in a browser at phone width (docs/training.md): a street officer opens a session of the
 * district's 书记 course from the training list, ticks two secretaries from the list offered, gives one
 * fewer 学时, saves; the session's counts change, the list's totals follow, and the person's hours show.
 * Then 导入签到表: a sheet naming one more person is checked first, and only then imported.
 */
const sys = systemActor('e2e');
// Held today, so the list (which opens on this year) shows it whatever the year.
const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

describe('培训 in Chromium at phone width', () => {
  let page: Page;
  let session = '';
  const people: string[] = [];
  const h = useOneServer([{ username: 'street', role: 'township_officer', regionPrefixes: ['330106001'] }], async (server) => {
    const db = server.database.db;
    for (const [i, name] of ['陈志强', '林晓燕'].entries()) {
      const org = (await createOrg(db, sys, { name: `北山第${i + 1}党支部`, orgType: 'branch', setupMode: 'standalone', regionCode: COMMUNITY_A1, foundedOn: '2015-03-01' })).id;
      const p = await seedPerson(db, name, COMMUNITY_A1);
      people.push(p);
      await db.insertInto('org_position').values({ org_id: org, person_id: p, position: 'secretary', since: '2023-01-01' }).execute();
    }
    const course = await createCourse(db, sys, { title: '党组织书记轮训班', audience: 'secretary', hours: 8, regionCode: COUNTY });
    session = (await createSession(db, sys, { courseId: course.id, heldOn: chinaToday(), hours: 8, place: '北山街道党群服务中心', regionCode: TOWN_A })).id;
  });
  beforeAll(async () => {
    page = await h.signedIn('street', PHONE);
  });

  it('records a session\'s attendance on a phone', async () => {
    await page.goto('/training');
    await poll(() => page.getByTestId('training-sessions-total').innerText()).toContain('共 1 期');
    await page.getByTestId('training-session-link').first().click();
    await page.getByTestId('attendance-save').waitFor();
    expect(await page.getByTestId('session-attendees').innerText()).toBe('0');
    await page.getByText('陈志强', { exact: true }).click();
    await page.getByText('林晓燕', { exact: true }).click();
    // 林晓燕 left after the morning: 6 of the 8 学时.
    await page.locator('.ant-list-item', { hasText: '林晓燕' }).locator('input.ant-input-number-input').fill('6');
    await page.getByTestId('attendance-save').click();
    await poll(() => page.getByTestId('session-attendees').innerText()).toBe('2');
    expect(await page.getByTestId('session-hours-credited').innerText()).toBe('14');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const saved = await h.server.database.db.selectFrom('training_attendance').select(['person_id', 'hours']).orderBy('hours', 'desc').execute();
    expect(saved.map((r) => r.hours)).toEqual([8, 6]);
    await page.goto(`/training/people/${people[0]}`);
    await poll(() => page.getByTestId('person-training-years').innerText()).toContain(`${chinaToday().slice(0, 4)}年 8 学时`);
    await page.goto('/training');
    await poll(() => page.getByTestId('training-sessions-sum').innerText()).toContain('参训 2 人次，认定 14 学时');
    expect(errorsOf(page)).toEqual([]);
  });

  it('imports a 签到表: the check shows what it would do, the import adds the person', async () => {
    const idNumber = '33010619850312002' + idCheckChar('33010619850312002');
    const api = await signInAs(h.server.app, 'street', PASSWORD, '10.0.9.1');
    expect((await call(h.server.app, api, 'POST', '/api/people', { name: '王海燕', idNumber, regionCode: COMMUNITY_A1 })).statusCode).toBe(201);
    await page.goto(`/training/sessions/${session}`);
    await page.getByTestId('attendance-import').click();
    await page.getByTestId('ta-import-file').setInputFiles({ name: '签到表.csv', mimeType: 'text/csv', buffer: Buffer.from(`姓名,身份证号,学时\r\n王海燕,${idNumber},\r\n`) });
    await page.getByTestId('ta-import-check').click();
    await poll(() => page.getByTestId('ta-import-result').innerText()).toContain('检查通过：共 1 行，新增 1 人');
    expect(await page.getByTestId('session-attendees').innerText()).toBe('2');
    await page.getByTestId('ta-import-apply').click();
    await poll(() => page.getByTestId('session-attendees').innerText()).toBe('3');
    expect(await page.getByTestId('session-hours-credited').innerText()).toBe('22');
    expect(errorsOf(page)).toEqual([]);
  });
});
