import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { buildApp } from '../../src/api/app.js';
import { loadConfig } from '../../src/config.js';
import { hashPassword } from '../../src/core/auth/password.js';
import { generateKeyringText } from '../../src/core/crypto/keyring.js';
import type { Database } from '../../src/db/database.js';

/**
 * A generated world for the permission matrix: one city (4403) with 2 counties × 2 townships ×
 * 2 communities, a park and an association per county, an enterprise in every community plus
 * cross-cutting ones (a park enterprise registered in the other county, an association member, an
 * unplaced one), and a user of every role with a realistic scope.
 */
export const PASSWORD = 'World-Pass-2026';
export const COUNTIES = ['440305', '440306'] as const;
export const TOWNSHIPS = COUNTIES.flatMap((c) => [`${c}001`, `${c}002`]);
export const COMMUNITIES = TOWNSHIPS.flatMap((t) => [`${t}001`, `${t}002`]);

export type Grant = { role: string; allRegions?: boolean; regionPrefixes?: string[]; parkIds?: string[]; associationIds?: string[]; enterpriseIds?: string[]; partyOrgIds?: string[] };
export type WorldUser = { username: string; id: string; grants: Grant[] };
export type WorldEnterprise = { id: string; name: string; regionCode: string | null; parkId: string | null; associationId: string | null };

export type World = {
  parks: string[];
  associations: string[];
  enterprises: WorldEnterprise[];
  users: Record<string, WorldUser>;
  /** Independent oracle: does this user's grant set reach the enterprise (any role)? */
  reaches(username: string, e: WorldEnterprise): boolean;
};

const pad12 = (p: string) => p.padEnd(12, '0');

async function seedPlaces(database: Database): Promise<{ parks: string[]; associations: string[] }> {
  const db = database.db;
  const regions = [
    { code: pad12('44'), level: 1, name: '广东省', parent_code: null, prefix: '44' },
    { code: pad12('4403'), level: 2, name: '深圳市', parent_code: pad12('44'), prefix: '4403' },
    ...COUNTIES.map((c, i) => ({ code: pad12(c), level: 3, name: `测试区${i + 1}`, parent_code: pad12('4403'), prefix: c })),
    ...TOWNSHIPS.map((t, i) => ({ code: pad12(t), level: 4, name: `测试街道${i + 1}`, parent_code: pad12(t.slice(0, 6)), prefix: t })),
    ...COMMUNITIES.map((c, i) => ({ code: c, level: 5, name: `测试社区${i + 1}`, parent_code: pad12(c.slice(0, 9)), prefix: c })),
  ];
  await db.insertInto('region').values(regions).onConflict((oc) => oc.column('code').doNothing()).execute();
  const parks = await db.insertInto('park').values(COUNTIES.map((c, i) => ({ name: `世界园区${i + 1}`, region_code: pad12(c) })))
    .returning('id').execute();
  const associations = await db.insertInto('association').values(COUNTIES.map((c, i) => ({ name: `世界商会${i + 1}`, region_code: pad12(c) })))
    .returning('id').execute();
  return { parks: parks.map((p) => p.id), associations: associations.map((a) => a.id) };
}

async function seedEnterprises(database: Database, parks: string[], associations: string[]): Promise<WorldEnterprise[]> {
  const rows = [
    ...COMMUNITIES.map((c, i) => ({ name: `社区企业${i + 1}`, region_code: c, park_id: null as string | null, association_id: null as string | null })),
    // registered in county 2 but sitting in county 1's park: the park officer sees it, county 1 does not
    { name: '园区企业', region_code: COMMUNITIES[4], park_id: parks[0], association_id: null },
    { name: '商会企业', region_code: COMMUNITIES[6], park_id: null, association_id: associations[0] },
    { name: '待认定企业', region_code: null, park_id: null, association_id: null },
  ];
  const out: WorldEnterprise[] = [];
  for (const [i, r] of rows.entries()) {
    const row = await database.db.insertInto('enterprise').values({
      credit_code: `91440300MAWORLD${String(i).padStart(3, '0')}`, ...r, placement: r.region_code ? 'placed' : 'pending',
    }).returning('id').executeTakeFirstOrThrow();
    out.push({ id: row.id, name: r.name, regionCode: r.region_code, parkId: r.park_id, associationId: r.association_id });
  }
  return out;
}

