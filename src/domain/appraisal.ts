/**
 * 述职评议 of a secretary and 考核 of an instructor (issue 15 item 6; docs/annual-report.md): the
 * score sheet as a template versioned by date, the grade thresholds that belong to it, and the
 * arithmetic from reviewers' marks to a total and a grade. Pure: no I/O.
 *
 * The sheets are the platform's default (本地评分表), shaped on the duties of 《中国共产党支部工作
 * 条例（试行）》第九条 (the branch's tasks) and the instructor's assignment duties; a district that
 * issues its own sheet adds a version with its own validity dates.
 */
export const APPRAISAL_KINDS = ['secretary', 'instructor'] as const;
export type AppraisalKind = (typeof APPRAISAL_KINDS)[number];
export const APPRAISAL_KIND_LABELS: Record<AppraisalKind, string> = { secretary: '党组织书记抓党建述职评议', instructor: '党建指导员考核' };

export const REVIEWER_LEVELS = ['street', 'district'] as const;
export type ReviewerLevel = (typeof REVIEWER_LEVELS)[number];
export const REVIEWER_LABELS: Record<ReviewerLevel, string> = { street: '街道评分', district: '区评分' };

export const GRADES = ['excellent', 'competent', 'basic', 'incompetent'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_LABELS: Record<Grade, string> = { excellent: '优秀', competent: '称职', basic: '基本称职', incompetent: '不称职' };

/** What the records can say about an item; the evidence providers (src/core/appraisal) answer each key. */
export type EvidenceKey = 'meetingsHeld' | 'recruitmentSteps' | 'trainingHours' | 'annualReport' | 'visits' | 'gapsClosed' | 'duesRate';

export type SheetItem = { key: string; label: string; weight: number; evidence: EvidenceKey | null; guide: string };
export type AppraisalTemplate = {
  id: string; kind: AppraisalKind; name: string; validFrom: string; validTo: string | null; source: string;
  items: SheetItem[];
  /** Lowest total for each grade, highest first; the last is 0. */
  thresholds: Array<{ grade: Grade; min: number }>;
};

const THRESHOLDS: AppraisalTemplate['thresholds'] = [{ grade: 'excellent', min: 90 }, { grade: 'competent', min: 75 }, { grade: 'basic', min: 60 }, { grade: 'incompetent', min: 0 }];

export const APPRAISAL_TEMPLATES: readonly AppraisalTemplate[] = [
  {
    id: 'secretary-2024', kind: 'secretary', name: '两新组织党组织书记抓党建工作述职评议评分表', validFrom: '2024-01-01', validTo: null,
    source: '本地评分表（依据《中国共产党支部工作条例（试行）》第九条所列支部基本任务设置）', thresholds: THRESHOLDS,
    items: [
      { key: 'life', label: '落实“三会一课”等组织生活制度', weight: 25, evidence: 'meetingsHeld', guide: '按规定召开各类会议，应开未开的酌情扣分' },
      { key: 'recruitment', label: '发展党员和党员教育管理', weight: 20, evidence: 'recruitmentSteps', guide: '按程序做好申请人、积极分子、发展对象的培养考察' },
      { key: 'training', label: '书记本人参加培训', weight: 15, evidence: 'trainingHours', guide: '参加上级组织的书记培训，学时达到要求' },
      { key: 'dues', label: '党费收缴', weight: 10, evidence: 'duesRate', guide: '按月足额收缴党费' },
      { key: 'report', label: '年度党建工作报告', weight: 10, evidence: 'annualReport', guide: '按时提交年度报告并通过审核' },
      { key: 'role', label: '发挥作用、促进企业发展', weight: 20, evidence: null, guide: '由评议人根据述职情况评分' },
    ],
  },
  {
    id: 'instructor-2024', kind: 'instructor', name: '党建指导员年度考核评分表', validFrom: '2024-01-01', validTo: null,
    source: '本地评分表（依据党建指导员联系企业的工作职责设置）', thresholds: THRESHOLDS,
    items: [
      { key: 'visits', label: '走访联系企业', weight: 35, evidence: 'visits', guide: '经常走访所联系的企业，记录走访情况' },
      { key: 'gaps', label: '推动组织覆盖', weight: 35, evidence: 'gapsClosed', guide: '所联系企业新建或纳入党组织覆盖' },
      { key: 'training', label: '参加培训', weight: 10, evidence: 'trainingHours', guide: '参加指导员培训' },
      { key: 'role', label: '工作实效和企业评价', weight: 20, evidence: null, guide: '由评议人根据工作情况评分' },
    ],
  },
];

/** The sheet in force on a day for a kind (a year's appraisal uses the one in force on its last day). */
export function templateFor(kind: AppraisalKind, day: string, templates: readonly AppraisalTemplate[] = APPRAISAL_TEMPLATES): AppraisalTemplate {
  const t = templates.filter((x) => x.kind === kind && x.validFrom <= day && (x.validTo === null || x.validTo >= day))
    .sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0];
  if (!t) throw new Error(`no ${kind} appraisal template in force on ${day}`);
  return t;
}

export type Mark = { item: string; reviewer: ReviewerLevel; score: number };

/**
 * The total: for each item, the mean of the marks the reviewers gave it (street and district count
 * alike), summed; null until every item has a mark. Rounded to two decimals.
 */
export function totalOf(t: AppraisalTemplate, marks: Mark[]): number | null {
  let sum = 0;
  for (const item of t.items) {
    const given = marks.filter((m) => m.item === item.key).map((m) => m.score);
    if (!given.length) return null;
    sum += given.reduce((a, b) => a + b, 0) / given.length;
  }
  return Math.round(sum * 100) / 100;
}

export function gradeOf(t: AppraisalTemplate, total: number | null): Grade | null {
  if (total === null) return null;
  return t.thresholds.find((x) => total >= x.min)?.grade ?? null;
}

/** 补贴档次 per grade: a local setting (app_setting `appraisal.settings`); these are the defaults. */
export type AppraisalSettings = { allowance: Record<Grade, string>; version: number };
export const DEFAULT_APPRAISAL_SETTINGS: AppraisalSettings = {
  allowance: { excellent: '一档', competent: '二档', basic: '三档', incompetent: '不发放' }, version: 0,
};

/**
 * Where a subject's appraisal of a year stands on the street's list (docs/annual-report.md,
 * "Appraisals of an area"): no mark yet, marked by some reviewers or items (no total yet), or
 * every item marked (a total and a grade).
 */
export const APPRAISAL_STATES = ['unmarked', 'marking', 'marked'] as const;
export type AppraisalState = (typeof APPRAISAL_STATES)[number];
export const APPRAISAL_STATE_LABELS: Record<AppraisalState, string> = { unmarked: '未评分', marking: '评分中', marked: '已评定' };
