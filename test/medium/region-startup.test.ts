import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { systemActor } from '../../src/core/access/actor.js';
import { loadRegions } from '../../src/core/region/region-load.service.js';
import { readDictionaryMark, writeDictionaryMark } from '../../src/core/region/region.repository.js';
import { startRegionDictionary, type RegionDictionary } from '../../src/core/region/region-startup.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';

/** First start: the dictionary loads in chunks in the background; the server says so meanwhile. */
describe(`region dictionary at first start on ${testEngine()}`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.close());

  it('loads in the background, marks the dictionary complete, and the next start loads nothing', async () => {
    const lines: string[] = [];
    const dictionary = await startRegionDictionary(database, ['110101'], (l) => lines.push(l));
    expect(dictionary.current().state).toBe('loading');
    await dictionary.settled;
    expect(dictionary.current()).toMatchObject({ state: 'ready', percent: 100 });
    expect(dictionary.current().rows).toBeGreaterThan(180);
    expect(await readDictionaryMark(database.db)).toMatchObject({ complete: true, scope: ['110101'] });
    expect(lines.at(-1)).toMatch(/区划字典已载入 \d+ 条/);
    const again = await startRegionDictionary(database, ['110101'], () => {});
    expect(again.current().state).toBe('ready');
  });

  it('a load cut short (mark not complete) is finished at the next start, in chunks, writing only what is missing', async () => {
    await database.db.deleteFrom('region').where('level', '=', 5).where('code', 'like', '110101002%').execute();
    // As a load cut short leaves it: 2 rows merged before the stop, counted in the mark.
    await writeDictionaryMark(database.db, { complete: false, scope: ['110101'], at: '', inserted: 2, updated: 0 });
    const auditsBefore = await database.db.selectFrom('audit_event').select('seq').where('action', '=', 'region.load').execute();
    const dictionary = await startRegionDictionary(database, ['110101'], () => {});
    await dictionary.settled;
    expect(dictionary.current().state).toBe('ready');
    const n = await database.db.selectFrom('region').select((eb) => eb.fn.countAll<string>().as('n')).where('code', 'like', '110101002%').executeTakeFirstOrThrow();
    expect(Number(n.n)).toBeGreaterThan(1);
    // One audit event for the whole load, its totals including what the cut-short part merged.
    const audits = await database.db.selectFrom('audit_event').select(['seq', 'after']).where('action', '=', 'region.load').orderBy('seq').execute();
    expect(audits).toHaveLength(auditsBefore.length + 1);
    expect(audits.at(-1)!.after).toMatchObject({ inserted: Number(n.n) - 1 + 2, updated: 0 });
    const chunked = await loadRegions(database, systemActor('test'), { scope: ['110101'], chunkRows: 40 });
    expect(chunked).toMatchObject({ inserted: 0, updated: 0 });
    expect(chunked.staged).toBe(dictionary.current().rows);
  });

  it('a stop (server shutdown) ends the load between chunks, and the next start finishes it', async () => {
    const fresh = await createTestDatabase();
    try {
      const lines: string[] = [];
      const stopped = await startRegionDictionary(fresh, ['110101'], (l) => lines.push(l), new Promise(() => {}));
      await stopped.stop(); // before the (never) listening server: returns at once
      expect(lines.at(-1)).toMatch(/已暂停/);
      expect(stopped.current().state).toBe('loading');
      const next = await startRegionDictionary(fresh, ['110101'], () => {});
      await next.settled;
      expect(next.current().state).toBe('ready');
    } finally {
      await fresh.close();
    }
  });

  it('while loading, region-dependent requests answer 503 REGIONS_LOADING and /api/health shows the progress', async () => {
    const loading: RegionDictionary = {
      current: () => ({ state: 'loading', percent: 37, rows: 123_000, message: '区划字典加载中 37%' }),
      settled: new Promise(() => {}),
      stop: () => Promise.resolve(),
    };
    const config = loadConfig({ DATA_DIR: path.join(os.tmpdir(), 'lx-unused'), LX_REQUIRE_TOTP_FOR_ADMINS: 'false' });
    const app = await buildApp({ database, config, regions: loading }, { webDir: path.join(os.tmpdir(), 'lx-no-web') });
    try {
      const health = await app.inject({ method: 'GET', url: '/api/health' });
      expect(health.json()).toMatchObject({ ok: true, regions: { state: 'loading', percent: 37, message: '区划字典加载中 37%' } });
      for (const [method, url] of [['GET', '/api/regions'], ['GET', '/api/regions/search?q=dhm'], ['GET', '/api/enterprises?regionPrefix=110101'],
        ['GET', '/api/coverage/figures'], ['POST', '/api/users']] as const) {
        const res = await app.inject({ method, url, payload: method === 'POST' ? {} : undefined });
        expect(res.statusCode, `${method} ${url}`).toBe(503);
        expect(res.json()).toMatchObject({ code: 'REGIONS_LOADING', message: expect.stringContaining('区划字典加载中 37%') });
        expect(res.json().details).toEqual([{ code: 'REGIONS_LOADING', message: '37%' }]);
        expect(res.headers['retry-after']).toBe('10');
      }
      // Signing in and plain lists are not held up.
      expect((await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'x', password: 'y' } })).statusCode).toBe(401);
      expect((await app.inject({ method: 'GET', url: '/api/enterprises' })).statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });
});
