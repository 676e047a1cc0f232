import type { Database } from '../../src/db/database.js';
import type { CrossStreet } from '../factories/cross-street.js';
import { COMMUNITIES, type World } from '../factories/world.js';
import { todayInChina } from '../../src/domain/org-terms.js';
import { CROSS_STREET_ROWS } from './cross-street-matrix-rows.js';

/**
 * Permission-matrix rows for the organisation routes (party orgs, unions, instructors, coverage,
 * work lists, planner), spread into MATRIX in permission-matrix.test.ts.
 *
 * Fixtures (made on first use, directly in the database): ORG, a branch in COMMUNITIES[0] covering
 * e[0]; UNION, in COMMUNITIES[0] covering e[0]; INSTR, an instructor of COMMUNITIES[0] assigned to
 * e[0]. Probes that end or dissolve something get a fresh record per call.
 */
export type Ctx = { world: World; database: Database; caller: string; n: number; cs: CrossStreet };
/** notManaged = 403 NOT_MANAGED (seen, not managed); outOfScope = 403 ENTERPRISE_OUT_OF_SCOPE (a link of a managed record). */
export type Outcome = 'ok' | 'reached' | 'forbidden' | 'hidden' | 'notManaged' | 'outOfScope';
export type Row = {
  route: string;
  request(c: Ctx): Promise<{ url: string; payload?: unknown }> | { url: string; payload?: unknown };
  expect: Partial<Record<Outcome, string[]>>;
};

const ORG_READERS = ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'secretary', 'instructor', 'multi'];
const UNION_READERS = ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'union', 'multi'];
const INSTRUCTOR_READERS = ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'instructor', 'multi'];
const COVERAGE_READERS = ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'secretary', 'multi'];
const ORG_SEEN = { ok: ['sys', 'orgA', 'townA', 'commA', 'instructor'], hidden: ['orgB', 'parkA', 'assocA', 'secretary', 'multi'] };
const UNION_SEEN = { ok: ['sys', 'orgA', 'townA', 'commA'], hidden: ['orgB', 'parkA', 'assocA', 'union', 'multi'] };
const ORG_MANAGED = { ok: ['sys', 'orgA', 'townA'], hidden: ['orgB', 'secretary', 'multi'] };
const UNION_MANAGED = { ok: ['sys', 'orgA'], hidden: ['orgB', 'multi', 'union'] };
const INSTR_MANAGED = { ok: ['sys', 'orgA', 'townA'], hidden: ['orgB', 'multi'] };

const REGION = COMMUNITIES[0];
const USERS_ALL = ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'secretary', 'instructor', 'union', 'member', 'multi'];
const ORG_MANAGERS = ['sys', 'orgA', 'orgB', 'townA', 'secretary', 'multi'];
const IMPORT_HOLDERS = { orgs: ORG_MANAGERS, positions: ORG_MANAGERS, unions: ['sys', 'orgA', 'orgB', 'union', 'multi'], assignments: ['sys', 'orgA', 'orgB', 'townA', 'multi'] };
const e0 = (c: Ctx) => c.world.enterprises[0].id;
const fixtures: { org?: string; union?: string; instr?: string } = {};
// Probes may run with the same n (the 401 pass uses 0), so fixture names take their own counter.
let made = 0;
const uniq = () => ++made;

