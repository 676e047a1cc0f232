import { OPERATING_STATUS_LABEL } from '../enterprise-facts.js';
import { finding, type Finding } from './catalogue.js';
import { addYears, fromDay, toDay } from './dates.js';
import type { CoveredEnterpriseFact, Interval, OrgRuleFacts } from './facts.js';
import { termYearsAt, type ResolvedRules, type RuleContext } from './resolve.js';

export const ORG_ALERT = {
  secretaryVacant: 1,
  reelectionOverdue: 2,
  reelectionDue: 4,
  committeeMissing: 8,
  memberQualifiesStandalone: 16,
  coveredEnterpriseClosed: 32,
  jointTooManyUnits: 64,
  belowStandaloneThreshold: 128,
} as const;
export const ORG_STEP = { eligibleGeneralBranch: 1, eligibleCommittee: 2 } as const;

export type OrgVerdict = { steps: number; alerts: number };

// ISO dates order as strings: compare the text, no parsing in the loop.
const activeAt = (iv: Interval, date: string) => iv.since <= date && (iv.until == null || date < iv.until);

/**
 * The last day of the current term: `termEndsOn` when known, else (election or founding day) plus
 * the term length in force on that day (effective-dated, domain-rules §1.2), minus one day.
 */
export function orgTermEndDay(f: OrgRuleFacts, ctx: RuleContext): number {
  if (f.termEndsOn) return toDay(f.termEndsOn);
  const from = f.electedOn ?? f.foundedOn;
  const province = f.regionCode && f.regionCode.length >= 2 ? f.regionCode.slice(0, 2) : null;
  return addYears(toDay(from), termYearsAt(f.orgType, from, province, ctx.ruleSet)) - 1;
}

function positionsAlerts(f: OrgRuleFacts, r: ResolvedRules, date: string): number {
  let secretary = false;
  let committee = 0;
  for (const p of f.positions) {
    if (!activeAt(p, date)) continue;
    committee++;
    if (p.role === 'secretary') secretary = true;
  }
  let alerts = secretary ? 0 : ORG_ALERT.secretaryVacant;
  if (f.orgType === 'branch' && f.fullMembers >= r.branchCommitteeMin && committee < r.committeeMinSize) alerts |= ORG_ALERT.committeeMissing;
  if (f.setupMode === 'standalone' && !f.temporary && f.fullMembers < r.standaloneMin) alerts |= ORG_ALERT.belowStandaloneThreshold;
  return alerts;
}

function termAlerts(f: OrgRuleFacts, r: ResolvedRules, ctx: RuleContext): number {
  if (f.temporary) return 0; // 临时党支部 does not hold 换届 (shared rules 1.1)
  const end = orgTermEndDay(f, ctx);
  if (ctx.day > end) return ORG_ALERT.reelectionOverdue;
  return end - ctx.day <= r.reelectionReminderDays ? ORG_ALERT.reelectionDue : 0;
}

const qualifies = (e: CoveredEnterpriseFact, r: ResolvedRules) => e.operatingStatus === 'active' && e.fullMembers >= r.standaloneMin;

function coverageAlerts(f: OrgRuleFacts, r: ResolvedRules, date: string): number {
  let alerts = 0;
  let units = 0;
  const shared = f.setupMode === 'joint' || f.setupMode === 'attached';
  for (const e of f.coveredEnterprises) {
    if (!activeAt(e, date)) continue;
    units++;
    if (e.operatingStatus !== 'active') alerts |= ORG_ALERT.coveredEnterpriseClosed;
    else if (shared && qualifies(e, r)) alerts |= ORG_ALERT.memberQualifiesStandalone;
  }
  if (f.setupMode === 'joint' && units > r.jointMaxUnits) alerts |= ORG_ALERT.jointTooManyUnits;
  return alerts;
}

/** Members counted toward 50 / 100: probationary ones too unless the flag says otherwise (§9.3). */
export const largeCount = (f: OrgRuleFacts, r: ResolvedRules) => f.fullMembers + (r.countProbationaryLarge ? f.probationaryMembers : 0);

export function evaluateOrg(f: OrgRuleFacts, ctx: RuleContext): OrgVerdict {
  const r = ctx.forRegion(f.regionCode);
  const total = largeCount(f, r);
  let steps = 0;
  if (f.orgType === 'branch' && total >= r.generalBranchMin && total < r.partyCommitteeMin) steps |= ORG_STEP.eligibleGeneralBranch;
  if (f.orgType !== 'committee' && total >= r.partyCommitteeMin) steps |= ORG_STEP.eligibleCommittee;
  return { steps, alerts: positionsAlerts(f, r, ctx.date) | termAlerts(f, r, ctx) | coverageAlerts(f, r, ctx.date) };
}

export type OrgExplanation = { subject: 'org'; id: string; name?: string; date: string; termEndsOn: string; nextSteps: Finding[]; alerts: Finding[] };

