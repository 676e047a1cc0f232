import { addMonths, fromDay, toDay } from './dates.js';
import { MEMBER_RULE_CATALOGUE, memberFinding, type MemberFinding, type MemberRuleId } from './member-catalogue.js';
import type { MemberContext } from './member-context.js';
import { BASED_CATEGORIES, type DuesCategory, type MemberRuleFacts } from './member-facts.js';
import { resolveParam, type ResolvedParam } from './resolve.js';
import { RULE_SET, type ParamId, type RuleSet } from './rule-set.js';

/**
 * 党费 (中组发〔2008〕3号, in force 2008-04-01; domain-rules §4): the monthly amount in integer fen
 * from the category and after-tax base, by the version of the rules in force on the first day of
 * the month. One rate applies to the whole base (not marginal brackets), upper bounds included.
 * Rounding: half up to the unit of `dues.roundingFen` (1 = the fen) — the rules do not say, so it
 * is a setting. Only integers are multiplied and divided: no float ever holds money.
 */

export type DuesBracket = {
  /** Stable key: employed-1…4, retired-1…2, farmer, minimal. */
  key: string;
  /** As an official says it: “月工资收入3000元以上至5000元（含）按1%”. */
  label: string;
  rateBp: number | null;
  fixedFen: number | null;
  /** The base must be above this (fen), or null for the first bracket. */
  aboveFen: number | null;
  /** …and at most this (fen), or null for the last. */
  upToFen: number | null;
};

export type DuesResult = {
  amountFen: number;
  bracket: DuesBracket;
  ruleId: MemberRuleId;
  /** The text it rests on, in Chinese (a province's own for a provincial amount). */
  source: string;
};

export type DuesAmount = DuesResult & {
  month: string;
  category: DuesCategory;
  baseFen: number | null;
  /** The amount by the brackets, before an approved reduction. */
  standardFen: number;
  reduction?: { amountFen: number; approvedOn: string };
};

export type DuesInput = { category: DuesCategory; baseFen?: number | null };

/** 300000 → 3000元, 20 → 0.2元, 1234 → 12.34元. */
export function yuan(fen: number): string {
  const whole = Math.trunc(fen / 100);
  const rest = Math.abs(fen % 100);
  const decimals = rest === 0 ? '' : rest % 10 === 0 ? `.${rest / 10}` : `.${String(rest).padStart(2, '0')}`;
  return `${whole}${decimals}元`;
}

/** 50 → 0.5%, 150 → 1.5%, 200 → 2%. */
export const percent = (bp: number): string => `${bp / 100}%`;

/**
 * numerator / denominator rounded half up to a multiple of `unitFen`, for numerator ≥ 0 and an even
 * denominator (10000): integer arithmetic only — `%` on integers below 2^53 is exact.
 */
export function roundHalfUp(numerator: number, denominator: number, unitFen: number): number {
  const d = denominator * unitFen;
  const n = numerator + d / 2;
  return ((n - (n % d)) / d) * unitFen;
}

const upTo = (p: ResolvedParam): number => (p.inclusive === false ? Number(p.value) - 1 : Number(p.value));

type Resolver = (id: ParamId) => ResolvedParam;

/**
 * The dues rules of a month — parameters, brackets and fixed amounts — cached per rule set, province
 * and month: arrears walk every month of every member, and the versions change rarely. Bounded: a
 * rule set's cache is dropped when it grows past a few thousand months. A rule set is treated as
 * immutable (build a new one to change it).
 */
type MonthRules = {
  get: Resolver;
  brackets: Partial<Record<'employed' | 'retired', DuesBracket[]>>;
  fixed: Partial<Record<'farmer' | 'minimal', DuesResult>>;
  unitFen?: number;
};
const monthCache = new WeakMap<RuleSet, Map<string, MonthRules>>();

