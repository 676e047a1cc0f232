import {
  CONGRESS_FORM_MIN_EMPLOYEES, CONGRESS_KIND_LABELS, CONGRESS_MATTER_LABELS, moreThanHalfOf, representativeRuleAt, STATUTORY_MATTERS, twoThirdsOf,
  type CongressKind, type CongressMatter, type CongressSessionFact, type ResolutionFact,
} from '../union-committee.js';
import { addYears, fromDay, toDay } from './dates.js';
import { committeeFinding, type UnionCommitteeFinding } from './union-committee-catalogue.js';

/** What the congress rules read of a union. */
export type CongressInput = { employees?: number | null; foundedOn?: string | null; provinceCode?: string | null; congresses?: CongressSessionFact[] };

export type Quorum = 'met' | 'notMet' | 'unknown';
export const QUORUM_LABELS: Record<Quorum, string> = { met: '出席达到三分之二', notMet: '出席不足三分之二', unknown: '未登记应到、实到人数' };
export type ResolutionOutcome = 'passed' | 'failed' | 'invalid' | 'unknown';
export const RESOLUTION_OUTCOME_LABELS: Record<ResolutionOutcome, string> = {
  passed: '通过', failed: '未通过（赞成票未超过全体代表半数）', invalid: '不成立（出席不足三分之二）', unknown: '无法判断（未登记应到人数）',
};

export type ResolutionVerdict = Required<Pick<ResolutionFact, 'title' | 'votesFor'>> & {
  id: string | null; matter: CongressMatter | null; votesAgainst: number; votesAbstain: number;
  /** Votes needed: more than half of ALL representatives. */
  needed: number | null; outcome: ResolutionOutcome; outcomeLabel: string;
};

export type SessionVerdict = {
  id: string | null; heldOn: string; kind: CongressKind; kindLabel: string; session: string | null;
  employees: number | null; representatives: number | null; present: number | null; managers: number | null;
  quorumNeeded: number | null; quorum: Quorum; quorumLabel: string;
  /** The province's least number of representatives on the day (职代会 only), null where none is set. */
  representativeMin: number | null; managersMax: number | null;
  matters: CongressMatter[]; resolutions: ResolutionVerdict[];
  /** Held within the twelve months up to the evaluation date: only these raise findings. */
  current: boolean;
};

export type CongressSummary = {
  employees: number | null;
  form: CongressKind | null;
  formText: string;
  formSource: string;
  rule: { provinceCode: string | null; source: string; confidence: string; minimum: number | null; explain: string; managersMaxPercent: number | null };
  lastHeldOn: string | null;
  /** The day by which the next session is due (a year after the last). */
  nextDueBy: string | null;
  /** The matters of 劳动合同法第四条 and whether a session in the last twelve months took each up. */
  matters: Array<{ matter: CongressMatter; label: string; taken: boolean }>;
  sessions: SessionVerdict[];
  findings: UnionCommitteeFinding[];
};

export function formFor(employees: number | null | undefined): CongressKind | null {
  if (employees == null) return null;
  return employees >= CONGRESS_FORM_MIN_EMPLOYEES.value ? 'congress' : 'assembly';
}

function resolutionVerdict(r: ResolutionFact, voters: number | null, quorum: Quorum): ResolutionVerdict {
  const needed = voters == null ? null : moreThanHalfOf(voters);
  const outcome: ResolutionOutcome = needed == null ? 'unknown' : quorum === 'notMet' ? 'invalid' : r.votesFor >= needed ? 'passed' : 'failed';
  return {
    id: r.id ?? null, title: r.title, matter: r.matter ?? null, votesFor: r.votesFor, votesAgainst: r.votesAgainst ?? 0, votesAbstain: r.votesAbstain ?? 0,
    needed, outcome, outcomeLabel: RESOLUTION_OUTCOME_LABELS[outcome],
  };
}

/** One session's verdicts: quorum (≥ 2/3 of who should attend), each resolution (> 1/2 of ALL), the province's counts. */
export function sessionVerdict(s: CongressSessionFact, union: CongressInput, windowStart: string, date: string): SessionVerdict {
  const voters = s.representatives ?? null;
  const quorumNeeded = voters == null ? null : twoThirdsOf(voters);
  const quorum: Quorum = quorumNeeded == null || s.present == null ? 'unknown' : s.present >= quorumNeeded ? 'met' : 'notMet';
  const employees = s.employees ?? union.employees ?? null;
  const rule = representativeRuleAt(union.provinceCode, s.heldOn);
  const congress = s.kind === 'congress';
  return {
    id: s.id ?? null, heldOn: s.heldOn, kind: s.kind, kindLabel: CONGRESS_KIND_LABELS[s.kind], session: s.session ?? null,
    employees, representatives: voters, present: s.present ?? null, managers: s.managers ?? null,
    quorumNeeded, quorum, quorumLabel: QUORUM_LABELS[quorum],
    representativeMin: congress && employees != null ? rule.minimum(employees) : null,
    managersMax: congress && voters != null && rule.managersMaxPercent != null ? Math.floor((voters * rule.managersMaxPercent) / 100) : null,
    matters: s.matters ?? [], resolutions: (s.resolutions ?? []).map((r) => resolutionVerdict(r, voters, quorum)),
    current: s.heldOn >= windowStart && s.heldOn <= date,
  };
}

