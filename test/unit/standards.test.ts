import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sniffMediaType } from '../../src/domain/attachment.js';
import { CHECKLIST_VERSIONS, checklistVersionOn, checklistsOn } from '../../src/domain/standards/standards-catalogue.js';
import { checkMarks, nextLevel, starsFor, totalOf, weightsSum } from '../../src/domain/standards/standards-score.js';

/**
 * Standards as data (docs/standards.md): every template's weights make 100, its thresholds are
 * ordered, its items cite a source in Chinese; scoring and stars follow the thresholds of the version;
 * attachments are judged by their first bytes.
 */
describe('checklist catalogue', () => {
  it.each(CHECKLIST_VERSIONS.map((v) => [v.templateId, v] as const))('%s: weights make 100, thresholds above the pass mark, sources in Chinese', (_id, v) => {
    expect(weightsSum(v)).toBe(100);
    expect(new Set(v.items.map((i) => i.key)).size).toBe(v.items.length);
    for (const t of v.stars) expect(t.min).toBeGreaterThanOrEqual(v.passMark);
    expect(v.source).toMatch(/[《“]/);
    if (v.localPractice) expect(v.source).toMatch(/地方实施办法|各地/);
    expect(v.reviewLevels[0]).toBe('street');
  });

  it('picks the version in force on a day; none before the first', () => {
    expect(checklistVersionOn('partySixHave', '2018-12-31')).toBeUndefined();
    expect(checklistVersionOn('partySixHave', '2026-12-04')?.validFrom).toBe('2019-01-01');
    expect(checklistsOn('2026-12-04', 'union').map((v) => v.templateId)).toEqual(['unionSixHave', 'workersHome']);
  });
});

describe('scoring', () => {
  const v = checklistVersionOn('partySevenHave', '2026-12-04')!;
  const full = Object.fromEntries(v.items.map((i) => [i.key, i.weight]));

  it('table: totals and stars by the version\'s thresholds', () => {
    const cases: Array<[number, number | null]> = [[100, 5], [95, 5], [94.5, 4], [85, 4], [75, 3], [65, 2], [60, 1], [59.5, null]];
    for (const [total, stars] of cases) expect(starsFor(v, total), String(total)).toBe(stars);
    expect(totalOf(v, full)).toBe(100);
  });

  it('refuses marks outside 0..weight, in other than half points, missing or unknown', () => {
    expect(checkMarks(v, full)).toEqual([]);
    expect(checkMarks(v, { ...full, site: 16 }).map((f) => [f.key, f.code])).toEqual([['site', 'MARK_OUT_OF_RANGE']]);
    expect(checkMarks(v, { ...full, site: 1.25 }).map((f) => f.code)).toEqual(['MARK_OUT_OF_RANGE']);
    const { site: _drop, ...less } = full;
    expect(checkMarks(v, { ...less, picnic: 1 }).map((f) => f.code).sort()).toEqual(['MISSING_MARK', 'UNKNOWN_ITEM']);
  });

  it('property: any valid marks give a total within 0..100 and stars monotone in the total', () => {
    fc.assert(fc.property(fc.array(fc.nat({ max: 40 }), { minLength: v.items.length, maxLength: v.items.length }), (xs) => {
      const marks = Object.fromEntries(v.items.map((i, k) => [i.key, Math.min(i.weight, xs[k]! / 2)]));
      expect(checkMarks(v, marks)).toEqual([]);
      const t = totalOf(v, marks);
      expect(t).toBeGreaterThanOrEqual(0);
      expect(t).toBeLessThanOrEqual(100);
      const s = starsFor(v, t) ?? -1;
      expect((starsFor(v, Math.min(100, t + 0.5)) ?? -1) >= s).toBe(true);
    }), { seed: 27, numRuns: 200 });
  });

  it('levels: street, then district, then done', () => {
    expect(nextLevel(v, [])).toBe('street');
    expect(nextLevel(v, ['street'])).toBe('district');
    expect(nextLevel(v, ['street', 'district'])).toBeNull();
    expect(nextLevel(checklistVersionOn('partySixHave', '2026-12-04')!, ['street'])).toBeNull();
  });
});

describe('attachment types by content', () => {
  const b = (...x: number[]) => Uint8Array.from(x);
  it('table', () => {
    expect(sniffMediaType(b(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg');
    expect(sniffMediaType(b(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('image/png');
    expect(sniffMediaType(new TextEncoder().encode('%PDF-1.7'))).toBe('application/pdf');
    expect(sniffMediaType(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode('....[Content_Types].xml')]))).toBe('application/vnd.openxmlformats-officedocument');
    expect(sniffMediaType(b(0x50, 0x4b, 0x03, 0x04, 0x41))).toBeNull(); // a ZIP that is not an office file
    expect(sniffMediaType(new TextEncoder().encode('<html><script>'))).toBeNull();
    expect(sniffMediaType(new TextEncoder().encode('MZ\x90\x00'))).toBeNull();
  });
});
