import type { Db, Executor } from '../../db/schema.js';
import type { CommitteeSeat, CommitteeView, Election, ElectionAdd, ElectionResult, SeatAdd, SeatEnd, SeatUpdate } from '../../contracts/union-committee.js';
import { AppError, notFound } from '../../domain/errors.js';
import { todayInChina } from '../../domain/org-terms.js';
import { COMMITTEE_ROLE_LABELS, COMMITTEE_ROLES, type CommitteeFact } from '../../domain/union-committee.js';
import { committeeTermEnd, explainUnionCommittee, SIZE_VERDICT_LABELS } from '../../domain/rules/index.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { refreshTasksFor } from '../task/task-refresh-for.service.js';
import { requireVisiblePerson } from '../person/person.access.js';
import { toUnion } from '../union/union.mapper.js';
import { insertUnionEvent, lockUnion, updateUnion } from '../union/union.repository.js';
import { canManageUnion, openUnion, openUnionForRead } from '../union/union.service.js';
import { constraintFault, faultToAppError } from '../../db/constraint-catalogue.js';
import {
  coveredEmployees, endOpenSeats, findSeat, insertElection, insertSeats, isActiveMember, latestElection, listElections, listSeats, openSeats,
  updateSeat, type ElectionRow, type SeatRow,
} from './committee.repository.js';

const invalid = (field: string, code: string, message: string) => new AppError('VALIDATION_FAILED', message, [{ field, code, message }]);
const versionConflict = () => new AppError('VERSION_CONFLICT', '该记录已被他人修改，请刷新后重试');
const CLOSE_RELATIVE = '企业主要负责人的近亲属不得作为本企业基层工会委员会成员（《工会法》第十条）';

export const toElection = (r: ElectionRow): Election => ({
  id: r.id, unionId: r.union_id, heldOn: r.held_on, termYears: r.term_years, termEndsOn: r.term_ends_on, method: r.method, notes: r.notes,
});
export const toSeat = (r: SeatRow): CommitteeSeat => ({
  id: r.id, unionId: r.union_id, electionId: r.election_id, personId: r.person_id, personName: r.person_name, role: r.role, fullTime: r.full_time,
  closeRelative: r.close_relative, declaredOn: r.declared_on, since: r.since, until: r.until, endReason: r.end_reason, version: r.version,
});

function notFuture(date: string, field: string): void {
  if (date > todayInChina()) throw invalid(field, 'DATE_IN_FUTURE', '日期不能晚于今天');
}

/** A seat's person: visible to the caller, not a declared close relative, a member where the union keeps a roster. */
async function assertSeatPerson(tx: Executor, actor: Actor, union: { id: string; roster_since: string | null }, s: { personId: string; closeRelative: boolean }, at: string) {
  if (s.closeRelative) throw invalid(`${at}.closeRelative`, 'CLOSE_RELATIVE', CLOSE_RELATIVE);
  await requireVisiblePerson(tx, actor, s.personId, `${at}.personId`);
  if (union.roster_since !== null && !(await isActiveMember(tx, union.id, s.personId))) {
    throw invalid(`${at}.personId`, 'NOT_UNION_MEMBER', '该人员不是本工会会员（本工会已启用会员名册）');
  }
}

/**
 * 换届选举: the new committee takes every seat from `heldOn`; seats still open end that day. The
 * union's term follows the latest election (version-checked, it changes the union).
 */
