import { sql, type Selectable, type Updateable } from 'kysely';
import type { Executor } from '../../db/schema.js';
import type { UnionBargainingTable } from '../../db/tables/union-bargaining.js';
import { NEXT_VERSION } from '../../db/versioned.js';
import { visibleInScope } from '../access/party-org-scope.js';
import type { Scope } from '../access/scope.js';

export type RoundRow = Selectable<UnionBargainingTable>;
/** A round with its union's name and place, and the street it lies in (named, for district lists). */
export type RoundView = RoundRow & { union_name: string; region_code: string | null; street_name: string | null };

export async function insertRound(tx: Executor, v: { unionId: string; kind: 'collective' | 'wage'; requestedOn: string; requestedBy: 'union' | 'employer'; notes: string | null }): Promise<RoundRow> {
  return tx.insertInto('union_bargaining').values({
    union_id: v.unionId, contract_kind: v.kind, requested_on: v.requestedOn, requested_by: v.requestedBy, request_notes: v.notes,
  }).returningAll().executeTakeFirstOrThrow();
}

const withUnion = (db: Executor) => db.selectFrom('union_bargaining as b').innerJoin('union_org as u', 'u.id', 'b.union_id')
  .leftJoin('region as st', (j) => j.on(sql<boolean>`st.code = rpad(left(u.region_code, 9), 12, '0')`))
  .selectAll('b').select(['u.name as union_name', 'u.region_code', 'st.name as street_name']);

/** The round's union id, whoever asks (the service opens the union for the caller before anything is shown). */
export const findRoundUnion = (db: Executor, id: string) =>
  db.selectFrom('union_bargaining').select(['union_id']).where('id', '=', id).executeTakeFirst();

export const findRound = (db: Executor, id: string): Promise<RoundView | undefined> => withUnion(db).where('b.id', '=', id).executeTakeFirst();

/** Takes the round's row lock: steps on one round run one after the other (READ COMMITTED too). */
export async function lockRound(tx: Executor, id: string): Promise<RoundRow | undefined> {
  return tx.selectFrom('union_bargaining').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateRound(tx: Executor, id: string, version: number, set: Updateable<UnionBargainingTable>): Promise<RoundRow | undefined> {
  return tx.updateTable('union_bargaining').set({ ...set, ...NEXT_VERSION }).where('id', '=', id).where('version', '=', version)
    .returningAll().executeTakeFirst();
}

/** A union's rounds in request order (ids grow with requests of a kind: a new round waits for the last one's filing). */
export const listUnionRounds = (db: Executor, unionId: string): Promise<RoundView[]> =>
  withUnion(db).where('b.union_id', '=', unionId).orderBy('b.id').execute();

export const latestRound = (tx: Executor, unionId: string, kind: 'collective' | 'wage') =>
  tx.selectFrom('union_bargaining').selectAll().where('union_id', '=', unionId).where('contract_kind', '=', kind)
    .orderBy('id', 'desc').limit(1).executeTakeFirst();

/**
 * Every round of the active unions the reader sees (own place or a link, as the union list), under a
 * region prefix, in (union, id) order — the board and its drill-down judge them in one pass so their
 * numbers cannot differ.
 */
export async function visibleRounds(db: Executor, scope: Scope, f: { regionPrefix?: string; contractKind?: 'collective' | 'wage' }): Promise<RoundView[]> {
  let q = withUnion(db).where(visibleInScope(scope, 'union', 'u')).where('u.status', '=', 'active');
  if (f.regionPrefix) q = q.where('u.region_code', 'like', `${f.regionPrefix}%`);
  if (f.contractKind) q = q.where('b.contract_kind', '=', f.contractKind);
  return q.orderBy('b.union_id').orderBy('b.id').execute();
}

export async function congressOfUnion(db: Executor, unionId: string, congressId: string) {
  return db.selectFrom('union_congress').select(['id', 'held_on']).where('union_id', '=', unionId).where('id', '=', congressId).executeTakeFirst();
}

export async function setContractFiled(tx: Executor, contractId: string, filedOn: string): Promise<void> {
  await tx.updateTable('union_contract').set({ filed_on: filedOn }).where('id', '=', contractId).execute();
}

/** Names of streets (9-digit prefixes) for the board's rows. */
export async function regionNames(db: Executor, prefixes: string[]): Promise<Map<string, string>> {
  if (!prefixes.length) return new Map();
  const rows = await db.selectFrom('region').select(['code', 'name']).where('code', 'in', prefixes.map((p) => p.padEnd(12, '0'))).execute();
  return new Map(rows.map((r) => [r.code.slice(0, 9), r.name]));
}
