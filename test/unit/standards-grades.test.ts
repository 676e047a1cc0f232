import { describe, expect, it } from 'vitest';
import { checklistVersionOn, CHECKLIST_VERSIONS } from '../../src/domain/standards/standards-catalogue.js';
import { gradeFor, starsFor } from '../../src/domain/standards/standards-score.js';

/**
 * 职工之家 grades (docs/standards.md "职工之家等次"): the reviewed total reaches 模范 (90), 先进 (80) or
 * 合格 (60) 职工之家 by the thresholds of the assessment's own template version; the cut-offs are the
 * platform's working rule and say so; templates without grades give none.
 */
const home = checklistVersionOn('workersHome', '2026-06-30')!;

describe('职工之家 grades', () => {
  it.each([
    [100, '模范职工之家'], [90, '模范职工之家'], [89.5, '先进职工之家'], [80, '先进职工之家'], [79.5, '合格职工之家'],
    [60, '合格职工之家'], [59.5, null], [0, null], [null, null],
  ] as const)('total %s → %s', (total, grade) => {
    expect(gradeFor(home, total)).toBe(grade);
  });

  it('a grade is given exactly when the total passes (合格 starts at the pass mark)', () => {
    for (let total = 0; total <= 100; total += 0.5) expect(gradeFor(home, total) !== null).toBe(starsFor(home, total) !== null);
  });

  it('the thresholds are dated with the template and cite their source in Chinese, marked as the platform rule', () => {
    expect(home.grades?.thresholds.map((g) => g.min)).toEqual([90, 80, 60]);
    expect(home.grades?.source).toMatch(/中华全国总工会/);
    expect(home.grades?.source).toMatch(/本平台工作规则/);
    expect(home.validFrom <= '2026-06-30').toBe(true);
  });

  it('templates that name no grades give none', () => {
    for (const v of CHECKLIST_VERSIONS.filter((x) => x.templateId !== 'workersHome')) expect(gradeFor(v, 100)).toBeNull();
  });
});
