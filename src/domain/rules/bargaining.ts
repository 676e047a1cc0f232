import { BARGAINING_RULE_CATALOGUE, type BargainingRuleId } from './bargaining-catalogue.js';
import type { Severity } from './catalogue.js';
import { addYears, fromDay, toDay } from './dates.js';
import type { ContractKind } from './facts.js';
import { moreThanHalf } from './majority.js';
import { resolveRules, type ResolvedRules } from './resolve.js';
import { RULE_SET, type ParamId, type RuleSet } from './rule-set.js';

/**
 * One round of collective bargaining (集体协商) judged at a day (docs/unions.md "集体协商"; shared
 * rules §6.4, §6.1 art. 21). Pure: the facts of the round in, its stage, every due date with the
 * rule and text behind it, and the findings out.
 *
 * Day counting: calendar days, the day of the event not counted (《民法典》's way of counting periods,
 * as the recruitment deadlines and the union's contract term do): a request made on 1 March with 20
 * days to answer may be answered up to and including 21 March (request + 20); from 22 March it is
 * overdue. Filing: signed + 10 is the last day. The labour authority's 15 days run from the day
 * after it receives the text to filed + 15 inclusive; an objection dated within them stops the
 * contract; without one it takes effect on filed + 16, the first day after the window.
 * Each deadline is judged by the rules in force on the day that starts it (the request, the signing,
 * the filing) in the union's province: Shanghai (31) answers in 15 days.
 */
export const BARGAINING_STAGES = ['requested', 'replied', 'negotiating', 'passed', 'signed', 'filed', 'effective', 'renewing', 'expired', 'closed'] as const;
export type BargainingStage = (typeof BARGAINING_STAGES)[number];
export const BARGAINING_STAGE_LABELS: Record<BargainingStage, string> = {
  requested: '已要约', replied: '已答复', negotiating: '协商中', passed: '已通过', signed: '已签订', filed: '已报送',
  effective: '已生效', renewing: '续签中', expired: '已到期', closed: '已结束',
};
/** The stages a district board counts: a round superseded by its renewal (or by a new round after an objection) is history. */
export const BOARD_STAGES = BARGAINING_STAGES.filter((s) => s !== 'closed');
export const CONTRACT_KIND_LABELS: Record<ContractKind, string> = { collective: '综合集体合同', wage: '工资专项集体合同' };
export const REQUESTED_BY_LABELS = { union: '工会', employer: '用人单位' } as const;
export type RequestedBy = keyof typeof REQUESTED_BY_LABELS;

export type BargainingVoteFact = { heldOn: string; representatives: number; present: number; yes: number };
export type BargainingRoundFact = {
  id?: string;
  contractKind: ContractKind;
  requestedOn: string;
  requestedBy: RequestedBy;
  repliedOn?: string | null;
  sessions?: Array<{ heldOn: string; notes?: string | null }>;
  vote?: BargainingVoteFact | null;
  signedOn?: string | null;
  startsOn?: string | null;
  endsOn?: string | null;
  /** The day the labour authority received the text (报送). */
  filedOn?: string | null;
  objectionOn?: string | null;
};
/** A later round of the same union and contract kind, and whether it is in force on the day. */
export type Successor = { effective: boolean } | null;

export type DueState = 'done' | 'late' | 'pending' | 'overdue';
export type BargainingDue = {
  key: 'reply' | 'filing' | 'effective' | 'renewal';
  ruleId: BargainingRuleId;
  label: string;
  /** The last day on time (reply, filing), the day it takes effect, or the contract's last day (renewal). */
  date: string;
  /** Renewal: the first day of the reminder window. */
  from?: string;
  doneOn: string | null;
  state: DueState;
  source: string;
  /** Province code whose override set the number (e.g. 31). */
  local?: string;
};
export type BargainingFinding = { ruleId: BargainingRuleId; severity: Severity; title: string; message: string; source: string; dueOn?: string };
export type VoteVerdict = { quorum: boolean; passed: boolean };
export type BargainingSchedule = {
  stage: BargainingStage;
  effectiveOn: string | null;
  vote: VoteVerdict | null;
  dues: BargainingDue[];
  findings: BargainingFinding[];
};

/** ≥ 2/3 of all representatives present, and more than half of ALL of them in favour (not of those present). */
export function voteVerdict(v: BargainingVoteFact): VoteVerdict {
  const quorum = v.present * 3 >= v.representatives * 2;
  return { quorum, passed: quorum && moreThanHalf(v.yes, v.representatives) };
}

const rulesAt = (date: string, province: string | null, ruleSet: RuleSet) => resolveRules(date, province, ruleSet);
const days = (r: ResolvedRules, id: ParamId) => Number(r.params[id].value);
/** The rule's text; a province override's own where one of its numbers came from it. */
function sourceOf(id: BargainingRuleId, r: ResolvedRules): { source: string; local?: string } {
  const entry = BARGAINING_RULE_CATALOGUE[id];
  const local = entry.params.map((p) => r.params[p]).find((p) => p.overriddenBy);
  return local ? { source: local.source, local: local.overriddenBy } : { source: entry.source };
}
const plus = (date: string, n: number) => fromDay(toDay(date) + n);

