import type { Selectable, Updateable } from 'kysely';
import type { DB, Executor } from '../../db/schema.js';
import type { UnionCongressResolutionTable } from '../../db/tables/union-committee.js';
import { NEXT_VERSION } from '../../db/versioned.js';

export type ResolutionRow = Selectable<UnionCongressResolutionTable>;

export const listSessions = (db: Executor, unionId: string) =>
  db.selectFrom('union_congress').selectAll().where('union_id', '=', unionId).orderBy('held_on', 'desc').orderBy('id', 'desc').execute();
export type SessionRow = Awaited<ReturnType<typeof listSessions>>[number];

export const findSession = (db: Executor, id: string) => db.selectFrom('union_congress').selectAll().where('id', '=', id).executeTakeFirst();

/** The session row locked for a change (its resolutions are checked against its counts). */
export const lockSession = (tx: Executor, id: string) => tx.selectFrom('union_congress').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export async function updateSession(tx: Executor, id: string, version: number, set: Updateable<DB['union_congress']>): Promise<boolean> {
  const r = await tx.updateTable('union_congress').set({ ...set, ...NEXT_VERSION }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const listResolutions = (db: Executor, congressIds: string[]) =>
  congressIds.length ? db.selectFrom('union_congress_resolution').selectAll().where('congress_id', 'in', congressIds).orderBy('id').execute() : Promise.resolve([] as ResolutionRow[]);

export async function insertResolution(tx: Executor, v: { congressId: string; title: string; matter: string | null; votesFor: number; votesAgainst: number; votesAbstain: number; actorId: string | null }) {
  return tx.insertInto('union_congress_resolution').values({
    congress_id: v.congressId, title: v.title, matter: v.matter, votes_for: v.votesFor, votes_against: v.votesAgainst, votes_abstain: v.votesAbstain, actor_id: v.actorId,
  }).returningAll().executeTakeFirstOrThrow();
}
