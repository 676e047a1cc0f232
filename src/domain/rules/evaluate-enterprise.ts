import { OPERATING_STATUS_LABEL } from '../enterprise-facts.js';
import { finding, type Finding, type FindingText } from './catalogue.js';
import type { EnterpriseRuleFacts, Interval, OrgCoverageFact, SetupMode } from './facts.js';
import type { ResolvedRules, RuleContext } from './resolve.js';

/**
 * Exactly one status per enterprise at a date. Organisational coverage wins over work coverage,
 * and among organisations the strongest form wins (standalone > dispatched > joint > attached) —
 * an enterprise moving out of a joint branch into its own keeps one status during the overlap.
 * Enterprises that are not operating (歇业/注销/吊销/迁出) are `closed`: outside the population of
 * every coverage rate, but still one status, so counts by status always add up to the ledger.
 */
export type CoverageStatus = 'standalone' | 'dispatched' | 'joint' | 'attached' | 'workOnly' | 'gap' | 'closed';
export type CoverageClass = 'organisational' | 'work' | 'gap' | 'closed';

export const COVERAGE_STATUSES: readonly CoverageStatus[] = ['standalone', 'dispatched', 'joint', 'attached', 'workOnly', 'gap', 'closed'];

export const COVERAGE_STATUS_LABEL: Record<CoverageStatus, string> = {
  standalone: '组织覆盖（单独组建）',
  dispatched: '组织覆盖（派员组建）',
  joint: '组织覆盖（联合组建）',
  attached: '组织覆盖（挂靠组建）',
  workOnly: '工作覆盖',
  gap: '空白点',
  closed: '不在营（不计入覆盖统计）',
};

export function coverageClass(status: CoverageStatus): CoverageClass {
  if (status === 'workOnly') return 'work';
  if (status === 'gap' || status === 'closed') return status;
  return 'organisational';
}

/** Next-step and alert codes, as bits: the verdict of a million enterprises is three small values each. */
export const ENTERPRISE_STEP = { setupStandalone: 1, setupJointOrAttached: 2, assignInstructor: 4, developMembers: 8, qualifiesStandalone: 16 } as const;
export const ENTERPRISE_ALERT = { unionMissing: 1, closedButCovered: 2 } as const;

export type EnterpriseVerdict = { status: CoverageStatus; steps: number; alerts: number };

const MODE_RANK: Record<SetupMode, number> = { attached: 1, joint: 2, dispatched: 3, standalone: 4 };
const RANK_STATUS: CoverageStatus[] = ['gap', 'attached', 'joint', 'dispatched', 'standalone'];

// ISO dates order as strings, so the hot path compares the text directly: no parsing, no allocation.
const activeAt = (iv: Interval, date: string) => iv.since <= date && (iv.until == null || date < iv.until);

function strongestOrg(orgs: OrgCoverageFact[], date: string): number {
  let best = 0;
  for (let i = 0; i < orgs.length; i++) {
    const o = orgs[i];
    const rank = MODE_RANK[o.setupMode];
    if (rank > best && activeAt(o, date)) best = rank;
  }
  return best;
}

function anyActive(list: Interval[] | undefined, date: string, needPartyWork: boolean): boolean {
  if (!list) return false;
  for (let i = 0; i < list.length; i++) {
    const iv = list[i] as Interval & { partyWork?: boolean };
    if ((!needPartyWork || iv.partyWork === true) && activeAt(iv, date)) return true;
  }
  return false;
}

function unionMissing(f: EnterpriseRuleFacts, r: ResolvedRules, date: string): boolean {
  if (!f.foundedOn || f.foundedOn > r.unionSetupCutoff) return false;
  if (f.employeeCount != null && f.employeeCount < r.unionSetupMinEmployees) return false;
  return !anyActive(f.coverage.unions, date, false);
}

