import { describe, expect, it } from 'vitest';
import { daysBetween, deadlinePhrase, gapPhrase, progressOf, targetGap } from '../../src/domain/campaign.js';

/** Gap = ceil(target × denominator) − numerator (never negative); lower-is-better counts down. */
describe('targetGap', () => {
  it.each([
    // rate, numerator, denominator, higherIsBetter, gap
    [100, 3, 7, true, 4],
    [90, 3, 7, true, 4], // ceil(6.3) = 7
    [90, 63, 70, true, 0], // exactly 90%
    [95.5, 0, 1000, true, 955],
    [95.5, 954, 1000, true, 1],
    [80, 10, 10, true, 0], // above the target: never negative
    [0, 0, 5, true, 0],
    [5, 2, 20, false, 1], // at most floor(1) vacant
    [5, 1, 20, false, 0],
    [0, 3, 9, false, 3],
  ] as const)('%s%% with %s/%s (higher is better: %s) → %s', (rate, numerator, denominator, higher, gap) => {
    expect(targetGap(rate, { numerator, denominator }, higher)).toBe(gap);
  });
});

describe('progressOf', () => {
  const def = { higherIsBetter: true, numeratorMeasure: 'count' as const };
  const kids = [
    { key: '330106001', label: '北山街道', pair: { numerator: 3, denominator: 4 } },
    { key: '330106002', label: '西溪街道', pair: { numerator: 0, denominator: 2 } },
    { key: '330106003', label: '空街道', pair: { numerator: 0, denominator: 0 } },
  ];
  it('gap, days left and the sub-areas behind, largest gap first', () => {
    const p = progressOf({ targetRate: 90, deadline: '2027-06-30' }, def, { numerator: 3, denominator: 7 }, kids, '2027-06-01');
    expect(p).toMatchObject({ gap: 4, unit: '户', status: 'inProgress', daysLeft: 29, rate: 42.9 });
    expect(p.behind.map((b) => [b.name, b.gap])).toEqual([['西溪街道', 2], ['北山街道', 1]]);
  });
  it('a passed deadline with a gap is missed; met stays met', () => {
    expect(progressOf({ targetRate: 90, deadline: '2026-01-31' }, def, { numerator: 3, denominator: 7 }, [], '2026-02-02')).toMatchObject({ status: 'missed', statusLabel: '逾期未完成', daysLeft: -2 });
    expect(progressOf({ targetRate: 40, deadline: '2026-01-31' }, def, { numerator: 3, denominator: 7 }, [], '2026-02-02').status).toBe('met');
    expect(progressOf({ targetRate: 40, deadline: '2026-01-31' }, def, { numerator: 0, denominator: 0 }, [], '2026-01-02')).toMatchObject({ status: 'noPopulation', gap: 0, rate: null });
  });
  it('people, not enterprises, for 职工入会率', () => {
    const p = progressOf({ targetRate: 80, deadline: '2027-01-01' }, { higherIsBetter: true, numeratorMeasure: 'union_members' }, { numerator: 70, denominator: 100 }, [], '2026-12-01');
    expect(gapPhrase(p, true)).toBe('还差 10 人');
  });
  it('phrases', () => {
    expect(gapPhrase({ gap: 12, unit: '户' }, true)).toBe('还差 12 户企业');
    expect(gapPhrase({ gap: 2, unit: '户' }, false)).toBe('还需减少 2 户企业');
    expect(gapPhrase({ gap: 0, unit: '户' }, true)).toBe('已达到目标');
    expect(deadlinePhrase(0)).toBe('今天到期');
    expect(deadlinePhrase(-5)).toBe('已逾期 5 天');
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
  });
});
