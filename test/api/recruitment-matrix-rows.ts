import { idCheckChar } from '../../src/domain/id-number.js';
import { COMMUNITIES } from '../factories/world.js';
import type { Ctx, Row } from './org-matrix-rows.js';

/**
 * Permission-matrix rows for 发展党员 (docs/recruitment.md), spread into MATRIX in
 * permission-matrix.test.ts. Reads need org.read, steps org.manage over the case's holding
 * organisation by its own place — never through a link.
 * * R: a case held by a branch registered in COMMUNITIES[0] covering e0 — seen as that branch is
 *   seen, changed by its managers.
 * * Y: a case held by a joint branch of street T1 (C[2]) covering e0 of street T0 — townA (T0) sees it
 *   through the link and may not record a step (403 NOT_MANAGED); multi manages it by T1.
 * Step probes get a fresh case at version 1, so each caller meets the same state.
 */
const REGION = COMMUNITIES[0];
const T1_COMMUNITY = COMMUNITIES[2];
const READERS = ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'secretary', 'instructor', 'multi'];
const SEEN = { ok: ['sys', 'orgA', 'townA', 'commA', 'instructor'], hidden: ['orgB', 'parkA', 'assocA', 'secretary', 'multi'] };
const MANAGED = { ok: ['sys', 'orgA', 'townA'], hidden: ['orgB', 'secretary', 'multi'] };
const Y_SEEN = { ok: ['sys', 'orgA', 'townA', 'commA', 'instructor', 'multi'], hidden: ['orgB', 'parkA', 'assocA', 'secretary'] };
const Y_MANAGED = { ok: ['sys', 'orgA', 'multi'], notManaged: ['townA'], hidden: ['orgB', 'secretary'] };

let made = 0;
const e0 = (c: Ctx) => c.world.enterprises[0].id;
/** A valid ID number no other probe uses (born 1960–: the roster's rows use 1970–). */
const idNumber = () => {
  const body = `44030519${String(60 + Math.floor(made / 300)).padStart(2, '0')}0101${String(++made % 1000).padStart(3, '0')}`;
  return body + idCheckChar(body);
};

async function branch(c: Ctx, region: string, mode: 'standalone' | 'joint'): Promise<string> {
  const db = c.database.db;
  const { id } = await db.insertInto('party_org').values({ name: `发展矩阵支部${++made}`, org_type: 'branch', setup_mode: mode, region_code: region })
    .returning('id').executeTakeFirstOrThrow();
  await db.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
  await db.insertInto('party_org_coverage').values({ org_id: id, enterprise_id: e0(c), mode, since: '2024-01-01' }).execute();
  return id;
}
async function newCase(c: Ctx, orgId: string): Promise<string> {
  const db = c.database.db;
  const p = await db.insertInto('person').values({ name: `发展矩阵申请人${++made}`, region_code: null }).returning('id').executeTakeFirstOrThrow();
  return (await db.insertInto('recruitment_case').values({ person_id: p.id, org_id: orgId, applied_on: '2024-01-10' }).returning('id').executeTakeFirstOrThrow()).id;
}
const fixtures: { org?: string; joint?: string; r?: string; y?: string } = {};
const org = async (c: Ctx) => (fixtures.org ??= await branch(c, REGION, 'standalone'));
const joint = async (c: Ctx) => (fixtures.joint ??= await branch(c, T1_COMMUNITY, 'joint'));
const r = async (c: Ctx) => (fixtures.r ??= await newCase(c, await org(c)));
const y = async (c: Ctx) => (fixtures.y ??= await newCase(c, await joint(c)));
const talk = { step: 'talk', version: 1, on: '2024-01-20', talkerName: '矩阵谈话人' };

export const RECRUITMENT_MATRIX_ROWS: Row[] = [
  { route: 'GET /api/recruitment', request: () => ({ url: '/api/recruitment' }), expect: { ok: READERS } },
  { route: 'GET /api/recruitment/export.xlsx', request: () => ({ url: '/api/recruitment/export.xlsx' }), expect: { ok: READERS } },
  { route: 'GET /api/recruitment-findings', request: () => ({ url: '/api/recruitment-findings' }), expect: { ok: READERS } },
  // Province settings: read by every organisation reader; changed only over the whole jurisdiction.
  { route: 'GET /api/recruitment-settings', request: () => ({ url: '/api/recruitment-settings' }), expect: { ok: READERS } },
  {
    route: 'PUT /api/recruitment-settings',
    request: async (c) => {
      const row = await c.database.db.selectFrom('app_setting').select('value').where('key', '=', 'recruitment.settings').executeTakeFirst();
      const version = (row?.value as { version?: number } | undefined)?.version ?? 0;
      return { url: '/api/recruitment-settings', payload: { version, entries: [{ province: '44', param: 'publicNoticeMinDays', value: 7, validFrom: '2024-01-01', source: '《矩阵省发展党员实施细则》' }] } };
    },
    expect: { ok: ['sys'] },
  },
  {
    route: 'POST /api/recruitment',
    request: async (c) => ({ url: '/api/recruitment', payload: { orgId: await org(c), name: `申请人${c.n}`, idNumber: idNumber(), appliedOn: '2024-01-10' } }),
    expect: MANAGED,
  },
  { route: 'GET /api/recruitment/:id', request: async (c) => ({ url: `/api/recruitment/${await r(c)}` }), expect: SEEN },
  { route: 'POST /api/recruitment/:id/steps', request: async (c) => ({ url: `/api/recruitment/${await newCase(c, await org(c))}/steps`, payload: talk }), expect: MANAGED },
  // Y: the other street's joint branch — seen through the link, never managed through it.
  { route: 'GET /api/recruitment/:id', request: async (c) => ({ url: `/api/recruitment/${await y(c)}` }), expect: Y_SEEN },
  { route: 'POST /api/recruitment/:id/steps', request: async (c) => ({ url: `/api/recruitment/${await newCase(c, await joint(c))}/steps`, payload: talk }), expect: Y_MANAGED },
  {
    route: 'POST /api/recruitment',
    request: async (c) => ({ url: '/api/recruitment', payload: { orgId: await joint(c), name: `申请人${c.n}`, idNumber: idNumber(), appliedOn: '2024-01-10' } }),
    expect: Y_MANAGED,
  },
];
