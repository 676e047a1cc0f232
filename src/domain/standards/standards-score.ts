import type { ChecklistVersion, ReviewLevel } from './standards-types.js';

/**
 * Scoring a checklist (docs/standards.md): a reviewer marks each item between 0 and its weight; the
 * total is their sum; the star level is the highest threshold of the version the total reaches; below
 * the pass mark the result is 未达标. Pure, so the review form shows the same figures the server keeps.
 */
export type MarkFault = { key: string; code: 'UNKNOWN_ITEM' | 'MISSING_MARK' | 'MARK_OUT_OF_RANGE'; message: string };

export function checkMarks(v: ChecklistVersion, marks: Record<string, number>): MarkFault[] {
  const faults: MarkFault[] = [];
  const keys = new Set(v.items.map((i) => i.key));
  for (const k of Object.keys(marks)) if (!keys.has(k)) faults.push({ key: k, code: 'UNKNOWN_ITEM', message: '不是本标准的条目' });
  for (const i of v.items) {
    const m = marks[i.key];
    if (m === undefined) faults.push({ key: i.key, code: 'MISSING_MARK', message: `请为“${i.title}”打分` });
    else if (!(m >= 0 && m <= i.weight) || Math.round(m * 2) !== m * 2) faults.push({ key: i.key, code: 'MARK_OUT_OF_RANGE', message: `“${i.title}”的得分应在0至${i.weight}分之间（可为0.5分）` });
  }
  return faults;
}

export const totalOf = (v: ChecklistVersion, marks: Record<string, number>): number =>
  v.items.reduce((s, i) => s + (marks[i.key] ?? 0), 0);

/** Stars for a total: 0 = 达标 without a star level, null = 未达标. */
export function starsFor(v: ChecklistVersion, total: number): number | null {
  if (total < v.passMark) return null;
  return [...v.stars].sort((a, b) => b.min - a.min).find((t) => total >= t.min)?.stars ?? 0;
}

/**
 * The named grade a total reaches (the highest threshold met), or null when the template names no grades
 * or the total reaches none. Read from the assessment's own version, so a later version never regrades it.
 */
export function gradeFor(v: ChecklistVersion, total: number | null): string | null {
  if (!v.grades || total === null) return null;
  return [...v.grades.thresholds].sort((a, b) => b.min - a.min).find((t) => total >= t.min)?.grade ?? null;
}

export const resultLabel = (stars: number | null): string => (stars === null ? '未达标' : stars === 0 ? '达标' : `${'★'.repeat(stars)}（${stars}星）`);

/** The level that reviews next after `passed` levels, or null when every level has passed. */
export function nextLevel(v: ChecklistVersion, passed: readonly ReviewLevel[]): ReviewLevel | null {
  return v.reviewLevels.find((l) => !passed.includes(l)) ?? null;
}

export const weightsSum = (v: ChecklistVersion): number => v.items.reduce((s, i) => s + i.weight, 0);
