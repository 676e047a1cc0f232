import type { MetricDef, Pair } from './metrics.js';
import { ratePercent } from './metrics.js';

/**
 * Campaign targets (工作目标, docs/metrics.md "Campaign targets"): an office sets, for its area, a
 * rate one coverage metric must reach by a deadline. Progress is read off the same figure pairs the
 * statistics page shows; everything here is pure arithmetic on those pairs, in whole enterprises (or
 * people, for 职工入会率) — never on rounded percentages, so "还差 N 户" is exact.
 */
export type TargetStatus = 'met' | 'inProgress' | 'missed' | 'noPopulation';

export const TARGET_STATUS_LABEL: Record<TargetStatus, string> = {
  met: '已达到目标', inProgress: '推进中', missed: '逾期未完成', noPopulation: '暂无统计对象',
};

/** A target rate in percent with at most one decimal, as tenths of a percent (95.5 → 955). */
export const rateTenths = (rate: number): number => Math.round(rate * 10);

/**
 * How far a pair is from the target, in the metric's own units (enterprises or people), never
 * negative. Higher-is-better: ceil(target × denominator) − numerator. Lower-is-better (书记空缺率
 * "不高于"): numerator − floor(target × denominator).
 */
export function targetGap(targetRate: number, pair: Pair, higherIsBetter: boolean): number {
  const scaled = rateTenths(targetRate) * pair.denominator; // target × denominator × 1000
  const gap = higherIsBetter ? Math.ceil(scaled / 1000) - pair.numerator : pair.numerator - Math.floor(scaled / 1000);
  return Math.max(0, gap);
}

/** Whole days from `from` to `to` (ISO dates); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export type ChildFigure = { key: string; label: string; pair: Pair };
export type BehindChild = { region: string; name: string; numerator: number; denominator: number; rate: number | null; gap: number };
export type Progress = {
  numerator: number; denominator: number; rate: number | null; gap: number;
  /** '户' for counts of enterprises, '人' for counts of people (职工入会率). */
  unit: '户' | '人';
  status: TargetStatus; statusLabel: string;
  /** Days from the figures' date to the deadline; negative once it has passed. */
  daysLeft: number;
  /** Sub-areas (streets of a district, communities of a street) whose own figure misses the target, largest gap first. */
  behind: BehindChild[];
};

export type TargetTerms = { targetRate: number; deadline: string };

/**
 * Progress of one target at `asOf`: met when the gap is zero; once the deadline has passed an
 * unmet target is 'missed' (逾期未完成) — it stays on screen until withdrawn. A sub-area is behind
 * when its own gap is above zero (below the target rate itself, not a pace line; docs/metrics.md).
 */
export function progressOf(t: TargetTerms, def: Pick<MetricDef, 'higherIsBetter' | 'numeratorMeasure'>, pair: Pair, children: ChildFigure[], asOf: string): Progress {
  const gap = pair.denominator > 0 ? targetGap(t.targetRate, pair, def.higherIsBetter) : 0;
  const daysLeft = daysBetween(asOf, t.deadline);
  const status: TargetStatus = pair.denominator === 0 ? 'noPopulation' : gap === 0 ? 'met' : daysLeft < 0 ? 'missed' : 'inProgress';
  const behind = children
    .filter((c) => c.pair.denominator > 0)
    .map((c) => ({ region: c.key, name: c.label, numerator: c.pair.numerator, denominator: c.pair.denominator, rate: ratePercent(c.pair), gap: targetGap(t.targetRate, c.pair, def.higherIsBetter) }))
    .filter((c) => c.gap > 0)
    .sort((a, b) => b.gap - a.gap || a.region.localeCompare(b.region));
  return {
    numerator: pair.numerator, denominator: pair.denominator, rate: ratePercent(pair), gap,
    unit: def.numeratorMeasure === 'count' ? '户' : '人', status, statusLabel: TARGET_STATUS_LABEL[status], daysLeft, behind,
  };
}

/** "还差 12 户企业" / "还需减少 3 户企业" / "还差 40 人": the gap in an official's words. */
export function gapPhrase(p: Pick<Progress, 'gap' | 'unit'>, higherIsBetter: boolean): string {
  if (p.gap === 0) return '已达到目标';
  const what = p.unit === '户' ? `${p.gap} 户企业` : `${p.gap} 人`;
  return higherIsBetter ? `还差 ${what}` : `还需减少 ${what}`;
}

/** "距期限 120 天" / "今天到期" / "已逾期 5 天". */
export function deadlinePhrase(daysLeft: number): string {
  return daysLeft > 0 ? `距期限 ${daysLeft} 天` : daysLeft === 0 ? '今天到期' : `已逾期 ${-daysLeft} 天`;
}
