import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { buildCrossStreet, type CrossStreet } from '../factories/cross-street.js';
import { COMMUNITIES, buildTestApp, buildWorld, call, signInAs, type Session, type World } from '../factories/world.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';

type Sheet = { header: string[]; rows: Record<string, string>[] };

async function readXlsx(body: Buffer): Promise<Sheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, string>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const v = (row.values as unknown[]).slice(1);
    rows.push(Object.fromEntries(header.map((h, i) => [h, v[i] === undefined || v[i] === null ? '' : String(v[i])])));
  });
  return { header, rows };
}

/**
 * The organisation, union and instructor lists as a street official takes them: the export holds
 * exactly the list's rows (filter and scope applied, a record of another street seen through a
 * link included, nothing outside the scope), names beside region codes, phones masked, audited.
 */
describe(`list exports on ${testEngine()}`, () => {
  let database: Database;
  let world: World;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let townA: Session;
  let cs: CrossStreet;

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await buildWorld(database);
    ({ app, close } = await buildTestApp(database));
    const sys = await signInAs(app, 'sys');
    cs = await buildCrossStreet(database, world, app, sys);
    // An instructor of street T0 whose person has a phone: the export must show it masked.
    await database.db.insertInto('instructor').values({ person_id: cs.people.pPII!, kind: 'instructor', region_code: COMMUNITIES[1] }).execute();
    townA = await signInAs(app, 'townA');
  });
  afterAll(async () => {
    await close?.();
    await database?.close();
  });

  async function listAndExport(path: string, query = ''): Promise<{ items: Array<Record<string, unknown>>; total: number; sheet: Sheet }> {
    const list = await call(app, townA, 'GET', `/api/${path}?limit=500${query ? `&${query}` : ''}`);
    expect(list.statusCode, list.body).toBe(200);
    const file = await call(app, townA, 'GET', `/api/${path}/export.xlsx${query ? `?${query}` : ''}`);
    expect(file.statusCode, file.body).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    return { items: list.json().items, total: list.json().total, sheet: await readXlsx(file.rawPayload) };
  }

  it('party organisations: the export is the list, with the cross-street branch seen through its link', async () => {
    const { items, total, sheet } = await listAndExport('party-orgs');
    expect(total).toBe(items.length);
    expect(sheet.rows.map((r) => r['党组织名称']).sort()).toEqual(items.map((o) => o.name as string).sort());
    const joint = sheet.rows.find((r) => r['党组织名称'] === '跨街联合党支部');
    expect(joint, 'the record of street T1 linked to enterprise e0 of street T0').toBeDefined();
    expect(joint!['查看范围']).toBe('经关联企业可见');
    expect(joint!['属地区划代码']).toBe(COMMUNITIES[2]);
    expect(joint!['属地名称']).toContain('测试社区3');
    // T1's own branch and the other county's are outside the scope: in neither the list nor the file.
    for (const outside of ['T1支部', 'B区支部', '园区支部']) {
      expect(items.map((o) => o.name)).not.toContain(outside);
      expect(sheet.rows.map((r) => r['党组织名称'])).not.toContain(outside);
    }
    expect(sheet.header).toEqual(expect.arrayContaining(['属地区划代码', '属地名称', '上级党组织']));
    // The filter travels: a name search gives the same rows in both.
    const filtered = await listAndExport('party-orgs', `q=${encodeURIComponent('跨街')}`);
    expect(filtered.total).toBe(1);
    expect(filtered.sheet.rows.map((r) => r['党组织名称'])).toEqual(['跨街联合党支部']);
  });

  it('unions: same rows, the cross-street union included, names beside codes', async () => {
    const { items, total, sheet } = await listAndExport('unions');
    expect(total).toBe(items.length);
    expect(sheet.rows.map((r) => r['工会名称']).sort()).toEqual(items.map((u) => u.name as string).sort());
    expect(sheet.rows.find((r) => r['工会名称'] === '跨街联合工会')?.['查看范围']).toBe('经关联企业可见');
    expect(sheet.rows.map((r) => r['工会名称'])).not.toContain('B区工会');
    for (const r of sheet.rows.filter((x) => x['属地区划代码'])) expect(r['属地名称']).toMatch(/测试/);
    const active = await listAndExport('unions', 'status=dissolved');
    expect(active.sheet.rows).toHaveLength(active.total);
  });

  it('instructors: same rows, the cross-street instructor included, phones masked; every taking audited', async () => {
    const { items, total, sheet } = await listAndExport('instructors');
    expect(total).toBe(items.length);
    expect(sheet.rows.map((r) => r['姓名']).sort()).toEqual(items.map((i) => i.personName as string).sort());
    expect(sheet.rows.find((r) => r['姓名'] === '跨街pI1')?.['查看范围']).toBe('经关联企业可见');
    expect(sheet.rows.map((r) => r['姓名'])).not.toContain('跨街pIB');
    const withPhone = sheet.rows.find((r) => r['姓名'] === '跨街pPII');
    expect(withPhone?.['联系电话']).toMatch(/\*/);
    expect(JSON.stringify(sheet.rows)).not.toContain(cs.pii.phone);
    const byKind = await listAndExport('instructors', 'kind=liaison');
    expect(byKind.sheet.rows).toHaveLength(byKind.total);
    const audits = await database.db.selectFrom('audit_event').select('action').where('actor_id', '=', world.users.townA!.id)
      .where('action', 'in', ['party_org.export', 'union.export', 'instructor.export']).execute();
    expect(audits.map((a) => a.action).sort()).toEqual(['instructor.export', 'instructor.export', 'party_org.export', 'party_org.export', 'union.export', 'union.export']);
  });

  it('refuses a bad filter with a field message, and an account without the right', async () => {
    const bad = await call(app, townA, 'GET', '/api/party-orgs/export.xlsx?status=closed');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.map((d: { field: string }) => d.field)).toContain('querystring.status');
    const member = await signInAs(app, 'member');
    expect((await call(app, member, 'GET', '/api/unions/export.xlsx')).statusCode).toBe(403);
  });
});
