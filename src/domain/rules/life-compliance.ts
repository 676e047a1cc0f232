import type { Severity } from './catalogue.js';
import type { OrgType } from './facts.js';
import {
  expectationOf, FREQUENCY_UNITS, MEETING_KIND_VERBS, LIFE_DEFAULTS, LIFE_RULE_CATALOGUE, MEETING_KIND_LABELS, MEETING_KINDS,
  type Frequency, type LifeOptions, type LifeRuleId, type MeetingKind,
} from './life-catalogue.js';
import { meetingVerdict, type LifeMeeting, type MeetingVerdict } from './life-meeting.js';
import { monthIndexOf, periodIndexOf, periodOf, periodsOfYear } from './life-periods.js';

/**
 * An organisation's year of organisational life (domain-rules §2): for each meeting kind, the
 * periods the rule in force expects, which were held and which were missed, and the findings —
 * "连续N个月未召开支部委员会会议" — each citing the 条例's article. Only periods that have ended
 * on the day of judgement are expected; the current one is open until its last day has passed.
 */

export type LifeFacts = {
  id?: string;
  name?: string;
  orgType: OrgType;
  /** The day the organisation was set up: earlier periods expect nothing. */
  since?: string | null;
  /** Whether the branch has 党小组 (otherwise no 党小组会 is expected). */
  hasGroups?: boolean;
  meetings: LifeMeeting[];
};

export type PeriodState = 'held' | 'missed' | 'open' | 'future' | 'notRequired';
export type PeriodCell = { key: string; label: string; from: string; to: string; state: PeriodState; held: number };

export type KindYear = {
  kind: MeetingKind;
  label: string;
  /** Null when the rule in force expects nothing of this organisation. */
  every: Frequency | null;
  ruleId: LifeRuleId | null;
  source: string | null;
  periods: PeriodCell[];
  /** Periods ended and expected / of those, with a meeting / without one (their keys). */
  expected: number;
  met: number;
  missed: string[];
  /** Meetings of the kind held in the year up to the day. */
  held: number;
  /** Expected periods without a meeting, counted back from the last ended one (across years). */
  missedInARow: number;
};

export type LifeFinding = {
  ruleId: LifeRuleId;
  severity: Severity;
  title: string;
  message: string;
  source: string;
  kind: MeetingKind | null;
  params: Record<string, number | string>;
};

export type LifeStatus = 'compliant' | 'lagging' | 'dormant';
export const LIFE_STATUS_LABELS: Record<LifeStatus, string> = { compliant: '达标', lagging: '滞后', dormant: '不活跃' };

export type LifeCalendar = {
  id?: string;
  name?: string;
  year: number;
  asOf: string;
  status: LifeStatus;
  kinds: KindYear[];
  meetings: MeetingVerdict[];
  findings: LifeFinding[];
};

const PREVIOUS: Record<Frequency, string> = { month: '上个月', quarter: '上个季度', halfYear: '上个半年', year: '上一年' };
const LOOKBACK = 120; // periods: a decade of months is more than any finding needs

function kindYear(f: LifeFacts, kind: MeetingKind, year: number, asOf: string, o: LifeOptions, dates: string[]): KindYear {
  const base = { kind, label: MEETING_KIND_LABELS[kind], held: dates.filter((d) => d.startsWith(`${year}-`) && d <= asOf).length };
  const asOfEx = expectationOf(kind, f.orgType, asOf, f.hasGroups ?? false, o);
  const every = asOfEx?.every ?? 'month';
  const counts = new Map<number, number>();
  for (const d of dates) if (d <= asOf) counts.set(periodIndexOf(d, every), (counts.get(periodIndexOf(d, every)) ?? 0) + 1);
  const due = (p: { from: string; to: string }) => expectationOf(kind, f.orgType, p.to, f.hasGroups ?? false, o)?.every === every
    && (!f.since || f.since <= p.from);
  const periods: PeriodCell[] = periodsOfYear(year, every).map((p) => {
    const held = counts.get(p.index) ?? 0;
    const state: PeriodState = !asOfEx || !due(p) ? (held ? 'held' : 'notRequired') : held ? 'held' : p.to < asOf ? 'missed' : p.from <= asOf ? 'open' : 'future';
    return { key: p.key, label: p.label, from: p.from, to: p.to, state, held };
  });
  const ended = periods.filter((p) => p.to < asOf && p.state !== 'notRequired');
  let missedInARow = 0;
  if (asOfEx) {
    for (let i = periodIndexOf(asOf, every) - 1; missedInARow < LOOKBACK; i -= 1) {
      const p = periodOf(i, every);
      if (!due(p) || counts.get(i)) break;
      missedInARow += 1;
    }
  }
  return {
    ...base, every: asOfEx?.every ?? null, ruleId: asOfEx?.ruleId ?? null, source: asOfEx?.source ?? null, periods,
    expected: ended.length, met: ended.filter((p) => p.state === 'held').length,
    missed: ended.filter((p) => p.state === 'missed').map((p) => p.key), missedInARow,
  };
}

