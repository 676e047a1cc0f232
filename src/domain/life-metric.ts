/**
 * 组织生活达标率 (docs/life.md, "In the coverage analytics"): a figure about organisations, not
 * enterprises — of the active 党支部 a reader sees, those whose year so far is 达标 (every period
 * that has ended held, no dormancy) over all of them. It sits beside the enterprise metrics of
 * src/domain/metrics.ts with the same pair semantics (pairs add up across regions), but is counted
 * by the roll-up query, so it drills to organisations; month-end snapshots taken from issue 15 on
 * record it too (src/core/coverage/life-snapshot.ts), older months have no value.
 */
export const LIFE_METRIC = {
  id: 'lifeCompliance',
  label: '组织生活达标率',
  population: '正常运转的党支部（本年截至统计日）',
  numeratorLabel: '组织生活达标的党支部',
  denominatorLabel: '党支部',
  higherIsBetter: true,
  subject: 'partyOrg',
} as const;
export type LifeMetricId = typeof LIFE_METRIC.id;