async function person(c: Ctx): Promise<string> {
  // Registered in REGION, so the callers who manage REGION see them (docs/organisations.md, "People").
  return (await c.database.db.insertInto('person').values({ name: `矩阵人员${uniq()}`, region_code: REGION }).returning('id').executeTakeFirstOrThrow()).id;
}
async function newOrg(c: Ctx, cover = true): Promise<string> {
  const db = c.database.db;
  const { id } = await db.insertInto('party_org').values({ name: `矩阵党支部${uniq()}`, org_type: 'branch', setup_mode: 'standalone', region_code: REGION })
    .returning('id').executeTakeFirstOrThrow();
  await db.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
  if (cover) await db.insertInto('party_org_coverage').values({ org_id: id, enterprise_id: e0(c), mode: 'standalone', since: '2024-01-01' }).execute();
  return id;
}
async function newUnion(c: Ctx, cover = true): Promise<string> {
  const db = c.database.db;
  const { id } = await db.insertInto('union_org').values({ name: `矩阵工会${uniq()}`, kind: 'standalone', region_code: REGION }).returning('id').executeTakeFirstOrThrow();
  if (cover) await db.insertInto('union_coverage').values({ union_id: id, enterprise_id: e0(c), since: '2024-01-01' }).execute();
  return id;
}
async function newInstructor(c: Ctx, assign = true): Promise<string> {
  const db = c.database.db;
  const { id } = await db.insertInto('instructor').values({ person_id: await person(c), kind: 'instructor', region_code: REGION }).returning('id').executeTakeFirstOrThrow();
  if (assign) await db.insertInto('instructor_assignment').values({ instructor_id: id, enterprise_id: e0(c), since: '2024-01-01' }).execute();
  return id;
}
const org = async (c: Ctx) => (fixtures.org ??= await newOrg(c));
const union = async (c: Ctx) => (fixtures.union ??= await newUnion(c));
const instr = async (c: Ctx) => (fixtures.instr ??= await newInstructor(c));
const version = async (c: Ctx, table: 'party_org' | 'union_org' | 'instructor', id: string) =>
  (await c.database.db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;

export const ORG_MATRIX_ROWS: Row[] = [
  { route: 'GET /api/party-orgs', request: () => ({ url: '/api/party-orgs' }), expect: { ok: ORG_READERS } },
  { route: 'POST /api/party-orgs', request: (c) => ({ url: '/api/party-orgs', payload: { name: `矩阵新建党支部${uniq()}`, orgType: 'branch', setupMode: 'standalone', regionCode: REGION } }), expect: { ok: ['sys', 'orgA', 'townA'] } },
  { route: 'GET /api/party-orgs/:id', request: async (c) => ({ url: `/api/party-orgs/${await org(c)}` }), expect: ORG_SEEN },
  { route: 'GET /api/party-orgs/:id/history', request: async (c) => ({ url: `/api/party-orgs/${await org(c)}/history` }), expect: ORG_SEEN },
  { route: 'PATCH /api/party-orgs/:id', request: async (c) => ({ url: `/api/party-orgs/${await org(c)}`, payload: { version: await version(c, 'party_org', await org(c)), changes: { fullMembers: c.n } } }), expect: ORG_MANAGED },
  { route: 'POST /api/party-orgs/:id/dissolve', request: async (c) => ({ url: `/api/party-orgs/${await newOrg(c)}/dissolve`, payload: { version: 1, on: '2025-01-01', reason: '矩阵' } }), expect: ORG_MANAGED },
  // 党组织合并: a fresh pair each call, both in REGION (managing both is what it needs).
  { route: 'POST /api/party-orgs/:id/merge', request: async (c) => ({ url: `/api/party-orgs/${await newOrg(c)}/merge`, payload: { version: 1, intoOrgId: await newOrg(c, false), intoVersion: 1, on: todayInChina(), reason: '矩阵' } }), expect: ORG_MANAGED },
  { route: 'POST /api/party-orgs/:id/roster-since', request: async (c) => ({ url: `/api/party-orgs/${await newOrg(c)}/roster-since`, payload: { version: 1, rosterSince: '2025-01-01' } }), expect: ORG_MANAGED },
  { route: 'POST /api/party-orgs/:id/reelect', request: async (c) => ({ url: `/api/party-orgs/${await org(c)}/reelect`, payload: { version: await version(c, 'party_org', await org(c)), heldOn: '2025-01-01' } }), expect: ORG_MANAGED },
  { route: 'POST /api/party-orgs/:id/coverage', request: async (c) => ({ url: `/api/party-orgs/${await newOrg(c, false)}/coverage`, payload: { enterpriseId: e0(c), since: '2025-01-01' } }), expect: { ...ORG_MANAGED, hidden: ['orgB', 'secretary', 'multi'] } },
  {
    route: 'POST /api/party-orgs/:id/coverage/:coverageId/end',
    request: async (c) => {
      const id = await newOrg(c);
      const cov = await c.database.db.selectFrom('party_org_coverage').select('id').where('org_id', '=', id).executeTakeFirstOrThrow();
      return { url: `/api/party-orgs/${id}/coverage/${cov.id}/end`, payload: { until: '2025-01-01' } };
    },
    expect: ORG_MANAGED,
  },
  { route: 'POST /api/party-orgs/:id/positions', request: async (c) => ({ url: `/api/party-orgs/${await newOrg(c)}/positions`, payload: { personId: await person(c), position: 'secretary', since: '2025-01-01' } }), expect: ORG_MANAGED },
  {
    route: 'POST /api/party-orgs/:id/positions/:positionId/end',
    request: async (c) => {
      const id = await newOrg(c);
      const p = await c.database.db.insertInto('org_position').values({ org_id: id, person_id: await person(c), position: 'secretary', since: '2024-01-01' }).returning('id').executeTakeFirstOrThrow();
      return { url: `/api/party-orgs/${id}/positions/${p.id}/end`, payload: { until: '2025-01-01' } };
    },
    expect: ORG_MANAGED,
  },
  { route: 'GET /api/unions', request: () => ({ url: '/api/unions' }), expect: { ok: UNION_READERS } },
  { route: 'POST /api/unions', request: (c) => ({ url: '/api/unions', payload: { name: `矩阵新建工会${uniq()}`, kind: 'standalone', regionCode: REGION } }), expect: { ok: ['sys', 'orgA'] } },
  { route: 'GET /api/unions/:id', request: async (c) => ({ url: `/api/unions/${await union(c)}` }), expect: UNION_SEEN },
  { route: 'GET /api/unions/:id/history', request: async (c) => ({ url: `/api/unions/${await union(c)}/history` }), expect: UNION_SEEN },
  { route: 'PATCH /api/unions/:id', request: async (c) => ({ url: `/api/unions/${await union(c)}`, payload: { version: await version(c, 'union_org', await union(c)), changes: { members: c.n } } }), expect: UNION_MANAGED },
  { route: 'POST /api/unions/:id/dissolve', request: async (c) => ({ url: `/api/unions/${await newUnion(c)}/dissolve`, payload: { version: 1, on: '2025-01-01', reason: '矩阵' } }), expect: UNION_MANAGED },
  { route: 'POST /api/unions/:id/coverage', request: async (c) => ({ url: `/api/unions/${await newUnion(c, false)}/coverage`, payload: { enterpriseId: e0(c), since: '2025-01-01' } }), expect: UNION_MANAGED },
  {
    route: 'POST /api/unions/:id/coverage/:coverageId/end',
    request: async (c) => {
      const id = await newUnion(c);
      const cov = await c.database.db.selectFrom('union_coverage').select('id').where('union_id', '=', id).executeTakeFirstOrThrow();
      return { url: `/api/unions/${id}/coverage/${cov.id}/end`, payload: { until: '2025-01-01' } };
    },
    expect: UNION_MANAGED,
  },
  { route: 'POST /api/unions/:id/congresses', request: async (c) => ({ url: `/api/unions/${await union(c)}/congresses`, payload: { heldOn: '2025-03-01', kind: 'congress' } }), expect: UNION_MANAGED },
  { route: 'POST /api/unions/:id/contracts', request: async (c) => ({ url: `/api/unions/${await union(c)}/contracts`, payload: { kind: 'collective', signedOn: '2025-01-01', startsOn: '2025-01-01', endsOn: '2027-12-31' } }), expect: UNION_MANAGED },
  { route: 'GET /api/instructors', request: () => ({ url: '/api/instructors' }), expect: { ok: INSTRUCTOR_READERS } },
  { route: 'POST /api/instructors', request: async (c) => ({ url: '/api/instructors', payload: { personId: await person(c), kind: 'liaison', regionCode: REGION } }), expect: { ok: ['sys', 'orgA', 'townA'] } },
  { route: 'GET /api/instructors/:id', request: async (c) => ({ url: `/api/instructors/${await instr(c)}` }), expect: { ok: ['sys', 'orgA', 'townA', 'commA', 'instructor'], hidden: ['orgB', 'parkA', 'assocA', 'multi'] } },
  { route: 'PATCH /api/instructors/:id', request: async (c) => ({ url: `/api/instructors/${await instr(c)}`, payload: { version: await version(c, 'instructor', await instr(c)), status: 'active' } }), expect: INSTR_MANAGED },
  { route: 'POST /api/instructors/:id/assignments', request: async (c) => ({ url: `/api/instructors/${await newInstructor(c, false)}/assignments`, payload: { enterpriseId: e0(c), since: '2025-01-01' } }), expect: INSTR_MANAGED },
  {
    route: 'POST /api/instructors/:id/assignments/:assignmentId/end',
    request: async (c) => {
      const id = await newInstructor(c);
      const a = await c.database.db.selectFrom('instructor_assignment').select('id').where('instructor_id', '=', id).executeTakeFirstOrThrow();
      return { url: `/api/instructors/${id}/assignments/${a.id}/end`, payload: { until: '2025-01-01' } };
    },
    expect: INSTR_MANAGED,
  },
  { route: 'POST /api/instructors/:id/visits', request: async (c) => ({ url: `/api/instructors/${await instr(c)}/visits`, payload: { enterpriseId: e0(c), visitedOn: '2025-02-01', notes: '矩阵走访' } }), expect: INSTR_MANAGED },
  { route: 'GET /api/enterprises/:id/coverage', request: (c) => ({ url: `/api/enterprises/${e0(c)}/coverage` }), expect: { ok: ['sys', 'orgA', 'townA', 'commA'], hidden: ['orgB', 'parkA', 'assocA', 'secretary', 'multi'] } },
  ...(['gaps', 'alerts', 'recommendations'] as const).flatMap((list): Row[] => [
    { route: `GET /api/worklists/${list}`, request: () => ({ url: `/api/worklists/${list}?limit=5` }), expect: { ok: COVERAGE_READERS } },
    { route: `GET /api/worklists/${list}.xlsx`, request: () => ({ url: `/api/worklists/${list}.xlsx` }), expect: { ok: COVERAGE_READERS } },
  ]),
  ...(['orgs', 'positions', 'unions', 'assignments'] as const).flatMap((kind): Row[] => [
    // A JSON body is not an upload: holders of the action pass the gate and are refused by the use case (406).
    { route: `POST /api/imports/${kind}`, request: () => ({ url: `/api/imports/${kind}`, payload: { file: 'x' } }), expect: { reached: IMPORT_HOLDERS[kind] } },
    { route: `GET /api/imports/${kind}/template.xlsx`, request: () => ({ url: `/api/imports/${kind}/template.xlsx` }), expect: { ok: USERS_ALL } },
  ]),
  { route: 'GET /api/planner/joint-branches', request: () => ({ url: '/api/planner/joint-branches?regionPrefix=440305' }), expect: { ok: COVERAGE_READERS } },
  {
    route: 'POST /api/planner/joint-branches/apply',
    request: (c) => ({ url: '/api/planner/joint-branches/apply', payload: { proposal: { groupKind: 'community', groupKey: REGION, enterpriseIds: [e0(c), c.world.enterprises[1].id] }, name: `矩阵联合党支部${c.n}` } }),
    expect: { reached: ['sys', 'orgA', 'townA'], hidden: ['orgB', 'secretary', 'multi'] },
  },
  ...CROSS_STREET_ROWS,
];
