import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, fromDay, isIsoDate, resolveRules, RULE_SET, termYearsAt, toDay } from '../../src/domain/rules/index.js';

describe('day numbers', () => {
  it('property: fromDay ∘ toDay is the identity and agrees with Date.UTC', () => {
    fc.assert(fc.property(fc.integer({ min: -100_000, max: 100_000 }), (day) => {
      const iso = fromDay(day);
      expect(toDay(iso)).toBe(day);
      expect(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000).toBe(day);
      expect(isIsoDate(iso)).toBe(true);
    }));
  });

  it.each([['2024-02-29', true], ['2023-02-29', false], ['2025-13-01', false], ['2025-6-1', false], ['2025-06-31', false]])('isIsoDate(%s) = %s', (d, ok) => {
    expect(isIsoDate(d)).toBe(ok);
  });

  it('addMonths clamps to the month end', () => {
    expect(fromDay(addMonths(toDay('2024-08-31'), -6))).toBe('2024-02-29');
    expect(fromDay(addMonths(toDay('2024-01-31'), 1))).toBe('2024-02-29');
    expect(fromDay(addMonths(toDay('2024-02-29'), 12))).toBe('2025-02-28');
  });
});

describe('rule set resolution (domain-rules §1.2, §6.2, §9.1–9.2)', () => {
  it.each<[string, 'branch' | 'generalBranch' | 'committee', number]>([
    ['2017-10-23', 'branch', 2],
    ['2017-10-24', 'branch', 3],
    ['2018-07-11', 'committee', 3],
    ['2018-07-12', 'committee', 5],
    ['2024-01-01', 'generalBranch', 3],
  ])('§1.2 term on %s for %s = %i years', (date, type, years) => {
    expect(termYearsAt(type, date)).toBe(years);
  });

  it('§6.2 province overrides: 25 in 北京 and 上海, 10 elsewhere, with their own sources', () => {
    expect(resolveRules('2025-01-01', '44').womenCommitteeMin).toBe(10);
    const bj = resolveRules('2025-01-01', '11');
    expect(bj.womenCommitteeMin).toBe(25);
    expect(bj.params['union.womenCommitteeMinFemaleMembers'].overriddenBy).toBe('11');
    expect(bj.params['union.womenCommitteeMinFemaleMembers'].source).toContain('北京');
    expect(resolveRules('2025-01-01', '31').params['union.bargainingReplyDays'].value).toBe(15);
  });

  it('a date before every version uses the earliest and says so', () => {
    const r = resolveRules('2010-01-01');
    expect(r.jointMaxUnits).toBe(5);
    expect(r.params['party.jointMaxUnits'].beforeFirstVersion).toBe(true);
    expect(r.params['party.standaloneMinFullMembers'].beforeFirstVersion).toBeUndefined();
  });

  it('every parameter cites its text in Chinese, names no section or doc, and has a confidence mark', () => {
    const versions = [...RULE_SET.params.flatMap((p) => p.versions), ...Object.values(RULE_SET.overrides).flatMap((o) => Object.values(o).flat())];
    for (const v of versions) {
      expect(v.source).toMatch(/《|本平台工作规则|旗帜网/);
      expect(JSON.stringify(v)).not.toMatch(/§|domain-rules|design/);
      expect(['✅', '◐', '❓', '⚠', '✅⚠', '◐⚠']).toContain(v.confidence);
    }
  });

  it('versions of a parameter do not overlap', () => {
    for (const p of RULE_SET.params) {
      const sorted = [...p.versions].sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
      for (let i = 1; i < sorted.length; i++) expect(sorted[i - 1].validTo).toBe(sorted[i].validFrom);
    }
  });
});