function termFindings(f: OrgRuleFacts, v: OrgVerdict, r: ResolvedRules, ctx: RuleContext): Finding[] {
  const end = orgTermEndDay(f, ctx);
  const endsOn = fromDay(end);
  const derived = f.termEndsOn ? '' : `（按${f.electedOn ? '选举' : '成立'}日${f.electedOn ?? f.foundedOn}及当时任期${termYearsAt(f.orgType, f.electedOn ?? f.foundedOn, r.provinceCode, ctx.ruleSet)}年推算）`;
  if (v.alerts & ORG_ALERT.reelectionOverdue) {
    const late = ctx.day - end;
    const beyond = late > r.reelectionMaxShiftDays ? `，已超过经批准可延期的${r.reelectionMaxShiftDays}天` : '，如需延期须经上级党组织批准且不超过1年';
    return [finding('org.reelectionOverdue', r, { fact: `任期已于${endsOn}届满，逾期${late}天未换届`, detail: `任期已于${endsOn}届满${derived}，逾期${late}天未换届${beyond}` }, { termEndsOn: endsOn, daysOverdue: late })];
  }
  if (v.alerts & ORG_ALERT.reelectionDue) {
    return [finding('org.reelectionDue', r, { fact: `任期将于${endsOn}届满，还有${end - ctx.day}天`, detail: `任期将于${endsOn}届满${derived}，还有${end - ctx.day}天（提前${r.reelectionReminderDays}天提醒），请做好换届准备` }, { termEndsOn: endsOn, daysLeft: end - ctx.day })];
  }
  return [];
}

function coverageFindings(f: OrgRuleFacts, v: OrgVerdict, r: ResolvedRules, date: string): Finding[] {
  const out: Finding[] = [];
  const active = f.coveredEnterprises.filter((e) => activeAt(e, date));
  const label = (e: CoveredEnterpriseFact) => e.name ?? e.id;
  if (v.alerts & ORG_ALERT.memberQualifiesStandalone) {
    for (const e of active.filter((x) => qualifies(x, r))) {
      out.push(finding('org.memberQualifiesStandalone', r, { fact: `所覆盖的“${label(e)}”有正式党员${e.fullMembers}名，尚未单独组建`, detail: `所覆盖的“${label(e)}”正式党员${e.fullMembers}名（≥${r.standaloneMin}名），已具备单独组建党组织条件` }, { enterpriseId: e.id, fullMembers: e.fullMembers }));
    }
  }
  if (v.alerts & ORG_ALERT.coveredEnterpriseClosed) {
    for (const e of active.filter((x) => x.operatingStatus !== 'active')) {
      out.push(finding('org.coveredEnterpriseClosed', r, { fact: `所覆盖的“${label(e)}”已${OPERATING_STATUS_LABEL[e.operatingStatus]}`, detail: `所覆盖的“${label(e)}”登记状态为“${OPERATING_STATUS_LABEL[e.operatingStatus]}”，应调整覆盖范围或撤销组织` }, { enterpriseId: e.id, operatingStatus: e.operatingStatus }));
    }
  }
  if (v.alerts & ORG_ALERT.jointTooManyUnits) {
    out.push(finding('org.jointTooManyUnits', r, { fact: `覆盖${active.length}个单位，超过一般上限${r.jointMaxUnits}个`, detail: `联合党支部覆盖${active.length}个单位，超过一般上限${r.jointMaxUnits}个` }, { units: active.length, max: r.jointMaxUnits }));
  }
  return out;
}

function positionFindings(f: OrgRuleFacts, v: OrgVerdict, r: ResolvedRules): Finding[] {
  const out: Finding[] = [];
  if (v.alerts & ORG_ALERT.secretaryVacant) out.push(finding('org.secretaryVacant', r, { fact: '当前没有在任书记', detail: '当前没有在任书记' }, {}));
  if (v.alerts & ORG_ALERT.committeeMissing) out.push(finding('org.committeeMissing', r, { fact: `正式党员${f.fullMembers}名，在任委员不足${r.committeeMinSize}人`, detail: `正式党员${f.fullMembers}名（≥${r.branchCommitteeMin}名应设支部委员会），在任委员不足${r.committeeMinSize}人` }, { fullMembers: f.fullMembers, threshold: r.branchCommitteeMin }));
  if (v.alerts & ORG_ALERT.belowStandaloneThreshold) out.push(finding('org.belowStandaloneThreshold', r, { fact: `单独组建，正式党员仅${f.fullMembers}名（不足${r.standaloneMin}名）`, detail: `单独组建但正式党员仅${f.fullMembers}名（不足${r.standaloneMin}名），可考虑调整为联合组建` }, { fullMembers: f.fullMembers, threshold: r.standaloneMin }));
  return out;
}

function stepFindings(f: OrgRuleFacts, v: OrgVerdict, r: ResolvedRules): Finding[] {
  const total = largeCount(f, r);
  const counted = r.countProbationaryLarge ? `党员${total}名（含预备党员${f.probationaryMembers}名）` : `正式党员${total}名`;
  const out: Finding[] = [];
  if (v.steps & ORG_STEP.eligibleGeneralBranch) out.push(finding('org.eligibleGeneralBranch', r, { fact: `${counted}，达到${r.generalBranchMin}名`, detail: `${counted}，达到${r.generalBranchMin}名，经上级批准可设立党总支` }, { members: total, threshold: r.generalBranchMin }));
  if (v.steps & ORG_STEP.eligibleCommittee) out.push(finding('org.eligibleCommittee', r, { fact: `${counted}，达到${r.partyCommitteeMin}名`, detail: `${counted}，达到${r.partyCommitteeMin}名，经上级批准可设立基层党委` }, { members: total, threshold: r.partyCommitteeMin }));
  return out;
}

export function explainOrg(f: OrgRuleFacts, ctx: RuleContext): OrgExplanation {
  const v = evaluateOrg(f, ctx);
  const r = ctx.forRegion(f.regionCode);
  return {
    subject: 'org', id: f.id, name: f.name, date: ctx.date, termEndsOn: fromDay(orgTermEndDay(f, ctx)),
    nextSteps: stepFindings(f, v, r),
    alerts: [...positionFindings(f, v, r), ...termFindings(f, v, r, ctx), ...coverageFindings(f, v, r, ctx.date)],
  };
}
