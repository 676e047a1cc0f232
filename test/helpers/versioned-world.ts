import type { FastifyInstance } from 'fastify';
import { hashPassword } from '../../src/core/auth/password.js';
import type { Database } from '../../src/db/database.js';
import { PASSWORD, call, signInAs, type Session } from '../factories/world.js';
import { COMMUNITY_A1, TOWN_A, TOWN_B, seedEnterprise, seedRegions } from './org-fixtures.js';

/**
 * One record of every versioned kind (issue 12), created through the API by an all-regions system
 * administrator, for the version-conflict and concurrency tests. Kept apart from the permission
 * matrix's world: these tests change the records hundreds of times.
 */
export const PLACES = [TOWN_A, TOWN_B, COMMUNITY_A1] as const;

export type VersionedWorld = {
  admin: Session;
  userId: string;
  orgId: string;
  unionId: string;
  personId: string;
  instructorId: string;
  enterpriseId: string;
};

export async function addAdmin(database: Database, username: string): Promise<string> {
  const user = await database.db.insertInto('app_user')
    .values({ username, display_name: username, password_hash: await hashPassword(PASSWORD), must_change_password: false })
    .returning('id').executeTakeFirstOrThrow();
  await database.db.insertInto('user_role').values({
    user_id: user.id, role: 'system_admin', all_regions: true, region_prefixes: [], park_ids: [], association_ids: [], enterprise_ids: [], party_org_ids: [],
  }).execute();
  return user.id;
}

async function created(app: FastifyInstance, s: Session, url: string, body: object): Promise<string> {
  const res = await call(app, s, 'POST', url, body);
  if (res.statusCode !== 201) throw new Error(`POST ${url}: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

export async function buildVersionedWorld(database: Database, app: FastifyInstance, tag: string): Promise<VersionedWorld> {
  await seedRegions(database.db);
  await addAdmin(database, `${tag}-admin`);
  const userId = await addAdmin(database, `${tag}-other`);
  const admin = await signInAs(app, `${tag}-admin`);
  const orgId = await created(app, admin, '/api/party-orgs', { name: `${tag}党支部`, orgType: 'branch', setupMode: 'standalone', regionCode: TOWN_A, fullMembers: 3 });
  const unionId = await created(app, admin, '/api/unions', { name: `${tag}联合工会`, kind: 'joint', regionCode: TOWN_A, members: 20 });
  const personId = await created(app, admin, '/api/people', { name: '计数0', phone: '13800138000', regionCode: TOWN_A });
  const instructorId = await created(app, admin, '/api/instructors', { personId, kind: 'instructor', regionCode: TOWN_A });
  const enterpriseId = await seedEnterprise(database.db, { regionCode: TOWN_A });
  return { admin, userId, orgId, unionId, personId, instructorId, enterpriseId };
}