/** The day the contract takes effect: the first day after the authority's window, unless it objected within it. */
export function effectiveOn(f: BargainingRoundFact, province: string | null, ruleSet: RuleSet = RULE_SET): string | null {
  if (!f.filedOn) return null;
  const window = days(rulesAt(f.filedOn, province, ruleSet), 'union.bargainingObjectionDays');
  if (f.objectionOn && f.objectionOn <= plus(f.filedOn, window)) return null;
  return plus(f.filedOn, window + 1);
}

export function bargainingStage(f: BargainingRoundFact, date: string, province: string | null, next: Successor = null, ruleSet: RuleSet = RULE_SET): BargainingStage {
  if (f.filedOn) {
    const eff = effectiveOn(f, province, ruleSet);
    if (!eff) return next ? 'closed' : 'filed';
    if (date < eff) return 'filed';
    if (next) return next.effective ? 'closed' : 'renewing';
    return f.endsOn && date > f.endsOn ? 'expired' : 'effective';
  }
  // Not filed and a later round of its kind began: it was given up (重新要约), and is history.
  if (next) return 'closed';
  if (f.signedOn) return 'signed';
  if (f.vote && voteVerdict(f.vote).passed) return 'passed';
  if ((f.sessions?.length ?? 0) > 0 || f.vote) return 'negotiating';
  return f.repliedOn ? 'replied' : 'requested';
}

type Ctx = { date: string; day: number; province: string | null; ruleSet: RuleSet; out: BargainingFinding[] };
function add(c: Ctx, id: BargainingRuleId, r: ResolvedRules, message: string, dueOn?: string, severity?: Severity): void {
  const e = BARGAINING_RULE_CATALOGUE[id];
  const { source } = sourceOf(id, r);
  c.out.push({ ruleId: id, severity: severity ?? e.severity, title: e.title, message: `${message}${e.action ? `，${e.action}` : ''}。依据：${source}`, source, ...(dueOn ? { dueOn } : {}) });
}

/** A deadline that ends on `due` (inclusive) and was met on `doneOn`, judged at the day. */
const stateOf = (due: string, doneOn: string | null | undefined, date: string): DueState =>
  doneOn ? (doneOn <= due ? 'done' : 'late') : date > due ? 'overdue' : 'pending';

function replyDue(f: BargainingRoundFact, c: Ctx): BargainingDue {
  const r = rulesAt(f.requestedOn, c.province, c.ruleSet);
  const n = days(r, 'union.bargainingReplyDays');
  const due = plus(f.requestedOn, n);
  const state = stateOf(due, f.repliedOn, c.date);
  const other = f.requestedBy === 'union' ? '用人单位' : '工会';
  if (state === 'overdue') add(c, 'bargaining.replyOverdue', r, `${f.requestedOn}发出协商要约，${other}应于${due}前书面答复（${n}日内），已逾期${c.day - toDay(due)}天`, due);
  if (state === 'late') add(c, 'bargaining.replyOverdue', r, `${f.requestedOn}发出协商要约，应于${due}前书面答复（${n}日内），${f.repliedOn}才答复，逾期${toDay(f.repliedOn!) - toDay(due)}天`, due, 'warning');
  return { key: 'reply', ruleId: 'bargaining.replyDue', label: `书面答复（${n}日内）`, date: due, doneOn: f.repliedOn ?? null, state, ...sourceOf('bargaining.replyDue', r) };
}

function voteFindings(f: BargainingRoundFact, c: Ctx): VoteVerdict | null {
  if (!f.vote) return null;
  const v = voteVerdict(f.vote);
  const r = rulesAt(f.vote.heldOn, c.province, c.ruleSet);
  const { representatives: all, present, yes } = f.vote;
  if (!v.quorum) add(c, 'bargaining.voteQuorum', r, `${f.vote.heldOn}审议集体合同草案：应到职工代表${all}人，实到${present}人，不足三分之二`);
  else if (!v.passed) add(c, 'bargaining.voteMajority', r, `${f.vote.heldOn}审议集体合同草案：全体职工代表${all}人，同意${yes}人，未超过半数`);
  return v;
}

function filingDue(f: BargainingRoundFact, c: Ctx): BargainingDue | null {
  if (!f.signedOn) return null;
  const r = rulesAt(f.signedOn, c.province, c.ruleSet);
  const n = days(r, 'union.bargainingFilingDays');
  const due = plus(f.signedOn, n);
  const state = stateOf(due, f.filedOn, c.date);
  if (state === 'overdue') add(c, 'bargaining.filingOverdue', r, `集体合同${f.signedOn}签订，应于${due}前报送劳动行政部门审查（${n}日内），已逾期${c.day - toDay(due)}天`, due);
  if (state === 'late') add(c, 'bargaining.filingOverdue', r, `集体合同${f.signedOn}签订，应于${due}前报送，${f.filedOn}才报送，逾期${toDay(f.filedOn!) - toDay(due)}天`, due, 'warning');
  return { key: 'filing', ruleId: 'bargaining.filingDue', label: `报送审查（${n}日内）`, date: due, doneOn: f.filedOn ?? null, state, ...sourceOf('bargaining.filingDue', r) };
}