export async function recordElection(db: Db, actor: Actor, unionId: string, input: ElectionAdd): Promise<ElectionResult> {
  return db.transaction().execute(async (tx) => {
    const { union } = await openUnion(tx, actor, unionId);
    if (union.status !== 'active') throw new AppError('CONFLICT', '工会已撤销，不能登记换届');
    if (union.version !== input.version) throw versionConflict();
    notFuture(input.heldOn, 'heldOn');
    await lockUnion(tx, unionId);
    const last = await latestElection(tx, unionId);
    if (last && input.heldOn <= last.held_on) throw invalid('heldOn', 'ELECTION_NOT_LATEST', `选举日期须晚于上次选举（${last.held_on}）`);
    if ((await openSeats(tx, unionId)).some((s) => s.since > input.heldOn)) throw invalid('heldOn', 'SEAT_AFTER_ELECTION', '有委员的任职日期晚于本次选举日期，请核对');
    for (const [i, s] of input.seats.entries()) await assertSeatPerson(tx, actor, union, s, `seats[${i}]`);
    const termEndsOn = committeeTermEnd(input.heldOn, input.termYears);
    const election = await insertElection(tx, {
      union_id: unionId, held_on: input.heldOn, term_years: input.termYears, term_ends_on: termEndsOn, method: input.method ?? 'members',
      notes: input.notes ?? null, actor_id: actor.userId,
    }).catch(dbConflict);
    const endedSeats = await endOpenSeats(tx, unionId, input.heldOn, '换届');
    const ids = await insertSeats(tx, input.seats.map((s) => ({
      union_id: unionId, election_id: election.id, person_id: s.personId, role: s.role, full_time: s.fullTime ?? false,
      close_relative: false, declared_on: input.heldOn, since: input.heldOn,
    }))).catch(dbConflict);
    const updated = await updateUnion(tx, unionId, input.version, { term_years: input.termYears, term_ends_on: termEndsOn, has_committee: input.seats.length > 1 || union.has_committee });
    if (!updated) throw versionConflict();
    const seats = (await listSeats(tx, unionId)).filter((s) => ids.includes(s.id)).map(toSeat);
    const out: ElectionResult = { election: toElection(election), seats, endedSeats };
    await insertUnionEvent(tx, {
      unionId, kind: 'election_held', at: input.heldOn, actorId: actor.userId,
      data: { election: out.election, seats: seats.map((s) => ({ personId: s.personId, name: s.personName, role: COMMITTEE_ROLE_LABELS[s.role], fullTime: s.fullTime })), endedSeats },
    });
    await recordAudit(tx, actor, { action: 'union.election.add', entity: 'union', entityId: unionId, before: toUnion(union), after: out });
    await refreshTasksFor(tx, actor, { unionOrgIds: [unionId] }, { trigger: 'union.election.add' });
    return out;
  });
}

/** 补选 (or a seat between elections): from `since`, under the union's row lock. */
export async function addSeat(db: Db, actor: Actor, unionId: string, input: SeatAdd): Promise<CommitteeSeat> {
  return db.transaction().execute(async (tx) => {
    const { union } = await openUnion(tx, actor, unionId);
    if (union.status !== 'active') throw new AppError('CONFLICT', '工会已撤销，不能增补委员');
    notFuture(input.since, 'since');
    await lockUnion(tx, unionId);
    await assertSeatPerson(tx, actor, union, input, 'seat');
    const open = await openSeats(tx, unionId);
    if (open.some((s) => s.person_id === input.personId)) throw invalid('personId', 'ALREADY_SEATED', '该人员已是本届委员');
    if (input.role === 'chair' && open.some((s) => s.role === 'chair')) throw invalid('role', 'CHAIR_TAKEN', '已有在任主席，请先结束其任职');
    const last = await latestElection(tx, unionId);
    if (last && input.since < last.held_on) throw invalid('since', 'BEFORE_ELECTION', `任职日期不能早于本届选举日期（${last.held_on}）`);
    const [id] = await insertSeats(tx, [{
      union_id: unionId, election_id: last?.id ?? null, person_id: input.personId, role: input.role, full_time: input.fullTime ?? false,
      close_relative: false, declared_on: input.since, since: input.since,
    }]).catch(dbConflict);
    const seat = toSeat((await findSeat(tx, id!))!);
    await insertUnionEvent(tx, { unionId, kind: 'committee_seat_added', at: input.since, actorId: actor.userId, data: { personId: seat.personId, name: seat.personName, role: COMMITTEE_ROLE_LABELS[seat.role] } });
    await recordAudit(tx, actor, { action: 'union.committee.seat.add', entity: 'union', entityId: unionId, after: seat });
    return seat;
  });
}

async function openSeatForChange(tx: Executor, actor: Actor, seatId: string) {
  const seat = /^\d{1,18}$/.test(seatId) ? await findSeat(tx, seatId) : undefined;
  if (!seat) throw notFound('工会委员');
  const { union } = await openUnion(tx, actor, seat.union_id);
  await lockUnion(tx, seat.union_id);
  return { seat, union };
}

/**
 * Role, 专职/兼职 or the declaration. A declaration turned to "close relative" is recorded (the
 * facts changed, e.g. a new principal manager) and shows as a finding until the seat is ended.
 */
