import { duesFor, monthIndex, monthOf, roundHalfUp, type DuesBracket } from './rules/member-dues.js';
import { BASED_CATEGORIES, DUES_CATEGORIES, type DuesCategory } from './rules/member-facts.js';
import { resolveParam } from './rules/resolve.js';
import { RULE_SET, type RuleSet } from './rules/rule-set.js';

/**
 * The dues of a month as a table (docs/dues.md): for one province and month, every category's
 * brackets (bounds, rate, fixed amount) and the rounding unit — read from the pure rule
 * (rules/member-dues.ts) by walking its brackets, so the month's SQL computes exactly what
 * `duesFor` computes, for a million members at once.
 */
export type DuesTableRow = { category: DuesCategory; bracket: DuesBracket; ruleId: string };
export type DuesMonthTable = { month: string; province: string | null; unitFen: number; rows: DuesTableRow[] };

export const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

export function duesMonthTable(month: string, province: string | null, ruleSet: RuleSet = RULE_SET): DuesMonthTable {
  const unitFen = Math.max(1, Number(resolveParam(ruleSet, 'dues.roundingFen', `${month}-01`, province).value));
  const rows: DuesTableRow[] = [];
  for (const category of DUES_CATEGORIES) {
    if (!BASED_CATEGORIES.has(category)) {
      const r = duesFor({ category }, month, ruleSet, province);
      rows.push({ category, bracket: r.bracket, ruleId: r.ruleId });
      continue;
    }
    let base = 0;
    for (let guard = 0; guard < 20; guard++) {
      const r = duesFor({ category, baseFen: base }, month, ruleSet, province);
      rows.push({ category, bracket: r.bracket, ruleId: r.ruleId });
      if (r.bracket.upToFen === null) break;
      base = r.bracket.upToFen + 1;
    }
  }
  return { month, province, unitFen, rows };
}

/** The amount of a bracket for a base, as the SQL computes it (integer half-up to the unit). */
export const bracketAmount = (b: DuesBracket, baseFen: number, unitFen: number): number =>
  b.fixedFen ?? roundHalfUp(Math.max(0, baseFen) * (b.rateBp ?? 0), 10_000, unitFen);

/** Months from `from` to `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) out.push(monthOf(i));
  return out;
}

/** Months a payment on `paidOn` is late for `month` (0 within the month or before). */
export const monthsLate = (month: string, paidOn: string): number => Math.max(0, monthIndex(paidOn.slice(0, 7)) - monthIndex(month));

/** The share returned to the enterprise organisation: paid × ratio (basis points), half up to the fen. */
export const returnedFen = (paidFen: number, ratioBp: number): number => roundHalfUp(paidFen * ratioBp, 10_000, 1);

export type DuesSettings = {
  /** 党费返还 to the enterprise's organisation, in basis points of what it collected (local setting). */
  returnRatioBp: number;
  /** `onChange`: a new basis recomputes the open months from it on; `yearly`: a basis starts in January. */
  recalcMode: 'onChange' | 'yearly';
  version: number;
};
export const DEFAULT_DUES_SETTINGS: DuesSettings = { returnRatioBp: 0, recalcMode: 'onChange', version: 0 };

export const PAYMENT_METHOD_LABEL = { hand: '手工登记', import: '文件导入' } as const;
