import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/core/auth/password.js';
import type { Database } from '../../src/db/database.js';
import { buildCrossStreet, type CrossStreet } from '../factories/cross-street.js';
import { buildTestApp, buildWorld, call, COUNTIES, PASSWORD, signInAs, type Session } from '../factories/world.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { multipart } from '../helpers/multipart.js';

/**
 * 标准化建设 over HTTP (docs/standards.md): the branch's secretary (a grant over its subtree) opens
 * the year's 七个有, sees what the records already hold (the secretary in post, the members' meetings
 * held), attests or uploads the rest and submits; the street (townA) then the district (orgA) mark it;
 * the result lands on the organisation's history. The secretary never reviews (not by area); a street
 * that sees a joint branch of another street through a link cannot self-assess it.
 */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const YEAR = 2026;

describe(`standards API on ${testEngine()}`, () => {
  let database: Database;
  let cs: CrossStreet;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  const s: Record<string, Session> = {};
  const send = (who: string, method: string, url: string, body?: unknown) => call(app, s[who], method, url, body);
  const upload = (who: string, url: string, fields: Record<string, string>, file: { name: string; content: Buffer }) => {
    const m = multipart(fields, file);
    return app.inject({ method: 'POST', url, payload: m.payload, headers: { ...m.headers, cookie: s[who].cookie, 'x-csrf-token': s[who].csrf } });
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    const world = await buildWorld(database);
    ({ app, close } = await buildTestApp(database));
    for (const u of ['sys', 'townA', 'orgA', 'multi', 'parkA', 'commA']) s[u] = await signInAs(app, u);
    cs = await buildCrossStreet(database, world, app, s.sys);
    const db = database.db;
    const u = await db.insertInto('app_user').values({ username: 'secA', display_name: '王书记', password_hash: await hashPassword(PASSWORD), must_change_password: false }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('user_role').values({ user_id: u.id, role: 'branch_secretary', party_org_ids: [cs.orgs['A街支部']] }).execute();
    s.secA = await signInAs(app, 'secA');
    for (const d of ['2026-01-15', '2026-04-15', '2026-07-15', '2026-10-15']) {
      await db.insertInto('meeting').values({ org_id: cs.orgs['A街支部'], kind: 'memberMeeting', held_on: d, topic: `支部党员大会${d}` }).execute();
    }
  }, 120_000);
  afterAll(async () => {
    await close?.();
    await database?.close();
  });

  it('serves the templates with their items, weights, evidence and sources in Chinese', async () => {
    const res = await send('townA', 'GET', '/api/standards/templates');
    expect(res.statusCode).toBe(200);
    const ids = res.json().items.map((t: { templateId: string }) => t.templateId);
    expect(ids).toEqual(['partySixHave', 'partySevenHave', 'doubleStrongSixGood', 'unionSixHave', 'workersHome']);
    for (const t of res.json().items) {
      expect(t.items.reduce((a: number, i: { weight: number }) => a + i.weight, 0)).toBe(100);
      expect(t.source).toMatch(/[《“]/);
    }
  });

  it('refuses bad input in Chinese with a code and the field', async () => {
    const orgId = cs.orgs['A街支部'];
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ templateId: 'picnic', orgKind: 'partyOrg', orgId, year: YEAR }, 400, 'templateId'],
      [{ templateId: 'unionSixHave', orgKind: 'partyOrg', orgId, year: YEAR }, 400, 'templateId'],
      [{ templateId: 'partySixHave', orgKind: 'partyOrg', orgId, year: 2099 }, 400, 'year'],
      [{ templateId: 'partySixHave', orgKind: 'partyOrg', orgId: '987654321', year: YEAR }, 404, 'orgId'],
    ];
    for (const [body, status, f] of cases) {
      const res = await send('secA', 'POST', '/api/standards/assessments', body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().message).toMatch(/[\u4e00-\u9fff]/);
      if (status !== 404) expect(res.json().details.map((d: { field: string }) => d.field.replace(/^body\./, ''))).toContain(f);
    }
  });

  it('self-assessment → street → district: evidence found, attested, uploaded; marks, stars, history', async () => {
    const orgId = cs.orgs['A街支部'];
    const made = await send('secA', 'POST', '/api/standards/assessments', { templateId: 'partySevenHave', orgKind: 'partyOrg', orgId, year: YEAR });
    expect(made.statusCode, made.body).toBe(201);
    let a = made.json();
    const state = (k: string) => a.items.find((i: { key: string }) => i.key === k).state;
    expect(state('activities')).toBe('found'); // four 支部党员大会 this year
    expect(a.items.find((i: { key: string }) => i.key === 'activities').found.link).toBe(`/orgs/${orgId}/life?year=${YEAR}`);
    expect(state('organisation')).toBe('missing'); // one position in post, not a committee
    expect((await send('secA', 'POST', '/api/standards/assessments', { templateId: 'partySevenHave', orgKind: 'partyOrg', orgId, year: YEAR })).json().details[0].code).toBe('ALREADY_EXISTS');

    const early = await send('secA', 'POST', `/api/standards/assessments/${a.id}/submit`, { version: a.version });
    expect(early.statusCode).toBe(400);
    expect(early.json().details.map((d: { code: string }) => d.code)).toContain('MISSING_EVIDENCE');

    const bad = await upload('secA', `/api/standards/assessments/${a.id}/items/site/file`, { version: String(a.version) }, { name: '阵地.png', content: Buffer.from('not an image at all') });
    expect(bad.statusCode).toBe(415);
    expect(bad.json().details[0]).toMatchObject({ field: 'file', code: 'FILE_TYPE' });
    const up = await upload('secA', `/api/standards/assessments/${a.id}/items/site/file`, { version: String(a.version) }, { name: '阵地.png', content: PNG });
    expect(up.statusCode, up.body).toBe(200);
    a = up.json();
    expect(state('site')).toBe('attached');
    const stale = await send('secA', 'PUT', `/api/standards/assessments/${a.id}/items/funds`, { version: a.version - 1, kind: 'attestation', attestation: '党费返还' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ id: a.id, version: a.version });
    for (const key of ['organisation', 'members', 'funds', 'effect']) {
      const r = await send('secA', 'PUT', `/api/standards/assessments/${a.id}/items/${key}`, { version: a.version, kind: 'attestation', attestation: `${key}：情况说明` });
      expect(r.statusCode, r.body).toBe(200);
      a = r.json();
    }
    const rules = await send('secA', 'PUT', `/api/standards/assessments/${a.id}/items/rules`, { version: a.version, kind: 'attestation', attestation: '制度' });
    expect(rules.json().details[0].code).toBe('UPLOAD_REQUIRED');
    a = (await upload('secA', `/api/standards/assessments/${a.id}/items/rules/file`, { version: String(a.version) }, { name: '制度.png', content: PNG })).json();
    const sub = await send('secA', 'POST', `/api/standards/assessments/${a.id}/submit`, { version: a.version });
    expect(sub.statusCode, sub.body).toBe(200);
    a = sub.json();
    expect(a).toMatchObject({ status: 'submitted', stage: 'street', manageable: false, reviewable: null });

    // The secretary's grant is a subtree, not an area: never a reviewer.
    const marks = { organisation: 13, members: 14, site: 15, rules: 9, activities: 20, funds: 9, effect: 14 };
    const self = await send('secA', 'POST', `/api/standards/assessments/${a.id}/reviews`, { version: a.version, decision: 'pass', marks });
    expect(self.statusCode).toBe(403);
    expect((await send('townA', 'GET', `/api/standards/assessments/${a.id}`)).json().reviewable).toBe('street');
    const over = await send('townA', 'POST', `/api/standards/assessments/${a.id}/reviews`, { version: a.version, decision: 'pass', marks: { ...marks, site: 16 } });
    expect(over.json().details[0]).toMatchObject({ field: 'marks.site', code: 'MARK_OUT_OF_RANGE' });
    const ret = await send('townA', 'POST', `/api/standards/assessments/${a.id}/reviews`, { version: a.version, decision: 'return', marks });
    expect(ret.json().details[0]).toMatchObject({ field: 'comment', code: 'REQUIRED' });
    const street = await send('townA', 'POST', `/api/standards/assessments/${a.id}/reviews`, { version: a.version, decision: 'pass', marks });
    expect(street.statusCode, street.body).toBe(200);
    a = street.json();
    expect(a).toMatchObject({ status: 'submitted', stage: 'district' });
    expect((await send('townA', 'POST', `/api/standards/assessments/${a.id}/reviews`, { version: a.version, decision: 'pass', marks })).json().details[0].code).toBe('NOT_REVIEWER');
    const district = await send('orgA', 'POST', `/api/standards/assessments/${a.id}/reviews`, { version: a.version, decision: 'pass', marks });
    expect(district.statusCode, district.body).toBe(200);
    a = district.json();
    expect(a).toMatchObject({ status: 'passed', total: 94, stars: 4, result: '★★★★（4星）' });
    expect(a.reviews.map((r: { level: string }) => r.level)).toEqual(['street', 'district']);

    const hist = (await send('townA', 'GET', `/api/party-orgs/${orgId}/history`)).json();
    expect(JSON.stringify(hist)).toContain('checklist_result');
    const file = a.items.find((i: { key: string }) => i.key === 'site').attachment;
    const dl = await send('townA', 'GET', file.url);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(PNG)).toBe(true);
    // The file is read exactly where the organisation is read (its own place or a link).
    for (const who of ['multi', 'parkA', 'commA']) {
      const org = await send(who, 'GET', `/api/party-orgs/${orgId}`);
      expect((await send(who, 'GET', file.url)).statusCode, who).toBe(org.statusCode === 200 ? 200 : 404);
    }
    const audit = await database.db.selectFrom('audit_event').select('action').where('entity', 'in', ['checklist', 'attachment']).execute();
    expect(new Set(audit.map((x) => x.action))).toEqual(new Set(['checklist.create', 'checklist.evidence', 'checklist.submit', 'checklist.review', 'attachment.upload', 'attachment.download']));
  });

  it('the review list has its total and an XLSX of exactly its rows; the district view counts by street and star', async () => {
    const list = (await send('orgA', 'GET', `/api/standards/reviews?year=${YEAR}`)).json();
    expect(list.total).toBe(list.items.length);
    expect(list.items.map((i: { orgName: string; stars: number }) => [i.orgName, i.stars])).toEqual([['A街支部', 4]]);
    expect((await send('orgA', 'GET', `/api/standards/reviews?year=${YEAR}&stars=5`)).json().total).toBe(0);
    const x = await send('orgA', 'GET', `/api/standards/reviews/export.xlsx?year=${YEAR}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0].rowCount).toBe(2);
    expect(wb.worksheets[0].getRow(2).getCell(1).value).toBe('A街支部');
    const roll = (await send('orgA', 'GET', `/api/standards/rollup?year=${YEAR}`)).json();
    expect(roll.sum).toMatchObject({ total: 1, passed: 1, stars: { 4: 1 } });
    expect(roll.rows[0].region).toHaveLength(9);
    expect(roll.sum.notStarted).toBeNull();
    // With a template: the area's active organisations that have not started it (A街支部 has; the others of county A have not).
    const seven = (await send('orgA', 'GET', `/api/standards/rollup?year=${YEAR}&templateId=partySevenHave`)).json();
    const own = await database.db.selectFrom('party_org').select('id').where('status', '=', 'active').where('region_code', 'like', `${COUNTIES[0]}%`).execute();
    expect(seven.sum.notStarted).toBe(own.length - 1);
    expect(seven.sum.passed).toBe(1);
    expect((await send('multi', 'GET', `/api/standards/reviews?year=${YEAR}`)).json().total).toBe(0);
  });

  it('a street that sees a joint branch of another street through a link cannot self-assess it', async () => {
    const joint = cs.orgs['跨街联合党支部'];
    const r = await send('townA', 'POST', '/api/standards/assessments', { templateId: 'partySixHave', orgKind: 'partyOrg', orgId: joint, year: YEAR });
    expect(r.statusCode).toBe(403);
    expect(r.json().details[0].code).toBe('NOT_MANAGED');
    const ok = await send('multi', 'POST', '/api/standards/assessments', { templateId: 'partySixHave', orgKind: 'partyOrg', orgId: joint, year: YEAR });
    expect(ok.statusCode, ok.body).toBe(201);
    const seen = await send('townA', 'GET', `/api/standards/assessments/${ok.json().id}`);
    expect(seen.json()).toMatchObject({ access: 'partial', manageable: false });
    const st = (await send('townA', 'GET', `/api/party-orgs/${joint}/standards?year=${YEAR}`)).json();
    expect(st.manageable).toBe(false);
    expect(st.items.find((i: { templateId: string }) => i.templateId === 'partySixHave').status).toBe('draft');
  });

  it('meeting attachments: uploaded by who manages the meeting, read with it, deleted with a version; all audited', async () => {
    const m = (await send('townA', 'POST', '/api/meetings', { orgId: cs.orgs['A街支部'], kind: 'themeDay', heldOn: '2026-11-05', topic: '主题党日' })).json();
    const url = `/api/meetings/${m.id}/attachments`;
    const pdf = Buffer.from('%PDF-1.4\n%minutes\n');
    const up = await upload('townA', url, {}, { name: '会议记录.pdf', content: pdf });
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ fileName: '会议记录.pdf', mediaType: 'application/pdf', size: pdf.length });
    const linked = await upload('multi', url, {}, { name: 'x.pdf', content: pdf });
    expect(linked.statusCode).toBe(403); // multi sees the branch through a covered enterprise: reads, never adds
    expect(linked.json().details[0].code).toBe('NOT_MANAGED');
    expect((await upload('parkA', url, {}, { name: 'x.pdf', content: pdf })).statusCode).toBe(403); // no org.manage at all
    const list = (await send('orgA', 'GET', url)).json();
    expect(list.total).toBe(1);
    const got = await send('orgA', 'GET', list.items[0].url);
    expect(got.headers['content-disposition']).toContain(encodeURIComponent('会议记录.pdf'));
    expect((await send('townA', 'DELETE', `${list.items[0].url}?version=9`)).statusCode).toBe(409);
    expect((await send('townA', 'DELETE', `${list.items[0].url}?version=1`)).statusCode).toBe(204);
    expect((await send('orgA', 'GET', url)).json().total).toBe(0);
  });

  it('recognition: a model site and a member\'s award on the histories; a pairing shows the partner only to who sees it', async () => {
    const orgId = cs.orgs['A街支部'];
    const member = (await database.db.selectFrom('party_member').select('id').where('org_id', '=', orgId).executeTakeFirstOrThrow()).id;
    const site = await send('townA', 'POST', `/api/party-orgs/${orgId}/recognitions`, { kind: 'modelSite', title: '街道党建示范点', level: 'street', grantedOn: '2026-06-30', grantedBy: '中共测试街道工作委员会' });
    expect(site.statusCode, site.body).toBe(201);
    const award = await send('townA', 'POST', `/api/party-orgs/${orgId}/recognitions`, { kind: 'personAward', title: '优秀共产党员', level: 'district', grantedOn: '2026-06-28', memberId: member });
    expect(award.statusCode, award.body).toBe(201);
    expect(award.json().items.map((i: { title: string }) => i.title)).toEqual(['街道党建示范点', '优秀共产党员']);
    expect((await send('townA', 'POST', `/api/party-orgs/${orgId}/recognitions`, { kind: 'personAward', title: '优秀共产党员', level: 'district', grantedOn: '2026-06-28' })).json().details[0]).toMatchObject({ field: 'memberId', code: 'REQUIRED' });
    const events = await database.db.selectFrom('party_member_event').select('kind').where('member_id', '=', member).execute();
    expect(events.map((e) => e.kind)).toContain('award');
    const joint = cs.orgs['跨街联合党支部'];
    const paired = await send('multi', 'POST', `/api/party-orgs/${joint}/pairings`, { partnerOrgId: cs.orgs['T1支部'], since: '2026-03-01', content: '联合开展主题党日' });
    expect(paired.statusCode, paired.body).toBe(201);
    expect((await send('multi', 'POST', `/api/party-orgs/${joint}/pairings`, { partnerOrgId: cs.orgs['T1支部'], since: '2026-03-01' })).json().details[0].code).toBe('ALREADY_PAIRED');
    const refused = await send('townA', 'POST', `/api/party-orgs/${joint}/recognitions`, { kind: 'orgAward', title: '五星党组织', level: 'street', grantedOn: '2026-06-30' });
    expect(refused.json().details[0].code).toBe('NOT_MANAGED');
    // townA sees the joint branch through the link, not T1支部 of the other street: the partner stays unnamed.
    const seen = (await send('townA', 'GET', `/api/party-orgs/${joint}/recognitions`)).json();
    expect(seen.pairings).toEqual([expect.objectContaining({ partnerOrgId: null, partnerName: null, direction: 'ours' })]);
    expect((await send('multi', 'GET', `/api/party-orgs/${joint}/recognitions`)).json().pairings[0].partnerName).toBe('T1支部');
  });
});