function kindFinding(k: KindYear): LifeFinding | null {
  if (!k.ruleId || !k.every || (!k.missed.length && !k.missedInARow)) return null;
  const entry = LIFE_RULE_CATALOGUE[k.ruleId];
  const unit = FREQUENCY_UNITS[k.every];
  const run = k.missedInARow;
  const what = `未${MEETING_KIND_VERBS[k.kind]}${k.label}`;
  const message = run > 1 ? `连续${run}${unit}${what}` : run === 1 ? `${PREVIOUS[k.every]}${what}` : `本年有${k.missed.length}${unit}${what}`;
  return { ruleId: k.ruleId, severity: entry.severity, title: entry.title, message, source: entry.source, kind: k.kind, params: { missedInARow: run, missedThisYear: k.missed.length } };
}

/** Months since the last meeting of any kind (from the later of the founding day and the first day judged). */
function monthsQuiet(f: LifeFacts, asOf: string): number {
  const last = f.meetings.reduce<string | null>((m, x) => (x.date <= asOf && (!m || x.date > m) ? x.date : m), null);
  const from = last ?? f.since ?? null;
  return from === null ? Number.POSITIVE_INFINITY : monthIndexOf(asOf) - monthIndexOf(from);
}

export function lifeCalendar(f: LifeFacts, year: number, asOf: string, o: LifeOptions = {}): LifeCalendar {
  const byKind = new Map<MeetingKind, string[]>(MEETING_KINDS.map((k) => [k, []]));
  for (const m of f.meetings) byKind.get(m.kind)?.push(m.date);
  const kinds = MEETING_KINDS.map((k) => kindYear(f, k, year, asOf, o, byKind.get(k) ?? []));
  const findings = kinds.map(kindFinding).filter((x): x is LifeFinding => x !== null);
  const meetings = f.meetings.filter((m) => m.date.startsWith(`${year}-`) && m.date <= asOf).map(meetingVerdict);
  for (const v of meetings) findings.push(...v.findings);
  const quiet = monthsQuiet(f, asOf);
  const dormantMonths = o.dormantMonths ?? LIFE_DEFAULTS.dormantMonths;
  const expectsAny = kinds.some((k) => k.ruleId !== null);
  const dormant = expectsAny && quiet >= dormantMonths;
  if (dormant) {
    const e = LIFE_RULE_CATALOGUE['life.dormant'];
    const message = Number.isFinite(quiet) ? `已${quiet}个月未召开任何会议` : '尚无任何会议记录';
    findings.push({ ruleId: e.id, severity: e.severity, title: e.title, message, source: e.source, kind: null, params: { months: Number.isFinite(quiet) ? quiet : -1 } });
  }
  // The year's status is about the year: a run reaching back into last year is a finding, not a lag of this year.
  const lagging = kinds.some((k) => k.missed.length > 0);
  const status: LifeStatus = dormant ? 'dormant' : lagging ? 'lagging' : 'compliant';
  return { id: f.id, name: f.name, year, asOf, status, kinds, meetings, findings };
}
