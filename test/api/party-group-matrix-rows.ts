import { COMMUNITIES } from '../factories/world.js';
import type { Ctx, Row } from './org-matrix-rows.js';

/**
 * Permission-matrix rows for 党小组 (docs/life.md, "党小组"), spread into MATRIX in
 * permission-matrix.test.ts. Read with the organisation (org.read: own place or a link); changed by
 * org.manage over it by its own place — never through a link.
 * * R: a branch registered in COMMUNITIES[0] covering e0.
 * * Y: a joint branch of street T1 (C[2]) covering e0 of street T0 — townA sees its groups through the
 *   link and may change none (403 NOT_MANAGED); multi manages it by T1.
 * Change probes get a fresh group at version 1 (a fresh name for a new one), so each caller meets the
 * same state.
 */
const SEEN = { ok: ['sys', 'orgA', 'townA', 'commA', 'instructor'], hidden: ['orgB', 'parkA', 'assocA', 'secretary', 'multi'] };
const MANAGED = { ok: ['sys', 'orgA', 'townA'], hidden: ['orgB', 'secretary', 'multi'] };
const Y_SEEN = { ok: ['sys', 'orgA', 'townA', 'commA', 'instructor', 'multi'], hidden: ['orgB', 'parkA', 'assocA', 'secretary'] };
const Y_MANAGED = { ok: ['sys', 'orgA', 'multi'], notManaged: ['townA'], hidden: ['orgB', 'secretary'] };

let made = 0;
async function branch(c: Ctx, region: string, mode: 'standalone' | 'joint'): Promise<string> {
  const db = c.database.db;
  const { id } = await db.insertInto('party_org').values({ name: `党小组矩阵支部${++made}`, org_type: 'branch', setup_mode: mode, region_code: region })
    .returning('id').executeTakeFirstOrThrow();
  await db.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
  await db.insertInto('party_org_coverage').values({ org_id: id, enterprise_id: c.world.enterprises[0].id, mode, since: '2024-01-01' }).execute();
  return id;
}
const newGroup = async (c: Ctx, orgId: string) =>
  (await c.database.db.insertInto('party_group').values({ org_id: orgId, name: `矩阵党小组${++made}` }).returning('id').executeTakeFirstOrThrow()).id;
const fixtures: { org?: string; joint?: string } = {};
const org = async (c: Ctx) => (fixtures.org ??= await branch(c, COMMUNITIES[0], 'standalone'));
const joint = async (c: Ctx) => (fixtures.joint ??= await branch(c, COMMUNITIES[2], 'joint'));

const pair = (route: string, make: (c: Ctx, orgOf: (c: Ctx) => Promise<string>) => Promise<{ url: string; payload?: unknown }>, own: Row['expect'], link: Row['expect']): Row[] => [
  { route, request: (c) => make(c, org), expect: own },
  { route, request: (c) => make(c, joint), expect: link },
];

export const PARTY_GROUP_MATRIX_ROWS: Row[] = [
  ...pair('GET /api/party-orgs/:id/groups', async (c, o) => ({ url: `/api/party-orgs/${await o(c)}/groups` }), SEEN, Y_SEEN),
  ...pair('POST /api/party-orgs/:id/groups', async (c, o) => ({ url: `/api/party-orgs/${await o(c)}/groups`, payload: { name: `新党小组${++made}` } }), MANAGED, Y_MANAGED),
  ...pair('PATCH /api/party-groups/:id', async (c, o) => ({ url: `/api/party-groups/${await newGroup(c, await o(c))}`, payload: { version: 1, name: `改名党小组${++made}` } }), MANAGED, Y_MANAGED),
  ...pair('PUT /api/party-groups/:id/members', async (c, o) => ({ url: `/api/party-groups/${await newGroup(c, await o(c))}/members`, payload: { version: 1, memberIds: [] } }), MANAGED, Y_MANAGED),
  ...pair('POST /api/party-groups/:id/dissolve', async (c, o) => ({ url: `/api/party-groups/${await newGroup(c, await o(c))}/dissolve`, payload: { version: 1 } }), MANAGED, Y_MANAGED),
];
