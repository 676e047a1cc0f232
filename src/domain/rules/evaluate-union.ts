import { OPERATING_STATUS_LABEL } from '../enterprise-facts.js';
import { finding, type Finding } from './catalogue.js';
import { addYears, toDay } from './dates.js';
import type { ContractFact, ContractKind, UnionRuleFacts } from './facts.js';
import type { ResolvedRules, RuleContext } from './resolve.js';
import { explainUnionCommittee, type CommitteeSummary } from './evaluate-union-committee.js';
import { explainUnionCongress, type CongressSummary } from './evaluate-union-congress.js';

export const UNION_ALERT = {
  committeeMissing: 1,
  organiserMissing: 2,
  womenCommitteeMissing: 4,
  womenMemberMissing: 8,
  contractExpired: 16,
  contractExpiring: 32,
  contractTermTooLong: 64,
  reelectionOverdue: 128,
  reelectionDue: 256,
  coveredEnterpriseClosed: 512,
} as const;

export type UnionVerdict = { alerts: number };

function organisationAlerts(f: UnionRuleFacts, r: ResolvedRules): number {
  let a = 0;
  if (!f.hasCommittee) a |= f.members >= r.unionCommitteeMin ? UNION_ALERT.committeeMissing : f.organiser ? 0 : UNION_ALERT.organiserMissing;
  if (!f.hasWomenCommittee) {
    if (f.femaleMembers >= r.womenCommitteeMin) a |= UNION_ALERT.womenCommitteeMissing;
    else if (f.femaleMembers > 0 && !f.womenCommitteeMember) a |= UNION_ALERT.womenMemberMissing;
  }
  return a;
}

/** The contract of each kind that ends last: the one in force (or the one that lapsed last). */
export function latestContracts(contracts: ContractFact[]): Partial<Record<ContractKind, ContractFact>> {
  const out: Partial<Record<ContractKind, ContractFact>> = {};
  for (const c of contracts) {
    const cur = out[c.kind];
    if (!cur || c.endsOn > cur.endsOn) out[c.kind] = c;
  }
  return out;
}

/**
 * A contract running to the N-th anniversary of its signing is an N-year contract: officials read
 * "2024-11-04 至 2027-11-04" as three years, and so does the civil code's way of counting periods
 * (the first day is not counted; the term ends on the corresponding day of the last month, or on
 * that month's last day when there is none — so a contract signed on 29 Feb ends on 28 Feb).
 * Only an end after the anniversary is longer than N years. addYears clamps 29 Feb the same way.
 */
const tooLong = (c: ContractFact, r: ResolvedRules) => toDay(c.endsOn) > addYears(toDay(c.signedOn), r.contractMaxYears);

function contractAlerts(f: UnionRuleFacts, r: ResolvedRules, day: number): number {
  let a = 0;
  const latest = latestContracts(f.contracts);
  for (const c of [latest.collective, latest.wage]) {
    if (!c) continue;
    const end = toDay(c.endsOn);
    if (day > end) a |= UNION_ALERT.contractExpired;
    else if (end - day <= r.contractReminderDays) a |= UNION_ALERT.contractExpiring;
    if (tooLong(c, r)) a |= UNION_ALERT.contractTermTooLong;
  }
  return a;
}

function termAndCoverageAlerts(f: UnionRuleFacts, r: ResolvedRules, day: number): number {
  let a = 0;
  if (f.termEndsOn) {
    const end = toDay(f.termEndsOn);
    if (day > end) a |= UNION_ALERT.reelectionOverdue;
    else if (end - day <= r.unionReelectionReminderDays) a |= UNION_ALERT.reelectionDue;
  }
  for (const e of f.coveredEnterprises ?? []) {
    const on = toDay(e.since) <= day && (e.until == null || day < toDay(e.until));
    if (on && e.operatingStatus !== 'active') a |= UNION_ALERT.coveredEnterpriseClosed;
  }
  return a;
}

export function evaluateUnion(f: UnionRuleFacts, ctx: RuleContext): UnionVerdict {
  const r = ctx.forRegion(f.provinceCode);
  return { alerts: organisationAlerts(f, r) | contractAlerts(f, r, ctx.day) | termAndCoverageAlerts(f, r, ctx.day) };
}

/** `committee` / `congress`: the committee and 职代会 cards (evaluate-union-committee.ts, evaluate-union-congress.ts). */
export type UnionExplanation = {
  subject: 'union'; id: string; name?: string; date: string; nextSteps: Finding[]; alerts: Finding[];
  committee?: CommitteeSummary; congress?: CongressSummary;
};

const CONTRACT_LABEL: Record<ContractKind, string> = { collective: '集体合同', wage: '工资专项集体合同' };