function userSpecs(parks: string[], associations: string[], e: WorldEnterprise[]): Record<string, Grant[]> {
  return {
    sys: [{ role: 'system_admin', allRegions: true }],
    orgA: [{ role: 'org_admin', regionPrefixes: [COUNTIES[0]] }],
    orgB: [{ role: 'org_admin', regionPrefixes: [COUNTIES[1]] }],
    townA: [{ role: 'township_officer', regionPrefixes: [TOWNSHIPS[0]] }],
    commA: [{ role: 'community_officer', regionPrefixes: [COMMUNITIES[0]] }],
    parkA: [{ role: 'park_officer', parkIds: [parks[0]] }],
    assocA: [{ role: 'association_officer', associationIds: [associations[0]] }],
    secretary: [{ role: 'branch_secretary', enterpriseIds: [e[1].id] }],
    instructor: [{ role: 'instructor', enterpriseIds: [e[0].id, e[5].id] }],
    union: [{ role: 'union_officer', enterpriseIds: [e[2].id] }],
    member: [{ role: 'member', regionPrefixes: [COMMUNITIES[0]] }],
    // two roles: a township read in county 1 plus an org_admin in county 2
    multi: [{ role: 'township_officer', regionPrefixes: [TOWNSHIPS[1]] }, { role: 'org_admin', regionPrefixes: [COUNTIES[1]] }],
    // never signs in: the target of resets, grants and revocations
    victim: [{ role: 'community_officer', regionPrefixes: [COMMUNITIES[1]] }],
  };
}

export async function buildWorld(database: Database): Promise<World> {
  const { parks, associations } = await seedPlaces(database);
  const enterprises = await seedEnterprises(database, parks, associations);
  const hash = await hashPassword(PASSWORD);
  const users: Record<string, WorldUser> = {};
  for (const [username, grants] of Object.entries(userSpecs(parks, associations, enterprises))) {
    const u = await database.db.insertInto('app_user').values({ username, display_name: username, password_hash: hash, must_change_password: false })
      .returning('id').executeTakeFirstOrThrow();
    for (const g of grants) {
      await database.db.insertInto('user_role').values({
        user_id: u.id, role: g.role, all_regions: g.allRegions ?? false, region_prefixes: g.regionPrefixes ?? [], park_ids: g.parkIds ?? [],
        association_ids: g.associationIds ?? [], enterprise_ids: g.enterpriseIds ?? [], party_org_ids: g.partyOrgIds ?? [],
      }).execute();
    }
    users[username] = { username, id: u.id, grants };
  }
  const reaches = (username: string, e: WorldEnterprise) => users[username].grants.some((g) =>
    g.allRegions || (g.regionPrefixes ?? []).some((p) => e.regionCode?.startsWith(p)) || (g.parkIds ?? []).includes(e.parkId ?? '')
    || (g.associationIds ?? []).includes(e.associationId ?? '') || (g.enterpriseIds ?? []).includes(e.id));
  return { parks, associations, enterprises, users, reaches };
}

export type Session = { username: string; cookie: string; csrf: string };

const OPS_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);

/** The app as served, with every registered route collected (method + URL pattern). */
export async function buildTestApp(database: Database, env: NodeJS.ProcessEnv = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-api-'));
  // PostgreSQL requires an explicit keyring (TOTP seeds and personal data are sealed with it).
  const keyFile = path.join(dataDir, 'test-keys.json');
  fs.writeFileSync(keyFile, generateKeyringText(), { mode: 0o600 });
  const config = loadConfig({ DATA_DIR: dataDir, LX_KEY_FILE: keyFile, LOG_LEVEL: 'silent', LX_REQUIRE_TOTP_FOR_ADMINS: 'false', LX_SIGN_IN_RATE_LIMIT: '1000', ...env });
  const routes: Array<{ method: string; url: string }> = [];
  const onRoute = (r: RouteOptions) => {
    // The ops endpoints (docs/operations.md) live outside /api but are routes like any other.
    for (const m of [r.method].flat()) if (m !== 'HEAD' && (r.url.startsWith('/api/') || OPS_ROUTES.has(r.url))) routes.push({ method: m, url: r.url });
  };
  // API tests see the API alone, whether or not web/dist was built on this machine (the UI's catch-all
  // route would otherwise answer unknown paths with index.html).
  const app = await buildApp({ database, config }, { logger: false, onRoute, webDir: path.join(dataDir, 'no-web-ui') });
  await app.ready();
  return { app, routes, config, close: async () => { await app.close(); fs.rmSync(dataDir, { recursive: true, force: true }); } };
}

export async function signInAs(app: FastifyInstance, username: string, password = PASSWORD, remoteAddress = '10.0.0.1'): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password }, remoteAddress });
  if (res.statusCode !== 200) throw new Error(`sign-in ${username}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'lx_session');
  if (!cookie) throw new Error('no session cookie');
  return { username, cookie: `lx_session=${cookie.value}`, csrf: (res.json() as { csrfToken: string }).csrfToken };
}

/** A request as a signed-in browser would send it (cookie + CSRF header). */
export function call(app: FastifyInstance, s: Session, method: string, url: string, payload?: unknown) {
  return app.inject({
    method: method as 'GET', url, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, ...(payload === undefined ? {} : { payload: payload as object }),
  });
}
