import { fromDay, toDay } from './dates.js';
import type { MemberRuleFacts, PersonRef } from './member-facts.js';
import { resolveParam, resolveRules, type ResolvedRules } from './resolve.js';
import type { ParamId, RuleSet } from './rule-set.js';

/**
 * One member's evaluation: the as-of date, the province, and the rules as they stood on any day
 * the checks ask about (a step is judged by the version in force when it happened), cached.
 */
export type MemberContext = {
  asOf: string;
  day: number;
  ruleSet: RuleSet;
  province: string | null;
  /** The rules on a day (default: the as-of date). */
  at(date?: string): ResolvedRules;
  /** A number of the rules on a day; an exclusive min/max is normalised to an inclusive one. */
  n(id: ParamId, date?: string): number;
  /** Known by the as-of date: a date after it is a plan, and the rules ignore it. */
  known(date: string | null | undefined): date is string;
};

export function memberContext(f: MemberRuleFacts, asOf: string, ruleSet: RuleSet, provinceOverride?: string | null): MemberContext {
  const province = provinceOverride ?? (f.provinceCode && /^\d{2}/.test(f.provinceCode) ? f.provinceCode.slice(0, 2) : null);
  const cache = new Map<string, ResolvedRules>();
  const at = (date: string = asOf) => {
    let r = cache.get(date);
    if (!r) cache.set(date, (r = resolveRules(date, province, ruleSet)));
    return r;
  };
  return {
    asOf, day: toDay(asOf), ruleSet, province, at,
    // One parameter, not the whole rule set: the checks ask for many (parameter, day) pairs, and
    // the full rules are resolved only to cite them when a finding is made.
    n(id, date) {
      const p = resolveParam(ruleSet, id, date ?? asOf, province);
      const v = Number(p.value);
      if (p.inclusive === false && p.kind === 'min') return v + 1;
      if (p.inclusive === false && p.kind === 'max') return v - 1;
      return v;
    },
    known: (date): date is string => date != null && date <= asOf,
  };
}

/** Whole days from a to b. */
export const daysBetween = (a: string, b: string): number => toDay(b) - toDay(a);
export const plusDays = (date: string, days: number): string => fromDay(toDay(date) + days);

/** Full on a day: a 正式党员 since then or earlier, with rights not restricted (留党察看 etc.). */
export const fullOnDay = (p: PersonRef, date: string): boolean => p.fullOn != null && p.fullOn <= date && !p.rightsRestricted;
export const personName = (p: PersonRef, i: number): string => p.name ?? p.personId ?? `第${i + 1}人`;
