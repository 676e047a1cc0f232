import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { systemActor } from '../../src/core/access/actor.js';
import { loadRegions, parseRegionScope } from '../../src/core/region/region-load.service.js';
import { regionChildren, regionDetail, regionSearch } from '../../src/core/region/region.service.js';
import { createPlacer } from '../../src/core/region/placement.js';
import { withChecks } from '../../src/core/generator/credit-codes.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';

describe(`region dictionary on ${testEngine()}`, () => {
  let database: Database;
  let first: Awaited<ReturnType<typeof loadRegions>>;
  beforeAll(async () => {
    database = await createTestDatabase();
    first = await loadRegions(database, systemActor('test'), { scope: ['110101', '441900'] });
  });
  afterAll(async () => database?.close());

  it('loads a scope with its ancestors, and re-loading changes nothing', async () => {
    expect(first.inserted).toBe(first.staged);
    expect(first.staged).toBeGreaterThan(200);
    const again = await loadRegions(database, systemActor('test'), { scope: ['110101', '441900'] });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: first.staged });
    const audits = await database.db.selectFrom('audit_event').select('action').where('action', '=', 'region.load').execute();
    expect(audits).toHaveLength(1); // the no-op reload is not an event
  });

  it('a changed name is updated in place on reload', async () => {
    await database.db.updateTable('region').set({ name: '旧名称' }).where('code', '=', '110101001000').execute();
    const again = await loadRegions(database, systemActor('test'), { scope: ['110101'] });
    expect(again).toMatchObject({ inserted: 0, updated: 1 });
    expect((await regionDetail(database.db, '110101001000')).name).toBe('东华门街道');
  });

  it('direct-controlled municipality: 北京市 → 市辖区 → 东城区 with consistent parents', async () => {
    const detail = await regionDetail(database.db, '110101001001');
    expect(detail.path.map((r) => [r.code, r.level, r.name])).toEqual([
      ['110000000000', 1, '北京市'],
      ['110100000000', 2, '市辖区'],
      ['110101000000', 3, '东城区'],
      ['110101001000', 4, '东华门街道'],
      ['110101001001', 5, '多福巷社区居委会'],
    ]);
  });

  it('county-less city 东莞: townships hang under the city', async () => {
    const kids = await regionChildren(database.db, '441900000000', []);
    expect(kids.length).toBeGreaterThan(20);
    expect(kids.every((k) => k.level === 4)).toBe(true);
  });

  it('children, roots and scope roots', async () => {
    expect((await regionChildren(database.db, undefined, [])).map((r) => r.name)).toEqual(['北京市', '广东省']);
    expect((await regionChildren(database.db, undefined, ['110101'])).map((r) => r.name)).toEqual(['东城区']);
    const towns = await regionChildren(database.db, '110101000000', []);
    expect(towns.map((t) => t.name)).toContain('东华门街道');
    await expect(regionChildren(database.db, '999999999999', [])).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it.each([
    ['dhm', '东华门街道'],
    ['DHM', '东华门街道'],
    ['东华门', '东华门街道'],
    ['多福巷', '多福巷社区居委会'],
    ['dfx', '多福巷社区居委会'],
    ['hmz', '虎门镇'],
  ])('search %s finds %s', async (q, name) => {
    const found = await regionSearch(database.db, q);
    expect(found.map((r) => r.name)).toContain(name);
  });

  it('search escapes LIKE wildcards and limits results', async () => {
    expect(await regionSearch(database.db, '%')).toEqual([]);
    expect((await regionSearch(database.db, '社区', { limit: 5 })).length).toBe(5);
  });

  it('rejects a malformed scope', () => {
    expect(() => parseRegionScope('44,abc')).toThrow(/区划范围/);
    expect(parseRegionScope(' 44, 4403 ,44')).toEqual(['44', '4403']);
  });

  it('createPlacer reads the loaded dictionary', async () => {
    const placer = await createPlacer(database.db, { withinPrefixes: ['110101'] });
    const got = placer.place({ address: '北京市东城区东华门街道多福巷社区12号', creditCode: withChecks('91', '110101', 'MA01H8T2') });
    expect(got).toMatchObject({ regionCode: '110101001001', level: 5, placed: true });
  });
});
