import { daysFromCivil, fromDay } from './dates.js';
import { FREQUENCY_MONTHS, type Frequency } from './life-catalogue.js';

/**
 * Calendar periods of a frequency, numbered from year 0 (a month index is y·12 + m − 1, a period
 * index is the month index divided by the period's length). Pure integer arithmetic.
 */

export type Period = { index: number; key: string; label: string; from: string; to: string };

/** The month index of a `YYYY-MM-DD` (or `YYYY-MM`) string. */
export const monthIndexOf = (date: string): number => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;

export const periodIndexOf = (date: string, every: Frequency): number => Math.floor(monthIndexOf(date) / FREQUENCY_MONTHS[every]);

const pad = (n: number) => String(n).padStart(2, '0');

function firstDay(monthIndex: number): number {
  return daysFromCivil(Math.floor(monthIndex / 12), (monthIndex % 12) + 1, 1);
}

export function periodOf(index: number, every: Frequency): Period {
  const size = FREQUENCY_MONTHS[every];
  const first = index * size;
  const y = Math.floor(first / 12);
  const n = (first % 12) / size + 1;
  const key = every === 'month' ? `${y}-${pad(n)}` : every === 'quarter' ? `${y}-Q${n}` : every === 'halfYear' ? `${y}-H${n}` : `${y}`;
  const label = every === 'month' ? `${y}年${n}月` : every === 'quarter' ? `${y}年第${n}季度` : every === 'halfYear' ? `${y}年${n === 1 ? '上' : '下'}半年` : `${y}年`;
  return { index, key, label, from: fromDay(firstDay(first)), to: fromDay(firstDay(first + size) - 1) };
}

/** The periods of a frequency that fall in a calendar year, in order. */
export function periodsOfYear(year: number, every: Frequency): Period[] {
  const size = FREQUENCY_MONTHS[every];
  const first = (year * 12) / size;
  return Array.from({ length: 12 / size }, (_, i) => periodOf(first + i, every));
}
