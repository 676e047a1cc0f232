import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/database.js';
import type { BulkPlacementResult, PlacementQueue } from '../../src/contracts/placement-queue.js';
import { buildTestApp, call, signInAs, type Session } from '../factories/world.js';
import { buildQueueWorld, JIANSHELU, MIANFANGLU, type QueueWorld } from '../factories/placement-queue.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';

/**
 * The 待认定属地 queue at volume: suggestions (a road is only a suggestion), the street filter with
 * its counts, bulk accept and one street for many — each row checked for scope and version, one
 * audit entry per enterprise placed, two street officials who see the same rows.
 */
describe(`placement queue on ${testEngine()}`, () => {
  let database: Database;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let w: QueueWorld;
  const s: Record<string, Session> = {};

  beforeAll(async () => {
    database = await createTestDatabase();
    w = await buildQueueWorld(database);
    ({ app, close } = await buildTestApp(database));
    for (const u of ['district', 'streetA', 'streetB']) s[u] = await signInAs(app, u);
  });
  afterAll(async () => {
    await close?.();
    await database?.close();
  });

  const queue = async (who: string, query = '') => (await call(app, s[who], 'GET', `/api/placement-queue${query}`)).json() as PlacementQueue;
  const version = async (id: string) => (await database.db.selectFrom('enterprise').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
  const row = (id: string) => database.db.selectFrom('enterprise').select(['region_code', 'placement']).where('id', '=', id).executeTakeFirstOrThrow();
  const audits = async (id: string) => (await database.db.selectFrom('audit_event').select('seq')
    .where('action', '=', 'enterprise.place').where('entity_id', '=', id).execute()).length;

  it('lists each row with its suggestion, named, and counts the queue by suggested street', async () => {
    const q = await queue('district');
    expect(q.total).toBe(5);
    const road = q.items.find((i) => i.id === w.ids.road)!;
    expect(road.suggestion).toMatchObject({ regionCode: JIANSHELU, regionName: '建设路街道', basis: 'road' });
    expect(road.reason).toMatch(/按道路名推测，请核实/);
    expect(road.address).toBe('郑州市中原区建设路200号');
    expect(q.items.find((i) => i.id === w.ids.full)!.suggestion).toMatchObject({ regionCode: MIANFANGLU, basis: 'address' });
    expect(q.items.find((i) => i.id === w.ids.none)!.suggestion).toBeNull();
    expect(q.townships).toEqual([
      { townshipCode: JIANSHELU, name: '中原区建设路街道', count: 3 },
      { townshipCode: MIANFANGLU, name: '中原区棉纺路街道', count: 1 },
    ]);
    expect(q.withoutSuggestion).toBe(1);
    const filtered = await queue('district', `?suggested=${JIANSHELU}`);
    expect(filtered.total).toBe(3);
    expect(filtered.items.map((i) => i.id).sort()).toEqual([w.ids.road, w.ids.road2, w.ids.outside].sort());
    expect((await queue('district', '?suggested=none')).items.map((i) => i.id)).toEqual([w.ids.none]);
    const res = await call(app, s.district, 'GET', `/api/placement-queue/export.xlsx?suggested=${JIANSHELU}&sort=name`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = wb.worksheets[0];
    const lines = sheet.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1));
    expect(lines.map((l) => l[0])).toEqual(filtered.items.map((i) => i.name).sort((a, b) => (a < b ? -1 : 1)));
    expect(lines[0].slice(4, 6)).toEqual(['河南省 › 郑州市 › 中原区 › 建设路街道', '按道路名推测，请核实']);
    // The street officials see the park's rows only (the pending rows sit at the county).
    expect((await queue('streetA')).total).toBe(4);
  });

  it('a street official accepts only into their own street and only rows they reach; per-row results', async () => {
    const items = [
      { id: w.ids.road, version: await version(w.ids.road) },
      { id: w.ids.full, version: await version(w.ids.full) },
      { id: w.ids.outside, version: await version(w.ids.outside) },
      { id: w.ids.none, version: await version(w.ids.none) },
      { id: w.ids.road2, version: (await version(w.ids.road2)) + 5 },
    ];
    const res = await call(app, s.streetA, 'POST', '/api/placement-queue/accept', { items });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as BulkPlacementResult;
    expect(body.rows.map((r) => [r.id, r.outcome])).toEqual([
      [w.ids.road, 'placed'], [w.ids.full, 'outOfScope'], [w.ids.outside, 'notFound'], [w.ids.none, 'noSuggestion'], [w.ids.road2, 'conflict'],
    ]);
    expect(body).toMatchObject({ placed: 1, skipped: 4 });
    expect(body.rows[0]).toMatchObject({ regionName: '建设路街道', name: '建设路商贸有限公司' });
    expect(await row(w.ids.road)).toEqual({ region_code: JIANSHELU, placement: 'manual' });
    expect(await row(w.ids.full)).toEqual({ region_code: '410102000000', placement: 'pending' });
    expect(await audits(w.ids.road)).toBe(1);
    expect(await audits(w.ids.full)).toBe(0);
    expect((await queue('district')).total).toBe(4);
  });

  it('the other street accepts its own row; the first street cannot place into it by choosing it either', async () => {
    const refused = await call(app, s.streetA, 'POST', '/api/placement-queue/place', { regionCode: MIANFANGLU, items: [{ id: w.ids.full, version: await version(w.ids.full) }] });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'OUT_OF_SCOPE', details: [{ field: 'regionCode' }] });
    const res = await call(app, s.streetB, 'POST', '/api/placement-queue/accept', { items: [{ id: w.ids.full, version: await version(w.ids.full) }] });
    expect((res.json() as BulkPlacementResult).rows[0]).toMatchObject({ outcome: 'placed', regionCode: MIANFANGLU });
    expect(await audits(w.ids.full)).toBe(1);
  });

  it('one chosen street for many rows: checked region, per-row versions, audited per enterprise', async () => {
    const bad = await call(app, s.district, 'POST', '/api/placement-queue/place', { regionCode: '410102000000', items: [{ id: w.ids.none, version: 1 }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'regionCode', code: 'REGION_TOO_COARSE' }] });
    const unknown = await call(app, s.district, 'POST', '/api/placement-queue/place', { regionCode: '410102999000', items: [{ id: w.ids.none, version: 1 }] });
    expect(unknown.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ code: 'REGION_UNKNOWN' }] });
    const empty = await call(app, s.district, 'POST', '/api/placement-queue/place', { regionCode: JIANSHELU, items: [] });
    expect(empty.statusCode).toBe(400);
    const res = await call(app, s.district, 'POST', '/api/placement-queue/place', {
      regionCode: '410102002004', items: [{ id: w.ids.none, version: await version(w.ids.none) }, { id: w.ids.road, version: 1 }],
    });
    const body = res.json() as BulkPlacementResult;
    expect(body.rows.map((r) => r.outcome)).toEqual(['placed', 'notPending']);
    expect(body.rows[0].regionName).toBe('建设路街道计划路社区居委会');
    expect(await row(w.ids.none)).toEqual({ region_code: '410102002004', placement: 'manual' });
    expect(await audits(w.ids.none)).toBe(1);
  });

  it('"all rows of this filter" needs the count the official confirmed, then places them all', async () => {
    const filter = { suggested: JIANSHELU };
    const stale = await call(app, s.district, 'POST', '/api/placement-queue/accept', { all: { filter, expectedTotal: 3 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'CONFLICT', details: [{ field: 'all.expectedTotal', code: 'QUEUE_CHANGED' }] });
    const both = await call(app, s.district, 'POST', '/api/placement-queue/accept', { all: { filter, expectedTotal: 2 }, items: [{ id: w.ids.road2, version: 1 }] });
    expect(both.statusCode).toBe(400);
    const res = await call(app, s.district, 'POST', '/api/placement-queue/accept', { all: { filter, expectedTotal: 2 } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ placed: 2, skipped: 0 });
    expect((await queue('district')).total).toBe(0);
    expect(await audits(w.ids.road2)).toBe(1);
    expect(await audits(w.ids.outside)).toBe(1);
  });

});
