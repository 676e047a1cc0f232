import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { todayInChina } from '../../src/domain/org-terms.js';
import { buildTestApp, buildWorld, call, signInAs, COUNTIES, TOWNSHIPS, type Session } from '../factories/world.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';

/**
 * Campaign targets through the API: the district's office (orgA) sets a target; a street official
 * (townA) reads it with the street's own progress but is refused the change (403 NOT_MANAGED) and
 * cannot set one for the district; bad input is a Chinese message naming the field; a stale
 * version is 409 with the record as it stands; the XLSX holds exactly the list's rows.
 */
type List = { total: number; canSet: boolean; regionName: string; items: Array<{ target: { id: string; title: string; manageable: boolean; version: number }; progress: { denominator: number; gap: number } | null }> };
const deadline = `${Number(todayInChina().slice(0, 4)) + 1}-06-30`;

describe(`campaign targets API on ${testEngine()}`, () => {
  let database: Database;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let district: Session;
  let street: Session;
  let id = '';

  beforeAll(async () => {
    database = await createTestDatabase();
    await buildWorld(database);
    ({ app, close } = await buildTestApp(database));
    district = await signInAs(app, 'orgA', undefined, '10.0.14.1');
    street = await signInAs(app, 'townA', undefined, '10.0.14.2');
  });
  afterAll(async () => {
    await close?.();
    await database?.close();
  });

  it('the district office sets a target for the district', async () => {
    const res = await call(app, district, 'POST', '/api/campaign-targets', { region: `${COUNTIES[0]}000000`, metric: 'twoCoverage', targetRate: 100, deadline, note: '全区“两个覆盖”' });
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
    expect(res.json()).toMatchObject({ region: COUNTIES[0], regionName: '测试区1', metricLabel: '“两个覆盖”率', manageable: true });
  });

  it('a street official reads the district target with the street’s progress but cannot set or change it', async () => {
    const res = await call(app, street, 'GET', `/api/campaign-targets?region=${TOWNSHIPS[0]}`);
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json() as List;
    expect(list).toMatchObject({ total: 1, canSet: true, regionName: '测试街道1' });
    expect(list.items[0]!.target).toMatchObject({ id, manageable: false });
    expect(list.items[0]!.progress!.denominator).toBe(2); // the street's two community enterprises, not the district's
    const patch = await call(app, street, 'PATCH', `/api/campaign-targets/${id}`, { version: 1, targetRate: 50 });
    expect([patch.statusCode, patch.json().details[0].code]).toEqual([403, 'NOT_MANAGED']);
    expect(patch.json().message).toMatch(/[\u4e00-\u9fff]/);
    const set = await call(app, street, 'POST', '/api/campaign-targets', { region: COUNTIES[0], metric: 'orgCoverage', targetRate: 80, deadline });
    expect([set.statusCode, set.json().details[0].field]).toEqual([403, 'region']);
    expect((await call(app, street, 'GET', `/api/campaign-targets?region=${COUNTIES[0]}`)).statusCode).toBe(404);
    expect((await call(app, district, 'GET', `/api/campaign-targets/${id}`)).json().version).toBe(1);
  });

  it.each([
    [{ metric: 'nonsense' }, 'metric'],
    [{ targetRate: 120 }, 'targetRate'],
    [{ targetRate: 95.55 }, 'targetRate'],
    [{ deadline: '2027-02-30' }, 'deadline'],
    [{ deadline: '2020-01-01' }, 'deadline'],
    [{ title: '' }, 'title'],
    [{ region: '4403059' }, 'region'],
    [{ region: '440305999' }, 'region'],
  ])('bad input %j is refused naming %s, in Chinese, writing nothing', async (bad, field) => {
    const before = await database.db.selectFrom('campaign_target').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const res = await call(app, district, 'POST', '/api/campaign-targets', { region: COUNTIES[0], metric: 'orgCoverage', targetRate: 90, deadline, ...bad });
    expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    const body = res.json() as { message: string; details: Array<{ field?: string }> };
    expect(body.message).toMatch(/[\u4e00-\u9fff]/);
    expect(body.details.map((d) => d.field?.replace(/^body\./, ''))).toContain(field);
    const after = await database.db.selectFrom('campaign_target').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('a stale version is 409 with the target as it stands', async () => {
    expect((await call(app, district, 'PATCH', `/api/campaign-targets/${id}`, { version: 1, targetRate: 98 })).statusCode).toBe(200);
    const res = await call(app, district, 'PATCH', `/api/campaign-targets/${id}`, { version: 1, targetRate: 97 });
    expect(res.statusCode).toBe(409);
    expect(res.json().current).toMatchObject({ id, version: 2, targetRate: 98 });
  });

  it('the XLSX holds exactly the list’s rows, names beside codes', async () => {
    await call(app, district, 'POST', '/api/campaign-targets', { region: TOWNSHIPS[0], metric: 'orgCoverage', targetRate: 60, deadline, title: '街道组织覆盖' });
    const list = (await call(app, district, 'GET', `/api/campaign-targets?region=${TOWNSHIPS[0]}`)).json() as List;
    const res = await call(app, district, 'GET', `/api/campaign-targets.xlsx?region=${TOWNSHIPS[0]}`);
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const titles: string[] = [];
    ws.eachRow((row, n) => { if (n > 1) titles.push(String(row.getCell(1).value)); });
    expect(list.total).toBe(2);
    expect(titles).toEqual(list.items.map((i) => i.target.title));
    expect(String(ws.getRow(2).getCell(3).value)).toContain('测试区1');
  });
});