function organisationFindings(f: UnionRuleFacts, a: number, r: ResolvedRules): Finding[] {
  const out: Finding[] = [];
  const m = { members: f.members, threshold: r.unionCommitteeMin };
  if (a & UNION_ALERT.committeeMissing) out.push(finding('union.committeeMissing', r, { fact: `会员${f.members}人，尚未建立工会委员会`, detail: `会员${f.members}人（≥${r.unionCommitteeMin}人应建立基层工会委员会），尚未建立委员会` }, m));
  if (a & UNION_ALERT.organiserMissing) out.push(finding('union.organiserMissing', r, { fact: `会员${f.members}人，未建委员会也未选组织员`, detail: `会员${f.members}人（不足${r.unionCommitteeMin}人），未建委员会的应选举组织员一人` }, m));
  const w = { femaleMembers: f.femaleMembers, threshold: r.womenCommitteeMin, provinceCode: r.provinceCode };
  if (a & UNION_ALERT.womenCommitteeMissing) out.push(finding('union.womenCommitteeMissing', r, { fact: `女会员${f.femaleMembers}人，尚未建立女职工委员会`, detail: `女会员${f.femaleMembers}人（≥${r.womenCommitteeMin}人应建立女职工委员会），尚未建立` }, w));
  if (a & UNION_ALERT.womenMemberMissing) out.push(finding('union.womenMemberMissing', r, { fact: `女会员${f.femaleMembers}人，工会委员会中没有女职工委员`, detail: `女会员${f.femaleMembers}人（不足${r.womenCommitteeMin}人），工会委员会中应有女职工委员` }, w));
  return out;
}

function contractFindings(f: UnionRuleFacts, a: number, r: ResolvedRules, day: number): Finding[] {
  const out: Finding[] = [];
  const latest = latestContracts(f.contracts);
  for (const c of [latest.collective, latest.wage]) {
    if (!c) continue;
    const end = toDay(c.endsOn);
    const p = { kind: c.kind, signedOn: c.signedOn, endsOn: c.endsOn };
    const name = CONTRACT_LABEL[c.kind];
    if (a & UNION_ALERT.contractExpired && day > end) out.push(finding('union.contractExpired', r, { fact: `${name}已于${c.endsOn}到期`, detail: `${name}已于${c.endsOn}到期（逾期${day - end}天），请及时续签` }, p));
    else if (a & UNION_ALERT.contractExpiring && end - day <= r.contractReminderDays) out.push(finding('union.contractExpiring', r, { fact: `${name}将于${c.endsOn}到期`, detail: `${name}将于${c.endsOn}到期，${end === day ? '今天到期' : `还有${end - day}天`}（提前${r.contractReminderDays}天提醒）` }, p));
    if (a & UNION_ALERT.contractTermTooLong && tooLong(c, r)) out.push(finding('union.contractTermTooLong', r, { fact: `${name}期限${c.signedOn}至${c.endsOn}，超过${r.contractMaxYears}年`, detail: `${name}期限${c.signedOn}至${c.endsOn}，超过${r.contractMaxYears}年` }, p));
  }
  return out;
}

function termFindings(f: UnionRuleFacts, a: number, r: ResolvedRules, day: number): Finding[] {
  const out: Finding[] = [];
  if (f.termEndsOn && a & UNION_ALERT.reelectionOverdue) out.push(finding('union.reelectionOverdue', r, { fact: `任期已于${f.termEndsOn}届满，逾期${day - toDay(f.termEndsOn)}天未换届`, detail: `工会委员会任期已于${f.termEndsOn}届满，逾期${day - toDay(f.termEndsOn)}天未换届` }, { termEndsOn: f.termEndsOn }));
  if (f.termEndsOn && a & UNION_ALERT.reelectionDue) out.push(finding('union.reelectionDue', r, { fact: `任期将于${f.termEndsOn}届满，还有${toDay(f.termEndsOn) - day}天`, detail: `工会委员会任期将于${f.termEndsOn}届满，还有${toDay(f.termEndsOn) - day}天` }, { termEndsOn: f.termEndsOn }));
  if (a & UNION_ALERT.coveredEnterpriseClosed) {
    for (const e of (f.coveredEnterprises ?? []).filter((x) => x.operatingStatus !== 'active' && toDay(x.since) <= day && (x.until == null || day < toDay(x.until)))) {
      out.push(finding('union.coveredEnterpriseClosed', r, { fact: `所覆盖的“${e.name ?? e.id}”已${OPERATING_STATUS_LABEL[e.operatingStatus]}`, detail: `所覆盖的“${e.name ?? e.id}”登记状态为“${OPERATING_STATUS_LABEL[e.operatingStatus]}”，应调整工会覆盖范围` }, { enterpriseId: e.id }));
    }
  }
  return out;
}

export function explainUnion(f: UnionRuleFacts, ctx: RuleContext): UnionExplanation {
  const { alerts } = evaluateUnion(f, ctx);
  const r = ctx.forRegion(f.provinceCode);
  return {
    subject: 'union', id: f.id, name: f.name, date: ctx.date, nextSteps: [],
    alerts: [...organisationFindings(f, alerts, r), ...contractFindings(f, alerts, r, ctx.day), ...termFindings(f, alerts, r, ctx.day)],
    committee: explainUnionCommittee(f, ctx.date),
    congress: explainUnionCongress({ ...f, provinceCode: r.provinceCode }, ctx.date),
  };
}
