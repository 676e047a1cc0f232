import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { systemActor } from '../../src/core/access/actor.js';
import { loadRegions } from '../../src/core/region/region-load.service.js';
import { createPlacer, type PlaceInput, type Placer } from '../../src/core/region/placement.js';
import { createLazyPlacer } from '../../src/core/region/lazy-placer.js';
import { generateEnterprises } from '../../src/core/generator/enterprises.js';
import { withChecks } from '../../src/core/generator/credit-codes.js';
import { createRandom, type Random } from '../../src/core/generator/random.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';

// Two provinces' worth of real regions: 深圳, the three county-less cities (东莞, 中山, 儋州 in
// another province), 北京's 东城/朝阳 and 长春's 朝阳区 (a second 朝阳区, for ambiguity).
// 上海 (31) is not loaded: credit codes and explicit codes pointing there must behave alike.
const SCOPE = ['4403', '4419', '4420', '4604', '110101', '110105', '220104'];
const NOT_LOADED = ['310101', '330106'];

let database: Database;
let eager: Placer;
let sample: PlaceInput[] = [];

async function generated(rnd: Random): Promise<PlaceInput[]> {
  const out: PlaceInput[] = [];
  for (const [i, region] of SCOPE.entries()) {
    for await (const item of generateEnterprises({ count: 700, seed: 11 + i, region })) {
      out.push({ address: item.row.address, creditCode: item.row.creditCode, regionCode: variantCode(rnd, item.communityCode) });
    }
  }
  return out;
}

/** Mostly none; else the community, its township, its county or city, an unknown or a garbage code. */
function variantCode(rnd: Random, community: string): string | null {
  if (!community || rnd.chance(0.7)) return null;
  return rnd.pick([community, `${community.slice(0, 9)}000`, `${community.slice(0, 6)}000000`, `${community.slice(0, 4)}00000000`,
    `${community.slice(0, 2)}0000000000`, '310101001001', '310101000000', `${community.slice(0, 9)}999`, 'abc', '']);
}

/** Cross the rows: another row's address (often another county or province), a code of an unloaded county, noise. */
function mutate(rnd: Random, rows: PlaceInput[]): PlaceInput[] {
  return rows.map((r) => {
    const other = rnd.pick(rows);
    switch (rnd.int(0, 7)) {
      case 0: return { ...r, address: other.address };
      case 1: return { ...r, creditCode: withChecks('91', rnd.pick(NOT_LOADED), 'MA01H8T2') };
      case 2: return { ...r, creditCode: withChecks('91', rnd.pick(NOT_LOADED), 'MA01H8T2'), address: other.address };
      case 3: return { ...r, address: (r.address ?? '').replace(/^.*?(区|市|县)/, '') };
      case 4: return { ...r, address: `${other.address ?? ''}${r.address ?? ''}` };
      case 5: return { ...r, address: rnd.chance(0.5) ? null : '上海市黄浦区南京东路1号' };
      case 6: return { ...r, creditCode: 'GARBAGE', address: (r.address ?? '').replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)) };
      default: return r;
    }
  });
}

async function compareInBatches(inputs: PlaceInput[], size: number): Promise<number> {
  const lazy = await createLazyPlacer(database.db);
  let placed = 0;
  for (let at = 0; at < inputs.length; at += size) {
    const batch = inputs.slice(at, at + size);
    await lazy.prepare(batch);
    for (const input of batch) {
      const want = eager.place(input);
      expect({ input, got: lazy.place(input) }).toEqual({ input, got: want });
      if (want.placed) placed++;
    }
  }
  return placed;
}

