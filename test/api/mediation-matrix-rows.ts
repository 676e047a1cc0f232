import { TOWNSHIPS } from '../factories/world.js';
import type { Ctx, Row } from './org-matrix-rows.js';

/**
 * Permission-matrix rows for 劳动争议调解 (docs/unions.md, "劳动争议调解"), spread into MATRIX in
 * permission-matrix.test.ts. Read with union.read, changed with union.manage, both by the body's place.
 * * R: the enterprise committee of e0 (COMMUNITIES[0], street T0) and a case there.
 * * Y: a street body of street T1 and a case whose employer is e0 of street T0 — townA and commA read
 *   the case through the employer (not the body); multi sees both by T1 and manages neither (its
 *   union.manage is the other county's): 403 NOT_MANAGED.
 * Change probes get a fresh case (version 1) or a fresh mediator, so each caller meets the same state.
 */
const READERS = ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'union', 'multi'];
const SEEN = { ok: ['sys', 'orgA', 'townA', 'commA'], hidden: ['orgB', 'parkA', 'assocA', 'union', 'multi'] };
const MANAGED = { ok: ['sys', 'orgA'], hidden: ['orgB', 'multi', 'union'] };
const Y_CASE_SEEN = { ok: ['sys', 'orgA', 'townA', 'commA', 'multi'], hidden: ['orgB', 'parkA', 'assocA', 'union'] };
const Y_BODY_SEEN = { ok: ['sys', 'orgA', 'multi'], hidden: ['orgB', 'townA', 'commA', 'parkA', 'assocA', 'union'] };
const Y_MANAGED = { ok: ['sys', 'orgA'], notManaged: ['multi'], hidden: ['orgB', 'union'] };

let made = 0;
const fixtures: { r?: string; y?: string; rCase?: string; yCase?: string } = {};
const committee = async (c: Ctx) => (fixtures.r ??= (await c.database.db.insertInto('mediation_body')
  .values({ kind: 'enterprise', name: '矩阵企业调解委员会', enterprise_id: c.world.enterprises[0].id }).returning('id').executeTakeFirstOrThrow()).id);
const streetBody = async (c: Ctx) => (fixtures.y ??= (await c.database.db.insertInto('mediation_body')
  .values({ kind: 'street', name: '矩阵街道调解中心', region_code: TOWNSHIPS[1].padEnd(12, '0') }).returning('id').executeTakeFirstOrThrow()).id);
const newCase = async (c: Ctx, body: (c: Ctx) => Promise<string>) => (await c.database.db.insertInto('mediation_case').values({
  body_id: await body(c), received_on: '2026-11-02', due_on: '2026-11-17', employer_enterprise_id: c.world.enterprises[0].id,
  employer_name: c.world.enterprises[0].name, category: 'pay', claim: `矩阵请求${++made}`, claimed_fen: 100000, known_on: '2026-10-20',
}).returning('id').executeTakeFirstOrThrow()).id;
const rCase = async (c: Ctx) => (fixtures.rCase ??= await newCase(c, committee));
const yCase = async (c: Ctx) => (fixtures.yCase ??= await newCase(c, streetBody));
const newMediator = async (c: Ctx) => {
  const db = c.database.db;
  const p = await db.insertInto('person').values({ name: `矩阵调解员${++made}` }).returning('id').executeTakeFirstOrThrow();
  return (await db.insertInto('mediation_body_member').values({ body_id: await committee(c), person_id: p.id, side: 'employer', basis: 'appointed', since: '2024-01-01' })
    .returning('id').executeTakeFirstOrThrow()).id;
};

type Make = (c: Ctx, x: (c: Ctx) => Promise<string>) => Promise<{ url: string; payload?: unknown }>;
const pair = (route: string, make: Make, r: Row['expect'], y: Row['expect'], rOf = committee, yOf = streetBody): Row[] => [
  { route, request: (c) => make(c, rOf), expect: r },
  { route, request: (c) => make(c, yOf), expect: y },
];
const fresh = (body: (c: Ctx) => Promise<string>) => (c: Ctx) => newCase(c, body);

