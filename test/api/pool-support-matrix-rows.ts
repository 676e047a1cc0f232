import { COMMUNITIES } from '../factories/world.js';
import type { Ctx, Row } from './org-matrix-rows.js';

/**
 * Permission-matrix rows for the reserve pool (docs/reserve-pool.md) and the support ledger
 * (docs/support.md), spread into MATRIX in permission-matrix.test.ts.
 * * R: a pool entry kept under COMMUNITIES[0]; a branch of COMMUNITIES[0] covering e0.
 * * Y: a pool entry recommended by, and the ledger of, a joint branch of street T1 (C[2]) covering e0
 *   of street T0 — townA (T0) sees it through the link and may not change it (403 NOT_MANAGED).
 * Change probes get a fresh record at version 1 (a fresh organisation for the year's expense).
 */
const READERS = ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'secretary', 'instructor', 'multi'];
const SEEN = { ok: ['sys', 'orgA', 'townA', 'commA', 'instructor'], hidden: ['orgB', 'parkA', 'assocA', 'secretary', 'multi'] };
const MANAGED = { ok: ['sys', 'orgA', 'townA'], hidden: ['orgB', 'secretary', 'multi'] };
const Y_SEEN = { ok: ['sys', 'orgA', 'townA', 'commA', 'instructor', 'multi'], hidden: ['orgB', 'parkA', 'assocA', 'secretary'] };
const Y_MANAGED = { ok: ['sys', 'orgA', 'multi'], notManaged: ['townA'], hidden: ['orgB', 'secretary'] };
const R_SEEN = { ok: ['sys', 'orgA', 'townA', 'commA'], hidden: ['orgB', 'parkA', 'assocA', 'secretary', 'instructor', 'multi'] };

let made = 0;
async function branch(c: Ctx, region: string, mode: 'standalone' | 'joint'): Promise<string> {
  const db = c.database.db;
  const { id } = await db.insertInto('party_org').values({ name: `保障矩阵支部${++made}`, org_type: 'branch', setup_mode: mode, region_code: region })
    .returning('id').executeTakeFirstOrThrow();
  await db.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
  await db.insertInto('party_org_coverage').values({ org_id: id, enterprise_id: c.world.enterprises[0].id, mode, since: '2024-01-01' }).execute();
  return id;
}
const person = async (c: Ctx) => (await c.database.db.insertInto('person').values({ name: `矩阵后备${++made}`, region_code: COMMUNITIES[0] }).returning('id').executeTakeFirstOrThrow()).id;
async function newTalent(c: Ctx, place: { region_code?: string; org_id?: string }): Promise<string> {
  return (await c.database.db.insertInto('reserve_talent').values({ person_id: await person(c), recommender: '矩阵街道党工委', recommended_on: '2024-01-05', skills: '党务', availability: 'partTime', ...place })
    .returning('id').executeTakeFirstOrThrow()).id;
}
const fixtures: { org?: string; joint?: string; r?: string; y?: string } = {};
const org = async (c: Ctx) => (fixtures.org ??= await branch(c, COMMUNITIES[0], 'standalone'));
const joint = async (c: Ctx) => (fixtures.joint ??= await branch(c, COMMUNITIES[2], 'joint'));
const freshR = async (c: Ctx) => newTalent(c, { region_code: COMMUNITIES[0] });
const freshY = async (c: Ctx) => newTalent(c, { org_id: await joint(c) });
const r = async (c: Ctx) => (fixtures.r ??= await freshR(c));
const y = async (c: Ctx) => (fixtures.y ??= await freshY(c));
const funding = async (c: Ctx, orgId: string) => (await c.database.db.insertInto('support_funding').values({ org_id: orgId, given_on: '2024-03-01', amount_fen: 100000, source: '矩阵经费', purpose: '矩阵' }).returning('id').executeTakeFirstOrThrow()).id;
const site = async (c: Ctx, orgId: string) => (await c.database.db.insertInto('activity_site').values({ org_id: orgId, address: '矩阵路1号', area_m2: 60, shared: false }).returning('id').executeTakeFirstOrThrow()).id;

const pair = (route: string, make: (c: Ctx, orgOf: (c: Ctx) => Promise<string>) => Promise<{ url: string; payload?: unknown }>, own: Row['expect'], link: Row['expect']): Row[] => [
  { route, request: (c) => make(c, org), expect: own },
  { route, request: (c) => make(c, joint), expect: link },
];
const talentBody = { recommender: '矩阵推荐', recommendedOn: '2024-02-01', skills: '党务、宣传', availability: 'fullTime' };
const fundingBody = { givenOn: '2024-04-01', amountFen: 20000, source: '区委组织部', purpose: '阵地建设' };
const siteBody = { address: '矩阵路2号', areaM2: 80, shared: true };

