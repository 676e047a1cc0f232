import type { OrgType } from '../db/tables/organisation.js';
import { addYears as addYearsDays, fromDay, termYearsAt, toDay } from './rules/index.js';

/**
 * Term arithmetic for party organisations and unions. Pure.
 * The term length in force on the day of founding or election comes from the rule set
 * (domain-rules §1.2: 党支部 / 党总支 3 years and 基层党委 5 years after 2018-07-12); a recorded
 * `termYears` always wins. The term END is the last day of the term (届满 includes the day),
 * as the rule engine reads it: founded 2021-03-15 with 3 years → ends 2024-03-14.
 */
export function defaultTermYears(orgType: OrgType, electedOn: string | null, regionCode: string | null): number {
  const province = regionCode && regionCode.length >= 2 ? regionCode.slice(0, 2) : null;
  return termYearsAt(orgType, electedOn ?? todayInChina(), province);
}

/** Last day of a term of `years` starting on `from`. */
export const termEnd = (from: string, years: number): string => fromDay(addYearsDays(toDay(from), years) - 1);

/** YYYY-MM-DD plus whole years (29 February falls back to 28 February in a common year). */
export const addYears = (date: string, years: number): string => fromDay(addYearsDays(toDay(date), years));

/** Today's date in China (UTC+8, no daylight saving), the business calendar of every record. */
export function todayInChina(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Whether [since, until) holds on `date` (until = the first day it no longer holds). */
export const holdsOn = (since: string, until: string | null, date: string): boolean =>
  since <= date && (until === null || until > date);
