import type { Executor } from '../../db/schema.js';
import type { Selectable } from 'kysely';
import type { UserRoleTable } from '../../db/tables/foundation.js';
import type { RoleGrant } from '../access/actor.js';

export async function findSessionWithUser(db: Executor, sessionId: string) {
  return db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select(['s.id', 's.user_id', 's.csrf_token', 's.created_at', 's.last_seen_at', 's.revoked_at',
      'u.username', 'u.display_name', 'u.disabled', 'u.must_change_password', 'u.totp_enabled'])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
}

export async function insertSession(db: Executor, s: { id: string; userId: string; csrfToken: string; ip: string | null; userAgent: string | null; now: Date }) {
  await db.insertInto('user_session').values({
    id: s.id, user_id: s.userId, csrf_token: s.csrfToken, ip: s.ip, user_agent: s.userAgent, created_at: s.now, last_seen_at: s.now,
  }).execute();
}

export async function touchSession(db: Executor, sessionId: string, now: Date) {
  await db.updateTable('user_session').set({ last_seen_at: now }).where('id', '=', sessionId).execute();
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
