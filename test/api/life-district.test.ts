import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { buildCrossStreet } from '../factories/cross-street.js';
import { buildTestApp, buildWorld, call, signInAs, type Session } from '../factories/world.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';

/**
 * The district view of organisational life over HTTP (docs/life.md, "District view"): the roll-up
 * adds up, the drill-down reads in pages that together are exactly its total, and each XLSX holds
 * exactly its list's rows and is audited.
 */
describe(`life district view API on ${testEngine()}`, () => {
  let database: Database;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  const s: Record<string, Session> = {};
  const get = (url: string, who = 'sys') => call(app, s[who], 'GET', url);
  const sheet = async (res: { rawPayload: Buffer }) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows: string[][] = [];
    wb.worksheets[0]!.eachRow((row, n) => { if (n > 1) rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))); });
    return rows;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    const world = await buildWorld(database);
    ({ app, close } = await buildTestApp(database));
    for (const u of ['sys', 'townA']) s[u] = await signInAs(app, u);
    await buildCrossStreet(database, world, app, s.sys);
  }, 120_000);
  afterAll(async () => {
    await close?.();
    await database?.close();
  });

  it('the table adds up to its sum and the drill-down, read in pages, is exactly the total', async () => {
    const roll = (await get('/api/life/compliance?year=2026&level=street')).json();
    expect(roll.sum.total).toBe(roll.rows.reduce((n: number, r: { total: number }) => n + r.total, 0));
    expect(roll.sum.total).toBe(roll.sum.compliant + roll.sum.lagging + roll.sum.dormant);
    const ids: string[] = [];
    let total = -1;
    for (let offset: number | null = 0; offset !== null;) {
      const page = (await get(`/api/life/compliance/orgs?year=2026&limit=3&offset=${offset}`)).json() as { items: Array<{ orgId: string }>; total: number; nextOffset: number | null };
      expect(page.items.length).toBeLessThanOrEqual(3);
      total = page.total;
      ids.push(...page.items.map((i) => i.orgId));
      offset = page.nextOffset;
    }
    expect(ids.length).toBe(total);
    expect(new Set(ids).size).toBe(total);
    expect(total).toBeGreaterThanOrEqual(roll.sum.total);
    const past = (await get(`/api/life/compliance/orgs?year=2026&offset=${total + 10}`)).json();
    expect([past.total, past.items.length, past.nextOffset]).toEqual([total, 0, null]);
  });

  it('each XLSX holds exactly its list\'s rows and is audited', async () => {
    const roll = (await get('/api/life/compliance?year=2026&level=street', 'townA')).json();
    const rows = await sheet(await get('/api/life/compliance/export.xlsx?year=2026&level=street', 'townA'));
    expect(rows.map((r) => [r[0], Number(r[2])])).toEqual(roll.rows.map((r: { region: string; total: number }) => [r.region, r.total]));
    const list = (await get('/api/life/compliance/orgs?year=2026&status=dormant', 'townA')).json();
    const orgs = await sheet(await get('/api/life/compliance/orgs/export.xlsx?year=2026&status=dormant', 'townA'));
    expect(orgs.map((r) => r[0])).toEqual(list.items.map((i: { name: string }) => i.name));
    expect(orgs.every((r) => r[3] === '不活跃')).toBe(true);
    const audited = await database.db.selectFrom('audit_event').select('action').where('action', 'like', 'life.compliance%').execute();
    expect(audited.map((a) => a.action).sort()).toEqual(['life.compliance.export', 'life.compliance.orgs.export']);
  });

  it('refuses a bad filter in Chinese with the field', async () => {
    const res = await get('/api/life/compliance/orgs?year=2026&limit=0');
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().details)).toContain('limit');
    expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('the settings: read with canChange, changed only over the whole jurisdiction at their version, audited', async () => {
    expect((await get('/api/life/settings', 'townA')).json()).toMatchObject({ canChange: false, partyLessonEvery: 'quarter', dormantMonths: 6, version: 0 });
    expect((await call(app, s.townA, 'PUT', '/api/life/settings', { version: 0, partyLessonEvery: 'month', dormantMonths: 6 })).statusCode).toBe(403);
    const bad = await call(app, s.sys, 'PUT', '/api/life/settings', { version: 0, partyLessonEvery: 'quarter', dormantMonths: 30 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].field).toBe('body.dormantMonths');
    const ok = await call(app, s.sys, 'PUT', '/api/life/settings', { version: 0, partyLessonEvery: 'halfYear', dormantMonths: 9 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ version: 1, partyLessonEvery: 'halfYear', dormantMonths: 9, canChange: true });
    const stale = await call(app, s.sys, 'PUT', '/api/life/settings', { version: 0, partyLessonEvery: 'quarter', dormantMonths: 6 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', current: { version: 1, dormantMonths: 9 } });
    expect((await get('/api/life/settings', 'townA')).json()).toMatchObject({ version: 1, partyLessonEvery: 'halfYear' });
    const audit = await database.db.selectFrom('audit_event').select('action').where('action', '=', 'life.settings').execute();
    expect(audit).toHaveLength(1);
    expect((await call(app, s.sys, 'PUT', '/api/life/settings', { version: 1, partyLessonEvery: 'quarter', dormantMonths: 6 })).statusCode).toBe(200);
  });
});
