import type { OrgType } from '../db/tables/organisation.js';

/**
 * Term arithmetic for party organisations and unions. Pure.
 * Default terms for a non-public enterprise after 2018-07-12 (domain-rules §1.2, 中办《关于党的基层
 * 组织任期的意见》): 基层党委 5 years; 党总支 / 党支部 3 years. Before that date the 2017 党章 range
 * (3–5 years) applied with 3 as the common choice. A recorded `termYears` always wins.
 */
export function defaultTermYears(orgType: OrgType): number {
  return orgType === 'committee' ? 5 : 3;
}

/** YYYY-MM-DD plus whole years; 29 February falls back to 28 February in a common year. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const ny = y + years;
  const last = new Date(Date.UTC(ny, m, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Today's date in China (UTC+8, no daylight saving), the business calendar of every record. */
export function todayInChina(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Whether [since, until) holds on `date` (until = the first day it no longer holds). */
export const holdsOn = (since: string, until: string | null, date: string): boolean =>
  since <= date && (until === null || until > date);