export const MEDIATION_MATRIX_ROWS: Row[] = [
  { route: 'GET /api/mediation/bodies', request: () => ({ url: '/api/mediation/bodies' }), expect: { ok: READERS } },
  { route: 'GET /api/mediation/bodies/export.xlsx', request: () => ({ url: '/api/mediation/bodies/export.xlsx' }), expect: { ok: READERS } },
  { route: 'GET /api/mediation/committee-gaps', request: () => ({ url: '/api/mediation/committee-gaps' }), expect: { ok: READERS } },
  { route: 'GET /api/mediation/committee-gaps/export.xlsx', request: () => ({ url: '/api/mediation/committee-gaps/export.xlsx' }), expect: { ok: READERS } },
  {
    route: 'POST /api/mediation/bodies',
    request: () => ({ url: '/api/mediation/bodies', payload: { kind: 'street', name: `矩阵新调解中心${++made}`, regionCode: TOWNSHIPS[0].padEnd(12, '0') } }),
    expect: { ok: ['sys', 'orgA'] },
  },
  ...pair('GET /api/mediation/bodies/:id', async (c, b) => ({ url: `/api/mediation/bodies/${await b(c)}` }), { ...SEEN }, Y_BODY_SEEN),
  ...pair('PATCH /api/mediation/bodies/:id', async (c, b) => {
    const id = await b(c);
    const v = (await c.database.db.selectFrom('mediation_body').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
    return { url: `/api/mediation/bodies/${id}`, payload: { version: v, foundedOn: '2020-01-01' } };
  }, MANAGED, Y_MANAGED),
  {
    route: 'POST /api/mediation/bodies/:id/members',
    request: async (c) => ({ url: `/api/mediation/bodies/${await committee(c)}/members`, payload: { person: { name: `矩阵代表${++made}` }, side: 'employer', basis: 'appointed', since: '2024-01-01' } }),
    expect: MANAGED,
  },
  {
    route: 'POST /api/mediation/bodies/:id/members',
    request: async (c) => ({ url: `/api/mediation/bodies/${await streetBody(c)}/members`, payload: { person: { name: '矩阵代表' }, side: 'employer', basis: 'appointed', since: '2024-01-01' } }),
    expect: { reached: ['sys', 'orgA'], notManaged: ['multi'], hidden: ['orgB', 'union'] }, // a street body has no committee members: 400
  },
  {
    route: 'POST /api/mediation/bodies/:id/members/:memberId/end',
    request: async (c) => ({ url: `/api/mediation/bodies/${await committee(c)}/members/${await newMediator(c)}/end`, payload: { until: '2026-01-01' } }),
    expect: MANAGED,
  },
  { route: 'GET /api/mediation/cases', request: () => ({ url: '/api/mediation/cases?open=true' }), expect: { ok: READERS } },
  { route: 'GET /api/mediation/cases/export.xlsx', request: () => ({ url: '/api/mediation/cases/export.xlsx?category=pay' }), expect: { ok: READERS } },
  { route: 'GET /api/mediation/stats', request: () => ({ url: '/api/mediation/stats' }), expect: { ok: READERS } },
  ...pair('POST /api/mediation/cases', async (c, b) => ({ url: '/api/mediation/cases', payload: { bodyId: await b(c), receivedOn: '2026-11-20', category: 'pay', claim: '工资', employerName: '某公司', applicants: [{ name: `矩阵申请人${++made}` }] } }), MANAGED, Y_MANAGED),
  ...pair('GET /api/mediation/cases/:id', async (c, k) => ({ url: `/api/mediation/cases/${await k(c)}` }), SEEN, Y_CASE_SEEN, rCase, yCase),
  ...pair('GET /api/mediation/cases/:id/documents/:kind', async (c, k) => ({ url: `/api/mediation/cases/${await k(c)}/documents/acceptance` }), SEEN, Y_CASE_SEEN, rCase, yCase),
  ...pair('PATCH /api/mediation/cases/:id', async (c, k) => ({ url: `/api/mediation/cases/${await k(c)}`, payload: { version: 1, claim: '修改后的请求' } }), MANAGED, { ...Y_MANAGED, notManaged: ['multi'] }, fresh(committee), fresh(streetBody)),
  ...pair('POST /api/mediation/cases/:id/start', async (c, k) => ({ url: `/api/mediation/cases/${await k(c)}/start`, payload: { version: 1, on: '2026-11-03' } }), MANAGED, Y_MANAGED, fresh(committee), fresh(streetBody)),
  ...pair('POST /api/mediation/cases/:id/close', async (c, k) => ({ url: `/api/mediation/cases/${await k(c)}/close`, payload: { version: 1, outcome: 'withdrawn', on: '2026-11-05' } }), MANAGED, Y_MANAGED, fresh(committee), fresh(streetBody)),
];