function stepsFor(f: EnterpriseRuleFacts, r: ResolvedRules, rank: number, work: boolean): number {
  const full = f.fullMembers;
  let steps = 0;
  if (rank === 0) {
    if (full >= r.standaloneMin) steps |= ENTERPRISE_STEP.setupStandalone;
    else if (full > 0) steps |= ENTERPRISE_STEP.setupJointOrAttached;
    else if (!work) steps |= ENTERPRISE_STEP.assignInstructor;
  } else if (rank <= MODE_RANK.joint && full >= r.standaloneMin) {
    steps |= ENTERPRISE_STEP.qualifiesStandalone;
  }
  if (full < r.standaloneMin && f.employeeCount != null && f.employeeCount >= r.developMinEmployees) steps |= ENTERPRISE_STEP.developMembers;
  return steps;
}

/** The hot path: no strings built, rules resolved once per province by the context. */
export function evaluateEnterprise(f: EnterpriseRuleFacts, ctx: RuleContext): EnterpriseVerdict {
  const r = ctx.forRegion(f.regionCode);
  const date = ctx.date;
  const rank = strongestOrg(f.coverage.orgs, date);
  if (f.operatingStatus !== 'active') {
    return { status: 'closed', steps: 0, alerts: rank > 0 ? ENTERPRISE_ALERT.closedButCovered : 0 };
  }
  const work = rank === 0 && (anyActive(f.coverage.instructors, date, false) || anyActive(f.coverage.unions, date, true));
  const status = rank > 0 ? RANK_STATUS[rank] : work ? 'workOnly' : 'gap';
  return { status, steps: stepsFor(f, r, rank, work), alerts: unionMissing(f, r, date) ? ENTERPRISE_ALERT.unionMissing : 0 };
}

export type EnterpriseExplanation = {
  subject: 'enterprise';
  id: string;
  name?: string;
  date: string;
  status: CoverageStatus;
  statusLabel: string;
  coverageClass: CoverageClass;
  statusFinding: Finding;
  nextSteps: Finding[];
  alerts: Finding[];
};


function statusBody(f: EnterpriseRuleFacts, v: EnterpriseVerdict): string {
  const members = `正式党员${f.fullMembers}名`;
  switch (v.status) {
    case 'closed': return `企业登记状态为“${OPERATING_STATUS_LABEL[f.operatingStatus]}”，不在营，不计入覆盖统计`;
    case 'standalone': return `${members}，已单独组建党组织，属于组织覆盖`;
    case 'dispatched': return `${members}，由上级选派党员组建党组织，属于组织覆盖`;
    case 'joint': return `${members}，已纳入联合党支部，属于组织覆盖`;
    case 'attached': return `${members}，已挂靠其他党组织，属于组织覆盖`;
    case 'workOnly': return `${members}，未建立或纳入党组织，但有在岗党建指导员（联络员）或通过工会开展党的工作，属于工作覆盖`;
    case 'gap': return `${members}，未建立或纳入党组织，也没有党建指导员（联络员）或工会开展党的工作，属于空白点`;
  }
}

/** The work-list line of the status: for a 空白点, what the members on record call for. */
function statusText(f: EnterpriseRuleFacts, v: EnterpriseVerdict, r: ResolvedRules): FindingText {
  const detail = statusBody(f, v);
  if (v.status !== 'gap') return { fact: detail, detail };
  const n = f.fullMembers;
  if (n >= r.standaloneMin) return { fact: `有正式党员${n}名，尚未单独组建`, detail, action: '建议单独组建党支部' };
  if (n > 0) return { fact: `有正式党员${n}名，尚未建立或纳入党组织`, detail, action: '建议联合组建或挂靠组建党支部' };
  return { fact: '没有正式党员，也没有党建指导员（联络员）', detail, action: '建议选派党建指导员（联络员）' };
}

