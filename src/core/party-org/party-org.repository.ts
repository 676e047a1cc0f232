import { sql, type Insertable, type RawBuilder, type Selectable, type SqlBool, type Updateable } from 'kysely';
import type { Db, Executor } from '../../db/schema.js';
import type { PartyOrgTable } from '../../db/tables/organisation.js';
import type { PartyOrgListQuery } from '../../contracts/party-org.js';
import { asColumn, ownedInScope, parentVisibleSql, visibleInScope } from '../access/party-org-scope.js';
import type { Scope } from '../access/scope.js';
import { orgMemberCounts } from '../member/roster-counts.sql.js';
import { NEXT_VERSION } from '../../db/versioned.js';

export const likeEscape = (v: string) => v.replace(/[%_\\]/g, (c) => '\\' + c);

export type PartyOrgRow = Selectable<PartyOrgTable>;
/** The member counts shown and used by the rules: the roster's when the organisation keeps one (roster-counts.sql.ts). */
export type RosterCounts = { roster_full_members: number; roster_probationary_members: number };
/** A row as one reader sees it: whether by its own place (else only through a link), and whether its parent is visible. */
export type PartyOrgView = PartyOrgRow & RosterCounts & { owned: boolean; parent_visible: boolean };
export type PartyOrgInsert = Insertable<PartyOrgTable>;
export type PartyOrgUpdate = Updateable<PartyOrgTable>;

/** Inserts an organisation and sets its materialised path from its parent's. */
export async function insertOrg(tx: Executor, values: PartyOrgInsert, parentPath: string | null): Promise<PartyOrgRow & RosterCounts> {
  const { id } = await tx.insertInto('party_org').values(values).returning('id').executeTakeFirstOrThrow();
  return tx.updateTable('party_org as o')
    .set({ path: parentPath ? `${parentPath}.${id}` : String(id) })
    .where('o.id', '=', id).returningAll().returning(orgMemberCounts('o')).executeTakeFirstOrThrow();
}

const viewOf = (db: Executor, scope: Scope) => db.selectFrom('party_org as o').selectAll('o').select(orgMemberCounts('o'))
  .select([asColumn(ownedInScope(scope, 'org', 'o')).as('owned'), asColumn(parentVisibleSql(scope, 'org', 'o')).as('parent_visible')]);

/** The organisation in `scope`: by its own place (`owned`, for changes) or as the scope may see it. */
export async function findOrg(db: Executor, scope: Scope, id: string, mode: 'owned' | 'visible' = 'visible'): Promise<PartyOrgView | undefined> {
  const where = mode === 'owned' ? ownedInScope(scope, 'org', 'o') : visibleInScope(scope, 'org', 'o');
  return viewOf(db, scope).where('o.id', '=', id).where(where).executeTakeFirst();
}

/** Looks an organisation up by its natural key (code, else name within region), unscoped: imports check scope after. */
export async function findOrgByKey(db: Executor, key: { code: string | null; name: string; regionCode: string | null }): Promise<PartyOrgRow | undefined> {
  if (key.code) {
    const byCode = await db.selectFrom('party_org').selectAll().where('code', '=', key.code).executeTakeFirst();
    if (byCode) return byCode;
  }
  return db.selectFrom('party_org').selectAll().where('name', '=', key.name)
    .where(sql<boolean>`coalesce(region_code, '') = ${key.regionCode ?? ''}`).executeTakeFirst();
}

/** Optimistic update: only when the stored version is still `version`. Undefined means it moved on. */
export async function updateOrg(tx: Executor, id: string, version: number, changes: PartyOrgUpdate): Promise<(PartyOrgRow & RosterCounts) | undefined> {
  return tx.updateTable('party_org as o')
    .set({ ...changes, ...NEXT_VERSION })
    .where('o.id', '=', id).where('o.version', '=', version).returningAll().returning(orgMemberCounts('o')).executeTakeFirst();
}

/** Rewrites the paths of a moved subtree: every path under `oldPath` gets `newPath` as its prefix. */
export async function movePaths(tx: Executor, oldPath: string, newPath: string): Promise<void> {
  await sql`UPDATE party_org SET path = ${newPath} || substr(path, ${oldPath.length + 1})
    WHERE path = ${oldPath} OR path LIKE ${oldPath + '.%'}`.execute(tx);
}

export async function countActiveChildren(db: Executor, id: string): Promise<number> {
  const r = await db.selectFrom('party_org').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('parent_id', '=', id).where('status', '=', 'active').executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The list's filter, shared by the page and its total so the two always agree. */
function orgFilter(scope: Scope, q: PartyOrgListQuery): RawBuilder<SqlBool> {
  const parts: RawBuilder<unknown>[] = [visibleInScope(scope, 'org', 'o')];
  if (q.regionPrefix) parts.push(sql`o.region_code LIKE ${`${q.regionPrefix}%`}`);
  if (q.parentId) parts.push(sql`o.parent_id = ${q.parentId}`);
  if (q.status) parts.push(sql`o.status = ${q.status}`);
  if (q.q) parts.push(sql`o.name LIKE ${`%${likeEscape(q.q)}%`}`);
  return sql<SqlBool>`(${sql.join(parts, sql` AND `)})`;
}

export async function listOrgs(db: Db, scope: Scope, q: PartyOrgListQuery): Promise<PartyOrgView[]> {
  let query = viewOf(db, scope).where(orgFilter(scope, q));
  if (q.cursor) query = query.where('o.id', '>', q.cursor);
  return query.orderBy('o.id').limit(q.limit + 1).execute();
}

export async function countOrgs(db: Db, scope: Scope, q: PartyOrgListQuery): Promise<number> {
  const r = await db.selectFrom('party_org as o').select((eb) => eb.fn.countAll<string>().as('n')).where(orgFilter(scope, q)).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('party_org').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function insertOrgEvent(
  tx: Executor, e: { orgId: string; kind: string; at: string; data: Record<string, unknown>; actorId: string | null },
): Promise<void> {
  await tx.insertInto('party_org_event')
    .values({ org_id: e.orgId, kind: e.kind, at: e.at, data: JSON.stringify(e.data), actor_id: e.actorId }).execute();
}

export async function countOrgEvents(db: Executor, orgId: string): Promise<number> {
  const r = await db.selectFrom('party_org_event').select((eb) => eb.fn.countAll<string>().as('n')).where('org_id', '=', orgId).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Up to `limit` events older than `before` (all when absent), newest first: keyset on (org_id, id). */
export async function pageOrgEvents(db: Executor, orgId: string, before: string | undefined, limit: number) {
  let q = db.selectFrom('party_org_event').selectAll().where('org_id', '=', orgId);
  if (before) q = q.where('id', '<', before);
  return q.orderBy('id', 'desc').limit(limit).execute();
}

/** Takes the organisation's row lock: coverage and position changes of one org run one at a time. */
export async function lockOrg(tx: Executor, id: string): Promise<void> {
  await tx.selectFrom('party_org').select('id').where('id', '=', id).forUpdate().execute();
}