function monthRules(ruleSet: RuleSet, month: string, provinceCode: string | null): MonthRules {
  let perSet = monthCache.get(ruleSet);
  if (!perSet || perSet.size > 5_000) monthCache.set(ruleSet, (perSet = new Map()));
  const key = `${provinceCode ?? ''}|${month}`;
  let rules = perSet.get(key);
  if (!rules) {
    const params = new Map<ParamId, ResolvedParam>();
    const date = `${month}-01`;
    const get: Resolver = (id) => {
      let p = params.get(id);
      if (!p) params.set(id, (p = resolveParam(ruleSet, id, date, provinceCode)));
      return p;
    };
    perSet.set(key, (rules = { get, brackets: {}, fixed: {} }));
  }
  return rules;
}

function ratedBrackets(kind: 'employed' | 'retired', get: Resolver): DuesBracket[] {
  const bounds = kind === 'employed'
    ? [get('dues.employed.upTo1Fen'), get('dues.employed.upTo2Fen'), get('dues.employed.upTo3Fen')].map(upTo)
    : [upTo(get('dues.retired.upTo1Fen'))];
  const rates = kind === 'employed'
    ? (['dues.employed.rate1Bp', 'dues.employed.rate2Bp', 'dues.employed.rate3Bp', 'dues.employed.rate4Bp'] as const).map((id) => Number(get(id).value))
    : (['dues.retired.rate1Bp', 'dues.retired.rate2Bp'] as const).map((id) => Number(get(id).value));
  const what = kind === 'employed' ? '月工资收入' : '离退休费';
  return rates.map((rateBp, i) => {
    const aboveFen = i === 0 ? null : bounds[i - 1];
    const upToFen = i < bounds.length ? bounds[i] : null;
    const range = aboveFen === null ? `${yuan(upToFen ?? 0)}以下（含）` : upToFen === null ? `${yuan(aboveFen)}以上` : `${yuan(aboveFen)}以上至${yuan(upToFen)}（含）`;
    return { key: `${kind}-${i + 1}`, label: `${what}${range}按${percent(rateBp)}`, rateBp, fixedFen: null, aboveFen, upToFen };
  });
}

const RULE_OF: Record<DuesCategory, MemberRuleId> = {
  employed: 'member.duesEmployed', retired: 'member.duesRetired', farmer: 'member.duesFarmer',
  student: 'member.duesMinimal', unemployed: 'member.duesMinimal', relief: 'member.duesMinimal', subsistence: 'member.duesMinimal',
};

function fixedDues(farmer: boolean, get: Resolver): DuesResult {
  const ruleId: MemberRuleId = farmer ? 'member.duesFarmer' : 'member.duesMinimal';
  const p = get(farmer ? 'dues.farmerFen' : 'dues.minimalFen');
  const fixedFen = Number(p.value);
  const label = `${farmer ? '农民党员' : '学生、下岗失业、依靠抚恤或救济生活、享受最低生活保障的党员'}每月${yuan(fixedFen)}`;
  const source = p.overriddenBy ? p.source : MEMBER_RULE_CATALOGUE[ruleId].source;
  return { amountFen: fixedFen, ruleId, source, bracket: { key: farmer ? 'farmer' : 'minimal', label, rateBp: null, fixedFen, aboveFen: null, upToFen: null } };
}

function computeDues(input: DuesInput, m: MonthRules): DuesResult {
  if (!BASED_CATEGORIES.has(input.category)) {
    const kind = input.category === 'farmer' ? 'farmer' : 'minimal';
    return (m.fixed[kind] ??= fixedDues(kind === 'farmer', m.get));
  }
  const kind = input.category === 'employed' ? 'employed' : 'retired';
  const ruleId = RULE_OF[input.category];
  const base = Math.max(0, input.baseFen ?? 0);
  const brackets = (m.brackets[kind] ??= ratedBrackets(kind, m.get));
  const bracket = brackets.find((x) => x.upToFen === null || base <= x.upToFen) ?? brackets[brackets.length - 1];
  const unit = (m.unitFen ??= Math.max(1, Number(m.get('dues.roundingFen').value)));
  return { amountFen: roundHalfUp(base * (bracket.rateBp ?? 0), 10_000, unit), bracket, ruleId, source: MEMBER_RULE_CATALOGUE[ruleId].source };
}

