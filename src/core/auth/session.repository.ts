import type { Executor } from '../../db/schema.js';
import type { RoleGrant } from '../access/actor.js';

export async function findSessionWithUser(db: Executor, sessionId: string) {
  return db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select(['s.id', 's.user_id', 's.csrf_token', 's.created_at', 's.last_seen_at', 's.revoked_at',
      'u.username', 'u.display_name', 'u.disabled', 'u.must_change_password'])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
}

export async function loadGrants(db: Executor, userId: string): Promise<RoleGrant[]> {
  const rows = await db.selectFrom('user_role').selectAll().where('user_id', '=', userId).execute();
  return rows.map((r) => ({
    role: r.role,
    allRegions: r.all_regions,
    regionPrefixes: r.region_prefixes,
    parkIds: r.park_ids.map(String),
    associationIds: r.association_ids.map(String),
    partyOrgIds: r.party_org_ids.map(String),
    enterpriseIds: r.enterprise_ids.map(String),
  }));
}
