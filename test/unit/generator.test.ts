import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validateCreditCode } from '../../src/domain/credit-code.js';
import { generateEnterprises, type GeneratedItem } from '../../src/core/generator/enterprises.js';
import { creditCodeMaker } from '../../src/core/generator/credit-codes.js';
import { loadPlaceChains, type PlaceChain } from '../../src/core/generator/region-pool.js';
import { readDivisions, type DivisionRow } from '../../src/core/region/division-source.js';
import { buildRegionIndex } from '../../src/core/region/region-index.js';
import { placerFromIndex } from '../../src/core/region/placement.js';
import { createRandom } from '../../src/core/generator/random.js';

let chains: PlaceChain[];
let items: GeneratedItem[];
beforeAll(async () => {
  chains = await loadPlaceChains('4403');
  items = [];
  for await (const it of generateEnterprises({ count: 5000, seed: 11, chains })) items.push(it);
});

const collect = async (opts: Parameters<typeof generateEnterprises>[0]) => {
  const out: GeneratedItem[] = [];
  for await (const it of generateEnterprises(opts)) out.push(it);
  return out;
};

describe('generator', () => {
  it('is deterministic by seed and differs across seeds', async () => {
    const again = await collect({ count: 200, seed: 11, chains });
    expect(again.map((i) => i.row)).toEqual(items.slice(0, 200).map((i) => i.row));
    const other = await collect({ count: 200, seed: 12, chains });
    expect(other.map((i) => i.row.creditCode)).not.toEqual(again.map((i) => i.row.creditCode));
  });

  it('every credit code is valid, unique and carries a real county or city of the region', () => {
    const codes = items.map((i) => i.row.creditCode);
    expect(new Set(codes).size).toBe(codes.length);
    const counties = new Set(chains.map((c) => c.county6));
    for (const code of codes) {
      expect(validateCreditCode(code).ok, code).toBe(true);
      expect(counties.has(code.slice(2, 8)) || code.slice(2, 8) === '440300', code).toBe(true);
    }
  });

  it('code maker is a bijection on ordinals: no collisions (property)', () => {
    const make = creditCodeMaker(3);
    fc.assert(fc.property(fc.integer({ min: 0, max: 887_000_000 }), fc.integer({ min: 0, max: 887_000_000 }), fc.boolean(), (a, b, modern) => {
      fc.pre(a !== b);
      return make(a, '440305', modern) !== make(b, '440305', modern) && validateCreditCode(make(a, '440305', modern)).ok;
    }));
  });

  it('distributions look like real exports', () => {
    const n = items.length;
    const share = (pred: (i: GeneratedItem) => boolean) => items.filter(pred).length / n;
    expect(share((i) => i.row.operatingStatus.startsWith('存续'))).toBeGreaterThan(0.8);
    expect(share((i) => i.row.operatingStatus.startsWith('存续'))).toBeLessThan(0.9);
    expect(share((i) => i.row.operatingStatus === '注销')).toBeGreaterThan(0.03);
    expect(share((i) => i.row.operatingStatus === '注销')).toBeLessThan(0.07);
    const employees = items.map((i) => Number(i.row.employeeCount)).filter((e) => e > 0).sort((a, b) => a - b);
    const median = employees[Math.floor(employees.length / 2)];
    expect(median).toBeGreaterThanOrEqual(6);
    expect(median).toBeLessThanOrEqual(11);
    expect(employees.at(-1)).toBeGreaterThan(300); // the long tail
    const years = items.map((i) => Number(i.row.foundedOn.slice(0, 4)));
    expect(Math.min(...years)).toBeGreaterThanOrEqual(1995);
    expect(Math.max(...years)).toBeLessThanOrEqual(2026);
    expect(items.every((i) => /^\d{4}-\d{2}-\d{2}$/.test(i.row.foundedOn) && i.row.foundedOn <= '2026-10-31')).toBe(true);
  });

  it('addresses are placeable: most rows land in the community they were generated in', async () => {
    const rows: DivisionRow[] = [];
    for await (const r of readDivisions(['4403'])) rows.push(r);
    const placer = placerFromIndex(buildRegionIndex(rows));
    let placed = 0;
    let wrong = 0;
    for (const { row, communityCode } of items) {
      const got = placer.place({ address: row.address, creditCode: row.creditCode });
      if (!got.placed) continue;
      placed++;
      // Placement may stop at the township, but must never contradict where the row really is.
      if (!communityCode.startsWith(got.regionCode!.slice(0, got.level === 5 ? 12 : 9))) wrong++;
    }
    expect(placed / items.length).toBeGreaterThan(0.85);
    expect(wrong).toBe(0);
  });

  it('--with-faults injects every kind and names the rows', async () => {
    const faulty = await collect({ count: 400, seed: 5, chains, withFaults: true });
    const faults = faulty.filter((i) => i.fault);
    expect(new Set(faults.map((f) => f.fault))).toEqual(new Set(['bad_check_char', 'bad_date', 'missing_name', 'exact_duplicate', 'conflicting_duplicate']));
    for (const f of faults) {
      if (f.fault === 'bad_check_char') expect(validateCreditCode(f.row.creditCode).ok).toBe(false);
      if (f.fault === 'missing_name') expect(f.row.name).toBe('');
      if (f.fault === 'exact_duplicate') expect(f.row).toEqual(faulty[f.duplicateOf!].row);
      if (f.fault === 'conflicting_duplicate') {
        expect(f.row.creditCode).toBe(faulty[f.duplicateOf!].row.creditCode);
        expect(f.row).not.toEqual(faulty[f.duplicateOf!].row);
      }
    }
  });

  it('the PRNG is uniform enough and seeded', () => {
    const r = createRandom(1);
    const xs = Array.from({ length: 10000 }, () => r.next());
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
    expect(createRandom(9).next()).toBe(createRandom(9).next());
  });
});