export async function changeSeat(db: Db, actor: Actor, seatId: string, input: SeatUpdate): Promise<CommitteeSeat> {
  return db.transaction().execute(async (tx) => {
    const { seat } = await openSeatForChange(tx, actor, seatId);
    if (seat.version !== input.version) throw versionConflict();
    if (seat.until !== null) throw new AppError('CONFLICT', '该委员已离任，不能修改');
    if (input.role === 'chair' && seat.role !== 'chair' && (await openSeats(tx, seat.union_id)).some((s) => s.role === 'chair')) {
      throw invalid('role', 'CHAIR_TAKEN', '已有在任主席，请先结束其任职');
    }
    const set = {
      ...(input.role !== undefined ? { role: input.role } : {}), ...(input.fullTime !== undefined ? { full_time: input.fullTime } : {}),
      ...(input.closeRelative !== undefined ? { close_relative: input.closeRelative, declared_on: todayInChina() } : {}),
    };
    if (!(await updateSeat(tx, seatId, input.version, set).catch(dbConflict))) throw versionConflict();
    const after = toSeat((await findSeat(tx, seatId))!);
    await insertUnionEvent(tx, { unionId: seat.union_id, kind: 'committee_seat_changed', at: todayInChina(), actorId: actor.userId, data: { personId: after.personId, name: after.personName, before: toSeat(seat), after } });
    await recordAudit(tx, actor, { action: 'union.committee.seat.update', entity: 'union', entityId: seat.union_id, before: toSeat(seat), after });
    return after;
  });
}

export async function endSeat(db: Db, actor: Actor, seatId: string, input: SeatEnd): Promise<CommitteeSeat> {
  return db.transaction().execute(async (tx) => {
    const { seat } = await openSeatForChange(tx, actor, seatId);
    if (seat.version !== input.version) throw versionConflict();
    if (seat.until !== null) throw new AppError('CONFLICT', '该委员已离任');
    if (input.until < seat.since) throw invalid('until', 'UNTIL_BEFORE_SINCE', `离任日期不能早于任职日期 ${seat.since}`);
    notFuture(input.until, 'until');
    if (!(await updateSeat(tx, seatId, input.version, { until: input.until, end_reason: input.reason }))) throw versionConflict();
    const after = toSeat((await findSeat(tx, seatId))!);
    await insertUnionEvent(tx, { unionId: seat.union_id, kind: 'committee_seat_ended', at: input.until, actorId: actor.userId, data: { personId: after.personId, name: after.personName, role: COMMITTEE_ROLE_LABELS[after.role], reason: input.reason } });
    await recordAudit(tx, actor, { action: 'union.committee.seat.end', entity: 'union', entityId: seat.union_id, before: toSeat(seat), after });
    return after;
  });
}

/** The current committee as the rules read it: the latest election and every seat. */
export function committeeFact(elections: ElectionRow[], seats: SeatRow[]): CommitteeFact | null {
  const last = elections[0];
  if (!last) return null;
  return {
    electedOn: last.held_on, termYears: last.term_years,
    seats: seats.map((s) => ({ role: s.role, personId: s.person_id, name: s.person_name, fullTime: s.full_time, closeRelative: s.close_relative, since: s.since, until: s.until })),
  };
}

const ROLE_ORDER = Object.fromEntries(COMMITTEE_ROLES.map((r, i) => [r, i]));

/** GET /api/unions/:id/committee — seen as the union is; findings for the date (today by default). */
export async function getCommittee(db: Db, actor: Actor, unionId: string, date = todayInChina()): Promise<CommitteeView> {
  const { union } = await openUnionForRead(db, actor, unionId);
  const [elections, seats, employees, manageable] = await Promise.all([
    listElections(db, unionId), listSeats(db, unionId), coveredEmployees(db, unionId, date), canManageUnion(db, actor, unionId),
  ]);
  const members = toUnion(union).members;
  const s = explainUnionCommittee({ members, employees, committee: committeeFact(elections, seats) }, date);
  const sorted = [...seats].sort((a, b) => (a.until === null) === (b.until === null) ? (a.until === null ? ROLE_ORDER[a.role]! - ROLE_ORDER[b.role]! : 0) : a.until === null ? -1 : 1);
  return {
    unionId, manageable, members, employees, elections: elections.map(toElection), seats: sorted.map(toSeat), total: seats.length,
    summary: {
      electedOn: s.electedOn, termYears: s.termYears, termEndsOn: s.termEndsOn, size: s.size, chair: s.chair, chairFullTime: s.chairFullTime,
      band: s.band, note: s.note, sizeVerdict: s.sizeVerdict, sizeVerdictLabel: SIZE_VERDICT_LABELS[s.sizeVerdict],
    },
    findings: s.findings.map(({ ruleId, severity, title, summary, message, source }) => ({ ruleId, severity, title, summary, message, source })),
  };
}

function dbConflict(err: unknown): never {
  const fault = constraintFault(err);
  throw fault ? faultToAppError(fault) : err;
}
