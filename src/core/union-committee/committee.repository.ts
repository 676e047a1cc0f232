import { sql, type Insertable, type Selectable } from 'kysely';
import type { Executor } from '../../db/schema.js';
import type { UnionCommitteeSeatTable, UnionElectionTable } from '../../db/tables/union-committee.js';
import { NEXT_VERSION } from '../../db/versioned.js';

export type ElectionRow = Selectable<UnionElectionTable>;
export type SeatRow = Selectable<UnionCommitteeSeatTable> & { person_name: string };

export async function insertElection(tx: Executor, v: Insertable<UnionElectionTable>): Promise<ElectionRow> {
  return tx.insertInto('union_election').values(v).returningAll().executeTakeFirstOrThrow();
}

export const listElections = (db: Executor, unionId: string) =>
  db.selectFrom('union_election').selectAll().where('union_id', '=', unionId).orderBy('held_on', 'desc').execute();

export const latestElection = (db: Executor, unionId: string) =>
  db.selectFrom('union_election').selectAll().where('union_id', '=', unionId).orderBy('held_on', 'desc').limit(1).executeTakeFirst();

const seats = (db: Executor) => db.selectFrom('union_committee_seat as s').innerJoin('person as p', 'p.id', 's.person_id').selectAll('s').select('p.name as person_name');

/** Sitting seats first (by role order in the service), then ended ones, newest first. */
export const listSeats = (db: Executor, unionId: string) =>
  seats(db).where('s.union_id', '=', unionId).orderBy(sql`s.until IS NULL`, 'desc').orderBy('s.until', 'desc').orderBy('s.id').execute();

export const findSeat = (db: Executor, id: string) => seats(db).where('s.id', '=', id).executeTakeFirst();

export const openSeats = (db: Executor, unionId: string) =>
  db.selectFrom('union_committee_seat').selectAll().where('union_id', '=', unionId).where('until', 'is', null).execute();

export async function insertSeats(tx: Executor, rows: Insertable<UnionCommitteeSeatTable>[]): Promise<string[]> {
  if (!rows.length) return [];
  return (await tx.insertInto('union_committee_seat').values(rows).returning('id').execute()).map((r) => r.id);
}

/** Ends every seat still open on `until` (a new election); returns how many. */
export async function endOpenSeats(tx: Executor, unionId: string, until: string, reason: string): Promise<number> {
  const r = await tx.updateTable('union_committee_seat').set({ until, end_reason: reason, ...NEXT_VERSION })
    .where('union_id', '=', unionId).where('until', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function updateSeat(
  tx: Executor, id: string, version: number, set: Partial<{ role: SeatRow['role']; full_time: boolean; close_relative: boolean; declared_on: string; until: string; end_reason: string }>,
): Promise<boolean> {
  const r = await tx.updateTable('union_committee_seat').set({ ...set, ...NEXT_VERSION }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Whether the person holds a live membership (会员, not 保留会籍) of the union: required where it keeps a roster. */
export async function isActiveMember(db: Executor, unionId: string, personId: string): Promise<boolean> {
  return !!(await db.selectFrom('union_member').select('id').where('union_id', '=', unionId).where('person_id', '=', personId).where('status', '=', 'active').executeTakeFirst());
}

/** Employees of the enterprises the union covers on `date` (their ledger count); null when none is known. */
export async function coveredEmployees(db: Executor, unionId: string, date: string): Promise<number | null> {
  const r = await db.selectFrom('union_coverage as c').innerJoin('enterprise as e', 'e.id', 'c.enterprise_id')
    .select([sql<string | null>`sum(e.employee_count)`.as('n'), sql<string>`count(e.employee_count)`.as('known')])
    .where('c.union_id', '=', unionId).where('c.since', '<=', date).where((eb) => eb.or([eb('c.until', 'is', null), eb('c.until', '>', date)]))
    .executeTakeFirstOrThrow();
  return Number(r.known) > 0 ? Number(r.n) : null;
}
