import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/core/auth/password.js';
import type { Database } from '../../src/db/database.js';
import { idCheckChar } from '../../src/domain/id-number.js';
import { PASSWORD, buildTestApp, call, signInAs, type Session } from '../factories/world.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { seedRegions, TOWN_A, TOWN_B } from '../helpers/org-fixtures.js';

/**
 * The dues routes over HTTP (docs/dues.md): contracts, Chinese errors with codes and fields, the
 * version conflict with the current row, the export of exactly the list's rows, 我的党费 — and
 * never a 500.
 */
const idNo = (body: string) => body + idCheckChar(body);

describe(`dues API on ${testEngine()}`, () => {
  let database: Database;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  const s: Record<string, Session> = {};
  const ids = { a: '', b: '', li: '', user: '' };

  async function addUser(username: string, role: string, prefix: string | null): Promise<string> {
    const u = await database.db.insertInto('app_user').values({ username, display_name: username, password_hash: await hashPassword(PASSWORD), must_change_password: false })
      .returning('id').executeTakeFirstOrThrow();
    await database.db.insertInto('user_role').values({ user_id: u.id, role, all_regions: prefix === null, region_prefixes: prefix ? [prefix] : [], park_ids: [], association_ids: [], enterprise_ids: [], party_org_ids: [] }).execute();
    return u.id;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ app, close } = await buildTestApp(database));
    await seedRegions(database.db);
    await addUser('townA', 'township_officer', '330106001');
    await addUser('townB', 'township_officer', '330106002');
    ids.user = await addUser('dangyuan', 'member', '330106001');
    for (const u of ['townA', 'townB', 'dangyuan']) s[u] = await signInAs(app, u);
    const org = async (name: string, regionCode: string) => (await call(app, s.townA, 'POST', '/api/party-orgs', { name, orgType: 'branch', setupMode: 'standalone', regionCode })).json().id as string;
    ids.a = await org('北山科技党支部', TOWN_A);
    ids.b = (await call(app, s.townB, 'POST', '/api/party-orgs', { name: '西溪贸易党支部', orgType: 'branch', setupMode: 'standalone', regionCode: TOWN_B })).json().id as string;
    const li = await call(app, s.townA, 'POST', '/api/members', { name: '李红梅', idNumber: idNo('33010619800101123'), orgId: ids.a, category: 'full', joinedOn: '2012-07-01' });
    expect(li.statusCode, li.body).toBe(201);
    ids.li = li.json().id;
    const person = await database.db.selectFrom('party_member').select('person_id').where('id', '=', ids.li).executeTakeFirstOrThrow();
    await database.db.updateTable('app_user').set({ person_id: person.person_id }).where('id', '=', ids.user).execute();
  });
  afterAll(async () => {
    await close?.();
    await database?.close();
  });

  it('basis, compute, ledger with totals, payment with a version conflict, export of the same rows', async () => {
    const bad = await call(app, s.townA, 'PUT', `/api/dues/members/${ids.li}/basis`, { fromMonth: '2026-10', category: 'employed' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'baseFen', code: 'REQUIRED' }] });
    expect((await call(app, s.townA, 'PUT', `/api/dues/members/${ids.li}/basis`, { fromMonth: '2026-10', category: 'employed', baseFen: 300_000 })).statusCode).toBe(200);
    const computed = await call(app, s.townA, 'POST', '/api/dues/months/compute', { month: '2026-10', orgId: ids.a });
    expect(computed.json()).toMatchObject({ month: '2026-10', rows: 1 });
    expect((await call(app, s.townA, 'POST', '/api/dues/months/compute', { month: '2099-01', orgId: ids.a })).json()).toMatchObject({ details: [{ code: 'MONTH_IN_FUTURE' }] });
    const page = (await call(app, s.townA, 'GET', `/api/dues/ledger?orgId=${ids.a}&month=2026-10`)).json();
    expect(page).toMatchObject({ total: 1, monthStatus: 'open', manageable: true, totals: { dueFen: 1500, arrearsFen: 1500 }, items: [{ name: '李红梅', dueFen: 1500, basis: '月工资收入3000元以下（含）按0.5%' }] });
    const row = page.items[0];
    const ok = await call(app, s.townA, 'POST', `/api/dues/ledger/${row.id}/payments`, { version: row.version, amountFen: 1500, paidOn: '2026-10-20' });
    expect(ok.statusCode, ok.body).toBe(200);
    const stale = await call(app, s.townA, 'POST', `/api/dues/ledger/${row.id}/payments`, { version: row.version, amountFen: 1500, paidOn: '2026-10-21' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', current: { id: row.id, paidFen: 1500 } });
    const late = await call(app, s.townA, 'POST', `/api/dues/ledger/${row.id}/payments`, { version: row.version + 1, amountFen: 100, paidOn: '2027-05-01' });
    expect(late.statusCode).toBe(400);
    const xlsx = await call(app, s.townA, 'GET', `/api/dues/ledger/export.xlsx?orgId=${ids.a}&month=2026-10`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheet/);
  });

  it('street B sees nothing of street A\'s month; garbage never gives a 500', async () => {
    expect((await call(app, s.townB, 'GET', `/api/dues/ledger?orgId=${ids.a}&month=2026-10`)).statusCode).toBe(404);
    for (const [method, url, body] of [
      ['GET', '/api/dues/ledger?orgId=abc&month=2026-13', undefined],
      ['POST', '/api/dues/ledger/999999999/payments', { version: 1, amountFen: 1, paidOn: '2026-10-01' }],
      ['POST', '/api/dues/ledger/1/payments', { version: 1, amountFen: -5, paidOn: 'x' }],
      ['PUT', `/api/dues/members/${ids.li}/basis`, { fromMonth: '2026-1', category: 'x' }],
      ['GET', `/api/dues/members/${ids.li}/statement?year=abc`, undefined],
    ] as const) {
      const res = await call(app, s.townA, method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBeLessThan(500);
      expect(res.statusCode, `${method} ${url}`).toBeGreaterThanOrEqual(400);
    }
  });

  it('the statement (JSON and XLSX) and 我的党费', async () => {
    const st = await call(app, s.townA, 'GET', `/api/dues/members/${ids.li}/statement?year=2026`);
    expect(st.statusCode, st.body).toBe(200);
    expect(st.json()).toMatchObject({ name: '李红梅', year: 2026, basis: { categoryLabel: '在职党员' } });
    expect(st.json().months).toHaveLength(12);
    expect((await call(app, s.townA, 'GET', `/api/dues/members/${ids.li}/statement.xlsx?year=2026`)).statusCode).toBe(200);
    const me = await call(app, s.dangyuan, 'GET', '/api/me/dues?year=2026');
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json().months.find((m: { month: string }) => m.month === '2026-10')).toMatchObject({ dueFen: 1500, paidFen: 1500, paidOn: '2026-10-20' });
    expect((await call(app, s.townB, 'GET', '/api/me/dues')).statusCode).toBe(404);
  });
});
