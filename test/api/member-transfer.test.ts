import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/core/auth/password.js';
import { expireOverdueTransfers } from '../../src/core/member-transfer/transfer-sweep.js';
import type { Database } from '../../src/db/database.js';
import { todayInChina } from '../../src/domain/org-terms.js';
import { buildCrossStreet, type CrossStreet } from '../factories/cross-street.js';
import { PASSWORD, TOWNSHIPS, buildTestApp, buildWorld, call, signInAs, type Session, type World } from '../factories/world.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';

/**
 * 组织关系转接 and 亮身份 across two streets (docs/member-transfers.md): street A (townA) issues a
 * letter from A街支部 to T1支部 of street B (townB); B sees the letter, not the member, until it
 * accepts; A cannot accept for B, B cannot revoke A's letter, street C (townC) sees nothing.
 */
function idNumber(body17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return body17 + '10X98765432'[[...body17].reduce((s, d, i) => s + Number(d) * w[i], 0) % 11];
}
const daysAgo = (n: number) => new Date(Date.parse(todayInChina()) - n * 86_400_000).toISOString().slice(0, 10);

describe(`member transfers and declarations on ${testEngine()}`, () => {
  let database: Database;
  let world: World;
  let cs: CrossStreet;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  const s: Record<string, Session> = {};

  async function addUser(username: string, role: string, prefix: string): Promise<string> {
    const u = await database.db.insertInto('app_user').values({ username, display_name: username, password_hash: await hashPassword(PASSWORD), must_change_password: false })
      .returning('id').executeTakeFirstOrThrow();
    await database.db.insertInto('user_role').values({ user_id: u.id, role, all_regions: false, region_prefixes: [prefix], park_ids: [], association_ids: [], enterprise_ids: [], party_org_ids: [] }).execute();
    return u.id;
  }
  async function addMember(name: string, body: string): Promise<string> {
    const res = await call(app, s.townA, 'POST', '/api/members', { name, idNumber: idNumber(body), orgId: cs.orgs['A街支部'], category: 'full', joinedOn: '2012-07-01' });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  }
  const issue = (memberId: string, extra: Record<string, unknown> = {}) =>
    call(app, s.townA, 'POST', '/api/member-transfers', { memberId, toOrgId: cs.orgs['T1支部'], ...extra });

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await buildWorld(database);
    ({ app, close } = await buildTestApp(database));
    await addUser('townB', 'township_officer', TOWNSHIPS[1]);
    await addUser('townC', 'township_officer', TOWNSHIPS[2]);
    for (const u of ['sys', 'townA', 'townB', 'townC', 'member']) s[u] = await signInAs(app, u);
    cs = await buildCrossStreet(database, world, app, s.sys);
  }, 120_000);
  afterAll(async () => {
    await close?.();
    await database?.close();
  });

  it('moves a member from street A to street B only when B accepts, with history and audit', async () => {
    const memberId = await addMember('转接甲', '44030519850101001');
    const bad = await issue(memberId, { validDays: 120 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0]).toMatchObject({ field: 'validDays', code: 'TOO_LONG' });
    expect(bad.json().message).toContain('90天');
    const res = await issue(memberId);
    expect(res.statusCode, res.body).toBe(201);
    const t = res.json();
    expect(t).toMatchObject({ status: 'issued', fromOrgName: 'A街支部', toOrgName: 'T1支部', canRevoke: true, canDecide: false, access: 'full' });
    expect(t.letterNo).toBe(`〔${todayInChina().slice(0, 4)}〕第1号`);
    expect(t.idNumber).toMatch(/\*{8}/);
    expect((await issue(memberId)).json().details[0].code).toBe('OPEN_TRANSFER');

    // Street B: the letter and the name, not the member; street C: nothing.
    const inbox = (await call(app, s.townB, 'GET', '/api/member-transfers?box=pending')).json();
    expect(inbox.total).toBe(1);
    expect(inbox.items[0]).toMatchObject({ id: t.id, memberName: '转接甲', access: 'partial', canDecide: true, canRevoke: false });
    // A街支部 covers an enterprise of street B: B may glimpse the member through that link, never manage them.
    expect((await call(app, s.townB, 'GET', `/api/members/${memberId}`)).json()).toMatchObject({ access: 'partial', manageable: false });
    expect((await call(app, s.townC, 'GET', `/api/member-transfers/${t.id}`)).statusCode).toBe(404);
    expect((await call(app, s.townC, 'GET', '/api/member-transfers?box=in')).json().total).toBe(0);
    expect((await call(app, s.townA, 'GET', '/api/member-transfers?box=out')).json().total).toBe(1);

    // A cannot accept for B; B cannot revoke A's letter; C cannot touch it.
    expect((await call(app, s.townA, 'POST', `/api/member-transfers/${t.id}/accept`, { version: 1 })).json().details[0].code).toBe('NOT_MANAGED');
    expect((await call(app, s.townB, 'POST', `/api/member-transfers/${t.id}/revoke`, { version: 1, reason: '不是我的' })).json().details[0].code).toBe('NOT_MANAGED');
    expect((await call(app, s.townC, 'POST', `/api/member-transfers/${t.id}/accept`, { version: 1 })).statusCode).toBe(404);
    const stale = await call(app, s.townB, 'POST', `/api/member-transfers/${t.id}/accept`, { version: 7 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ id: t.id, version: 1 });

    const ok = await call(app, s.townB, 'POST', `/api/member-transfers/${t.id}/accept`, { version: 1 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'accepted', access: 'full', canDecide: false });
    const m = await database.db.selectFrom('party_member').select(['org_id', 'version']).where('id', '=', memberId).executeTakeFirstOrThrow();
    expect(m.org_id).toBe(cs.orgs['T1支部']);
    const events = await database.db.selectFrom('party_member_event').select(['kind', 'data']).where('member_id', '=', memberId).orderBy('id').execute();
    expect(events.map((e) => e.kind)).toEqual(['created', 'transferred']);
    const audits = await database.db.selectFrom('audit_event').select('action').where('action', 'in', ['member.transfer', 'member_transfer.accept', 'member_transfer.issue']).execute();
    expect(audits.map((a) => a.action).sort()).toEqual(['member.transfer', 'member_transfer.accept', 'member_transfer.issue']);
    // After acceptance: street A no longer holds the member, street B manages them.
    expect((await call(app, s.townA, 'GET', `/api/members/${memberId}`)).statusCode).toBe(404);
    const inB = await call(app, s.townB, 'GET', `/api/members/${memberId}`);
    expect(inB.json()).toMatchObject({ orgName: 'T1支部', manageable: true, access: 'full' });
    expect((await call(app, s.townA, 'GET', `/api/member-transfers/${t.id}`)).json()).toMatchObject({ status: 'accepted', access: 'partial' });
  });

  it('a revoked or returned letter leaves the member where they are; an expired one cannot be accepted', async () => {
    const memberId = await addMember('转接乙', '44030519860202002');
    const t = (await issue(memberId)).json();
    expect((await call(app, s.townA, 'POST', `/api/member-transfers/${t.id}/revoke`, { version: 1, reason: '' })).statusCode).toBe(400);
    const revoked = await call(app, s.townA, 'POST', `/api/member-transfers/${t.id}/revoke`, { version: 1, reason: '党员工作单位未变动' });
    expect(revoked.json()).toMatchObject({ status: 'revoked', reason: '党员工作单位未变动' });
    expect((await call(app, s.townB, 'POST', `/api/member-transfers/${t.id}/accept`, { version: 2 })).json().details[0].code).toBe('TRANSFER_CLOSED');

    const t2 = (await issue(memberId)).json();
    expect(t2.letterNo).toMatch(/第3号$/);
    const returned = await call(app, s.townB, 'POST', `/api/member-transfers/${t2.id}/return`, { version: 1, reason: '本支部不是该党员工作单位所在地' });
    expect(returned.json()).toMatchObject({ status: 'returned' });

    const old = (await issue(memberId, { issuedOn: daysAgo(30), validDays: 10 })).json();
    expect(old.status).toBe('expired');
    expect((await call(app, s.townB, 'POST', `/api/member-transfers/${old.id}/accept`, { version: 1 })).json().details[0].code).toBe('LETTER_EXPIRED');
    expect(await expireOverdueTransfers(database.db)).toBe(1);
    expect((await database.db.selectFrom('member_transfer').select('status').where('id', '=', old.id).executeTakeFirstOrThrow()).status).toBe('expired');
    expect((await database.db.selectFrom('party_member').select('org_id').where('id', '=', memberId).executeTakeFirstOrThrow()).org_id).toBe(cs.orgs['A街支部']);
    expect((await issue(memberId)).statusCode).toBe(201);
  });

  it('records letters to and from outside the system with the 回执', async () => {
    const memberId = await addMember('转出丙', '44030519870303003');
    const noTarget = await call(app, s.townA, 'POST', '/api/member-transfers', { memberId });
    expect(noTarget.json().details[0]).toMatchObject({ field: 'toOrgId', code: 'TARGET_REQUIRED' });
    const out = (await call(app, s.townA, 'POST', '/api/member-transfers', { memberId, outsideOrg: '湖南省长沙市某党支部', paperLetterNo: '湘组转字001' })).json();
    expect(out).toMatchObject({ direction: 'outgoing', canRecordReceipt: true });
    const early = await call(app, s.townA, 'POST', `/api/member-transfers/${out.id}/receipt`, { version: 1, receiptOn: daysAgo(400) });
    expect(early.json().details[0]).toMatchObject({ field: 'receiptOn', code: 'BEFORE_ISSUE' });
    const done = await call(app, s.townA, 'POST', `/api/member-transfers/${out.id}/receipt`, { version: 1, receiptOn: todayInChina() });
    expect(done.json()).toMatchObject({ status: 'accepted', receiptOn: todayInChina() });
    expect(await database.db.selectFrom('party_member').select(['status', 'left_reason']).where('id', '=', memberId).executeTakeFirstOrThrow())
      .toEqual({ status: 'left', left_reason: 'transferredOut' });

    const incoming = await call(app, s.townB, 'POST', '/api/member-transfers/incoming', {
      toOrgId: cs.orgs['T1支部'], outsideOrg: '江西省某党支部', paperLetterNo: '赣组转字9', receiptOn: todayInChina(), name: '转入丁',
      idNumber: idNumber('44030519880404004'), category: 'full', joinedOn: '2015-01-01',
    });
    expect(incoming.statusCode, incoming.body).toBe(201);
    expect(incoming.json()).toMatchObject({ direction: 'incoming', status: 'accepted', letterNo: '赣组转字9', toOrgName: 'T1支部' });
    const badId = await call(app, s.townB, 'POST', '/api/member-transfers/incoming', {
      toOrgId: cs.orgs['T1支部'], outsideOrg: '江西省某党支部', paperLetterNo: '赣组转字10', receiptOn: todayInChina(), name: '转入戊',
      idNumber: '440305198804040041', category: 'full', joinedOn: '2015-01-01',
    });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().details[0].field).toBe('idNumber');
  });

  it('moves a whole organisation as one operation, a letter per member', async () => {
    const from = await call(app, s.townA, 'POST', '/api/party-orgs', { name: '整建制测试党支部', orgType: 'branch', setupMode: 'standalone', regionCode: world.enterprises[0].regionCode });
    const fromId = from.json().id as string;
    for (const [name, body] of [['整建制一', '44030519900101011'], ['整建制二', '44030519900101022']]) {
      expect((await call(app, s.townA, 'POST', '/api/members', { name, idNumber: idNumber(body), orgId: fromId, category: 'full', joinedOn: '2016-01-01' })).statusCode).toBe(201);
    }
    const toA = cs.orgs['A街支部'];
    const moved = await call(app, s.townA, 'POST', '/api/member-transfers/org-move', { fromOrgId: fromId, toOrgId: toA });
    expect(moved.json()).toMatchObject({ issued: 2, accepted: 2, skipped: [] });
    const left = await database.db.selectFrom('party_member').select('id').where('org_id', '=', fromId).execute();
    expect(left).toHaveLength(0);
  });

  it('亮身份: a member declares, street B cannot see it, street A confirms and the member works at the enterprise', async () => {
    const e0 = world.enterprises[0].id;
    const bad = await call(app, s.member, 'POST', '/api/member-declarations', { name: '亮身份甲', idNumber: '440305199001010000', enterpriseId: e0, namedOrg: '老家村党支部', category: 'full' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].field).toBe('idNumber');
    const idn = idNumber('44030519910101055');
    const d = await call(app, s.member, 'POST', '/api/member-declarations', { name: '亮身份甲', idNumber: idn, phone: '13800001111', enterpriseId: e0, namedOrg: '老家村党支部', category: 'full' });
    expect(d.statusCode, d.body).toBe(201);
    expect(d.json()).toMatchObject({ status: 'pending', channel: 'self' });
    expect(d.json().idNumber).not.toContain(idn.slice(6, 14));
    const stored = await database.db.selectFrom('member_declaration').select('id_number_enc').where('id', '=', d.json().id).executeTakeFirstOrThrow();
    expect(stored.id_number_enc).not.toContain(idn);
    expect((await call(app, s.member, 'POST', '/api/member-declarations', { name: '亮身份甲', idNumber: idn, enterpriseId: e0, namedOrg: '老家村党支部', category: 'full' })).json().details[0].code).toBe('DECLARATION_PENDING');
    expect((await call(app, s.townB, 'GET', `/api/member-declarations/${d.json().id}`)).statusCode).toBe(404);
    expect((await call(app, s.member, 'POST', `/api/member-declarations/${d.json().id}/confirm`, { version: 1 })).statusCode).toBe(403);
    const noDate = await call(app, s.townA, 'POST', `/api/member-declarations/${d.json().id}/confirm`, { version: 1, orgId: cs.orgs['A街支部'] });
    expect(noDate.json().details[0]).toMatchObject({ field: 'joinedOn', code: 'REQUIRED' });
    const ok = await call(app, s.townA, 'POST', `/api/member-declarations/${d.json().id}/confirm`, { version: 1, orgId: cs.orgs['A街支部'], joinedOn: '2014-07-01' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'confirmed', orgName: 'A街支部' });
    const m = await database.db.selectFrom('party_member').select(['enterprise_id', 'source']).where('id', '=', ok.json().memberId).executeTakeFirstOrThrow();
    expect(m).toEqual({ enterprise_id: e0, source: 'declaration' });
    const mine = (await call(app, s.member, 'GET', '/api/member-declarations')).json();
    expect(mine.items.map((x: { status: string }) => x.status)).toEqual(['confirmed']);

    const r = await call(app, s.townA, 'POST', '/api/member-declarations', { name: '亮身份乙', idNumber: idNumber('44030519920202066'), enterpriseId: e0, namedOrg: '某党支部', category: 'probationary' });
    expect(r.json().channel).toBe('official');
    const rej = await call(app, s.townA, 'POST', `/api/member-declarations/${r.json().id}/reject`, { version: 1, reason: '经核实不是党员' });
    expect(rej.json()).toMatchObject({ status: 'rejected', reason: '经核实不是党员' });
  });

  it('我的: a linked member account sees its own record, masked, with its organisation', async () => {
    expect((await call(app, s.member, 'GET', '/api/me/member')).statusCode).toBe(200); // the declaration above opens it
    const person = await database.db.selectFrom('party_member as m').innerJoin('person as p', 'p.id', 'm.person_id').select('p.id')
      .where('p.name', '=', '亮身份甲').executeTakeFirstOrThrow();
    const link = await call(app, s.sys, 'PUT', `/api/users/${world.users.member.id}/person`, { personId: person.id });
    expect(link.statusCode, link.body).toBe(200);
    const me = (await call(app, s.member, 'GET', '/api/me/member')).json();
    expect(me).toMatchObject({ name: '亮身份甲', member: { orgName: 'A街支部', category: 'full' } });
    expect(me.idNumber).toMatch(/\*{8}/);
    expect(me.phone).toMatch(/\*{4}/);
    expect((await call(app, s.townC, 'GET', '/api/me/member')).json().details[0].code).toBe('ACCOUNT_NOT_LINKED');
  });

  it('流动党员 and 失联党员: recorded with card and place, findings on the member and in the list', async () => {
    const memberId = await addMember('流动己', '44030519800505005');
    const noCard = await call(app, s.townA, 'POST', `/api/members/${memberId}/mobility`, { version: 1, status: 'mobile', since: daysAgo(200), mobileOrgName: '深圳某园区党委' });
    expect(noCard.json().details[0]).toMatchObject({ field: 'mobileCardNo', code: 'REQUIRED' });
    const ok = await call(app, s.townA, 'POST', `/api/members/${memberId}/mobility`, {
      version: 1, status: 'mobile', since: daysAgo(200), mobileCardNo: '流字0001', mobileOrgName: '深圳某园区党委', mobilePlace: '深圳市南山区',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const one = (await call(app, s.townA, 'GET', `/api/members/${memberId}/status-findings`)).json();
    expect(one.items.map((f: { ruleId: string }) => f.ruleId)).toEqual(['member.mobileMustTransfer']);
    expect(one.items[0].summary).toContain('深圳市南山区');
    expect(JSON.stringify(one)).not.toMatch(/§|domain-rules/);
    expect((await call(app, s.townA, 'POST', `/api/members/${memberId}/mobility`, { version: 1, status: 'normal', since: todayInChina() })).statusCode).toBe(409);
    const lost = await addMember('失联庚', '44030519810606006');
    await call(app, s.townA, 'POST', `/api/members/${lost}/mobility`, { version: 1, status: 'lostContact', since: daysAgo(220) });
    const list = (await call(app, s.townA, 'GET', '/api/member-findings')).json();
    expect(list.items.map((f: { memberName: string; ruleId: string }) => `${f.memberName}:${f.ruleId}`)).toEqual(expect.arrayContaining(['流动己:member.mobileMustTransfer', '失联庚:member.lostContactSuspend']));
    // Street C sees its own members' findings, never A's.
    const seenByC = (await call(app, s.townC, 'GET', '/api/member-findings')).json().items.map((f: { memberName: string }) => f.memberName);
    expect(seenByC.filter((n: string) => ['流动己', '失联庚'].includes(n))).toEqual([]);
  });

  it('流动党员/失联党员 list: statuses, findings cited in Chinese, total, export of exactly its rows; another street sees none', async () => {
    const mob = await addMember('名单流动辛', '44030519820707007');
    const lost = await addMember('名单失联壬', '44030519830808008');
    const gone = await addMember('名单停籍癸', '44030519840909009');
    expect((await call(app, s.townA, 'POST', `/api/members/${mob}/mobility`, { version: 1, status: 'mobile', since: '2025-03-01', mobileCardNo: '粤流0002', mobileOrgId: cs.orgs['T1支部'], mobilePlace: '广州市天河区' })).statusCode).toBe(200);
    expect((await call(app, s.townA, 'POST', `/api/members/${lost}/mobility`, { version: 1, status: 'lostContact', since: '2025-01-10' })).statusCode).toBe(200);
    expect((await call(app, s.townA, 'POST', `/api/members/${gone}/status`, { version: 1, status: 'suspended', since: '2023-06-01' })).statusCode).toBe(200);
    const page = (await call(app, s.townA, 'GET', '/api/member-mobility?q=名单')).json();
    expect(page.total).toBe(3);
    const by = (n: string) => page.items.find((r: { name: string }) => r.name === n);
    expect(by('名单流动辛')).toMatchObject({ status: 'mobile', since: '2025-03-01', mobileCardNo: '粤流0002', mobileOrgName: 'T1支部', mobilePlace: '广州市天河区', orgName: 'A街支部' });
    const rules = (n: string) => by(n).findings.map((f: { title: string }) => f.title);
    expect(rules('名单流动辛')).toEqual(['外出满6个月应转移组织关系', '流动党员每年至少汇报一次']);
    expect((await call(app, s.townA, 'GET', `/api/members/${mob}`)).json().mobility).toEqual({ cardNo: '粤流0002', orgId: cs.orgs['T1支部'], orgName: 'T1支部', place: '广州市天河区' });
    expect((await call(app, s.townA, 'GET', `/api/members/${lost}`)).json().mobility).toBeNull();
    expect(rules('名单失联壬')).toEqual(['失去联系满6个月']);
    expect(rules('名单停籍癸')).toEqual(['停止党籍满2年']);
    expect(by('名单失联壬').findings[0].source).toContain('第二十四条');
    expect(JSON.stringify(page)).not.toMatch(/§|domain-rules/);
    // Pages of one, longest-standing first, follow on by cursor to the same rows; a bad cursor is 400.
    const walked: string[] = [];
    for (let cursor: string | null = '', n = 0; cursor !== null && n < 5; n++) {
      const p: { total: number; items: Array<{ name: string }>; nextCursor: string | null } = (await call(app, s.townA, 'GET', `/api/member-mobility?q=名单&limit=1${cursor ? `&cursor=${cursor}` : ''}`)).json();
      expect(p.total).toBe(3);
      walked.push(...p.items.map((r: { name: string }) => r.name));
      cursor = p.nextCursor;
    }
    expect(walked).toEqual(['名单停籍癸', '名单失联壬', '名单流动辛']);
    expect(walked).toEqual(page.items.map((r: { name: string }) => r.name));
    const bad = await call(app, s.townA, 'GET', '/api/member-mobility?cursor=xyz');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details).toEqual([expect.objectContaining({ field: 'cursor', code: 'CURSOR_INVALID' })]);
    // 流动党员 report yearly to the organisation holding them: only it records the report (street B, which
    // holds the receiving branch, sees the member through the card but may not record); the date moves the clock.
    const before = (await call(app, s.townA, 'GET', `/api/members/${mob}`)).json();
    expect((await call(app, s.townB, 'POST', `/api/members/${mob}/mobile-reports`, { version: before.version, reportedOn: '2025-09-01' })).statusCode).toBe(403);
    const future = await call(app, s.townA, 'POST', `/api/members/${mob}/mobile-reports`, { version: before.version, reportedOn: '2999-01-01' });
    expect(future.statusCode).toBe(400);
    expect(future.json().details[0]).toMatchObject({ field: 'reportedOn' });
    const early = await call(app, s.townA, 'POST', `/api/members/${mob}/mobile-reports`, { version: before.version, reportedOn: '2025-02-01' });
    expect(early.json().details[0]).toMatchObject({ field: 'reportedOn', code: 'BEFORE_LEAVING' });
    const rep = await call(app, s.townA, 'POST', `/api/members/${mob}/mobile-reports`, { version: before.version, reportedOn: daysAgo(30), note: '电话汇报' });
    expect(rep.statusCode).toBe(200);
    expect((await call(app, s.townA, 'POST', `/api/members/${mob}/mobile-reports`, { version: before.version, reportedOn: '2025-09-02' })).statusCode).toBe(409);
    expect((await call(app, s.townA, 'POST', `/api/members/${lost}/mobile-reports`, { version: 2, reportedOn: '2025-09-02' })).json().details[0]).toMatchObject({ code: 'NOT_MOBILE' });
    const reported = (await call(app, s.townA, 'GET', '/api/member-mobility?q=名单流动')).json().items[0];
    expect(reported.reportedOn).toBe(daysAgo(30));
    expect(reported.findings.map((f: { title: string }) => f.title)).toEqual(['外出满6个月应转移组织关系']);
    const history = (await call(app, s.townA, 'GET', `/api/members/${mob}/history?limit=20`)).json().items;
    expect(history.some((e: { kind: string }) => e.kind === 'mobileReported')).toBe(true);
    const lostOnly = (await call(app, s.townA, 'GET', '/api/member-mobility?status=lostContact&q=名单')).json();
    expect(lostOnly.items.map((r: { name: string }) => r.name)).toEqual(['名单失联壬']);
    const res = await call(app, s.townA, 'GET', '/api/member-mobility/export.xlsx?q=名单');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('姓名');
    const names = Array.from({ length: ws.rowCount - 1 }, (_, i) => String(ws.getRow(i + 2).getCell(1).value));
    expect(names).toEqual(page.items.map((r: { name: string }) => r.name));
    expect(String(ws.getRow(1).getCell(8).value)).toBe('最近汇报日期');
    expect(String(ws.getRow(2).getCell(9).value)).toMatch(/依据：/);
    const audit = await database.db.selectFrom('audit_event').select('action').where('action', '=', 'member.mobility_export').execute();
    expect(audit.length).toBeGreaterThan(0);
    // Street B holds T1支部 (the receiving organisation of 名单流动辛) and street C nothing: neither lists A's members.
    expect((await call(app, s.townB, 'GET', '/api/member-mobility?q=名单')).json().total).toBe(0);
    expect((await call(app, s.townC, 'GET', '/api/member-mobility?q=名单')).json().total).toBe(0);
  });
});
