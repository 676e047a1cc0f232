import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { TalentListFilter } from '../../contracts/reserve-pool.js';
import type { Executor } from '../../db/schema.js';
import type { ReserveTalentTable } from '../../db/tables/support.js';
import { NEXT_VERSION } from '../../db/versioned.js';
import { asColumn } from '../access/party-org-scope.js';
import type { Scope } from '../access/scope.js';
import { organisedOwnedSql, organisedVisibleSql } from '../access/training-scope.js';

/**
 * SQL for the reserve pool. An entry's place is its region and/or its recommending organisation, read
 * with the "organised" predicates (training-scope.ts): seen under or above the reader's regions or
 * through the organisation, managed by its own place.
 */
export type TalentRow = Selectable<ReserveTalentTable>;
export type TalentView = TalentRow & { name: string; region_name: string | null; org_name: string | null; owned: boolean };
export type PlacementRow = { id: string; talent_id: string; org_id: string; org_name: string; position: 'secretary' | 'deputySecretary' | 'committeeMember'; placed_on: string; note: string | null };

const view = (db: Executor, scope: Scope) => db.selectFrom('reserve_talent as t').innerJoin('person as p', 'p.id', 't.person_id')
  .leftJoin('region as r', 'r.code', 't.region_code').leftJoin('party_org as o', 'o.id', 't.org_id')
  .selectAll('t').select(['p.name', 'r.name as region_name', 'o.name as org_name'])
  .select(asColumn(organisedOwnedSql(scope, 't')).as('owned'));

export async function findTalent(db: Executor, scope: Scope, id: string, mode: 'owned' | 'visible' = 'visible'): Promise<TalentView | undefined> {
  const where = mode === 'owned' ? organisedOwnedSql(scope, 't') : organisedVisibleSql(scope, 't');
  return view(db, scope).where('t.id', '=', id).where(where).executeTakeFirst() as Promise<TalentView | undefined>;
}

export async function listTalents(db: Executor, scope: Scope, f: TalentListFilter & { usable?: boolean }, limit = 5000): Promise<TalentView[]> {
  let q = view(db, scope).where(organisedVisibleSql(scope, 't'));
  if (f.status) q = q.where('t.status', '=', f.status);
  else q = q.where('t.status', '<>', 'withdrawn');
  if (f.availability) q = q.where('t.availability', '=', f.availability);
  if (f.usable) q = q.where('t.status', '=', 'active').where('t.availability', '<>', 'unavailable');
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, (ch) => '\\' + ch)}%`;
    q = q.where((eb) => eb.or([eb('p.name', 'like', like), eb('t.skills', 'like', like)]));
  }
  return q.orderBy('t.recommended_on', 'desc').orderBy('t.id', 'desc').limit(limit).execute() as Promise<TalentView[]>;
}

export async function placementsOf(db: Executor, talentIds: string[]): Promise<PlacementRow[]> {
  if (!talentIds.length) return [];
  return db.selectFrom('reserve_placement as pl').innerJoin('party_org as o', 'o.id', 'pl.org_id')
    .select(['pl.id', 'pl.talent_id', 'pl.org_id', 'o.name as org_name', 'pl.position', 'pl.placed_on', 'pl.note'])
    .where('pl.talent_id', 'in', talentIds).orderBy('pl.placed_on', 'desc').orderBy('pl.id', 'desc').execute();
}

export const liveEntryOf = (db: Executor, personId: string) =>
  db.selectFrom('reserve_talent').select('id').where('person_id', '=', personId).where('status', '<>', 'withdrawn').executeTakeFirst();
export const insertTalent = (tx: Executor, row: Insertable<ReserveTalentTable>) => tx.insertInto('reserve_talent').values(row).returningAll().executeTakeFirstOrThrow();
export const lockTalent = (tx: Executor, id: string) => tx.selectFrom('reserve_talent').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
export const updateTalent = (tx: Executor, id: string, version: number, set: Updateable<ReserveTalentTable>) =>
  tx.updateTable('reserve_talent').set({ ...set, ...NEXT_VERSION }).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
export const insertPlacement = (tx: Executor, row: { talent_id: string; org_id: string; position: PlacementRow['position']; placed_on: string; note: string | null; recorded_by: string | null }) =>
  tx.insertInto('reserve_placement').values(row).returningAll().executeTakeFirstOrThrow();

/** Whether the organisation has a secretary in post on the day (the vacancy the pool answers). */
export async function secretaryInPost(db: Executor, orgId: string, on: string): Promise<boolean> {
  const r = await db.selectFrom('org_position').select('id').where('org_id', '=', orgId).where('position', '=', 'secretary')
    .where('since', '<=', on).where((eb) => eb.or([eb('until', 'is', null), eb('until', '>', on)])).executeTakeFirst();
  return !!r;
}

/** Entries kept under the organisation's own street (9 digits) come first in the vacancy's offer. */
export const streetOf = (regionCode: string | null) => (regionCode ? regionCode.slice(0, 9) : null);