function stepFindings(f: EnterpriseRuleFacts, v: EnterpriseVerdict, r: ResolvedRules): Finding[] {
  const out: Finding[] = [];
  const n = f.fullMembers;
  const p = { fullMembers: n, threshold: r.standaloneMin };
  const s = v.steps;
  if (s & ENTERPRISE_STEP.setupStandalone) out.push(finding('enterprise.setupStandalone', r, { fact: `有正式党员${n}名，尚未单独组建`, detail: `正式党员${n}名（正式党员≥${r.standaloneMin}名应单独组建党组织）` }, p));
  if (s & ENTERPRISE_STEP.setupJointOrAttached) out.push(finding('enterprise.setupJointOrAttached', r, { fact: `有正式党员${n}名（不足${r.standaloneMin}名），尚未建立或纳入党组织`, detail: `正式党员${n}名，不足${r.standaloneMin}名，宜与邻近单位联合组建（联合党支部一般不超过${r.jointMaxUnits}个单位）或挂靠组建` }, { ...p, jointMaxUnits: r.jointMaxUnits }));
  if (s & ENTERPRISE_STEP.assignInstructor) out.push(finding('enterprise.assignInstructor', r, { fact: '没有正式党员，也未建党组织', detail: '没有正式党员，也未建党组织，宜选派党建指导员（联络员）实现工作覆盖' }, p));
  if (s & ENTERPRISE_STEP.qualifiesStandalone) out.push(finding('enterprise.qualifiesStandalone', r, { fact: `联合或挂靠组建，正式党员已有${n}名`, detail: `目前为联合或挂靠组建，正式党员已有${n}名（≥${r.standaloneMin}名），应单独组建党组织` }, p));
  if (s & ENTERPRISE_STEP.developMembers) out.push(finding('enterprise.developMembers', r, { fact: `职工${f.employeeCount}人，正式党员${n}名`, detail: `职工${f.employeeCount}人（≥${r.developMinEmployees}人），正式党员不足${r.standaloneMin}名，宜注重在职工中发展党员` }, { ...p, employeeCount: f.employeeCount ?? null, employeeThreshold: r.developMinEmployees }));
  return out;
}

function alertFindings(f: EnterpriseRuleFacts, v: EnterpriseVerdict, r: ResolvedRules): Finding[] {
  const out: Finding[] = [];
  if (v.alerts & ENTERPRISE_ALERT.unionMissing) {
    const months = Number(r.params['union.setupGraceMonths'].value);
    out.push(finding('enterprise.unionMissing', r, { fact: `成立于${f.foundedOn}，满${months}个月仍未建立或加入工会`, detail: `企业成立于${f.foundedOn}，已满${months}个月，尚未建立或加入工会` }, { foundedOn: f.foundedOn ?? null, graceMonths: months }));
  }
  if (v.alerts & ENTERPRISE_ALERT.closedButCovered) {
    const status = OPERATING_STATUS_LABEL[f.operatingStatus];
    out.push(finding('enterprise.closedButCovered', r, { fact: `企业已${status}，仍在党组织覆盖范围内`, detail: '企业已不在营，但仍登记在党组织覆盖范围内，请调整或撤销相应党组织' }, { operatingStatus: f.operatingStatus }));
  }
  return out;
}

/** "Why does it say this?" — the verdict rendered with messages, rule ids and sources. */
export function explainEnterprise(f: EnterpriseRuleFacts, ctx: RuleContext): EnterpriseExplanation {
  const v = evaluateEnterprise(f, ctx);
  const r = ctx.forRegion(f.regionCode);
  return {
    subject: 'enterprise', id: f.id, name: f.name, date: ctx.date,
    status: v.status, statusLabel: COVERAGE_STATUS_LABEL[v.status], coverageClass: coverageClass(v.status),
    statusFinding: finding('enterprise.status', r, statusText(f, v, r), { status: v.status, fullMembers: f.fullMembers }),
    nextSteps: stepFindings(f, v, r),
    alerts: alertFindings(f, v, r),
  };
}
