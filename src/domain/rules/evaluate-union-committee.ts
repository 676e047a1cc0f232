import {
  bandFor, bandLabel, COMMITTEE_ROLE_LABELS, COUNTED_ROLES, FULL_TIME_CHAIR_MIN_EMPLOYEES, sizeTableAt, UNION_TERM_YEARS,
  type CommitteeFact, type CommitteeSeatFact,
} from '../union-committee.js';
import { addYears, fromDay, toDay } from './dates.js';
import { committeeFinding, type UnionCommitteeFinding } from './union-committee-catalogue.js';

/** What the committee rules read of a union. */
export type CommitteeInput = { members: number; employees?: number | null; committee?: CommitteeFact | null };

export type SizeVerdict = 'within' | 'below' | 'above' | 'organiser' | 'unknown';
export const SIZE_VERDICT_LABELS: Record<SizeVerdict, string> = {
  within: '符合规定', below: '少于规定', above: '多于规定', organiser: '选举组织员', unknown: '无法判断',
};

export type CommitteeSummary = {
  electedOn: string | null;
  termYears: number | null;
  termEndsOn: string | null;
  /** Seats counted towards the size (主席、副主席、委员、女职工委员) sitting on the date. */
  size: number;
  chair: string | null;
  chairFullTime: boolean | null;
  band: { label: string; low: number; high: number; organiserAllowed: boolean; source: string } | null;
  /** Why there is no verdict, when there is none. */
  note: string | null;
  sizeVerdict: SizeVerdict;
  findings: UnionCommitteeFinding[];
};

const sitting = (s: CommitteeSeatFact, date: string) => (!s.since || s.since <= date) && (!s.until || s.until > date);
const who = (s: CommitteeSeatFact) => s.name ?? (s.personId ? `人员${s.personId}` : COMMITTEE_ROLE_LABELS[s.role]);

/** The term's last day: the day before the N-th anniversary of the election (as termEnd does for unions). */
export const committeeTermEnd = (electedOn: string, years: number): string => fromDay(addYears(toDay(electedOn), years) - 1);

/**
 * The committee as it stands on `date`: size against the 2016 条例's band for the membership (the
 * table in force on the election day), the chair, the term, close relatives, the full-time chair.
 */
export function explainUnionCommittee(f: CommitteeInput, date: string): CommitteeSummary {
  const c = f.committee ?? null;
  const table = sizeTableAt(c?.electedOn ?? date);
  const band = table ? bandFor(table, f.members) : null;
  const bandOut = band && table ? { label: bandLabel(band), low: band.low, high: band.high, organiserAllowed: band.organiserAllowed, source: table.source } : null;
  const base = { band: bandOut, findings: [] as UnionCommitteeFinding[] };
  if (!c) {
    return { ...base, electedOn: null, termYears: null, termEndsOn: null, size: 0, chair: null, chairFullTime: null, note: '未登记换届选举，委员人数不作判断', sizeVerdict: 'unknown' };
  }
  const seats = c.seats.filter((s) => sitting(s, date));
  const counted = seats.filter((s) => COUNTED_ROLES.has(s.role));
  const size = counted.length;
  const chair = seats.find((s) => s.role === 'chair') ?? null;
  const findings: UnionCommitteeFinding[] = [];
  const termOk = (UNION_TERM_YEARS as readonly number[]).includes(c.termYears);
  if (!termOk) {
    findings.push(committeeFinding('unionCommittee.termInvalid', `任期定为${c.termYears}年`, `${c.electedOn}选举产生的工会委员会任期定为${c.termYears}年，应为三年或五年`, { termYears: c.termYears, electedOn: c.electedOn }));
  }
  let sizeVerdict: SizeVerdict = 'unknown';
  let note: string | null = null;
  if (!table) note = `${c.electedOn}选举时《工会基层组织选举工作条例》（2016年）尚未施行，委员人数不作判断`;
  else if (!band) note = `会员${f.members}人，超出所据条文的人数档次，委员人数不作判断`;
  else if (band.organiserAllowed && size <= 1) sizeVerdict = 'organiser';
  else sizeVerdict = size < band.low ? 'below' : size > band.high ? 'above' : 'within';
  if (band && table && (sizeVerdict === 'below' || sizeVerdict === 'above')) {
    findings.push(committeeFinding('unionCommittee.sizeOutOfBand', `会员${f.members}人，委员${size}人（应为${band.low}—${band.high}人）`,
      `会员${f.members}人，按规定委员应为${band.low}—${band.high}人，现有委员${size}人，${SIZE_VERDICT_LABELS[sizeVerdict]}`,
      { members: f.members, size, low: band.low, high: band.high }));
  }
  if (!chair && sizeVerdict !== 'organiser') {
    findings.push(committeeFinding('unionCommittee.chairVacant', '工会主席空缺', `工会委员会现有委员${size}人，没有在任的主席`, { size }));
  }
  for (const s of seats.filter((x) => x.closeRelative)) {
    findings.push(committeeFinding('unionCommittee.closeRelative', `${who(s)}（${COMMITTEE_ROLE_LABELS[s.role]}）申报为企业主要负责人的近亲属`,
      `${who(s)}任${COMMITTEE_ROLE_LABELS[s.role]}，本人申报为企业主要负责人的近亲属，不得作为工会委员会成员`, { personId: s.personId ?? null, role: s.role }));
  }
  const min = FULL_TIME_CHAIR_MIN_EMPLOYEES.value;
  if (chair && !chair.fullTime && f.employees != null && f.employees >= min) {
    findings.push(committeeFinding('unionCommittee.fullTimeChairSuggested', `职工${f.employees}人，主席为兼职`, `职工${f.employees}人（${min}人以上），工会主席${who(chair)}为兼职，可以设专职主席`, { employees: f.employees, threshold: min }));
  }
  return {
    ...base, electedOn: c.electedOn, termYears: c.termYears, termEndsOn: termOk ? committeeTermEnd(c.electedOn, c.termYears) : null,
    size, chair: chair ? who(chair) : null, chairFullTime: chair ? !!chair.fullTime : null, note, sizeVerdict, findings,
  };
}
