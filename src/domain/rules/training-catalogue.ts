import type { Severity } from './catalogue.js';
import { DOC, PLATFORM_RULE } from './citations.js';

/**
 * Training findings (issue 15 item 3): a 党组织书记's yearly training hours. A catalogue of its own,
 * like life-catalogue.ts. The 发展对象's 24 学时 are the member rules' (member.trainingMissing,
 * 细则第十七条): the recruitment case reads the recorded hours (src/core/recruitment/recruitment.mapper.ts).
 */
export type TrainingRuleId = 'training.secretaryUntrained' | 'training.secretaryShort';
export type TrainingRuleEntry = { id: TrainingRuleId; severity: Severity; title: string };

export const TRAINING_RULE_CATALOGUE: Record<TrainingRuleId, TrainingRuleEntry> = {
  'training.secretaryUntrained': { id: 'training.secretaryUntrained', severity: 'warning', title: '党组织书记本年度未参加培训' },
  'training.secretaryShort': { id: 'training.secretaryShort', severity: 'info', title: '党组织书记本年度培训学时不足' },
};

/** A dated version of the yearly hours a secretary is expected to train, with its source in Chinese. */
export type SecretaryHoursVersion = { hours: number; validFrom: string; validTo?: string; source: string };

// domain-rules §2 "Annual study hours": secretaries and committee members ≥ 56 学时 a year, from the
// 2019–2023 plan (◐: the 2024–2028 plan was not checked, so from 2024 it is kept as a platform rule).
const PLAN = '《2019—2023年全国党员教育培训工作规划》';
export const SECRETARY_HOURS_VERSIONS: readonly SecretaryHoursVersion[] = [
  { hours: 56, validFrom: '2019-01-01', validTo: '2024-01-01', source: `${PLAN}（基层党组织书记和班子成员每年集中学习培训不少于56学时）` },
  { hours: 56, validFrom: '2024-01-01', source: `${PLATFORM_RULE}（沿用${PLAN}每年不少于56学时的要求，可按地方要求调整）` },
];

/** The province's own figure (培训和党建保障设置), when set, replaces the default and is cited first. */
export function secretaryHoursOn(date: string, override?: number): SecretaryHoursVersion | null {
  const v = SECRETARY_HOURS_VERSIONS.find((x) => x.validFrom <= date && (x.validTo === undefined || date < x.validTo));
  if (!v || override === undefined || override === v.hours) return v ?? null;
  return { ...v, hours: override, source: `本辖区设置：书记每年培训不少于${override}学时（默认${v.hours}学时，${v.source}）` };
}

export type TrainingFinding = { ruleId: TrainingRuleId; severity: Severity; title: string; message: string; source: string };

/**
 * A secretary's year as of a day: no hours at all is a warning (untrained this year); fewer than
 * the yearly hours only a reminder, since the year may still hold the training.
 */
export function secretaryTrainingFinding(who: string, hoursThisYear: number, asOf: string, override?: number): TrainingFinding | null {
  const v = secretaryHoursOn(asOf, override);
  if (!v || hoursThisYear >= v.hours) return null;
  const year = asOf.slice(0, 4);
  const id: TrainingRuleId = hoursThisYear === 0 ? 'training.secretaryUntrained' : 'training.secretaryShort';
  const e = TRAINING_RULE_CATALOGUE[id];
  const message = hoursThisYear === 0
    ? `${who}${year}年未参加培训（每年应不少于${v.hours}学时）`
    : `${who}${year}年参加培训${hoursThisYear}学时，不足${v.hours}学时`;
  return { ruleId: id, severity: e.severity, title: e.title, message, source: v.source };
}