/** The amount for a category and base (fen) in a month (`YYYY-MM`), national or for a province. */
export function duesFor(input: DuesInput, month: string, ruleSet: RuleSet = RULE_SET, provinceCode: string | null = null): DuesResult {
  return computeDues(input, monthRules(ruleSet, month, provinceCode));
}

/** `YYYY-MM` ↔ a month number, so months can be counted and compared as integers. */
export const monthIndex = (month: string): number => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
export const monthOf = (index: number): string => `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;

export const provinceOf = (f: MemberRuleFacts, override?: string | null): string | null =>
  override ?? (f.provinceCode && /^\d{2}/.test(f.provinceCode) ? f.provinceCode.slice(0, 2) : null);

/**
 * The member's dues for a month: the basis in force that month (the latest `fromMonth` not after it),
 * then an approved reduction covering the month, if any. Null when no basis applies yet.
 */
export type DuesOptions = { province?: string | null; /** Approvals after this day do not count yet. */ asOf?: string };

export function monthlyDues(f: MemberRuleFacts, month: string, ruleSet: RuleSet = RULE_SET, opts: DuesOptions = {}): DuesAmount | null {
  let basis = null;
  for (const b of f.dues?.bases ?? []) if (b.fromMonth <= month && (!basis || b.fromMonth >= basis.fromMonth)) basis = b;
  if (!basis) return null;
  const standard = duesFor(basis, month, ruleSet, provinceOf(f, opts.province));
  const out: DuesAmount = { ...standard, month, category: basis.category, baseFen: basis.baseFen ?? null, standardFen: standard.amountFen };
  const reduction = approvedReduction(f, month, opts.asOf);
  if (reduction && reduction.amountFen < standard.amountFen) {
    return {
      ...out, amountFen: reduction.amountFen, ruleId: 'member.duesReduced', source: MEMBER_RULE_CATALOGUE['member.duesReduced'].source,
      reduction: { amountFen: reduction.amountFen, approvedOn: reduction.approvedOn },
    };
  }
  return out;
}

/** The latest approved reduction covering the month (an approval may cover earlier months). */
function approvedReduction(f: MemberRuleFacts, month: string, asOf?: string): { amountFen: number; approvedOn: string } | null {
  let found: { amountFen: number; approvedOn: string; fromMonth: string } | null = null;
  for (const r of f.dues?.reductions ?? []) {
    if (!r.approvedOn || (asOf && r.approvedOn > asOf) || r.fromMonth > month || (r.toMonth && r.toMonth < month)) continue;
    if (!found || r.fromMonth >= found.fromMonth) found = { amountFen: r.amountFen, approvedOn: r.approvedOn, fromMonth: r.fromMonth };
  }
  return found;
}

// ---- Findings: arrears, the six-month rule, late back payment, unapproved reductions ----

const lastDayOf = (index: number): string => fromDay(addMonths(toDay(`${monthOf(index)}-01`), 1) - 1);
const span = (a: number, b: number) => (a === b ? monthOf(a) : `${monthOf(a)}至${monthOf(b)}`);

/** The months dues are owed, first to last closed month (the as-of month is not late yet). */
function owedRange(f: MemberRuleFacts, c: MemberContext): [number, number] | null {
  const bases = f.dues?.bases ?? [];
  if (!bases.length || f.status === 'left' || f.status === 'suspended') return null;
  let first = Math.min(...bases.map((b) => monthIndex(b.fromMonth)));
  // A probationary member pays from the day the 支部大会 admits them (domain-rules §3).
  const admitted = f.recruitment?.branchMeeting?.heldOn;
  if (c.known(admitted)) first = Math.max(first, monthIndex(admitted));
  const last = monthIndex(c.asOf) - 1;
  return first <= last ? [first, last] : null;
}

export function duesFindings(f: MemberRuleFacts, c: MemberContext): MemberFinding[] {
  return [...arrearsFindings(f, c), ...backPayFindings(f, c), ...reductionFindings(f, c)];
}

function arrearsFindings(f: MemberRuleFacts, c: MemberContext): MemberFinding[] {
  const range = owedRange(f, c);
  if (!range) return [];
  const paid = new Set((f.dues?.payments ?? []).filter((p) => c.known(p.paidOn)).map((p) => monthIndex(p.month)));
  const unpaid: Array<{ index: number; fen: number }> = [];
  let run = 0, longest = 0, longestEnd = -1;
  for (let i = range[0]; i <= range[1]; i++) {
    const due = monthlyDues(f, monthOf(i), c.ruleSet, { province: c.province, asOf: c.asOf });
    const owed = due !== null && due.amountFen > 0 && !paid.has(i);
    if (owed) unpaid.push({ index: i, fen: due.amountFen });
    run = owed ? run + 1 : 0;
    if (run > longest) { longest = run; longestEnd = i; }
  }
  if (!unpaid.length) return [];
  const r = c.at();
  const lapse = c.n('dues.lapseMonths');
  const total = unpaid.reduce((s, u) => s + u.fen, 0);
  const params = { unpaidMonths: unpaid.length, totalFen: total, longestRun: longest };
  const owedText = `欠交党费${unpaid.length}个月，合计${yuan(total)}`;
  if (longest >= lapse) {
    const from = span(longestEnd - longest + 1, longestEnd);
    return [memberFinding('member.duesLapse', r, { fact: `${from}连续${longest}个月未交纳党费`, detail: `${from}连续${longest}个月未交纳党费（${owedText}），满${lapse}个月且无正当理由的，认为是自行脱党` }, { params: { ...params, from: monthOf(longestEnd - longest + 1), to: monthOf(longestEnd) } })];
  }
  const limit = monthIndex(c.asOf) - c.n('dues.backPayMaxMonths');
  const stale = unpaid.filter((u) => u.index < limit).length;
  const staleText = stale ? `，其中${stale}个月已超过补交期限（${c.n('dues.backPayMaxMonths')}个月）` : '';
  // The trailing run reaches the six months at the end of month last + (lapse − run).
  const dueOn = run > 0 ? lastDayOf(range[1] + lapse - run) : undefined;
  const warn = dueOn ? `；如至${dueOn}仍未交纳，将连续满${lapse}个月` : '';
  return [memberFinding('member.duesArrears', r, { fact: owedText, detail: `${owedText}（${unpaid.map((u) => monthOf(u.index)).join('、')}）${staleText}${warn}` }, { params: { ...params, staleMonths: stale }, dueOn })];
}

function backPayFindings(f: MemberRuleFacts, c: MemberContext): MemberFinding[] {
  const max = c.n('dues.backPayMaxMonths');
  const late = (f.dues?.payments ?? []).filter((p) => c.known(p.paidOn) && monthIndex(p.paidOn) - monthIndex(p.month) > max);
  if (!late.length) return [];
  const months = late.map((p) => `${p.month}（${p.paidOn}交）`).join('、');
  return [memberFinding('member.duesBackPayLate', c.at(), { fact: `${late.length}个月的党费超过${max}个月才补交`, detail: `${months}的党费在超过${max}个月后才补交` }, { params: { months: late.length } })];
}

function reductionFindings(f: MemberRuleFacts, c: MemberContext): MemberFinding[] {
  const month = c.asOf.slice(0, 7);
  return (f.dues?.reductions ?? [])
    .filter((x) => !c.known(x.approvedOn) && x.fromMonth <= month)
    .map((x) => memberFinding('member.duesReductionUnapproved', c.at(), {
      fact: `自${x.fromMonth}起${x.amountFen === 0 ? '免交' : `少交（每月${yuan(x.amountFen)}）`}党费尚未经上一级党委批准`,
      detail: `自${x.fromMonth}起${x.amountFen === 0 ? '免交' : `按每月${yuan(x.amountFen)}少交`}党费尚未经上一级党委批准，批准前按标准计算`,
    }, { params: { fromMonth: x.fromMonth, amountFen: x.amountFen } }));
}
