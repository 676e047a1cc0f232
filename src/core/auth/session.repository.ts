import { sql, type Selectable } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Executor } from '../../db/schema.js';
import type { UserRoleTable } from '../../db/tables/foundation.js';
import type { RoleGrant } from '../access/actor.js';

/** The session, its user and the user's grants, as one request sees them. */
export type SessionForRequest = {
  id: string; user_id: string; csrf_token: string; created_at: Date; last_seen_at: Date; revoked_at: Date | null;
  username: string; display_name: string; disabled: boolean; must_change_password: boolean; totp_enabled: boolean;
  grants: RoleGrant[];
};

/**
 * The one query an authenticated request makes for its session: the session, its user and the
 * user's grants (a JSON array ordered by grant id) in a single round trip. The same statement
 * moves `last_seen_at` to `touch.now` when the stored value is older than `touch.before` and the
 * session is still alive (not revoked, not idle since `touch.idleFloor`, created after
 * `touch.createdFloor`) — a data-modifying CTE runs exactly once whether or not it is referenced,
 * and the SELECT sees the row as it was before, so the caller judges the timeouts on the old value.
 */
export async function findSessionForRequest(
  db: Executor, sessionId: string, touch: { now: Date; before: Date; idleFloor: Date; createdFloor: Date },
): Promise<SessionForRequest | undefined> {
  const row = await db
    .with('touched', (qb) => qb.updateTable('user_session').set({ last_seen_at: touch.now })
      .where('id', '=', sessionId).where('revoked_at', 'is', null)
      .where('last_seen_at', '<', touch.before).where('last_seen_at', '>=', touch.idleFloor)
      .where('created_at', '>=', touch.createdFloor)
      .returning('id'))
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select(['s.id', 's.user_id', 's.csrf_token', 's.created_at', 's.last_seen_at', 's.revoked_at',
      'u.username', 'u.display_name', 'u.disabled', 'u.must_change_password', 'u.totp_enabled'])
    .select((eb) => jsonArrayFrom(eb.selectFrom('user_role as r')
      // bigint ids as text: a JSON number would lose digits beyond 2^53.
      .select(['r.role', 'r.all_regions', 'r.region_prefixes', sql<string[]>`r.park_ids::text[]`.as('park_ids'),
        sql<string[]>`r.association_ids::text[]`.as('association_ids'), sql<string[]>`r.party_org_ids::text[]`.as('party_org_ids'),
        sql<string[]>`r.enterprise_ids::text[]`.as('enterprise_ids')])
      .whereRef('r.user_id', '=', 's.user_id').orderBy('r.id')).as('grant_rows'))
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { grant_rows: grantRows, ...session } = row;
  return { ...session, grants: grantRows.map(grantOfRow) };
}

export async function insertSession(db: Executor, s: { id: string; userId: string; csrfToken: string; ip: string | null; userAgent: string | null; now: Date }) {
  await db.insertInto('user_session').values({
    id: s.id, user_id: s.userId, csrf_token: s.csrfToken, ip: s.ip, user_agent: s.userAgent, created_at: s.now, last_seen_at: s.now,
  }).execute();
}

export async function revokeSession(db: Executor, sessionId: string, now: Date) {
  await db.updateTable('user_session').set({ revoked_at: now }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
}

/** Revokes every live session of a user, optionally keeping one (the caller's). Returns how many. */
export async function revokeUserSessions(db: Executor, userId: string, now: Date, exceptId?: string): Promise<number> {
  let q = db.updateTable('user_session').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export async function loadGrants(db: Executor, userId: string): Promise<RoleGrant[]> {
  const rows = await db.selectFrom('user_role').selectAll().where('user_id', '=', userId).orderBy('id').execute();
  return rows.map(grantOfRow);
}

type GrantRow = Pick<Selectable<UserRoleTable>, 'role' | 'all_regions' | 'region_prefixes' | 'park_ids' | 'association_ids' | 'party_org_ids' | 'enterprise_ids'>;

/** A `user_role` row as the access layer's grant (ids as strings). */
export const grantOfRow = (r: GrantRow): RoleGrant => ({
  role: r.role,
  allRegions: r.all_regions,
  regionPrefixes: r.region_prefixes,
  parkIds: r.park_ids.map(String),
  associationIds: r.association_ids.map(String),
  partyOrgIds: r.party_org_ids.map(String),
  enterpriseIds: r.enterprise_ids.map(String),
});
