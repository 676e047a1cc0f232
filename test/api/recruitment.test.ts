import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { idCheckChar } from '../../src/domain/id-number.js';
import { buildCrossStreet, type CrossStreet } from '../factories/cross-street.js';
import { COMMUNITIES, TOWNSHIPS, buildTestApp, buildWorld, call, signInAs, type Session } from '../factories/world.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';

/**
 * 发展党员 over HTTP (docs/recruitment.md): Chinese errors with stable codes and the field at fault,
 * never half-applied; a stale version is a 409 carrying the case as it stands; the list's total and
 * per-stage counts; the XLSX holds exactly the list's rows, masked. Two streets: a member of the other
 * street's branch working in street A (mB, seen through the employer) may sponsor; A's own
 * probationary member (mA) may not; a 党委 of the other street is not A's to name.
 */
const id = (k: number) => {
  const body = `4403051995${String(k).padStart(2, '0')}01123`;
  return body + idCheckChar(body);
};

describe(`recruitment API on ${testEngine()}`, () => {
  let database: Database;
  let cs: CrossStreet;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  const s: Record<string, Session> = {};
  let committeeA = '';
  let generalBranchA = '';
  let fullA = '';
  const post = (url: string, body: unknown, who = 'townA') => call(app, s[who], 'POST', url, body);
  const get = (url: string, who = 'townA') => call(app, s[who], 'GET', url);
  const step = async (caseId: string, body: Record<string, unknown>) => {
    const c = (await get(`/api/recruitment/${caseId}`)).json();
    return post(`/api/recruitment/${caseId}/steps`, { version: c.version, ...body });
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    const world = await buildWorld(database);
    ({ app, close } = await buildTestApp(database));
    for (const u of ['sys', 'townA', 'multi']) s[u] = await signInAs(app, u);
    cs = await buildCrossStreet(database, world, app, s.sys);
    const org = async (name: string, type: 'committee' | 'generalBranch') => {
      const { id: orgId } = await database.db.insertInto('party_org').values({ name, org_type: type, setup_mode: 'standalone', region_code: `${TOWNSHIPS[0]}000` }).returning('id').executeTakeFirstOrThrow();
      await database.db.updateTable('party_org').set({ path: orgId }).where('id', '=', orgId).execute();
      return orgId;
    };
    committeeA = await org('A街道党工委', 'committee');
    generalBranchA = await org('A街党总支', 'generalBranch');
    const p = await database.db.insertInto('person').values({ name: '全权党员', region_code: COMMUNITIES[0] }).returning('id').executeTakeFirstOrThrow();
    fullA = (await database.db.insertInto('party_member').values({ person_id: p.id, org_id: cs.orgs['A街支部'], category: 'full', joined_on: '2001-07-01', confirmed_on: '2002-07-01' })
      .returning('id').executeTakeFirstOrThrow()).id;
  }, 120_000);
  afterAll(async () => {
    await close?.();
    await database?.close();
  });

  it('registers an application: masked, with the overdue talk as a finding cited in Chinese', async () => {
    const res = await post('/api/recruitment', { orgId: cs.orgs['A街支部'], name: '接口申请人', idNumber: id(1), appliedOn: '2020-01-10' });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({ stage: 'applicant', access: 'full', manageable: true, version: 1 });
    expect(c.idNumber).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    const talk = c.findings.find((f: { ruleId: string }) => f.ruleId === 'member.talk');
    expect(talk).toMatchObject({ severity: 'overdue', dueOn: '2020-02-10' });
    expect(talk.source).toContain('中国共产党发展党员工作细则');
    const again = await post('/api/recruitment', { orgId: cs.orgs['A街支部'], name: '接口申请人', idNumber: id(1), appliedOn: '2020-02-10' });
    expect(again.statusCode).toBe(409);
    expect(again.json().details[0]).toMatchObject({ field: 'personId', code: 'OPEN_CASE' });
  });

  it('refuses with codes and fields, in Chinese, and applies nothing', async () => {
    const c = (await post('/api/recruitment', { orgId: cs.orgs['A街支部'], name: '接口发展对象', idNumber: id(2), appliedOn: '2019-01-10' })).json();
    expect((await step(c.id, { step: 'talk', on: '2019-01-20', talkerName: '李书记' })).statusCode).toBe(200);
    const early = await step(c.id, { step: 'activist', on: '2018-12-01', mentors: [{ memberId: fullA }] });
    expect(early.statusCode).toBe(400);
    expect(early.json().details[0]).toMatchObject({ field: 'on', code: 'BEFORE_PREVIOUS_STEP' });
    expect((await step(c.id, { step: 'activist', on: '2019-03-01', mentors: [{ memberId: fullA }] })).statusCode).toBe(200);
    expect((await step(c.id, { step: 'candidate', on: '2020-03-15' })).statusCode).toBe(200);
    const probationary = await step(c.id, { step: 'sponsors', sponsors: [{ memberId: fullA }, { memberId: cs.members.mA }] });
    expect(probationary.statusCode).toBe(400);
    expect(probationary.json().details[0]).toMatchObject({ field: 'sponsors.1.memberId', code: 'NOT_FULL_MEMBER' });
    expect(probationary.json().message).toContain('预备党员');
    // mB: the other street's branch, working in street A — seen through the employer, may sponsor.
    const ok = await step(c.id, { step: 'sponsors', sponsors: [{ memberId: fullA }, { memberId: cs.members.mB }] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().sponsors.map((p: { memberId: string }) => p.memberId)).toEqual([fullA, cs.members.mB]);
    expect((await step(c.id, { step: 'meeting', on: '2020-06-01', voting: 9, present: 7, yes: 6 })).statusCode).toBe(200);
    const before = (await get(`/api/recruitment/${c.id}`)).json();
    const gb = await step(c.id, { step: 'approve', on: '2020-07-01', approverOrgId: generalBranchA });
    expect(gb.statusCode).toBe(400);
    expect(gb.json().details[0]).toMatchObject({ field: 'approverOrgId', code: 'APPROVER_NOT_COMMITTEE' });
    expect(gb.json().message).toContain('党总支');
    const other = await step(c.id, { step: 'approve', on: '2020-07-01', approverOrgId: cs.orgs['T1党委'] });
    expect(other.statusCode).toBe(404);
    expect(other.json().details[0]).toMatchObject({ field: 'approverOrgId' });
    const after = (await get(`/api/recruitment/${c.id}`)).json();
    expect([after.version, after.stage, after.memberId, after.events.length]).toEqual([before.version, 'candidate', null, before.events.length]);
    const stale = await post(`/api/recruitment/${c.id}/steps`, { version: before.version - 1, step: 'approve', on: '2020-07-01', approverOrgId: committeeA });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', current: { id: c.id, version: before.version } });
    const approved = await step(c.id, { step: 'approve', on: '2020-07-01', approverOrgId: committeeA });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ stage: 'probationary', approval: { approverOrgName: 'A街道党工委' } });
    const decision = { meetingOn: '2021-06-02', on: '2021-06-20', reason: '需继续考察', voting: 9, present: 7, yes: 6 };
    const bad = await post(`/api/recruitment/${c.id}/steps`, { version: 1, step: 'extend', months: 3, ...decision });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].field).toBe('body.months');
    const noReason = await post(`/api/recruitment/${c.id}/steps`, { version: approved.json().version, step: 'cancel', ...decision, reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().details[0].field).toBe('body.reason');
    const failed = await step(c.id, { step: 'cancel', ...decision, yes: 4 });
    expect(failed.statusCode).toBe(400);
    expect(failed.json().details[0]).toMatchObject({ field: 'yes', code: 'VOTE_FAILED' });
    expect(failed.json().message).toContain('未通过取消预备党员资格');
    const cancelled = await step(c.id, { step: 'cancel', ...decision });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ stage: 'closed', cancellation: { on: '2021-06-20', reason: '需继续考察', meeting: { heldOn: '2021-06-02', yes: 6 } } });
    const member = (await get(`/api/members/${approved.json().memberId}`)).json();
    expect(member).toMatchObject({ status: 'left', leftReason: 'probationCancelled' });
    for (const r of [early, probationary, gb, other, stale, bad, noReason, failed]) expect(r.body).not.toMatch(/violates|constraint|select |insert /i);
  });

  it('the other street sees a case of the joint branch and may not record its steps', async () => {
    const c = (await post('/api/recruitment', { orgId: cs.orgs['跨街联合党支部'], name: '联合申请人', idNumber: id(3), appliedOn: '2021-01-10' }, 'multi')).json();
    const seen = await get(`/api/recruitment/${c.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ access: 'partial', manageable: false });
    const refused = await post(`/api/recruitment/${c.id}/steps`, { version: 1, step: 'talk', on: '2021-01-20', talkerName: '甲' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().details[0].code).toBe('NOT_MANAGED');
  });

  it('lists with the total and per-stage counts; the XLSX holds exactly the rows, masked', async () => {
    const list = (await get('/api/recruitment?limit=1')).json();
    expect(list.total).toBe(list.counts.applicant + list.counts.activist + list.counts.candidate + list.counts.probationary);
    expect(list.items).toHaveLength(1);
    expect(list.nextCursor).not.toBeNull();
    const all = (await get('/api/recruitment?limit=200')).json();
    const res = await get('/api/recruitment/export.xlsx');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const names: string[] = [];
    ws.eachRow((row, n) => { if (n > 1) names.push(String(row.getCell(1).value)); });
    expect(names).toEqual(all.items.map((i: { name: string }) => i.name));
    const ids: string[] = [];
    ws.eachRow((row, n) => { if (n > 1) ids.push(String(row.getCell(3).value ?? '')); });
    expect(ids.every((v) => v === '' || v.includes('********'))).toBe(true);
    const audit = await database.db.selectFrom('audit_event').select('action').where('action', '=', 'recruitment.export').execute();
    expect(audit).toHaveLength(1);
  });

  it('the alerts work list carries the case findings: named in Chinese, linked to the case, also in the XLSX', async () => {
    const page = (await get('/api/worklists/alerts?kind=recruitment_case&limit=1000')).json();
    const talk = page.items.find((i: { name: string; ruleId: string }) => i.name.startsWith('接口申请人') && i.ruleId === 'member.talk');
    expect(talk).toMatchObject({ link: { entity: 'recruitment_case' }, name: '接口申请人（A街支部）' });
    expect(talk.source).toContain('《中国共产党发展党员工作细则》');
    const bad = await get('/api/worklists/alerts?cursor=recruitment_case:abc');
    expect(bad.statusCode).toBe(400);
    const res = await get('/api/worklists/alerts.xlsx?kind=recruitment_case');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount - 1).toBe(page.items.length);
    expect(ws.getRow(2).getCell(1).value).toBe('发展党员');
  });

  it('province settings: bad input is a 400 in Chinese naming the field; a street may not change them', async () => {
    const entry = { province: '44', param: 'publicNoticeMinDays', value: 7, validFrom: '2024-01-01', source: '《广东省发展党员工作细则》' };
    const put = (body: unknown, who = 'sys') => call(app, s[who], 'PUT', '/api/recruitment-settings', body);
    const range = await put({ version: 0, entries: [{ ...entry, value: 40 }] });
    expect(range.statusCode).toBe(400);
    expect(range.json().details[0]).toMatchObject({ field: 'entries.0.value', code: 'OUT_OF_RANGE' });
    expect(range.json().message).toContain('公示最少天数');
    const province = await put({ version: 0, entries: [{ ...entry, province: '4' }] });
    expect(province.statusCode).toBe(400);
    expect(province.json().details[0].field).toBe('body.entries.0.province');
    const street = await put({ version: 0, entries: [entry] }, 'townA');
    expect(street.statusCode).toBe(403);
    expect(street.json().details[0].code).toBe('UNRESTRICTED_SCOPE_REQUIRED');
    const ok = await put({ version: 0, entries: [entry] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await get('/api/recruitment-settings')).json()).toEqual({ version: 1, entries: [entry], canChange: false });
    const stale = await put({ version: 0, entries: [] });
    expect(stale.statusCode).toBe(409);
    for (const r of [range, province, street, stale]) expect(r.body).not.toMatch(/violates|constraint|select |insert /i);
  });
});
