import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { buildTestApp, buildWorld, call, COMMUNITIES, signInAs, type Session, type World } from '../factories/world.js';
import { code } from '../factories/enterprise.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { multipart } from '../helpers/multipart.js';

/** Issue 11 (small ones), items 4–6: place name lists, shared column mappings, the import's existence oracle. */

type ImportBody = { status: string; result: { created: number; rejected: number; errors: Array<{ row: number; column: string; code: string; message: string }> } };

describe(`scope holes (issue 11) on ${testEngine()}`, () => {
  let database: Database;
  let world: World;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  const s: Record<string, Session> = {};

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await buildWorld(database);
    ({ app, close } = await buildTestApp(database));
    for (const [i, u] of ['sys', 'orgA', 'orgB', 'townA', 'parkA', 'assocA', 'secretary'].entries()) s[u] = await signInAs(app, u, undefined, `10.0.3.${i + 1}`);
  });
  afterAll(async () => {
    await close?.();
    await database?.close();
  });

  async function importCsv(who: Session, csv: string, source = 'scope-test'): Promise<{ statusCode: number; body: ImportBody | null; raw: string }> {
    const m = multipart({ source }, { name: 'list.csv', content: csv });
    const res = await app.inject({ method: 'POST', url: '/api/imports/enterprises', payload: m.payload, headers: { ...m.headers, cookie: who.cookie, 'x-csrf-token': who.csrf } });
    if (res.statusCode !== 202) return { statusCode: res.statusCode, body: null, raw: res.body };
    for (let i = 0; i < 400; i++) {
      const body = (await call(app, who, 'GET', `/api/imports/${res.json().importId}`)).json() as ImportBody;
      if (body.status !== 'running') return { statusCode: 202, body, raw: '' };
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('import did not finish');
  }

  describe('item 4: park and association name lists follow the scope', () => {
    const names = async (who: string, url: string) => ((await call(app, s[who], 'GET', url)).json() as Array<{ name: string }>).map((x) => x.name).sort();
    it.each([
      ['sys', ['世界园区1', '世界园区2'], ['世界商会1', '世界商会2']],
      ['orgA', ['世界园区1'], ['世界商会1']], // by the places' own region (county A)
      ['orgB', ['世界园区2'], ['世界商会2']],
      ['townA', [], []], // a township below the county where both sit
      ['parkA', ['世界园区1'], []], // listed in the grant
      ['assocA', [], ['世界商会1']],
      ['secretary', [], []], // an enterprise-only grant lists no places
    ])('%s', async (who, parks, associations) => {
      expect(await names(who, '/api/parks')).toEqual(parks);
      expect(await names(who, '/api/associations')).toEqual(associations);
    });
  });

  describe('item 5: the shared mapping of a source is written only by an unrestricted importer', () => {
    const csv = (n: number) => `号码,字号,属地区划代码\n${code(n, '440305')},映射测试${n}有限公司,${COMMUNITIES[0]}\n`;
    const setting = async (key: string) => (await database.db.selectFrom('app_setting').select('value').where('key', '=', key).executeTakeFirst())?.value ?? null;

    it('a county officer saves their own mapping: used for their imports, invisible to others, the shared one untouched', async () => {
      const own = { 号码: 'creditCode', 字号: 'name' };
      const put = await call(app, s.orgA, 'PUT', '/api/import-mappings/market', { mapping: own });
      expect(put.statusCode).toBe(200);
      expect(put.json()).toEqual({ mapping: own });
      expect(await setting('import.mapping.market')).toBeNull();
      expect((await call(app, s.orgA, 'GET', '/api/import-mappings/market')).json()).toEqual({ mapping: own });
      expect((await call(app, s.orgB, 'GET', '/api/import-mappings/market')).json()).toEqual({ mapping: {} });
      expect((await call(app, s.sys, 'GET', '/api/import-mappings/market')).json()).toEqual({ mapping: {} });

      const mine = await importCsv(s.orgA, csv(501), 'market');
      expect(mine.body?.result).toMatchObject({ created: 1, rejected: 0 });
      const theirs = await importCsv(s.orgB, csv(502), 'market');
      expect(theirs.statusCode, theirs.raw).toBe(400);
      expect(JSON.parse(theirs.raw).code).toBe('FILE_NO_HEADER');
    });

    it('an unrestricted importer writes the shared mapping; an own mapping overrides it header by header', async () => {
      const put = await call(app, s.sys, 'PUT', '/api/import-mappings/market', { mapping: { 号码: 'creditCode', 字号: 'ignore', 名字: 'name' } });
      expect(put.statusCode).toBe(200);
      expect(await setting('import.mapping.market')).toEqual({ 号码: 'creditCode', 字号: 'ignore', 名字: 'name' });
      expect((await call(app, s.orgB, 'GET', '/api/import-mappings/market')).json()).toEqual({ mapping: { 号码: 'creditCode', 字号: 'ignore', 名字: 'name' } });
      expect((await call(app, s.orgA, 'GET', '/api/import-mappings/market')).json()).toEqual({ mapping: { 号码: 'creditCode', 字号: 'name', 名字: 'name' } });
    });
  });

  describe('item 6: an out-of-scope row gets one answer whether or not the enterprise exists', () => {
    const hidden = code(901, '440306');
    beforeAll(async () => {
      // Registered in county B, outside township A's reach.
      await database.db.insertInto('enterprise').values({ credit_code: hidden, name: '邻区企业有限公司', region_code: COMMUNITIES[4], placement: 'placed' }).execute();
    });

    it.each([
      ['with a region outside the scope', COMMUNITIES[4]],
      ['with no region and no placeable address', ''],
    ])('%s', async (_case, region) => {
      const row = (cc: string) => `统一社会信用代码,企业名称,属地区划代码\n${cc},某某有限公司,${region}\n`;
      const existing = await importCsv(s.townA, row(hidden));
      const fresh = await importCsv(s.townA, row(code(902, '440306')));
      expect(existing.body?.result.rejected).toBe(1);
      expect(existing.body?.result.errors[0]?.code).toBe('OUT_OF_SCOPE');
      expect(JSON.stringify(existing.body?.result.errors)).toBe(JSON.stringify(fresh.body?.result.errors));
      expect(world.enterprises.length).toBeGreaterThan(0);
    });
  });
});
