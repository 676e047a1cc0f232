import { sql, type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool } from 'kysely';
import type { DB, Executor } from '../../db/schema.js';
import type { RoleGrant } from '../access/actor.js';

/**
 * Which accounts a viewer sees: all, or those having at least one grant and whose every grant has
 * a role in `roles` and a scope inside the viewer's — the SQL twin of `scopeContains` in
 * access/grant.ts (docs/security.md, "Users and roles"), kept in the data layer so that paging and
 * totals count only visible accounts. test/medium/user-service.test.ts checks the two agree.
 */
export type UserVisibility =
  | { all: true }
  | { all: false; roles: string[]; regionPrefixes: string[]; parkIds: string[]; associationIds: string[]; partyOrgIds: string[]; enterpriseIds: string[] };

type Viewer = Extract<UserVisibility, { all: false }>;

/** A region code (or grant prefix) under one of the viewer's prefixes; NULL never is. */
const under = (v: Viewer, col: RawBuilder<unknown>) =>
  sql<SqlBool>`EXISTS (SELECT 1 FROM unnest(${v.regionPrefixes}::text[]) AS q(y) WHERE left(${col}, length(q.y)) = q.y)`;
const ids = (list: string[]) => sql`${list}::bigint[]`;

/** "Grant `r` names a record outside the viewer": each kind is listed by id or placed inside. */
function namesOutside(v: Viewer): RawBuilder<SqlBool> {
  const [parks, associations, roots, enterprises] = [ids(v.parkIds), ids(v.associationIds), ids(v.partyOrgIds), ids(v.enterpriseIds)];
  const byRegion = (table: 'park' | 'association', column: 'park_ids' | 'association_ids', listed: RawBuilder<unknown>) => sql<SqlBool>`EXISTS (
    SELECT 1 FROM unnest(${sql.ref(`r.${column}`)}) AS x(id) WHERE NOT (x.id = ANY(${listed})
      OR EXISTS (SELECT 1 FROM ${sql.table(table)} k WHERE k.id = x.id AND ${under(v, sql.ref('k.region_code'))})))`;
  // An empty path is an organisation not yet placed in the tree: never an ancestor of anything.
  const org = sql<SqlBool>`EXISTS (
    SELECT 1 FROM unnest(r.party_org_ids) AS x(id) WHERE NOT (x.id = ANY(${roots})
      OR EXISTS (SELECT 1 FROM party_org o WHERE o.id = x.id AND (${under(v, sql.ref('o.region_code'))}
        OR o.park_id = ANY(${parks}) OR o.association_id = ANY(${associations})
        OR EXISTS (SELECT 1 FROM party_org t WHERE t.id = ANY(${roots}) AND t.path <> ''
                   AND (o.path = t.path OR o.path LIKE t.path || '.%'))))))`;
  const enterprise = sql<SqlBool>`EXISTS (
    SELECT 1 FROM unnest(r.enterprise_ids) AS x(id) WHERE NOT (x.id = ANY(${enterprises})
      OR EXISTS (SELECT 1 FROM enterprise e WHERE e.id = x.id AND (${under(v, sql.ref('e.region_code'))}
        OR e.park_id = ANY(${parks}) OR e.association_id = ANY(${associations})))))`;
  return sql<SqlBool>`(${byRegion('park', 'park_ids', parks)} OR ${byRegion('association', 'association_ids', associations)} OR ${org} OR ${enterprise})`;
}

/** The filter on `app_user as u` that every user query carries. */
export function userVisible(v: UserVisibility) {
  return (eb: ExpressionBuilder<DB & { u: DB['app_user'] }, 'u'>): Expression<SqlBool> => {
    if (v.all) return sql<SqlBool>`TRUE`;
    const outside = sql<SqlBool>`(
      r.all_regions
      OR NOT (r.role = ANY(${v.roles}::text[]))
      OR (cardinality(r.region_prefixes) + cardinality(r.park_ids) + cardinality(r.association_ids)
          + cardinality(r.party_org_ids) + cardinality(r.enterprise_ids)) = 0
      OR EXISTS (SELECT 1 FROM unnest(r.region_prefixes) AS p(x) WHERE NOT ${under(v, sql.ref('p.x'))})
      OR ${namesOutside(v)})`;
    return eb.and([
      eb.exists(eb.selectFrom('user_role as r').select('r.id').whereRef('r.user_id', '=', 'u.id')),
      eb.not(eb.exists(eb.selectFrom('user_role as r').select('r.id').whereRef('r.user_id', '=', 'u.id').where(outside))),
    ]);
  };
}

