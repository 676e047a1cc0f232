import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyringFor, keyringSettings } from '../../src/core/crypto/keyring.js';
import { signLink } from '../../src/core/survey/survey-link.js';
import type { Database } from '../../src/db/database.js';
import { COUNTIES, buildTestApp, buildWorld, call, signInAs, type Session, type World } from '../factories/world.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';

/**
 * 排查摸底 over HTTP (docs/surveys.md). Two streets in one campaign: the district (orgA) targets
 * county 0, so street A (townA: e0, e1) and street B (e2, e3) are both in it; townA sees and decides
 * only its own enterprises. The public page runs without a session and refuses forged, expired,
 * revoked and other-campaign tokens with a Chinese message.
 */
let ipSeq = 0;
const freshIp = () => `10.88.${Math.floor(++ipSeq / 200)}.${(ipSeq % 200) + 1}`;

describe(`survey campaigns API on ${testEngine()}`, () => {
  let database: Database;
  let world: World;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let keyring: ReturnType<typeof keyringFor>;
  const s: Record<string, Session> = {};
  const as = (who: string, method: string, url: string, body?: unknown) => call(app, s[who]!, method, url, body);
  const pub = (method: 'GET' | 'POST', path: string, payload?: object) =>
    app.inject({ method, url: `/api${path}`, remoteAddress: freshIp(), ...(payload ? { payload } : {}) });
  let campaignId = '';
  const targets: Record<string, { id: string; url: string; version: number }> = {};
  const pathOf = (url: string) => new URL(url).pathname;

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await buildWorld(database);
    let config: { keyFile?: string; dataDir: string };
    ({ app, close, config } = await buildTestApp(database));
    keyring = keyringFor(keyringSettings(config, database.engine));
    for (const u of ['sys', 'orgA', 'orgB', 'townA', 'member']) s[u] = await signInAs(app, u);
  }, 300_000);
  afterAll(async () => {
    await close?.();
    await database?.close();
  });

  it('the district designs a form and fixes one target per enterprise; mistakes are named per field', async () => {
    const bad = await as('orgA', 'POST', '/api/surveys', {
      name: '坏表单', closesOn: '2099-12-31', filter: { regionPrefix: COUNTIES[0] },
      fields: [{ key: 'emp', label: '从业人员数', type: 'text', fact: 'employeeCount' }, { key: 'kind', label: '类别', type: 'choice', options: ['甲'] }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.map((d: { field: string }) => d.field)).toEqual(['fields.0.type', 'fields.1.options']);
    expect(bad.json().message).toMatch(/类型应为“数字”/);
    expect((await as('orgB', 'POST', '/api/surveys', { name: '越界', closesOn: '2099-12-31', filter: { regionPrefix: COUNTIES[0] }, fields: [{ key: 'a', label: '甲', type: 'text' }] })).statusCode).toBe(403);
    expect((await as('townA', 'POST', '/api/surveys', { name: '街道', closesOn: '2099-12-31', filter: { regionPrefix: COUNTIES[0] }, fields: [{ key: 'a', label: '甲', type: 'text' }] })).statusCode).toBe(403);
    const res = await as('orgA', 'POST', '/api/surveys', {
      name: '2026年度两新组织排查摸底', intro: '请如实填写。', closesOn: '2099-12-31', filter: { regionPrefix: COUNTIES[0] },
      fields: [
        { key: 'employees', label: '从业人员数', type: 'number', required: true, fact: 'employeeCount' },
        { key: 'members', label: '党员人数', type: 'number', fact: 'memberCount' },
        { key: 'union', label: '是否建立工会', type: 'yesNo', fact: 'unionReported' },
        { key: 'contact', label: '联系人', type: 'text', fact: 'contactName' },
        { key: 'phone', label: '联系电话', type: 'text', fact: 'contactPhone' },
        { key: 'plan', label: '建立党组织意愿', type: 'choice', options: ['愿意', '暂不考虑'] },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    campaignId = res.json().id;
    expect(res.json().counts).toEqual({ sent: 4, answered: 0, reviewed: 0, accepted: 0 });
    const list = (await as('orgA', 'GET', `/api/surveys/${campaignId}/targets`)).json();
    expect(list.total).toBe(4);
    for (const t of list.items) targets[t.enterpriseName] = { id: t.id, url: t.url, version: t.version };
    expect(Object.keys(targets).sort()).toEqual(['社区企业1', '社区企业2', '社区企业3', '社区企业4']);
    expect(targets['社区企业1']!.url).toMatch(/^http:\/\/[^/]+\/s\/\d+\.\d+\.\d+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{27}$/);
  });

  it("a street sees only its own enterprises of the campaign, with its progress and export", async () => {
    const mine = (await as('townA', 'GET', `/api/surveys/${campaignId}/targets`)).json();
    expect(mine.total).toBe(2);
    expect(mine.items.map((t: { enterpriseName: string }) => t.enterpriseName)).toEqual(['社区企业1', '社区企业2']);
    expect(mine.items.every((t: { actionable: boolean }) => t.actionable)).toBe(true);
    expect((await as('townA', 'GET', `/api/surveys/${campaignId}/targets/${targets['社区企业3']!.id}`)).statusCode).toBe(404);
    expect((await as('orgB', 'GET', `/api/surveys/${campaignId}`)).statusCode).toBe(404);
    expect((await as('member', 'GET', '/api/surveys')).statusCode).toBe(403);
    const file = await as('townA', 'GET', `/api/surveys/${campaignId}/targets.xlsx?state=sent`);
    expect(file.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const rows = wb.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows).toHaveLength(3);
    expect(String(rows[1]![7])).toBe(targets['社区企业1']!.url);
  });

  it('the public page shows the enterprise and the ledger values, validates in Chinese, and takes a resubmission', async () => {
    const p = pathOf(targets['社区企业1']!.url);
    const page = await pub('GET', p);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json()).toMatchObject({ campaignName: '2026年度两新组织排查摸底', enterpriseName: '社区企业1', answered: false, locked: false });
    expect(page.json().fields.find((f: { key: string }) => f.key === 'union').current).toBe('否');
    const bad = await pub('POST', p, { values: { employees: '约50', phone: '12', plan: '也许', extra: '1' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.map((d: { field: string }) => d.field).sort()).toEqual(['values.employees', 'values.extra', 'values.phone', 'values.plan']);
    expect(bad.json().message).toMatch(/从业人员数应为不小于0的整数/);
    const first = await pub('POST', p, { respondent: '王会计', values: { employees: '48', members: '2', union: '是', contact: '王红', phone: '13912345678', plan: '愿意' } });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().replaced).toBe(false);
    const again = await pub('POST', p, { respondent: '王会计', values: { employees: '52', members: '3', union: '是', contact: '王红', phone: '13912345678', plan: '愿意' } });
    expect(again.json().replaced).toBe(true);
    expect((await pub('GET', p)).json().fields.find((f: { key: string }) => f.key === 'phone').answer).toBe('139****5678');
    const task = await database.db.selectFrom('task').select('state').where('kind', '=', 'survey.reply').where('subject_id', '=', targets['社区企业1']!.id).executeTakeFirstOrThrow();
    expect(task.state).toBe('done');
    const other = await database.db.selectFrom('task').select('state').where('kind', '=', 'survey.reply').where('subject_id', '=', targets['社区企业2']!.id).executeTakeFirstOrThrow();
    expect(other.state).toBe('open');
  });

  it('the street accepts per field into the ledger with history (排查摸底, who accepted); the form is then locked', async () => {
    const url = `/api/surveys/${campaignId}/targets/${targets['社区企业1']!.id}`;
    const detail = (await as('townA', 'GET', url)).json();
    const byKey = Object.fromEntries(detail.answers.map((a: { fieldKey: string }) => [a.fieldKey, a]));
    expect(byKey.employees).toMatchObject({ oldValue: null, newValue: '52', state: 'proposed' });
    expect(byKey.phone).toMatchObject({ newValue: '139****5678', state: 'proposed' });
    expect(byKey.plan).toMatchObject({ newValue: '愿意', state: 'info' });
    const stale = await as('townA', 'POST', `${url}/decide`, { version: detail.version, enterpriseVersion: detail.enterpriseVersion + 5, accept: [byKey.employees.id] });
    expect(stale.statusCode).toBe(409);
    const res = await as('townA', 'POST', `${url}/decide`, {
      version: detail.version, enterpriseVersion: detail.enterpriseVersion, accept: [byKey.employees.id, byKey.phone.id, byKey.union.id], reject: [byKey.members.id],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().answers.find((a: { fieldKey: string }) => a.fieldKey === 'contact').state).toBe('proposed');
    const e = (await as('townA', 'GET', `/api/enterprises/${world.enterprises[0]!.id}`)).json();
    expect(e).toMatchObject({ employeeCount: 52, contactPhone: '139****5678', unionReported: true, memberCount: null });
    expect(e.history[0]).toMatchObject({ kind: 'corrected', source: 'survey', sourceLabel: '排查摸底', campaignName: '2026年度两新组织排查摸底', actorName: 'townA' });
    expect(JSON.stringify(e.history)).not.toContain('13912345678');
    const locked = await pub('POST', pathOf(targets['社区企业1']!.url), { values: { employees: '60' } });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().message).toMatch(/已处理/);
  });

  it("another street's answers can be neither seen nor accepted by my officers; the district accepts them in bulk", async () => {
    const p = pathOf(targets['社区企业3']!.url);
    expect((await pub('POST', p, { values: { employees: '15' } })).statusCode).toBe(200);
    const id = targets['社区企业3']!.id;
    expect((await as('townA', 'POST', `/api/surveys/${campaignId}/targets/${id}/decide`, { version: 2, enterpriseVersion: 1, accept: [] })).statusCode).toBe(404);
    const bulk = (await as('townA', 'POST', `/api/surveys/${campaignId}/accept`, { targetIds: [id] })).json();
    expect(bulk).toMatchObject({ accepted: 0, skipped: [{ targetId: id, reason: '不在本次排查摸底或不在您的管辖范围内' }] });
    const district = (await as('orgA', 'POST', `/api/surveys/${campaignId}/accept`, { targetIds: [id] })).json();
    expect(district).toMatchObject({ accepted: 1, skipped: [] });
    const progress = (await as('orgA', 'GET', `/api/surveys/${campaignId}/progress`)).json();
    expect(progress.total).toMatchObject({ streetName: '合计', sent: 4, answered: 2, accepted: 2 });
    expect(progress.rows).toHaveLength(2);
    expect((await as('townA', 'GET', `/api/surveys/${campaignId}/progress`)).json().total).toMatchObject({ sent: 2, answered: 1, accepted: 1 });
  });

  it('refuses forged, expired, revoked and other-campaign links with a Chinese message', async () => {
    const token = pathOf(targets['社区企业2']!.url).split('/').pop()!;
    const [tid, cid, exp, nonce, sig] = token.split('.');
    const forged = `${tid}.${cid}.${exp}.${nonce}.${sig!.slice(0, -1)}${sig!.endsWith('A') ? 'B' : 'A'}`;
    const r1 = await pub('GET', `/s/${forged}`);
    expect(r1.statusCode).toBe(404);
    expect(r1.json()).toMatchObject({ message: expect.stringMatching(/链接无效/), details: [{ code: 'LINK_INVALID' }] });
    const expired = signLink(keyring, { targetId: tid!, campaignId: cid!, expiresAt: Math.floor(Date.now() / 1000) - 60, nonce: nonce! });
    expect((await pub('GET', `/s/${expired}`)).json()).toMatchObject({ details: [{ code: 'LINK_EXPIRED' }] });
    const otherCampaign = signLink(keyring, { targetId: tid!, campaignId: String(Number(cid) + 1), expiresAt: Number(exp), nonce: nonce! });
    expect((await pub('GET', `/s/${otherCampaign}`)).json()).toMatchObject({ details: [{ code: 'LINK_INVALID' }] });
    const t = targets['社区企业2']!;
    const revoked = await as('townA', 'POST', `/api/surveys/${campaignId}/targets/${t.id}/revoke`, { version: t.version });
    expect(revoked.json()).toMatchObject({ url: null, revoked: true });
    expect((await pub('GET', `/s/${token}`)).json()).toMatchObject({ details: [{ code: 'LINK_REVOKED' }] });
    const renewed = (await as('townA', 'POST', `/api/surveys/${campaignId}/targets/${t.id}/renew`, { version: revoked.json().version })).json();
    expect(renewed.url).not.toBe(t.url);
    expect((await pub('GET', pathOf(renewed.url))).statusCode).toBe(200);
    expect((await pub('GET', `/s/${token}`)).json()).toMatchObject({ details: [{ code: 'LINK_REVOKED' }] });
  });

  it('a hand correction needs a reason and the version read, and is shown on the history as 人工更正', async () => {
    const id = world.enterprises[1]!.id;
    const e = (await as('townA', 'GET', `/api/enterprises/${id}`)).json();
    const noReason = await as('townA', 'POST', `/api/enterprises/${id}/corrections`, { version: e.version, reason: '', values: { memberCount: 5 } });
    expect(noReason.statusCode).toBe(400);
    const bad = await as('townA', 'POST', `/api/enterprises/${id}/corrections`, { version: e.version, reason: '走访核实', values: { memberCount: -1, sizeClass: '巨型' } });
    expect(bad.statusCode).toBe(400);
    const stale = await as('townA', 'POST', `/api/enterprises/${id}/corrections`, { version: e.version + 1, reason: '走访核实', values: { memberCount: 5 } });
    expect(stale.statusCode).toBe(409);
    const ok = await as('townA', 'POST', `/api/enterprises/${id}/corrections`, { version: e.version, reason: '走访核实', values: { memberCount: 5, ownerProfile: '党员' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ memberCount: 5, ownerProfile: '党员' });
    expect(ok.json().history[0]).toMatchObject({ source: 'manual', sourceLabel: '人工更正', reason: '走访核实', actorName: 'townA', changes: { memberCount: [null, 5] } });
    expect((await as('townA', 'POST', `/api/enterprises/${world.enterprises[2]!.id}/corrections`, { version: 1, reason: '越界', values: { memberCount: 1 } })).statusCode).toBe(404);
    const audit = await database.db.selectFrom('audit_event').select('after').where('action', '=', 'enterprise.correct').where('entity_id', '=', id).executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ reason: '走访核实', memberCount: 5 });
  });
});
