import { sql, type Insertable, type RawBuilder, type Selectable, type SqlBool, type Updateable } from 'kysely';
import type { Db, Executor } from '../../db/schema.js';
import type { UnionOrgTable } from '../../db/tables/organisation.js';
import type { UnionListQuery } from '../../contracts/union.js';
import { asColumn, enterpriseInScopeSql, ownedInScope, parentVisibleSql, visibleInScope } from '../access/party-org-scope.js';
import { enterpriseInScope, type Scope } from '../access/scope.js';
import { likeEscape } from '../party-org/party-org.repository.js';
import { NEXT_VERSION } from '../../db/versioned.js';
import { unionRosterCountColumns } from '../union-member/union-member-counts.js';

export type UnionRow = Selectable<UnionOrgTable>;
/** A row as one reader sees it (docs/organisations.md): by its own place or only through a link; parent visible or not. */
export type UnionView = UnionRow & { owned: boolean; parent_visible: boolean };
export type UnionUpdateRow = Updateable<UnionOrgTable>;

export async function insertUnion(tx: Executor, values: Insertable<UnionOrgTable>): Promise<UnionRow> {
  return tx.insertInto('union_org').values(values).returningAll().executeTakeFirstOrThrow();
}

// The counts come from names where the union keeps a roster (union-member-counts.ts).
const viewOf = (db: Executor, scope: Scope) => db.selectFrom('union_org as u').selectAll('u')
  .select([asColumn(ownedInScope(scope, 'union', 'u')).as('owned'), asColumn(parentVisibleSql(scope, 'union', 'u')).as('parent_visible'), ...unionRosterCountColumns('u')]);

export async function findUnion(db: Executor, scope: Scope, id: string, mode: 'owned' | 'visible' = 'visible'): Promise<UnionView | undefined> {
  const where = mode === 'owned' ? ownedInScope(scope, 'union', 'u') : visibleInScope(scope, 'union', 'u');
  return viewOf(db, scope).where('u.id', '=', id).where(where).executeTakeFirst();
}

export async function findUnionByKey(db: Executor, key: { code: string | null; name: string; regionCode: string | null }): Promise<UnionRow | undefined> {
  if (key.code) {
    const byCode = await db.selectFrom('union_org').selectAll().where('code', '=', key.code).executeTakeFirst();
    if (byCode) return byCode;
  }
  return db.selectFrom('union_org').selectAll().where('name', '=', key.name)
    .where(sql<boolean>`coalesce(region_code, '') = ${key.regionCode ?? ''}`).executeTakeFirst();
}

