import type { BargainingRound, BargainingRoundRow } from '../../contracts/bargaining.js';
import {
  bargainingSchedule, successorsOf, type BargainingRoundFact, type BargainingSchedule,
} from '../../domain/rules/bargaining.js';
import type { RoundRow, RoundView } from './bargaining.repository.js';

/** The round's facts as the pure rules read them (src/domain/rules/bargaining.ts). */
export function toFacts(r: RoundRow): BargainingRoundFact {
  return {
    id: r.id, contractKind: r.contract_kind, requestedOn: r.requested_on, requestedBy: r.requested_by, repliedOn: r.replied_on,
    sessions: r.sessions ?? [],
    vote: r.vote_on ? { heldOn: r.vote_on, representatives: r.vote_representatives ?? 0, present: r.vote_present ?? 0, yes: r.vote_yes ?? 0 } : null,
    signedOn: r.signed_on, startsOn: r.starts_on, endsOn: r.ends_on, filedOn: r.filed_on, objectionOn: r.objection_on,
  };
}

const province = (regionCode: string | null) => (regionCode && /^\d{2}/.test(regionCode) ? regionCode.slice(0, 2) : null);

export type Judged = { row: RoundView; s: BargainingSchedule };

/**
 * Judges rounds at a day. `rows` must hold every round of each union and kind they include, in
 * (union, id) order: a round's successor (a later round of the same union and kind) decides 续签中 /
 * 已结束, so the board, the drill-down and the union's card all see the same stage.
 */
export function judge(rows: RoundView[], date: string): Judged[] {
  const out: Judged[] = [];
  for (let i = 0; i < rows.length;) {
    let j = i;
    while (j < rows.length && rows[j]!.union_id === rows[i]!.union_id) j++;
    const group = rows.slice(i, j);
    const p = province(group[0]!.region_code);
    const next = successorsOf(group.map(toFacts), date, p);
    group.forEach((row, k) => out.push({ row, s: bargainingSchedule(toFacts(row), date, p, next[k]) }));
    i = j;
  }
  return out;
}

export function toRound({ row: r, s }: Judged): BargainingRound {
  const vote = r.vote_on ? {
    heldOn: r.vote_on, congressId: r.vote_congress_id, representatives: r.vote_representatives ?? 0, present: r.vote_present ?? 0, yes: r.vote_yes ?? 0,
    quorum: s.vote?.quorum ?? false, passed: s.vote?.passed ?? false,
  } : null;
  return {
    id: r.id, unionId: r.union_id, unionName: r.union_name, regionCode: r.region_code, contractKind: r.contract_kind,
    requestedOn: r.requested_on, requestedBy: r.requested_by, requestNotes: r.request_notes, repliedOn: r.replied_on,
    sessions: (r.sessions ?? []).map((x) => ({ heldOn: x.heldOn, notes: x.notes ?? null })), vote,
    signedOn: r.signed_on, startsOn: r.starts_on, endsOn: r.ends_on, contractId: r.contract_id, filedOn: r.filed_on,
    objectionOn: r.objection_on, objectionNotes: r.objection_notes,
    effectiveOn: s.effectiveOn, stage: s.stage, dues: s.dues, findings: s.findings, version: r.version,
  };
}

/** The first due date not met yet: what the round waits for next. */
export const nextDueOf = (s: BargainingSchedule) => s.dues.find((d) => d.state === 'pending' || d.state === 'overdue') ?? null;

export function toRoundRow({ row: r, s }: Judged): BargainingRoundRow {
  const d = nextDueOf(s);
  return {
    id: r.id, unionId: r.union_id, unionName: r.union_name, regionCode: r.region_code, streetName: r.street_name,
    contractKind: r.contract_kind, stage: s.stage, requestedOn: r.requested_on, signedOn: r.signed_on, filedOn: r.filed_on,
    effectiveOn: s.effectiveOn, endsOn: r.ends_on, nextDue: d ? { label: d.label, date: d.date, state: d.state } : null, findings: s.findings.length,
  };
}