const USER_COLUMNS = ['u.id', 'u.username', 'u.display_name', 'u.disabled', 'u.must_change_password', 'u.totp_enabled',
  'u.locked_until', 'u.created_at', 'u.version'] as const;

export type UserFilter = { q?: string; role?: string; disabled?: boolean; cursor?: string; limit: number };

export async function listUsers(db: Executor, v: UserVisibility, f: UserFilter) {
  let q = db.selectFrom('app_user as u').where(userVisible(v));
  if (f.q) q = q.where((eb) => eb.or([eb('u.username', 'ilike', `%${escapeLike(f.q ?? '')}%`), eb('u.display_name', 'ilike', `%${escapeLike(f.q ?? '')}%`)]));
  if (f.role) q = q.where((eb) => eb.exists(eb.selectFrom('user_role as rr').select('rr.id').whereRef('rr.user_id', '=', 'u.id').where('rr.role', '=', f.role ?? '')));
  if (f.disabled !== undefined) q = q.where('u.disabled', '=', f.disabled);
  const total = await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  let page = q.select([...USER_COLUMNS]).orderBy('u.id').limit(f.limit + 1);
  if (f.cursor) page = page.where('u.id', '>', f.cursor);
  const rows = await page.execute();
  return { rows: rows.slice(0, f.limit), more: rows.length > f.limit, total: Number(total.n) };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function findUser(db: Executor, v: UserVisibility, id: string) {
  return db.selectFrom('app_user as u').select([...USER_COLUMNS]).where('u.id', '=', id).where(userVisible(v)).executeTakeFirst();
}

export async function findUserIdByUsername(db: Executor, username: string): Promise<string | null> {
  const row = await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst();
  return row?.id ?? null;
}

export async function anyUserExists(db: Executor): Promise<boolean> {
  return Boolean(await db.selectFrom('app_user').select('id').limit(1).executeTakeFirst());
}

export async function roleRowsOf(db: Executor, userIds: string[]) {
  if (!userIds.length) return [];
  return db.selectFrom('user_role').selectAll().where('user_id', 'in', userIds).orderBy('id').execute();
}

export type RoleRow = Awaited<ReturnType<typeof roleRowsOf>>[number];

export const grantOfRow = (r: RoleRow): RoleGrant => ({
  role: r.role, allRegions: r.all_regions, regionPrefixes: r.region_prefixes, parkIds: r.park_ids.map(String),
  associationIds: r.association_ids.map(String), partyOrgIds: r.party_org_ids.map(String), enterpriseIds: r.enterprise_ids.map(String),
});

export async function insertUser(db: Executor, u: { username: string; displayName: string; passwordHash: string; mustChangePassword: boolean }) {
  const row = await db.insertInto('app_user').values({
    username: u.username, display_name: u.displayName, password_hash: u.passwordHash, must_change_password: u.mustChangePassword,
  }).onConflict((oc) => oc.column('username').doNothing()).returning('id').executeTakeFirst();
  return row?.id ?? null;
}

export async function insertGrant(db: Executor, userId: string, g: RoleGrant, grantedBy: string | null): Promise<string> {
  const row = await db.insertInto('user_role').values({
    user_id: userId, role: g.role, all_regions: g.allRegions, region_prefixes: g.regionPrefixes, park_ids: g.parkIds,
    association_ids: g.associationIds, party_org_ids: g.partyOrgIds, enterprise_ids: g.enterpriseIds, granted_by: grantedBy,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteGrant(db: Executor, userId: string, roleId: string): Promise<void> {
  await db.deleteFrom('user_role').where('id', '=', roleId).where('user_id', '=', userId).execute();
}

/** Optimistic update: returns false when the version moved on (someone else changed the user). */
export async function updateUser(db: Executor, id: string, version: number, set: { displayName?: string; disabled?: boolean }): Promise<boolean> {
  const res = await db.updateTable('app_user')
    .set((eb) => ({
      ...(set.displayName !== undefined ? { display_name: set.displayName } : {}),
      ...(set.disabled !== undefined ? { disabled: set.disabled } : {}),
      updated_at: new Date(),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Locks the user row for the rest of the transaction, so concurrent grant/revoke serialise. */
export async function lockUser(db: Executor, id: string): Promise<void> {
  await db.selectFrom('app_user').select('id').where('id', '=', id).forUpdate().execute();
}