export async function updateUnion(tx: Executor, id: string, version: number, changes: UnionUpdateRow): Promise<UnionRow | undefined> {
  return tx.updateTable('union_org')
    .set({ ...changes, ...NEXT_VERSION })
    .where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

export async function lockUnion(tx: Executor, id: string): Promise<void> {
  await tx.selectFrom('union_org').select('id').where('id', '=', id).forUpdate().execute();
}

/** The list's filter, shared by the page and its total so the two always agree. */
function unionFilter(scope: Scope, q: UnionListQuery): RawBuilder<SqlBool> {
  const parts: RawBuilder<unknown>[] = [visibleInScope(scope, 'union', 'u')];
  if (q.regionPrefix) parts.push(sql`u.region_code LIKE ${`${q.regionPrefix}%`}`);
  if (q.status) parts.push(sql`u.status = ${q.status}`);
  if (q.q) parts.push(sql`u.name LIKE ${`%${likeEscape(q.q)}%`}`);
  return sql<SqlBool>`(${sql.join(parts, sql` AND `)})`;
}

export async function listUnions(db: Db, scope: Scope, q: UnionListQuery): Promise<UnionView[]> {
  let query = viewOf(db, scope).where(unionFilter(scope, q));
  if (q.cursor) query = query.where('u.id', '>', q.cursor);
  return query.orderBy('u.id').limit(q.limit + 1).execute();
}

export async function countUnions(db: Db, scope: Scope, q: UnionListQuery): Promise<number> {
  const r = await db.selectFrom('union_org as u').select((eb) => eb.fn.countAll<string>().as('n')).where(unionFilter(scope, q)).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertUnionEvent(
  tx: Executor, e: { unionId: string; kind: string; at: string; data: Record<string, unknown>; actorId: string | null },
): Promise<void> {
  await tx.insertInto('union_event')
    .values({ union_id: e.unionId, kind: e.kind, at: e.at, data: JSON.stringify(e.data), actor_id: e.actorId }).execute();
}

export async function countUnionEvents(db: Executor, unionId: string): Promise<number> {
  const r = await db.selectFrom('union_event').select((eb) => eb.fn.countAll<string>().as('n')).where('union_id', '=', unionId).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Up to `limit` events older than `before` (all when absent), newest first: keyset on (union_id, id). */
export async function pageUnionEvents(db: Executor, unionId: string, before: string | undefined, limit: number) {
  let q = db.selectFrom('union_event').selectAll().where('union_id', '=', unionId);
  if (before) q = q.where('id', '<', before);
  return q.orderBy('id', 'desc').limit(limit).execute();
}

export async function findVisibleEnterpriseForUnion(db: Executor, scope: Scope, enterpriseId: string) {
  return db.selectFrom('enterprise as e').select(['e.id', 'e.name']).where('e.id', '=', enterpriseId).where(enterpriseInScope(scope)).executeTakeFirst();
}

export async function findOverlappingUnionCoverage(db: Executor, unionId: string, enterpriseId: string, since: string) {
  return db.selectFrom('union_coverage').select('id').where('union_id', '=', unionId).where('enterprise_id', '=', enterpriseId)
    .where(sql<boolean>`(until IS NULL OR until > ${since}::date)`).executeTakeFirst();
}

export async function insertUnionCoverage(tx: Executor, v: { unionId: string; enterpriseId: string; since: string }): Promise<string> {
  const r = await tx.insertInto('union_coverage').values({ union_id: v.unionId, enterprise_id: v.enterpriseId, since: v.since })
    .returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export const findUnionCoverage = (db: Executor, unionId: string, id: string) =>
  db.selectFrom('union_coverage').selectAll().where('union_id', '=', unionId).where('id', '=', id).executeTakeFirst();

export async function setUnionCoverageUntil(tx: Executor, id: string, until: string): Promise<void> {
  await tx.updateTable('union_coverage').set({ until }).where('id', '=', id).execute();
}

export async function endOpenUnionCoverage(tx: Executor, unionId: string, until: string): Promise<number> {
  const r = await tx.updateTable('union_coverage').set({ until }).where('union_id', '=', unionId)
    .where('until', 'is', null).where('since', '<', until).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The union's coverage; `in_scope` says whether the reader's scope reaches each enterprise. */
export const listUnionCoverage = (db: Executor, unionId: string, scope: Scope) =>
  db.selectFrom('union_coverage as c').innerJoin('enterprise as e', 'e.id', 'c.enterprise_id')
    .selectAll('c').select(['e.name as enterprise_name', asColumn(enterpriseInScopeSql(scope, 'e') ?? sql<boolean>`FALSE`).as('in_scope')])
    .where('c.union_id', '=', unionId)
    .orderBy('c.until', (ob) => ob.desc().nullsFirst()).orderBy('c.since').execute();

export type CongressCounts = { employees?: number | null; representatives?: number | null; managers?: number | null; present?: number | null; matters?: string[] };

export async function insertCongress(tx: Executor, v: { unionId: string; heldOn: string; kind: 'congress' | 'assembly'; session: string | null; notes: string | null } & CongressCounts) {
  return tx.insertInto('union_congress').values({
    union_id: v.unionId, held_on: v.heldOn, kind: v.kind, session: v.session, notes: v.notes,
    employees: v.employees ?? null, representatives: v.representatives ?? null, managers: v.managers ?? null, present: v.present ?? null,
    matters: JSON.stringify(v.matters ?? []),
  }).returningAll().executeTakeFirstOrThrow();
}

export const listCongresses = (db: Executor, unionId: string) =>
  db.selectFrom('union_congress').selectAll().where('union_id', '=', unionId).orderBy('held_on').execute();

export async function insertContract(
  tx: Executor, v: { unionId: string; kind: 'collective' | 'wage'; signedOn: string; startsOn: string; endsOn: string; filedOn: string | null },
) {
  return tx.insertInto('union_contract').values({
    union_id: v.unionId, kind: v.kind, signed_on: v.signedOn, starts_on: v.startsOn, ends_on: v.endsOn, filed_on: v.filedOn,
  }).returningAll().executeTakeFirstOrThrow();
}

export const listContracts = (db: Executor, unionId: string) =>
  db.selectFrom('union_contract').selectAll().where('union_id', '=', unionId).orderBy('starts_on').execute();
