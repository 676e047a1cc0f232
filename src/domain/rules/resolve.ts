import { addMonths, fromDay, toDay } from './dates.js';
import { RULE_SET, type ParamId, type ParamKind, type ParamVersion, type RuleSet } from './rule-set.js';

/** One parameter as it applies at a date in a province, with where it came from. */
export type ResolvedParam = ParamVersion & {
  id: ParamId;
  label: string;
  kind: ParamKind;
  overriddenBy?: string; // province code whose override applied
  /** The date precedes every version: the earliest version is used and this says so. */
  beforeFirstVersion?: boolean;
};

/**
 * Everything the evaluators need for one (date, province), resolved once. Thresholds are normalised
 * to integer "at least" / "at most" values here so that the hot path never looks at `inclusive`:
 * an exclusive minimum T (超过T) becomes ≥ T+1, an exclusive maximum (不满T) becomes ≤ T−1.
 */
export type ResolvedRules = {
  date: string;
  day: number;
  provinceCode: string | null;
  ruleSetVersion: string;
  params: Record<ParamId, ResolvedParam>;
  standaloneMin: number;
  jointMaxUnits: number;
  branchCommitteeMin: number;
  committeeMinSize: number;
  generalBranchMin: number;
  partyCommitteeMin: number;
  countProbationaryLarge: boolean;
  reelectionReminderDays: number;
  reelectionMaxShiftDays: number;
  developMinEmployees: number;
  unionCommitteeMin: number;
  womenCommitteeMin: number;
  unionReelectionReminderDays: number;
  unionSetupMinEmployees: number;
  /** Enterprises founded on or before this day have been open for the grace period. */
  unionSetupCutoffDay: number;
  /** The same day as `YYYY-MM-DD` (the hot path compares ISO strings). */
  unionSetupCutoff: string;
  contractMaxYears: number;
  contractReminderDays: number;
  ruleSet: RuleSet;
};

function pickVersion(versions: ParamVersion[], date: string): { version: ParamVersion; before: boolean } {
  // ISO dates compare correctly as strings.
  for (const v of versions) {
    if (v.validFrom <= date && (v.validTo === undefined || date < v.validTo)) return { version: v, before: false };
  }
  const sorted = [...versions].sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
  const first = sorted[0];
  if (date < first.validFrom) return { version: first, before: true };
  return { version: sorted[sorted.length - 1], before: false };
}

export function resolveParam(ruleSet: RuleSet, id: ParamId, date: string, provinceCode: string | null): ResolvedParam {
  const param = ruleSet.params.find((p) => p.id === id);
  if (!param) throw new Error(`rule set ${ruleSet.version} has no parameter ${id}`);
  const local = provinceCode ? ruleSet.overrides[provinceCode]?.[id] : undefined;
  const { version, before } = pickVersion(local ?? param.versions, date);
  return {
    ...version,
    id,
    label: param.label,
    kind: param.kind,
    ...(local ? { overriddenBy: provinceCode ?? undefined } : {}),
    ...(before ? { beforeFirstVersion: true } : {}),
  };
}

const num = (p: ResolvedParam): number => {
  const v = Number(p.value);
  if (p.kind === 'min') return p.inclusive === false ? v + 1 : v;
  if (p.kind === 'max') return p.inclusive === false ? v - 1 : v;
  return v;
};

/** Resolves every parameter for a date (YYYY-MM-DD) and province (2 digits, or null for national). */
export function resolveRules(date: string, provinceCode: string | null = null, ruleSet: RuleSet = RULE_SET): ResolvedRules {
  const params = {} as Record<ParamId, ResolvedParam>;
  for (const p of ruleSet.params) params[p.id] = resolveParam(ruleSet, p.id, date, provinceCode);
  const n = (id: ParamId) => num(params[id]);
  const day = toDay(date);
  return {
    date, day, provinceCode, ruleSetVersion: ruleSet.version, params, ruleSet,
    standaloneMin: n('party.standaloneMinFullMembers'),
    jointMaxUnits: n('party.jointMaxUnits'),
    branchCommitteeMin: n('party.branchCommitteeMinFullMembers'),
    committeeMinSize: n('party.committeeMinSize'),
    generalBranchMin: n('party.generalBranchMinMembers'),
    partyCommitteeMin: n('party.partyCommitteeMinMembers'),
    countProbationaryLarge: params['party.countProbationaryForLargeThresholds'].value === true,
    reelectionReminderDays: n('party.reelectionReminderDays'),
    reelectionMaxShiftDays: n('party.reelectionMaxShiftDays'),
    developMinEmployees: n('enterprise.developMembersMinEmployees'),
    unionCommitteeMin: n('union.committeeMinMembers'),
    womenCommitteeMin: n('union.womenCommitteeMinFemaleMembers'),
    unionReelectionReminderDays: n('union.reelectionReminderDays'),
    unionSetupMinEmployees: n('union.setupMinEmployees'),
    unionSetupCutoffDay: addMonths(day, -n('union.setupGraceMonths')),
    unionSetupCutoff: fromDay(addMonths(day, -n('union.setupGraceMonths'))),
    contractMaxYears: n('union.contractMaxYears'),
    contractReminderDays: n('union.contractReminderDays'),
  };
}

/** Term length in years for an organisation type, as the rules stood on the day it was elected. */
export function termYearsAt(
  orgType: 'committee' | 'generalBranch' | 'branch',
  electedOn: string,
  provinceCode: string | null = null,
  ruleSet: RuleSet = RULE_SET,
): number {
  return Number(resolveParam(ruleSet, `party.termYears.${orgType}`, electedOn, provinceCode).value);
}

/**
 * The rules for one evaluation date, resolved lazily per province and cached in a 100-slot array
 * indexed by the two province digits — so evaluating a million enterprises resolves the rules at
 * most a few dozen times and never builds a key string.
 */
export type RuleContext = {
  date: string;
  day: number;
  ruleSet: RuleSet;
  /** Rules for a region code (12 digits or any prefix ≥ 2); national rules when it is empty. */
  forRegion(regionCode: string | null | undefined): ResolvedRules;
};

export function createRuleContext(date: string, ruleSet: RuleSet = RULE_SET, provinceOverride?: string): RuleContext {
  const slots: Array<ResolvedRules | undefined> = new Array(100);
  let national: ResolvedRules | undefined;
  const forced = provinceOverride ? resolveRules(date, provinceOverride, ruleSet) : undefined;
  return {
    date,
    day: toDay(date),
    ruleSet,
    forRegion(regionCode) {
      if (forced) return forced;
      if (!regionCode || regionCode.length < 2) return (national ??= resolveRules(date, null, ruleSet));
      const a = regionCode.charCodeAt(0) - 48;
      const b = regionCode.charCodeAt(1) - 48;
      if (a < 0 || a > 9 || b < 0 || b > 9) return (national ??= resolveRules(date, null, ruleSet));
      const i = a * 10 + b;
      return (slots[i] ??= resolveRules(date, regionCode.slice(0, 2), ruleSet));
    },
  };
}