export const POOL_SUPPORT_MATRIX_ROWS: Row[] = [
  { route: 'GET /api/reserve-pool', request: () => ({ url: '/api/reserve-pool' }), expect: { ok: READERS } },
  { route: 'GET /api/reserve-pool/export.xlsx', request: () => ({ url: '/api/reserve-pool/export.xlsx' }), expect: { ok: READERS } },
  { route: 'POST /api/reserve-pool', request: async (c) => ({ url: '/api/reserve-pool', payload: { personId: await person(c), regionCode: COMMUNITIES[0], ...talentBody } }), expect: { ok: ['sys', 'orgA', 'townA'], hidden: ['orgB', 'secretary', 'multi'] } },
  { route: 'GET /api/reserve-pool/:id', request: async (c) => ({ url: `/api/reserve-pool/${await r(c)}` }), expect: R_SEEN },
  { route: 'GET /api/reserve-pool/:id', request: async (c) => ({ url: `/api/reserve-pool/${await y(c)}` }), expect: Y_SEEN },
  { route: 'PUT /api/reserve-pool/:id', request: async (c) => ({ url: `/api/reserve-pool/${await freshR(c)}`, payload: { ...talentBody, version: 1 } }), expect: MANAGED },
  { route: 'PUT /api/reserve-pool/:id', request: async (c) => ({ url: `/api/reserve-pool/${await freshY(c)}`, payload: { ...talentBody, version: 1 } }), expect: Y_MANAGED },
  { route: 'POST /api/reserve-pool/:id/placements', request: async (c) => ({ url: `/api/reserve-pool/${await freshR(c)}/placements`, payload: { version: 1, orgId: await org(c), position: 'secretary', placedOn: '2024-05-01' } }), expect: MANAGED },
  { route: 'POST /api/reserve-pool/:id/placements', request: async (c) => ({ url: `/api/reserve-pool/${await freshY(c)}/placements`, payload: { version: 1, orgId: await joint(c), position: 'secretary', placedOn: '2024-05-01' } }), expect: Y_MANAGED },
  ...pair('GET /api/party-orgs/:id/reserve-candidates', async (c, o) => ({ url: `/api/party-orgs/${await o(c)}/reserve-candidates` }), MANAGED, Y_MANAGED),

  ...pair('GET /api/party-orgs/:id/support', async (c, o) => ({ url: `/api/party-orgs/${await o(c)}/support?year=2024` }), SEEN, Y_SEEN),
  ...pair('POST /api/party-orgs/:id/support/funding', async (c, o) => ({ url: `/api/party-orgs/${await o(c)}/support/funding`, payload: fundingBody }), MANAGED, Y_MANAGED),
  ...pair('PUT /api/party-orgs/:id/support/funding/:itemId', async (c, o) => {
    const id = await o(c);
    return { url: `/api/party-orgs/${id}/support/funding/${await funding(c, id)}`, payload: { ...fundingBody, version: 1 } };
  }, MANAGED, Y_MANAGED),
  ...pair('POST /api/party-orgs/:id/support/sites', async (c, o) => ({ url: `/api/party-orgs/${await o(c)}/support/sites?year=2024`, payload: siteBody }), MANAGED, Y_MANAGED),
  ...pair('PUT /api/party-orgs/:id/support/sites/:itemId', async (c, o) => {
    const id = await o(c);
    return { url: `/api/party-orgs/${id}/support/sites/${await site(c, id)}?year=2024`, payload: { ...siteBody, version: 1 } };
  }, MANAGED, Y_MANAGED),
  ...pair('DELETE /api/party-orgs/:id/support/funding/:itemId', async (c, o) => {
    const id = await o(c);
    return { url: `/api/party-orgs/${id}/support/funding/${await funding(c, id)}?version=1` };
  }, MANAGED, Y_MANAGED),
  ...pair('DELETE /api/party-orgs/:id/support/sites/:itemId', async (c, o) => {
    const id = await o(c);
    return { url: `/api/party-orgs/${id}/support/sites/${await site(c, id)}?version=1&year=2024` };
  }, MANAGED, Y_MANAGED),
  { route: 'PUT /api/party-orgs/:id/support/expense', request: async (c) => ({ url: `/api/party-orgs/${await branch(c, COMMUNITIES[0], 'standalone')}/support/expense`, payload: { year: 2024, payrollFen: 100_000_000, amountFen: 800_000 } }), expect: MANAGED },
  { route: 'PUT /api/party-orgs/:id/support/expense', request: async (c) => ({ url: `/api/party-orgs/${await branch(c, COMMUNITIES[2], 'joint')}/support/expense`, payload: { year: 2024, payrollFen: 100_000_000, amountFen: 800_000 } }), expect: Y_MANAGED },
  { route: 'GET /api/support/rollup', request: () => ({ url: '/api/support/rollup?year=2024' }), expect: { ok: READERS } },
  { route: 'GET /api/support/rollup/export.xlsx', request: () => ({ url: '/api/support/rollup/export.xlsx?year=2024&level=district' }), expect: { ok: READERS } },
  { route: 'GET /api/support/orgs', request: () => ({ url: '/api/support/orgs?year=2024' }), expect: { ok: READERS } },
  { route: 'GET /api/support/orgs/export.xlsx', request: () => ({ url: '/api/support/orgs/export.xlsx?year=2024' }), expect: { ok: READERS } },
];
