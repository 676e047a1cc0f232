import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/core/auth/password.js';
import { idCheckChar } from '../../src/domain/id-number.js';
import { JOIN_LIMITS } from '../../src/domain/union-join.js';
import { PASSWORD, TOWNSHIPS, call, signInAs, type Session } from '../factories/world.js';
import { testEngine } from '../helpers/db.js';
import { useTwoStreets } from '../helpers/two-streets.js';

/**
 * 扫码入会（亮牌子）over HTTP (docs/unions.md): the public page and form without a session, the
 * officer's queue, accept / reject / refer at the application's version. Two streets: T1's
 * 跨街联合工会 covers an enterprise of street T0 — T0's union officer sees it and decides nothing.
 */
const idOf = (seq: number) => { const body = `11010519900307${String(seq).padStart(3, '0')}`; return body + idCheckChar(body); };
let ipSeq = 0;
const freshIp = () => `10.77.${Math.floor(++ipSeq / 200)}.${ipSeq % 200 + 1}`;

describe(`union join (亮牌子) API on ${testEngine()}`, () => {
  const t = useTwoStreets(['sys']);
  const s: Record<string, Session> = {};
  const as = (who: string, method: string, url: string, body?: unknown) => call(t.app, s[who], method, url, body);
  const pub = (method: 'GET' | 'POST', url: string, payload?: object, ip = freshIp()) =>
    t.app.inject({ method, url, remoteAddress: ip, ...(payload ? { payload } : {}) });
  let cross = '';
  let streetA = '';
  const token = async (unionId: string) => ((await as('unionT1', 'GET', `/api/unions/${unionId}/join-link`)).json().path as string).split('/').pop()!;
  const tokenA = async () => ((await as('unionT0', 'GET', `/api/unions/${streetA}/join-link`)).json().path as string).split('/').pop()!;
  const apply = (tok: string, seq: number, ip?: string, extra: Record<string, string> = {}) =>
    pub('POST', `/api/join/${tok}`, { name: '李春梅', phone: '13800138000', idNumber: idOf(seq), employer: '深圳市南山科技有限公司', ...extra }, ip);

  beforeAll(async () => {
    cross = t.cs.unions['跨街联合工会'];
    streetA = t.cs.unions['A街工会'];
    const hash = await hashPassword(PASSWORD);
    for (const [username, prefix] of [['unionT0', TOWNSHIPS[0]], ['unionT1', TOWNSHIPS[1]]] as const) {
      const u = await t.database.db.insertInto('app_user').values({ username, display_name: username, password_hash: hash, must_change_password: false })
        .returning('id').executeTakeFirstOrThrow();
      await t.database.db.insertInto('user_role').values({ user_id: u.id, role: 'union_officer', region_prefixes: [prefix] }).execute();
      s[username] = await signInAs(t.app, username);
    }
    s.sys = t.s.sys;
  });

  it('the public page answers without a session and shows the union, never a member', async () => {
    const link = (await as('unionT1', 'GET', `/api/unions/${cross}/join-link`)).json();
    expect(link).toMatchObject({ manageable: true, showChair: false, pendingCount: 0, version: 1 });
    expect(link.path).toMatch(/^\/join\/[A-Za-z0-9_-]{32}$/);
    // Seen through its T0 enterprise: the same link, not manageable.
    expect((await as('unionT0', 'GET', `/api/unions/${cross}/join-link`)).json()).toMatchObject({ path: link.path, manageable: false });
    const tok = link.path.split('/').pop();
    const card = await pub('GET', `/api/join/${tok}`);
    expect(card.statusCode, card.body).toBe(200);
    expect(card.json()).toMatchObject({ unionName: '跨街联合工会', chairName: null, officePhone: null });
    expect(card.json().notice.join('')).toContain('《中华人民共和国工会法》第三条');

    const stale = await as('unionT1', 'PATCH', `/api/unions/${cross}/join-link`, { version: 9, showChair: true });
    expect(stale.statusCode).toBe(409);
    expect((await as('unionT0', 'PATCH', `/api/unions/${cross}/join-link`, { version: 1, showChair: true })).json()).toMatchObject({ details: [{ code: 'NOT_MANAGED' }] });
    const set = await as('unionT1', 'PATCH', `/api/unions/${cross}/join-link`, { version: 1, showChair: true, officePhone: '0755-86001234' });
    expect(set.statusCode, set.body).toBe(200);
    expect((await pub('GET', `/api/join/${tok}`)).json()).toMatchObject({ chairName: '跨街pU', officePhone: '0755-86001234' });
    expect(Object.keys(card.json()).sort()).toEqual(['chairName', 'notice', 'officePhone', 'unionName']);
    expect((await pub('GET', `/api/join/${'x'.repeat(32)}`)).statusCode).toBe(404);
    expect((await pub('GET', '/api/join/short')).json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('an application is sealed, a second one waits as the first, an officer of the other street decides nothing', async () => {
    const tok = await token(cross);
    const first = await apply(tok, 10);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ outcome: 'submitted', message: '申请已提交，请等待工会审核' });
    const again = await apply(tok, 10);
    expect(again.json()).toEqual({ outcome: 'already_pending', message: '已提交，请等待工会审核' });
    const rows = await t.database.db.selectFrom('union_application').selectAll().where('union_id', '=', cross).execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(idOf(10));
    expect(JSON.stringify(rows)).not.toContain('13800138000');
    expect(rows[0]).toMatchObject({ gender: 'female', status: 'pending' });

    const list = await as('unionT1', 'GET', `/api/unions/${cross}/applications?status=pending`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toMatchObject({ total: 1, items: [{ name: '李春梅', idNumber: '110105********' + idOf(10).slice(-4), phone: '138****8000', employer: '深圳市南山科技有限公司' }] });
    expect((await as('unionT1', 'GET', `/api/unions/${cross}/join-link`)).json().pendingCount).toBe(1);
    const app = list.json().items[0];
    expect((await as('unionT0', 'GET', `/api/unions/${cross}/applications`)).json()).toMatchObject({ code: 'FORBIDDEN', details: [{ code: 'NOT_MANAGED' }] });
    const other = await as('unionT0', 'POST', `/api/union-applications/${app.id}/accept`, { version: app.version });
    expect(other.statusCode).toBe(403);
    expect(other.json().details[0].code).toBe('NOT_MANAGED');
    expect((await as('unionT1', 'POST', `/api/union-applications/${app.id}/accept`, { version: app.version + 1 })).json().code).toBe('VERSION_CONFLICT');

    const ok = await as('unionT1', 'POST', `/api/union-applications/${app.id}/accept`, { version: app.version });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'accepted', version: app.version + 1 });
    const member = await t.database.db.selectFrom('union_member').selectAll().where('id', '=', ok.json().memberId).executeTakeFirstOrThrow();
    expect(member).toMatchObject({ union_id: cross, person_id: ok.json().personId, status: 'active', source: 'application', employer_name: '深圳市南山科技有限公司' });
    expect((await as('unionT1', 'POST', `/api/union-applications/${app.id}/accept`, { version: app.version + 1 })).json()).toMatchObject({ code: 'CONFLICT' });
    // A live member anywhere is told so — which union is not said.
    const member2 = await apply(await tokenA(), 10);
    expect(member2.json()).toEqual({ outcome: 'already_member', message: '您已是工会会员，无需重复申请；如需转会请联系所在工会' });
    const audit = await t.database.db.selectFrom('audit_event').select(['action', 'before', 'after']).where('action', 'like', 'union.application.%').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['union.application.submit', 'union.application.accept']));
    expect(JSON.stringify(audit)).not.toContain(idOf(10));
    expect(JSON.stringify(audit)).not.toContain('李春梅');
  });

  it('the same person applying twice becomes the person already registered', async () => {
    const pii = t.cs.pii.idNumber; // 跨街pPII, registered by sys
    const res = await pub('POST', `/api/join/${await tokenA()}`, { name: '跨街pPII', phone: '13912345678', idNumber: pii, employer: '测试单位' });
    expect(res.json().outcome).toBe('submitted');
    const app = (await as('unionT0', 'GET', `/api/unions/${streetA}/applications?status=pending`)).json().items[0];
    const ok = await as('unionT0', 'POST', `/api/union-applications/${app.id}/accept`, { version: app.version, joinedOn: '2026-11-30' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().personId).toBe(t.cs.people.pPII);
  });

  it('refers to another union it only sees; that union rejects with a reason', async () => {
    await apply(await tokenA(), 2);
    const app = (await as('unionT0', 'GET', `/api/unions/${streetA}/applications?status=pending`)).json().items[0];
    const same = await as('unionT0', 'POST', `/api/union-applications/${app.id}/refer`, { version: app.version, toUnionId: streetA });
    expect(same.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'toUnionId' }] });
    const hidden = await as('unionT0', 'POST', `/api/union-applications/${app.id}/refer`, { version: app.version, toUnionId: t.cs.unions['B区工会'] });
    expect(hidden.json()).toMatchObject({ code: 'NOT_FOUND', details: [{ field: 'toUnionId' }] });
    const moved = await as('unionT0', 'POST', `/api/union-applications/${app.id}/refer`, { version: app.version, toUnionId: cross, note: '在跨街企业工作' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ unionId: cross, referredFrom: { id: streetA, name: 'A街工会' }, referralNote: '在跨街企业工作' });
    const queue = (await as('unionT1', 'GET', `/api/unions/${cross}/applications?status=pending`)).json();
    const there = queue.items.find((a: { id: string }) => a.id === app.id);
    expect(there).toBeTruthy();
    expect((await as('unionT1', 'POST', `/api/union-applications/${app.id}/reject`, { version: there.version, reason: '' })).json())
      .toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'body.reason' }] });
    const no = await as('unionT1', 'POST', `/api/union-applications/${app.id}/reject`, { version: there.version, reason: '非本工会覆盖企业职工' });
    expect(no.json()).toMatchObject({ status: 'rejected', decisionReason: '非本工会覆盖企业职工' });
  });

  it('limits each address per hour and each ID number per day, kept in the database', async () => {
    const tok = await token(cross);
    const ip = '10.88.0.1';
    for (let i = 0; i < JOIN_LIMITS.perIpPerHour; i++) expect((await apply(tok, 100 + i, ip)).statusCode).toBe(200);
    const over = await apply(tok, 200, ip);
    expect(over.statusCode).toBe(429);
    expect(over.json()).toMatchObject({ code: 'RATE_LIMITED', message: '提交过于频繁，请一小时后再试' });
    // One ID number from many addresses, into any union: three a day.
    for (let i = 0; i < JOIN_LIMITS.perIdPerDay; i++) expect((await apply(i % 2 ? tok : await tokenA(), 300)).statusCode).toBe(200);
    const idOver = await apply(tok, 300);
    expect(idOver.json()).toMatchObject({ code: 'RATE_LIMITED', details: [{ field: 'idNumber' }] });
    const audit = await t.database.db.selectFrom('audit_event').select('after').where('action', '=', 'union.application.throttled').execute();
    expect(audit.length).toBe(2);
    expect(JSON.stringify(audit)).not.toContain('10.88.0.1');
  });

  it('refuses bad input in Chinese with the field, and a regenerated link retires the old one', async () => {
    const tok = await token(cross);
    const bad = await apply(tok, 0, undefined, { idNumber: '110105199003070001' });
    expect(bad.json()).toMatchObject({ code: 'INVALID_ID_NUMBER', details: [{ field: 'idNumber' }] });
    expect((await apply(tok, 400, undefined, { phone: '123' })).json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'body.phone' }] });
    expect((await apply(tok, 400, undefined, { employer: '' })).json().details[0]).toMatchObject({ field: 'body.employer', message: '请填写工作单位' });
    const link = (await as('unionT1', 'GET', `/api/unions/${cross}/join-link`)).json();
    expect((await as('unionT1', 'POST', `/api/unions/${cross}/join-link/regenerate`, { version: link.version + 1 })).statusCode).toBe(409);
    const next = await as('unionT1', 'POST', `/api/unions/${cross}/join-link/regenerate`, { version: link.version });
    expect(next.statusCode, next.body).toBe(200);
    expect(next.json().path).not.toBe(link.path);
    expect((await pub('GET', `/api/join/${tok}`)).statusCode).toBe(404);
    expect((await pub('GET', `/api/join/${next.json().path.split('/').pop()}`)).statusCode).toBe(200);
  });

  it('exports exactly the queue, masked, and audits it', async () => {
    const res = await as('unionT1', 'GET', `/api/unions/${cross}/applications/export.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect((await as('unionT0', 'GET', `/api/unions/${cross}/applications/export.xlsx`)).statusCode).toBe(403);
    const audit = await t.database.db.selectFrom('audit_event').select('after').where('action', '=', 'union.application.export').execute();
    const total = (await as('unionT1', 'GET', `/api/unions/${cross}/applications`)).json().total;
    expect(audit.at(-1)?.after).toMatchObject({ rows: total });
  });
});