function sessionFindings(v: SessionVerdict, provinceCode: string | null | undefined): UnionCommitteeFinding[] {
  const out: UnionCommitteeFinding[] = [];
  const at = `${v.heldOn}${v.kindLabel}`;
  const p = { heldOn: v.heldOn, sessionId: v.id };
  if (v.quorum === 'notMet') {
    out.push(committeeFinding('unionCongress.quorumNotMet', `${at}应到${v.representatives}人、实到${v.present}人`,
      `${at}应到${v.representatives}人，实到${v.present}人，不足三分之二（至少${v.quorumNeeded}人）`, { ...p, present: v.present, needed: v.quorumNeeded }));
  }
  const rule = representativeRuleAt(provinceCode, v.heldOn);
  if (v.representativeMin != null && v.representatives != null && v.representatives < v.representativeMin) {
    out.push(committeeFinding('unionCongress.representativesTooFew', `${at}职工代表${v.representatives}人，少于${v.representativeMin}人`,
      `职工${v.employees}人，${rule.explain(v.employees ?? 0)}，应不少于${v.representativeMin}人，${at}职工代表${v.representatives}人`,
      { ...p, representatives: v.representatives, minimum: v.representativeMin, provinceCode: rule.province }, rule.source));
  }
  if (v.managersMax != null && v.managers != null && v.managers > v.managersMax) {
    out.push(committeeFinding('unionCongress.managersOverLimit', `${at}中层以上管理人员代表${v.managers}人，超过${rule.managersMaxPercent}%`,
      `${at}职工代表${v.representatives}人，其中中层以上管理人员${v.managers}人，超过代表总数的${rule.managersMaxPercent}%（至多${v.managersMax}人）`,
      { ...p, managers: v.managers, maximum: v.managersMax, provinceCode: rule.province }, rule.source));
  }
  return out;
}

/**
 * The 职代会 / 职工大会 of a union on `date`: the form its employees call for, the province's
 * representative minimum, each session's quorum and each resolution's verdict, and the findings.
 * "At least once a year" is read as a rolling twelve months: a session on the same day a year
 * before the date still counts (docs/unions.md, "职工代表大会").
 */
export function explainUnionCongress(f: CongressInput, date: string): CongressSummary {
  const windowStart = fromDay(addYears(toDay(date), -1));
  const employees = f.employees ?? null;
  const form = formFor(employees);
  const rule = representativeRuleAt(f.provinceCode, date);
  const sessions = [...(f.congresses ?? [])].filter((s) => s.heldOn <= date).sort((a, b) => b.heldOn.localeCompare(a.heldOn))
    .map((s) => sessionVerdict(s, f, windowStart, date));
  const last = sessions[0] ?? null;
  const findings: UnionCommitteeFinding[] = [];
  const min = CONGRESS_FORM_MIN_EMPLOYEES.value;
  const expected = (employees != null && employees > 0) || sessions.length > 0;
  const young = f.foundedOn != null && f.foundedOn > windowStart;
  if (expected && !young && (!last || !last.current)) {
    findings.push(committeeFinding('unionCongress.sessionMissing', last ? `上次于${last.heldOn}召开，已超过一年` : '尚未登记召开职代会（职工大会）',
      last ? `上次${last.kindLabel}于${last.heldOn}召开，至${date}已超过一年（应在${fromDay(addYears(toDay(last.heldOn), 1))}前召开）` : `职工${employees ?? '人数未知'}${employees != null ? '人' : ''}，尚未登记召开职代会（职工大会）`,
      { lastHeldOn: last?.heldOn ?? null }));
  }
  const current = sessions.filter((s) => s.current);
  const latestCurrent = current[0];
  if (latestCurrent && latestCurrent.kind === 'assembly' && (latestCurrent.employees ?? 0) >= min) {
    findings.push(committeeFinding('unionCongress.formMismatch', `职工${latestCurrent.employees}人，${latestCurrent.heldOn}召开的是职工大会`,
      `职工${latestCurrent.employees}人（${min}人以上），${latestCurrent.heldOn}召开的是职工大会，应召开职工代表大会`, { employees: latestCurrent.employees, heldOn: latestCurrent.heldOn }));
  }
  for (const s of current) findings.push(...sessionFindings(s, f.provinceCode));
  const taken = new Set(current.flatMap((s) => [...s.matters, ...s.resolutions.flatMap((r) => (r.matter ? [r.matter] : []))]));
  return {
    employees, form,
    formText: form == null ? '职工人数未知' : `职工${employees}人，${form === 'congress' ? `${min}人以上，召开职工代表大会` : `不足${min}人，一般召开职工大会`}`,
    formSource: CONGRESS_FORM_MIN_EMPLOYEES.source,
    rule: {
      provinceCode: rule.province, source: rule.source, confidence: rule.confidence, minimum: form === 'congress' && employees != null ? rule.minimum(employees) : null,
      explain: employees != null ? rule.explain(employees) : rule.explain(0), managersMaxPercent: rule.managersMaxPercent,
    },
    lastHeldOn: last?.heldOn ?? null, nextDueBy: last ? fromDay(addYears(toDay(last.heldOn), 1)) : null,
    matters: STATUTORY_MATTERS.map((m) => ({ matter: m, label: CONGRESS_MATTER_LABELS[m], taken: taken.has(m) })),
    sessions, findings,
  };
}