describe(`lazy placement index on ${testEngine()}`, () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    await loadRegions(database, systemActor('test'), { scope: SCOPE });
    eager = await createPlacer(database.db);
    const rnd = createRandom(7);
    const rows = await generated(rnd);
    sample = [...rows, ...mutate(rnd, rows)];
  });
  afterAll(async () => database?.close());

  it('places thousands of generated rows exactly like the eager index', async () => {
    expect(sample.length).toBeGreaterThan(9000);
    const placed = await compareInBatches(sample, 1000);
    // Not a vacuous comparison: most rows place, and some do not.
    expect(placed).toBeGreaterThan(sample.length / 2);
    expect(placed).toBeLessThan(sample.length);
  });

  it('gives the same answers whatever the batch size (one row per batch)', async () => {
    await compareInBatches(sample.filter((_, i) => i % 13 === 0), 1);
  });

  it.each<[string, PlaceInput, string | null]>([
    ['address names a county of another loaded province', { address: '北京市东城区东华门街道多福巷社区1号', creditCode: withChecks('91', '440305', 'MA01H8T2') }, '110101001001'],
    ['credit code of an unloaded county, address in a loaded one', { address: '深圳市南山区粤海街道科技路1号', creditCode: withChecks('91', '310101', 'MA01H8T2') }, '440305007000'],
    ['credit code of an unloaded county, no usable address', { address: '黄浦区南京东路1号', creditCode: withChecks('91', '310101', 'MA01H8T2') }, null],
    ['county-less city by credit code', { address: '虎门镇某路1号', creditCode: withChecks('91', '441900', 'MA01H8T2') }, '441900'],
    ['county-less city in another province by name', { address: '海南省儋州市那大镇1号', creditCode: withChecks('91', '440305', 'MA01H8T2') }, '460400'],
    ['two 朝阳区: ambiguous unless the city is named', { address: '朝阳区某路1号', creditCode: withChecks('91', '440300', 'MA01H8T2') }, null],
    ['explicit township code', { address: null, creditCode: 'x', regionCode: '440305007000' }, '440305007000'],
  ])('%s', async (_name, input, prefix) => {
    const lazy = await createLazyPlacer(database.db);
    await lazy.prepare([input]);
    const got = lazy.place(input);
    expect(got).toEqual(eager.place(input));
    if (prefix) expect(got.regionCode?.startsWith(prefix)).toBe(true);
  });

  it('loads only the counties a batch needs', async () => {
    const lazy = await createLazyPlacer(database.db);
    const before = lazy.stats();
    const shenzhen = sample.filter((s) => s.creditCode.slice(2, 6) === '4403' && !s.regionCode && s.address?.startsWith('深圳')).slice(0, 200);
    await lazy.prepare(shenzhen);
    const after = lazy.stats();
    expect(after.counties).toBeGreaterThan(0);
    expect(after.counties).toBeLessThanOrEqual(12); // 深圳 has 10 districts (+ 东莞-style neighbours named in addresses)
    await lazy.prepare(shenzhen); // already loaded: nothing more
    expect(lazy.stats()).toEqual(after);
    expect(before.nodes).toBeLessThan(after.nodes);
  });

  it('property: composed addresses place alike', async () => {
    const words = ['北京市', '东城区', '朝阳区', '长春市', '深圳市', '南山区', '福田区', '粤海街道', '南山', '东莞市', '虎门镇', '虎门', '中山市',
      '儋州市', '那大镇', '东华门街道', '东华门', '多福巷社区', '多福巷', '沙田', '沙田镇', '城郊', '科技路', '1号', '上海市', '黄浦区', '南京东路'];
    const codes = ['440305', '441900', '442000', '460400', '110101', '110105', '220104', '310101', '440300', '110000', '000000'];
    const explicit = [null, '440305007000', '441900003000', '440300000000', '110105000000', '310101001001', '460400000000'];
    const lazy = await createLazyPlacer(database.db);
    await fc.assert(fc.asyncProperty(
      fc.array(fc.constantFrom(...words), { maxLength: 6 }), fc.constantFrom(...codes), fc.constantFrom(...explicit),
      async (parts, county6, regionCode) => {
        const input = { address: parts.join(''), creditCode: withChecks('91', county6, 'MA01H8T2'), regionCode };
        await lazy.prepare([input]);
        expect(lazy.place(input)).toEqual(eager.place(input));
      },
    ), { numRuns: 500 });
  });
});
