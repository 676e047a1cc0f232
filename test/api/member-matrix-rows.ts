import { idCheckChar } from '../../src/domain/id-number.js';
import { COMMUNITIES } from '../factories/world.js';
import type { Ctx, Row } from './org-matrix-rows.js';

/**
 * Permission-matrix rows for the member roster (docs/members.md), spread into MATRIX in
 * permission-matrix.test.ts. Reads need org.read, changes org.manage over the member's organisation
 * by its own place.
 * * M: a member of a branch registered in COMMUNITIES[0] covering e0, employed at e0 — seen as that
 *   branch is seen, changed by its managers.
 * * X: a member of a joint branch of street T1 (C[2]) covering e0 of street T0, employed at e0 —
 *   townA (T0) sees them through the link and the employer and may not change them (403
 *   NOT_MANAGED); multi manages them by T1.
 * Probes that confirm or change a status get a fresh member, so each caller meets the same state.
 */
const REGION = COMMUNITIES[0];
const T1_COMMUNITY = COMMUNITIES[2];
const READERS = ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'secretary', 'instructor', 'multi'];
const SEEN = { ok: ['sys', 'orgA', 'townA', 'commA', 'instructor'], hidden: ['orgB', 'parkA', 'assocA', 'secretary', 'multi'] };
const MANAGED = { ok: ['sys', 'orgA', 'townA'], hidden: ['orgB', 'secretary', 'multi'] };
const X_SEEN = { ok: ['sys', 'orgA', 'townA', 'commA', 'instructor', 'multi'], hidden: ['orgB', 'parkA', 'assocA', 'secretary'] };
const X_MANAGED = { ok: ['sys', 'orgA', 'multi'], notManaged: ['townA'], hidden: ['orgB', 'secretary'] };

let made = 0;
const e0 = (c: Ctx) => c.world.enterprises[0].id;
/** A valid ID number no other probe uses (GB 11643 check character). */
const idNumber = () => {
  const body = `44030519${String(70 + Math.floor(made / 300)).padStart(2, '0')}0101${String(++made % 1000).padStart(3, '0')}`;
  return body + idCheckChar(body);
};

async function branch(c: Ctx, region: string, mode: 'standalone' | 'joint'): Promise<string> {
  const db = c.database.db;
  const { id } = await db.insertInto('party_org').values({ name: `名册矩阵支部${++made}`, org_type: 'branch', setup_mode: mode, region_code: region })
    .returning('id').executeTakeFirstOrThrow();
  await db.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
  await db.insertInto('party_org_coverage').values({ org_id: id, enterprise_id: e0(c), mode, since: '2024-01-01' }).execute();
  return id;
}
async function member(c: Ctx, orgId: string, category: 'full' | 'probationary' = 'full'): Promise<string> {
  const db = c.database.db;
  const p = await db.insertInto('person').values({ name: `名册矩阵党员${++made}`, region_code: null }).returning('id').executeTakeFirstOrThrow();
  const m = await db.insertInto('party_member').values({
    person_id: p.id, org_id: orgId, category, joined_on: '2020-01-01', confirmed_on: category === 'full' ? '2021-01-02' : null, enterprise_id: e0(c),
  }).returning('id').executeTakeFirstOrThrow();
  return m.id;
}
const fixtures: { org?: string; m?: string; joint?: string; x?: string } = {};
const org = async (c: Ctx) => (fixtures.org ??= await branch(c, REGION, 'standalone'));
const joint = async (c: Ctx) => (fixtures.joint ??= await branch(c, T1_COMMUNITY, 'joint'));
const m = async (c: Ctx) => (fixtures.m ??= await member(c, await org(c)));
const x = async (c: Ctx) => (fixtures.x ??= await member(c, await joint(c)));
const version = async (c: Ctx, id: string) =>
  (await c.database.db.selectFrom('party_member').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;

export const MEMBER_MATRIX_ROWS: Row[] = [
  { route: 'GET /api/members', request: () => ({ url: '/api/members' }), expect: { ok: READERS } },
  { route: 'GET /api/members/export.xlsx', request: () => ({ url: '/api/members/export.xlsx' }), expect: { ok: READERS } },
  {
    route: 'POST /api/members',
    request: async (c) => ({ url: '/api/members', payload: { orgId: await org(c), name: `新党员${c.n}`, idNumber: idNumber(), category: 'probationary', joinedOn: '2025-01-01' } }),
    expect: MANAGED,
  },
  { route: 'GET /api/members/:id', request: async (c) => ({ url: `/api/members/${await m(c)}` }), expect: SEEN },
  { route: 'GET /api/members/:id/history', request: async (c) => ({ url: `/api/members/${await m(c)}/history` }), expect: SEEN },
  { route: 'PATCH /api/members/:id', request: async (c) => ({ url: `/api/members/${await m(c)}`, payload: { version: await version(c, await m(c)), changes: { post: `岗位${c.n}` } } }), expect: MANAGED },
  {
    route: 'POST /api/members/:id/confirm',
    request: async (c) => ({ url: `/api/members/${await member(c, await org(c), 'probationary')}/confirm`, payload: { version: 1, confirmedOn: '2025-06-01' } }),
    expect: MANAGED,
  },
  { route: 'POST /api/members/:id/status', request: async (c) => ({ url: `/api/members/${await member(c, await org(c))}/status`, payload: { version: 1, status: 'mobile', since: '2025-06-01' } }), expect: MANAGED },
  // Through a link: street T0 sees street T1's joint-branch member employed in T0, never manages them.
  { route: 'GET /api/members/:id', request: async (c) => ({ url: `/api/members/${await x(c)}` }), expect: X_SEEN },
  { route: 'GET /api/members/:id/history', request: async (c) => ({ url: `/api/members/${await x(c)}/history` }), expect: X_SEEN },
  { route: 'PATCH /api/members/:id', request: async (c) => ({ url: `/api/members/${await x(c)}`, payload: { version: await version(c, await x(c)), changes: { post: `岗位${c.n}` } } }), expect: X_MANAGED },
  { route: 'POST /api/members/:id/status', request: async (c) => ({ url: `/api/members/${await member(c, await joint(c))}/status`, payload: { version: 1, status: 'mobile', since: '2025-06-01' } }), expect: X_MANAGED },
  {
    route: 'POST /api/members',
    request: async (c) => ({ url: '/api/members', payload: { orgId: await joint(c), name: `新党员${c.n}`, idNumber: idNumber(), category: 'full', joinedOn: '2020-01-01' } }),
    expect: X_MANAGED,
  },
];
