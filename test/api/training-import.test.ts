import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { systemActor } from '../../src/core/access/actor.js';
import { worklistPage } from '../../src/core/worklist/worklist.service.js';
import type { Database } from '../../src/db/database.js';
import { idCheckChar } from '../../src/domain/id-number.js';
import { COMMUNITIES, COUNTIES, TOWNSHIPS, buildTestApp, buildWorld, call, signInAs, type Session } from '../factories/world.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { multipart } from '../helpers/multipart.js';

/**
 * The 签到表 import, deleting training and ledger records, and 培训和党建保障设置 over HTTP
 * (docs/training.md) on two streets: street A's session takes a file naming A's people; a person
 * registered in street B is refused with the row number (and reads like an unknown person); the
 * file is all or nothing, merges with what was recorded, at the session's version; the error
 * report masks ID numbers and is its starter's alone. Deletes are versioned and refused while a
 * course has sessions. The settings move the secretary finding and the expense cap.
 */
const id = (body17: string) => body17 + idCheckChar(body17);
const ID_WANG = id('44030519800101001');
const ID_OTHER = id('44030519850505002');
type Json = Record<string, unknown>;

describe(`training attendance import and deletes on ${testEngine()}`, { timeout: 300_000 }, () => {
  let database: Database;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  const s: Record<string, Session> = {};
  let session = '';
  let course = '';
  let wang = '';

  const upload = (who: Session, sessionId: string, name: string, content: Buffer | string, fields: Record<string, string>) => {
    const m = multipart(fields, { name, content });
    return app.inject({ method: 'POST', url: `/api/training/sessions/${sessionId}/attendance/import`, payload: m.payload, headers: { ...m.headers, cookie: who.cookie, 'x-csrf-token': who.csrf } });
  };
  const sessionNow = async (who = s.townA) => (await call(app, who, 'GET', `/api/training/sessions/${session}`)).json() as { version: number; attendance: Array<{ name: string; hours: number }>; hoursCredited: number };
  const register = async (name: string, body: Json) => ((await call(app, s.sys, 'POST', '/api/people', { name, ...body })).json() as { id: string }).id;

  beforeAll(async () => {
    database = await createTestDatabase();
    await buildWorld(database);
    ({ app, close } = await buildTestApp(database));
    for (const u of ['sys', 'orgA', 'orgB', 'townA', 'commA']) s[u] = await signInAs(app, u);
    wang = await register('王建国', { idNumber: ID_WANG, regionCode: COMMUNITIES[0] });
    await register('李秀英', { phone: '13800001111', regionCode: COMMUNITIES[0] });
    await register('赵外街', { idNumber: ID_OTHER, regionCode: COMMUNITIES[2] }); // street B (another 街道 of the same county)
    course = ((await call(app, s.orgA, 'POST', '/api/training/courses', { title: '2025年党组织书记示范培训班', audience: 'secretary', hours: 16, regionCode: `${COUNTIES[0]}000000` })).json() as Json).id as string;
    const created = await call(app, s.townA, 'POST', '/api/training/sessions', { courseId: course, heldOn: '2025-05-20', hours: 8, place: '街道党群服务中心', regionCode: `${TOWNSHIPS[0]}000` });
    expect(created.statusCode).toBe(201);
    session = (created.json() as Json).id as string;
    const v = (await sessionNow()).version;
    expect((await call(app, s.townA, 'PUT', `/api/training/sessions/${session}/attendance`, { version: v, attendees: [{ personId: wang, hours: 4 }] })).statusCode).toBe(200);
  }, 300_000);
  afterAll(async () => {
    await close?.();
    await database?.close();
  });

  const FILE = `第一期书记培训班签到表\r\n姓名,身份证号,手机号,学时\r\n王建国,${ID_WANG},,\r\n李秀英,,138-0000-1111,6\r\n赵外街,${ID_OTHER},,8\r\n`;

  it('a person of the other street is refused with the row number; nothing applied; the report masks the ID number', async () => {
    const before = await sessionNow();
    const res = await upload(s.townA, session, '签到表.csv', FILE, { version: String(before.version) });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { importId: string; applied: boolean; rejected: number; errors: Json[] };
    expect(body).toMatchObject({ applied: false, rejected: 1, rows: 3, errors: [{ row: 5, column: '身份证号', code: 'PERSON_NOT_FOUND' }] });
    expect(res.body).not.toContain(ID_OTHER);
    expect(await sessionNow()).toMatchObject({ version: before.version, hoursCredited: 4 });
    const report = await call(app, s.townA, 'GET', `/api/imports/training-attendance/${body.importId}/errors.xlsx`);
    expect(report.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const cells = wb.worksheets[0]!.getRow(2).values as unknown[];
    expect(cells).toContain('赵外街');
    expect(cells).toContain('440305********' + ID_OTHER.slice(-4));
    expect(JSON.stringify(cells)).not.toContain(ID_OTHER);
    expect((await call(app, s.orgB, 'GET', `/api/imports/training-attendance/${body.importId}/errors.xlsx`)).statusCode).toBe(404);
  });

  it('dry run, then the real import merges at the version (GBK CSV); a stale version is a 409; audited with counts', async () => {
    const ok = iconv.encode(FILE.split('\r\n').slice(0, 4).join('\r\n') + '\r\n', 'gbk');
    const before = await sessionNow();
    const dry = await upload(s.townA, session, '签到表.csv', ok, { version: String(before.version), dryRun: 'true' });
    expect(dry.json()).toMatchObject({ dryRun: true, applied: false, created: 1, updated: 1, unchanged: 0, rejected: 0, attendees: 2, hoursCredited: 14, version: before.version });
    expect((await sessionNow()).hoursCredited).toBe(4);
    const real = await upload(s.townA, session, '签到表.csv', ok, { version: String(before.version) });
    expect(real.json()).toMatchObject({ applied: true, created: 1, updated: 1, attendees: 2, hoursCredited: 14, version: before.version + 1 });
    const after = await sessionNow();
    expect(after.attendance.map((a) => `${a.name}${a.hours}`).sort()).toEqual(['李秀英6', '王建国8']);
    const stale = await upload(s.townA, session, '签到表.csv', ok, { version: String(before.version) });
    expect(stale.statusCode).toBe(409);
    const audit = await database.db.selectFrom('audit_event').select(['action', 'after']).where('entity', '=', 'training_session').where('entity_id', '=', session)
      .where('action', '=', 'training_session.attendance_import').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ created: 1, updated: 1, attendees: 2, hours: 14 });
  });

  it('an XLSX file, a duplicate row and a bad 学时 are each named by row and column; other callers are refused', async () => {
    const wb = new ExcelJS.Workbook();
    const sh = wb.addWorksheet('签到');
    sh.addRows([['姓名', '公民身份号码', '认定学时'], ['王建国', ID_WANG, '9'], ['王建国', ID_WANG, '2'], ['王建国', ID_WANG, '3'], ['李秀英', '', '']]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const v = String((await sessionNow()).version);
    const res = (await upload(s.townA, session, 'sign.xlsx', file, { version: v })).json() as { errors: Json[] };
    expect(res.errors.map((e) => `${e.row}:${e.column}:${e.code}`)).toEqual(['2:学时:TOO_MANY', '3:姓名:DUPLICATE_IN_FILE', '4:姓名:DUPLICATE_IN_FILE', '5:身份证号:ID_OR_PHONE_REQUIRED']);
    expect((await upload(s.orgB, session, 'sign.xlsx', file, { version: v })).statusCode).toBe(404);
    expect((await upload(s.commA, session, 'sign.xlsx', file, { version: v })).statusCode).toBe(403);
    const tpl = await call(app, s.commA, 'GET', '/api/imports/training-attendance/template.xlsx');
    expect(tpl.statusCode).toBe(200);
  });

  it('deletes: a course with sessions is refused; a session at its version; then the course; audited', async () => {
    const c = (await call(app, s.orgA, 'GET', `/api/training/courses/${course}`)).json() as { version: number };
    const refused = await call(app, s.orgA, 'DELETE', `/api/training/courses/${course}?version=${c.version}`);
    expect(refused.statusCode).toBe(409);
    expect((refused.json() as { details: Json[] }).details[0]).toMatchObject({ code: 'COURSE_HAS_SESSIONS' });
    const v = (await sessionNow()).version;
    expect((await call(app, s.townA, 'DELETE', `/api/training/sessions/${session}?version=${v - 1}`)).statusCode).toBe(409);
    expect((await call(app, s.townA, 'DELETE', `/api/training/courses/${course}?version=${c.version}`)).statusCode).toBe(403);
    expect((await call(app, s.townA, 'DELETE', `/api/training/sessions/${session}?version=${v}`)).statusCode).toBe(204);
    expect((await call(app, s.townA, 'GET', `/api/training/sessions/${session}`)).statusCode).toBe(404);
    expect((await call(app, s.orgA, 'DELETE', `/api/training/courses/${course}?version=${c.version}`)).statusCode).toBe(204);
    const audit = await database.db.selectFrom('audit_event').select(['action', 'before']).where('action', 'in', ['training_session.delete', 'training_course.delete']).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['training_session.delete', 'training_course.delete']);
    expect(audit[0]!.before).toMatchObject({ attendees: 2, hours: 8 });
    expect(await database.db.selectFrom('training_attendance').select('person_id').where('session_id', '=', session).execute()).toEqual([]);
  });

  it('a funding record and a site are deleted at their version by the organisation’s own place', async () => {
    const { id: org } = await database.db.insertInto('party_org').values({ name: '删除测试党支部', org_type: 'branch', setup_mode: 'standalone', region_code: COMMUNITIES[0] }).returning('id').executeTakeFirstOrThrow();
    await database.db.updateTable('party_org').set({ path: org }).where('id', '=', org).execute();
    const l1 = (await call(app, s.townA, 'POST', `/api/party-orgs/${org}/support/funding`, { givenOn: '2025-03-01', amountFen: 500000, source: '街道党工委', purpose: '阵地建设' })).json() as { funding: Array<{ id: string }> };
    const l2 = (await call(app, s.townA, 'POST', `/api/party-orgs/${org}/support/sites?year=2025`, { address: '科技园3栋101', areaM2: 80, shared: true })).json() as { sites: Array<{ id: string }> };
    const f = l1.funding[0]!.id;
    const site = l2.sites[0]!.id;
    expect((await call(app, s.townA, 'DELETE', `/api/party-orgs/${org}/support/funding/${f}?version=2`)).statusCode).toBe(409);
    expect((await call(app, s.orgB, 'DELETE', `/api/party-orgs/${org}/support/funding/${f}?version=1`)).statusCode).toBe(404);
    const gone = await call(app, s.townA, 'DELETE', `/api/party-orgs/${org}/support/funding/${f}?version=1`);
    expect(gone.json()).toMatchObject({ funding: [], fundingFen: 0 });
    expect((await call(app, s.townA, 'DELETE', `/api/party-orgs/${org}/support/sites/${site}?version=1&year=2025`)).json()).toMatchObject({ sites: [], siteAreaM2: 0 });
    const actions = await database.db.selectFrom('audit_event').select('action').where('action', 'in', ['support.funding_delete', 'support.site_delete']).execute();
    expect(actions).toHaveLength(2);
  });

  it('the settings: defaults with sources; only the whole jurisdiction changes them; the cap and the finding follow', async () => {
    const d = (await call(app, s.townA, 'GET', '/api/training/settings')).json() as Json;
    expect(d).toMatchObject({ version: 0, secretaryHours: 56, expenseRatioBp: 100, canChange: false, changedOn: null });
    expect((await call(app, s.townA, 'PUT', '/api/training/settings', { version: 0, secretaryHours: 60, expenseRatioBp: 200 })).statusCode).toBe(403);
    expect((await call(app, s.sys, 'PUT', '/api/training/settings', { version: 0, secretaryHours: 0, expenseRatioBp: 200 })).statusCode).toBe(400);
    const saved = await call(app, s.sys, 'PUT', '/api/training/settings', { version: 0, secretaryHours: 60, expenseRatioBp: 200 });
    expect(saved.json()).toMatchObject({ version: 1, secretaryHours: 60, expenseRatioBp: 200, canChange: true });
    expect((await call(app, s.sys, 'PUT', '/api/training/settings', { version: 0, secretaryHours: 40, expenseRatioBp: 100 })).statusCode).toBe(409);

    const { id: org } = await database.db.insertInto('party_org').values({ name: '设置测试党支部', org_type: 'branch', setup_mode: 'standalone', region_code: COMMUNITIES[0] }).returning('id').executeTakeFirstOrThrow();
    await database.db.updateTable('party_org').set({ path: org }).where('id', '=', org).execute();
    const ledger = (await call(app, s.townA, 'PUT', `/api/party-orgs/${org}/support/expense`, { year: 2025, payrollFen: 100_000_000, amountFen: 1_500_000 })).json() as { expense: Json; sources: { expense: string } };
    expect(ledger.expense).toMatchObject({ capFen: 2_000_000, overCap: false });
    expect(ledger.sources.expense).toContain('本辖区设置');

    await database.db.insertInto('org_position').values({ org_id: org, person_id: wang, position: 'secretary', since: '2024-01-01' }).execute();
    const c2 = await database.db.insertInto('training_course').values({ title: '书记轮训', audience: 'secretary', hours: 8, region_code: `${COUNTIES[0]}000000` }).returning('id').executeTakeFirstOrThrow();
    const s2 = await database.db.insertInto('training_session').values({ course_id: c2.id, held_on: '2025-04-01', hours: 58, region_code: `${COUNTIES[0]}000000` }).returning('id').executeTakeFirstOrThrow();
    await database.db.insertInto('training_attendance').values({ session_id: s2.id, person_id: wang, hours: 58 }).execute();
    const items = (await worklistPage(database.db, systemActor('tester'), 'alerts', { kind: 'party_org_training', date: '2025-06-30', limit: 100 })).items.filter((i) => i.link.id === org);
    expect(items.map((i) => i.message)).toEqual(['书记王建国2025年参加培训58学时，不足60学时']);
    expect(items[0]!.source).toContain('本辖区设置');
  });
});
