import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/core/auth/password.js';
import type { Database } from '../../src/db/database.js';
import { idCheckChar } from '../../src/domain/id-number.js';
import { PASSWORD, buildTestApp, call, signInAs, type Session } from '../factories/world.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { seedRegions, TOWN_A, TOWN_B } from '../helpers/org-fixtures.js';
import { multipart } from '../helpers/multipart.js';

/**
 * The dues routes over HTTP (docs/dues.md): contracts, Chinese errors with codes and fields, the
 * version conflict with the current row, the export of exactly the list's rows, 我的党费 — and
 * never a 500.
 */
const idNo = (body: string) => body + idCheckChar(body);
const LI = idNo('33010619800101123');


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
    const li = await call(app, s.townA, 'POST', '/api/members', { name: '李红梅', idNumber: LI, orgId: ids.a, category: 'full', joinedOn: '2012-07-01' });
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

  it('a reduction recorded, listed as 待批准, approved with the day and the reference together, and then due', async () => {
    expect((await call(app, s.townA, 'POST', '/api/dues/months/compute', { month: '2026-11', orgId: ids.a })).statusCode).toBe(200);
    const made = await call(app, s.townA, 'POST', `/api/dues/members/${ids.li}/reductions`, { fromMonth: '2026-11', amountFen: 500 });
    expect(made.statusCode, made.body).toBe(201);
    const list = await call(app, s.townA, 'GET', `/api/dues/members/${ids.li}/reductions`);
    expect(list.json()).toMatchObject({ manageable: true, items: [{ id: made.json().id, fromMonth: '2026-11', toMonth: null, amountFen: 500, status: 'pending', approvedOn: null }] });
    expect((await call(app, s.townB, 'GET', `/api/dues/members/${ids.li}/reductions`)).statusCode).toBe(404);
    const url = `/api/dues/reductions/${made.json().id}/approve`;
    expect((await call(app, s.townB, 'POST', url, { approvedOn: '2026-11-10', approvalRef: '西组〔2026〕1号' })).statusCode).toBe(404);
    const half = await call(app, s.townA, 'POST', url, { approvedOn: '2026-11-10' });
    expect(half.statusCode).toBe(400);
    expect(half.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'body.approvalRef' }] });
    expect((await call(app, s.townA, 'POST', url, { approvedOn: '2099-01-01', approvalRef: 'x' })).json()).toMatchObject({ details: [{ field: 'approvedOn', code: 'DATE_IN_FUTURE' }] });
    const ok = await call(app, s.townA, 'POST', url, { approvedOn: '2026-11-10', approvalRef: '西组〔2026〕1号' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ reduction: { status: 'approved', approvalRef: '西组〔2026〕1号' }, recomputed: 1 });
    const again = await call(app, s.townA, 'POST', url, { approvedOn: '2026-11-10', approvalRef: '西组〔2026〕1号' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ details: [{ code: 'ALREADY_APPROVED' }] });
    const page = (await call(app, s.townA, 'GET', `/api/dues/ledger?orgId=${ids.a}&month=2026-11`)).json();
    expect(page.items[0]).toMatchObject({ dueFen: 500, reduced: true });
    for (const bad of ['/api/dues/reductions/abc/approve', '/api/dues/reductions/99999999/approve']) {
      expect((await call(app, s.townA, 'POST', bad, { approvedOn: '2026-11-10', approvalRef: 'x' })).statusCode).toBeGreaterThanOrEqual(400);
    }
  });

  it('an approved reduction withdrawn with a reason: the open months are due in full again; it cannot be approved or withdrawn twice', async () => {
    const list = (await call(app, s.townA, 'GET', `/api/dues/members/${ids.li}/reductions`)).json();
    const approved = list.items.find((r: { status: string }) => r.status === 'approved');
    const url = `/api/dues/reductions/${approved.id}/withdraw`;
    expect((await call(app, s.townB, 'POST', url, { reason: '登记有误' })).statusCode).toBe(404);
    const blank = await call(app, s.townA, 'POST', url, { reason: ' ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'body.reason' }] });
    const ok = await call(app, s.townA, 'POST', url, { reason: '上级党委撤销批准' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ reduction: { status: 'withdrawn', withdrawnReason: '上级党委撤销批准' } });
    expect(ok.json().recomputed).toBeGreaterThanOrEqual(1);
    const page = (await call(app, s.townA, 'GET', `/api/dues/ledger?orgId=${ids.a}&month=2026-11`)).json();
    expect(page.items[0]).toMatchObject({ dueFen: 1500, reduced: false });
    expect((await call(app, s.townA, 'POST', url, { reason: '再撤' })).json()).toMatchObject({ details: [{ code: 'ALREADY_WITHDRAWN' }] });
    const again = await call(app, s.townA, 'POST', `/api/dues/reductions/${approved.id}/approve`, { approvedOn: '2026-11-10', approvalRef: '西组〔2026〕2号' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ details: [{ code: 'ALREADY_WITHDRAWN' }] });
    const audit = await database.db.selectFrom('audit_event').select(['action']).where('action', '=', 'dues.reduction_withdraw').execute();
    expect(audit).toHaveLength(1);
  });

  it('a closed month reopened with a reason by its managers; not by another street; not twice', async () => {
    expect((await call(app, s.townA, 'POST', '/api/dues/months/close', { month: '2026-10', orgId: ids.a })).statusCode).toBe(200);
    const body = { month: '2026-10', orgId: ids.a, reason: '结账前漏登交纳基数' };
    expect((await call(app, s.townB, 'POST', '/api/dues/months/reopen', body)).statusCode).toBe(404);
    const blank = await call(app, s.townA, 'POST', '/api/dues/months/reopen', { ...body, reason: '' });
    expect(blank.json()).toMatchObject({ details: [{ field: 'body.reason' }] });
    const ok = await call(app, s.townA, 'POST', '/api/dues/months/reopen', body);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await call(app, s.townA, 'GET', `/api/dues/ledger?orgId=${ids.a}&month=2026-10`)).json()).toMatchObject({ monthStatus: 'open' });
    const twice = await call(app, s.townA, 'POST', '/api/dues/months/reopen', body);
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ details: [{ field: 'month', code: 'MONTH_NOT_CLOSED' }] });
    const m = await database.db.selectFrom('dues_month').select(['status', 'reopen_reason']).where('org_id', '=', ids.a).where('month', '=', '2026-10').executeTakeFirstOrThrow();
    expect(m).toEqual({ status: 'open', reopen_reason: '结账前漏登交纳基数' });
  });

  it('the settings say who may change them; a street may not', async () => {
    expect((await call(app, s.townA, 'GET', '/api/dues/settings')).json()).toMatchObject({ canChange: false, recalcMode: 'onChange' });
    expect((await call(app, s.townA, 'PUT', '/api/dues/settings', { returnRatioBp: 100, recalcMode: 'onChange', version: 0 })).statusCode).toBe(403);
  });

  it('a rejected payment file gives its error report (rows, reasons, ID numbers masked); a clean one has none', async () => {
    const csv = (rows: string) => Buffer.from(`姓名,身份证号,金额,缴费日期,所属月份\n${rows}`);
    const send = (who: Session, content: Buffer) => {
      const m = multipart({}, { name: 'pay.csv', content });
      return app.inject({ method: 'POST', url: '/api/dues/imports/errors.xlsx', payload: m.payload, headers: { ...m.headers, cookie: who.cookie, 'x-csrf-token': who.csrf } });
    };
    const res = await send(s.townA, csv(`李红梅,${LI},abc,2026-11-20,2026-11\n李红梅,${LI},5,2026-11-20,2026-11\n`));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheet/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(1).getCell(6).value).toBe('原行号');
    expect(sheet.getRow(2).getCell(6).value).toBe(2);
    expect(String(sheet.getRow(2).getCell(7).value)).toContain('金额：');
    expect(String(sheet.getRow(2).getCell(2).value)).not.toBe(LI);
    const clean = await send(s.townA, csv(`李红梅,${LI},5,2026-11-20,2026-11\n`));
    expect(clean.statusCode).toBe(400);
    expect(clean.json()).toMatchObject({ details: [{ field: 'file', code: 'NO_REJECTED_ROWS' }] });
    expect((await call(app, s.townA, 'GET', `/api/dues/ledger?orgId=${ids.a}&month=2026-11`)).json().items[0].paidFen).toBe(0);
    expect((await send(s.dangyuan, csv(`李红梅,${LI},5,2026-11-20,2026-11\n`))).statusCode).toBe(403);
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