function effectiveDue(f: BargainingRoundFact, c: Ctx): BargainingDue | null {
  if (!f.filedOn) return null;
  const r = rulesAt(f.filedOn, c.province, c.ruleSet);
  const n = days(r, 'union.bargainingObjectionDays');
  const eff = plus(f.filedOn, n + 1);
  const objected = !!f.objectionOn && f.objectionOn <= plus(f.filedOn, n);
  if (objected) add(c, 'bargaining.objected', r, `劳动行政部门${f.filedOn}收到集体合同文本，${f.objectionOn}提出异议，合同未生效`);
  const state: DueState = objected ? 'overdue' : c.date >= eff ? 'done' : 'pending';
  return { key: 'effective', ruleId: 'bargaining.effective', label: `审查期满生效（收到后${n}日内无异议）`, date: eff, doneOn: state === 'done' ? eff : null, state, ...sourceOf('bargaining.effective', r) };
}

function termFindings(f: BargainingRoundFact, c: Ctx): void {
  if (!f.startsOn || !f.endsOn) return;
  const r = rulesAt(f.signedOn ?? f.startsOn, c.province, c.ruleSet);
  // The term's last day is `endsOn`: 2024-01-01 to 2026-12-31 is three years; only an end after the N-th anniversary is longer (evaluate-union.ts counts the same).
  const max = days(r, 'union.contractMaxYears');
  if (toDay(f.endsOn) > addYears(toDay(f.startsOn), max)) add(c, 'bargaining.termTooLong', r, `合同期限${f.startsOn}至${f.endsOn}，超过${max}年`);
  const wage = days(r, 'union.wageContractYears');
  if (f.contractKind === 'wage' && toDay(f.endsOn) > addYears(toDay(f.startsOn), wage)) add(c, 'bargaining.wageTerm', r, `工资专项集体合同期限${f.startsOn}至${f.endsOn}，超过一般期限${wage}年`);
}

function renewalDue(f: BargainingRoundFact, c: Ctx, stage: BargainingStage, next: Successor): BargainingDue | null {
  if (!f.endsOn || !['effective', 'expired', 'renewing', 'closed'].includes(stage)) return null;
  const r = rulesAt(c.date, c.province, c.ruleSet);
  const n = days(r, 'union.contractReminderDays');
  const from = fromDay(toDay(f.endsOn) - n);
  if (!next && c.date > f.endsOn) {
    add(c, 'bargaining.expiredNoRenewal', r, `集体合同已于${f.endsOn}到期（逾期${c.day - toDay(f.endsOn)}天），尚未启动续签协商`, f.endsOn);
  } else if (!next && c.date >= from) {
    add(c, 'bargaining.renewalDue', r, `集体合同将于${f.endsOn}到期，${f.endsOn === c.date ? '今天到期' : `还有${toDay(f.endsOn) - c.day}天`}（提前${n}天提醒）`, f.endsOn);
  }
  const state: DueState = next ? 'done' : c.date > f.endsOn ? 'overdue' : 'pending';
  return { key: 'renewal', ruleId: 'bargaining.renewalDue', label: `续签协商（到期前${n}天起提醒）`, date: f.endsOn, from, doneOn: null, state, ...sourceOf('bargaining.renewalDue', r) };
}

/**
 * The round at `date` in the union's province (two digits, or null for the national rules), `next`
 * being the later round of the same kind if any.
 */
export function bargainingSchedule(f: BargainingRoundFact, date: string, province: string | null, next: Successor = null, ruleSet: RuleSet = RULE_SET): BargainingSchedule {
  const c: Ctx = { date, day: toDay(date), province, ruleSet, out: [] };
  const stage = bargainingStage(f, date, province, next, ruleSet);
  // A round superseded before filing is history: its deadlines no longer bind anyone.
  if (stage === 'closed' && !f.filedOn) return { stage, effectiveOn: null, vote: f.vote ? voteVerdict(f.vote) : null, dues: [], findings: [] };
  const dues: BargainingDue[] = [replyDue(f, c)];
  const vote = voteFindings(f, c);
  for (const d of [filingDue(f, c), effectiveDue(f, c)]) if (d) dues.push(d);
  termFindings(f, c);
  const renewal = renewalDue(f, c, stage, next);
  if (renewal) dues.push(renewal);
  return { stage, effectiveOn: effectiveOn(f, province, ruleSet), vote, dues, findings: c.out };
}

/** Each round of a union's list with its successor (the next round of the same kind, in request order). */
export function successorsOf(rounds: BargainingRoundFact[], date: string, province: string | null, ruleSet: RuleSet = RULE_SET): Successor[] {
  return rounds.map((f, i) => {
    const later = rounds.slice(i + 1).filter((x) => x.contractKind === f.contractKind);
    if (!later.length) return null;
    return { effective: later.some((x) => { const e = effectiveOn(x, province, ruleSet); return !!e && e <= date; }) };
  });
}
