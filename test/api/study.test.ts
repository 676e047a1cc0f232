import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StudyMaterial, StudyMaterialPage } from '../../src/contracts/study.js';
import { hashPassword } from '../../src/core/auth/password.js';
import { COMMUNITIES, COUNTIES, PASSWORD, TOWNSHIPS, signInAs } from '../factories/world.js';
import { testEngine } from '../helpers/db.js';
import { multipart } from '../helpers/multipart.js';
import { useTwoStreets } from '../helpers/two-streets.js';

/**
 * 学习 over HTTP on the two-street world (docs/study.md). Two member accounts linked to their
 * people: 甲 belongs to A街支部 (street T0); 乙 works in street T0 too but belongs to 跨街联合党支部 of
 * street T1, which covers an enterprise of T0. A material of 跨街联合党支部 is for its own members:
 * 乙 reads it, 甲 does not; townA sees it through the link and may not change it.
 */
const pad12 = (p: string) => p.padEnd(12, '0');
const DISTRICT = pad12(COUNTIES[0]);
const STREET_A = pad12(TOWNSHIPS[0]);
const STREET_B = pad12(TOWNSHIPS[1]);

describe(`study API on ${testEngine()}`, () => {
  const t = useTwoStreets(['sys', 'townA', 'orgA', 'orgB', 'multi', 'member', 'union']);
  const ids: Record<string, string> = {};
  const list = async (who: string, query = '') => {
    const res = await t.send('GET', `/api/study/materials${query}`, undefined, who);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as StudyMaterialPage;
  };
  const titles = async (who: string, query = '') => (await list(who, query)).items.map((i) => i.title).filter((x) => x.startsWith('测试'));
  const publish = async (who: string, body: Record<string, unknown>) => {
    const res = await t.send('POST', '/api/study/materials', { topic: 'theory', kind: 'text', body: '正文', ...body }, who);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as StudyMaterial;
  };

  beforeAll(async () => {
    const db = t.database.db;
    const hash = await hashPassword(PASSWORD);
    const memberOf = async (username: string, memberKey: string) => {
      const { person_id } = await db.selectFrom('party_member').select('person_id').where('id', '=', t.cs.members[memberKey]!).executeTakeFirstOrThrow();
      const u = await db.insertInto('app_user').values({ username, display_name: username, password_hash: hash, must_change_password: false, person_id }).returning('id').executeTakeFirstOrThrow();
      await db.insertInto('user_role').values({ user_id: u.id, role: 'member', region_prefixes: [COMMUNITIES[0]] }).execute();
      t.s[username] = await signInAs(t.app, username);
    };
    await memberOf('memberJia', 'mA');
    await memberOf('memberYi', 'mJ');
    ids.district = (await publish('orgA', { title: '测试《中国共产党章程》学习辅导', regionCode: DISTRICT, topic: 'charter' })).id;
    ids.streetA = (await publish('townA', { title: '测试街道A业务培训', regionCode: STREET_A, topic: 'business' })).id;
    ids.streetB = (await publish('multi', { title: '测试街道B学习', regionCode: STREET_B })).id;
    ids.cross = (await publish('multi', { title: '测试跨街联合党支部专题党课', orgId: t.cs.orgs['跨街联合党支部'] })).id;
    ids.branchA = (await publish('townA', { title: '测试A街支部学习', orgId: t.cs.orgs['A街支部'] })).id;
    ids.countyB = (await publish('orgB', { title: '测试B区学习', regionCode: pad12(COUNTIES[1]) })).id;
  }, 120_000);

  it("a member reads their district's, their street's and their organisation's materials — not another street's organisation's", async () => {
    expect((await titles('memberJia')).sort()).toEqual(['测试A街支部学习', '测试《中国共产党章程》学习辅导', '测试街道A业务培训'].sort());
    expect((await titles('memberYi')).sort()).toEqual(['测试《中国共产党章程》学习辅导', '测试街道A业务培训', '测试街道B学习', '测试跨街联合党支部专题党课'].sort());
    const page = await list('memberJia');
    expect(page.total).toBe(page.items.length);
    expect((await t.send('GET', `/api/study/materials/${ids.cross}`, undefined, 'memberJia')).statusCode).toBe(404);
    expect((await t.send('GET', `/api/study/materials/${ids.countyB}`, undefined, 'memberJia')).statusCode).toBe(404);
  });

  it('a street sees a linked organisation of another street but cannot change it; its own street changes it', async () => {
    const seen = await t.send('GET', `/api/study/materials/${ids.cross}`, undefined, 'townA');
    expect(seen.statusCode).toBe(200);
    expect((seen.json() as StudyMaterial).manageable).toBe(false);
    const m = seen.json() as StudyMaterial;
    const put = (who: string) => t.send('PUT', `/api/study/materials/${ids.cross}`, { title: m.title, topic: m.topic, kind: m.kind, body: '改', status: 'published', version: m.version }, who);
    const refused = await put('townA');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().details[0].code).toBe('NOT_MANAGED');
    expect((await put('multi')).statusCode).toBe(200);
    expect((await put('multi')).statusCode).toBe(409); // the same stale version again
    expect(await titles('orgB')).toEqual(['测试B区学习']);
  });

  it('publishing is checked: the publisher in scope and of the right level, the content of the kind, nothing half-written', async () => {
    const before = await t.database.db.selectFrom('study_material').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const post = (who: string, body: Record<string, unknown>) => t.send('POST', '/api/study/materials', { title: '测试拒绝', topic: 'theory', kind: 'text', body: '正文', ...body }, who);
    const cases: Array<[string, Record<string, unknown>, number, string]> = [
      ['townA', { regionCode: STREET_B }, 403, 'regionCode'],
      ['townA', { regionCode: COMMUNITIES[0] }, 400, 'regionCode'],
      ['townA', { regionCode: STREET_A, orgId: t.cs.orgs['A街支部'] }, 400, 'regionCode'],
      ['townA', { regionCode: STREET_A, kind: 'video', body: null }, 400, 'url'],
      ['townA', { regionCode: STREET_A, kind: 'text', body: null }, 400, 'body'],
      ['townA', { orgId: t.cs.orgs['跨街联合党支部'] }, 404, 'orgId'],
      ['member', { regionCode: STREET_A }, 403, ''],
    ];
    for (const [who, body, status, field] of cases) {
      const res = await post(who, body);
      expect(res.statusCode, `${who} ${JSON.stringify(body)}: ${res.body}`).toBe(status);
      expect(res.json().message).toMatch(/[\u4e00-\u9fff]/);
      if (field) expect(res.json().details[0].field).toBe(field);
    }
    const after = await t.database.db.selectFrom('study_material').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('已学 is the reader’s own: shown to them alone, filterable, never audited or timed', async () => {
    const audits = async () => Number((await t.database.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const n0 = await audits();
    const res = await t.send('PUT', `/api/study/materials/${ids.district}/learned`, { learned: true }, 'memberJia');
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as StudyMaterial).learned).toBe(true);
    await t.send('GET', `/api/study/materials/${ids.district}`, undefined, 'memberJia');
    expect(await audits()).toBe(n0);
    expect((await list('memberYi')).items.find((i) => i.id === ids.district)?.learned).toBe(false);
    expect((await list('orgA')).items.find((i) => i.id === ids.district)?.learned).toBe(false);
    expect(await titles('memberJia', '?learned=yes')).toEqual(['测试《中国共产党章程》学习辅导']);
    expect(await titles('memberJia', '?learned=no')).not.toContain('测试《中国共产党章程》学习辅导');
    const cols = await t.database.db.selectFrom('information_schema.columns' as never).select('column_name' as never).where('table_name' as never, '=', 'study_mark' as never).execute();
    expect((cols as Array<{ column_name: string }>).map((c) => c.column_name).sort()).toEqual(['material_id', 'user_id']);
    await t.send('PUT', `/api/study/materials/${ids.district}/learned`, { learned: false }, 'memberJia');
    expect((await list('memberJia')).items.find((i) => i.id === ids.district)?.learned).toBe(false);
  });

  it('a withdrawn material leaves the readers’ list and stays in the publisher’s; withdrawing is audited', async () => {
    const m = (await t.send('GET', `/api/study/materials/${ids.streetA}`, undefined, 'townA')).json() as StudyMaterial;
    const res = await t.send('PUT', `/api/study/materials/${ids.streetA}`, { title: m.title, topic: m.topic, kind: m.kind, body: '正文', status: 'withdrawn', version: m.version }, 'townA');
    expect(res.statusCode, res.body).toBe(200);
    expect(await titles('memberJia')).not.toContain('测试街道A业务培训');
    expect(await titles('townA', '?view=mine&status=withdrawn')).toEqual(['测试街道A业务培训']);
    const a = await t.database.db.selectFrom('audit_event').select('action').where('entity_id', '=', ids.streetA).where('entity', '=', 'study_material').execute();
    expect(a.map((x) => x.action)).toEqual(expect.arrayContaining(['study_material.create', 'study_material.withdraw']));
    expect((await t.send('GET', '/api/study/materials?view=mine', undefined, 'member')).statusCode).toBe(403);
  });

  it('the export holds exactly the list’s rows, for publishers only', async () => {
    const res = await t.send('GET', '/api/study/materials/export.xlsx?view=mine', undefined, 'townA');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const rows: string[] = [];
    ws.eachRow((r, i) => { if (i > 1) rows.push(String(r.getCell(1).value)); });
    expect(rows).toEqual((await list('townA', '?view=mine')).items.map((i) => i.title));
    expect(ws.getRow(1).getCell(4).value).toBe('发布单位');
    expect((await t.send('GET', '/api/study/materials/export.xlsx', undefined, 'memberJia')).statusCode).toBe(403);
  });

  it('a document file is added by the publisher and opened by a reader in scope, not by one outside', async () => {
    const m = await publish('townA', { title: '测试文件资料', kind: 'document', body: null, regionCode: STREET_A });
    const up = multipart({}, { name: '学习辅导.pdf', content: Buffer.from('%PDF-1.4 学习辅导') });
    const added = await t.app.inject({ method: 'POST', url: `/api/study/materials/${m.id}/attachments`, payload: up.payload, headers: { ...up.headers, cookie: t.s.townA.cookie, 'x-csrf-token': t.s.townA.csrf } });
    expect(added.statusCode, added.body).toBe(201);
    const url = added.json().url as string;
    const got = await t.send('GET', url, undefined, 'memberJia');
    expect(got.statusCode).toBe(200);
    expect(got.body).toContain('%PDF');
    expect((await t.send('GET', url, undefined, 'orgB')).statusCode).toBe(404);
    expect((await list('memberJia')).items.find((i) => i.id === m.id)?.files).toBe(1);
  });
});
