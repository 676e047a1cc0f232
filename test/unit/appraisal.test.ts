import { describe, expect, it } from 'vitest';
import { APPRAISAL_TEMPLATES, gradeOf, templateFor, totalOf, type Mark } from '../../src/domain/appraisal.js';
import { figuresChanged } from '../../src/domain/annual-report.js';

/** The score sheet's arithmetic (docs/annual-report.md "Appraisal"), table-driven. */
const sheet = templateFor('secretary', '2026-12-31');
const all = (score: (w: number) => number, reviewer: Mark['reviewer'] = 'street'): Mark[] => sheet.items.map((i) => ({ item: i.key, reviewer, score: score(i.weight) }));

describe('appraisal sheet', () => {
  it('every template weighs 100 and its thresholds fall to 0', () => {
    for (const t of APPRAISAL_TEMPLATES) {
      expect(t.items.reduce((a, i) => a + i.weight, 0), t.id).toBe(100);
      expect(t.thresholds.at(-1)!.min, t.id).toBe(0);
    }
  });

  it.each([
    ['full marks', all((w) => w), 100, 'excellent'],
    ['90 is 优秀', all((w) => w * 0.9), 90, 'excellent'],
    ['89.99 is 称职', [...all((w) => w * 0.9).slice(1), { item: 'life', reviewer: 'street' as const, score: 22.49 }], 89.99, 'competent'],
    ['75 is 称职', all((w) => w * 0.75), 75, 'competent'],
    ['60 is 基本称职', all((w) => w * 0.6), 60, 'basic'],
    ['59.5 is 不称职', all((w) => w * 0.595), 59.5, 'incompetent'],
  ])('%s', (_name, marks, total, grade) => {
    expect(totalOf(sheet, marks)).toBe(total);
    expect(gradeOf(sheet, total)).toBe(grade);
  });

  it('street and district marks of an item are averaged; an item without a mark leaves no total', () => {
    const marks = [...all((w) => w), ...all((w) => w * 0.8, 'district')];
    expect(totalOf(sheet, marks)).toBe(90);
    expect(totalOf(sheet, marks.filter((m) => m.item !== 'role'))).toBeNull();
    expect(gradeOf(sheet, null)).toBeNull();
  });

  it('a year before any sheet has none', () => {
    expect(() => templateFor('instructor', '2019-12-31')).toThrow();
  });

  it('the changed-since note lists figures whose value moved, by section and label', () => {
    const a = [{ key: 'members', title: '党员队伍', figures: [{ key: 'total', label: '党员总数', value: 3, source: 's' }] }];
    const b = [{ key: 'members', title: '党员队伍', figures: [{ key: 'total', label: '党员总数', value: 4, source: 's' }] }];
    expect(figuresChanged(a, a)).toEqual([]);
    expect(figuresChanged(a, b)).toEqual([{ key: 'members.total', label: '党员队伍：党员总数', submitted: 3, now: 4 }]);
  });
});
