import { COMMUNITIES } from '../factories/world.js';
import { todayInChina } from '../../src/domain/org-terms.js';
import type { Ctx, Row } from './org-matrix-rows.js';

/**
 * Permission-matrix rows on the cross-street records (test/factories/cross-street.ts), expectations
 * written from docs/organisations.md "Who sees and who manages" and "People":
 * * 跨街联合党支部 (J): registered in street T1 (C[2]), covers e0 of street T0 and e2 of T1. townA sees it
 *   through e0 and may not change it (403 NOT_MANAGED); multi manages it by T1 but not the link to e0
 *   (403 ENTERPRISE_OUT_OF_SCOPE to end it, 404 to add a T0 enterprise).
 * * 跨街联合工会 (U1): registered in T1 (C[3]), covers e1 (T0) and e3 (T1); townA sees it through e1.
 * * T1指导员 (I1): registered in T1, assigned to e0 and e2.
 * * pR1, registered in T1; pS, J's secretary with no region (seen wherever J is seen).
 * Probes that end or add a link get a fresh record of the same shape, so each caller meets the same state.
 */
const T1_COMMUNITY = COMMUNITIES[2];
const e = (c: Ctx, i: number) => c.world.enterprises[i].id;
let made = 0;

async function freshJoint(c: Ctx): Promise<{ id: string; coverT0: string }> {
  const db = c.database.db;
  const { id } = await db.insertInto('party_org').values({ name: `跨街矩阵联合支部${++made}`, org_type: 'branch', setup_mode: 'joint', region_code: T1_COMMUNITY })
    .returning('id').executeTakeFirstOrThrow();
  await db.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
  const cov = await db.insertInto('party_org_coverage').values({ org_id: id, enterprise_id: e(c, 0), mode: 'joint', since: '2024-01-01' }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('party_org_coverage').values({ org_id: id, enterprise_id: e(c, 2), mode: 'joint', since: '2024-01-01' }).execute();
  return { id, coverT0: cov.id };
}
async function freshUnion(c: Ctx): Promise<{ id: string; coverT0: string }> {
  const db = c.database.db;
  const { id } = await db.insertInto('union_org').values({ name: `跨街矩阵联合工会${++made}`, kind: 'joint', region_code: COMMUNITIES[3] }).returning('id').executeTakeFirstOrThrow();
  const cov = await db.insertInto('union_coverage').values({ union_id: id, enterprise_id: e(c, 1), since: '2024-01-01' }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('union_coverage').values({ union_id: id, enterprise_id: e(c, 3), since: '2024-01-01' }).execute();
  return { id, coverT0: cov.id };
}
async function freshInstructor(c: Ctx): Promise<{ id: string; assignT0: string }> {
  const db = c.database.db;
  const person = await db.insertInto('person').values({ name: `跨街矩阵指导员${++made}`, region_code: T1_COMMUNITY }).returning('id').executeTakeFirstOrThrow();
  const { id } = await db.insertInto('instructor').values({ person_id: person.id, kind: 'instructor', region_code: T1_COMMUNITY }).returning('id').executeTakeFirstOrThrow();
  const a = await db.insertInto('instructor_assignment').values({ instructor_id: id, enterprise_id: e(c, 0), since: '2024-01-01' }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('instructor_assignment').values({ instructor_id: id, enterprise_id: e(c, 2), since: '2024-01-01' }).execute();
  return { id, assignT0: a.id };
}
/** A branch of street T0 (COMMUNITIES[0]), managed there: what townA would merge into J. */
async function streetABranch(c: Ctx): Promise<string> {
  const db = c.database.db;
  const { id } = await db.insertInto('party_org').values({ name: `跨街矩阵本街支部${++made}`, org_type: 'branch', setup_mode: 'standalone', region_code: COMMUNITIES[0] })
    .returning('id').executeTakeFirstOrThrow();
  await db.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
  return id;
}
const version = async (c: Ctx, table: 'party_org' | 'union_org' | 'instructor' | 'person', id: string) =>
  (await c.database.db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
async function t1Person(c: Ctx): Promise<string> {
  return (await c.database.db.insertInto('person').values({ name: `跨街矩阵人员${++made}`, region_code: T1_COMMUNITY }).returning('id').executeTakeFirstOrThrow()).id;
}

const J = (c: Ctx) => c.cs.orgs['跨街联合党支部'];
const U1 = (c: Ctx) => c.cs.unions['跨街联合工会'];
const I1 = (c: Ctx) => c.cs.instructors['T1指导员'];

// J is seen by its own place (sys, orgA, multi) or through e0 (townA, commA, instructor).
const J_SEEN = { ok: ['sys', 'orgA', 'townA', 'commA', 'instructor', 'multi'], hidden: ['orgB', 'parkA', 'assocA', 'secretary'] };
const J_MANAGED = { ok: ['sys', 'orgA', 'multi'], notManaged: ['townA'], hidden: ['orgB', 'secretary'] };
// U1 through e1: townA (T0) yes, commA (C0 only) no; multi manages unions only in county 2, sees U1 by T1.
const U1_SEEN = { ok: ['sys', 'orgA', 'townA', 'multi'], hidden: ['orgB', 'commA', 'parkA', 'assocA', 'union'] };
const U1_MANAGED = { ok: ['sys', 'orgA'], notManaged: ['multi'], hidden: ['orgB', 'union'] };
const I1_SEEN = { ok: ['sys', 'orgA', 'townA', 'commA', 'instructor', 'multi'], hidden: ['orgB', 'parkA', 'assocA'] };
const I1_MANAGED = { ok: ['sys', 'orgA', 'multi'], notManaged: ['townA'], hidden: ['orgB'] };

export const CROSS_STREET_ROWS: Row[] = [
  { route: 'GET /api/party-orgs/:id', request: (c) => ({ url: `/api/party-orgs/${J(c)}` }), expect: J_SEEN },
  { route: 'GET /api/party-orgs/:id/history', request: (c) => ({ url: `/api/party-orgs/${J(c)}/history` }), expect: J_SEEN },
  { route: 'PATCH /api/party-orgs/:id', request: async (c) => ({ url: `/api/party-orgs/${J(c)}`, payload: { version: await version(c, 'party_org', J(c)), changes: { fullMembers: c.n % 50 } } }), expect: J_MANAGED },
  { route: 'POST /api/party-orgs/:id/reelect', request: async (c) => ({ url: `/api/party-orgs/${J(c)}/reelect`, payload: { version: await version(c, 'party_org', J(c)), heldOn: '2025-01-01' } }), expect: J_MANAGED },
  { route: 'POST /api/party-orgs/:id/dissolve', request: async (c) => ({ url: `/api/party-orgs/${(await freshJoint(c)).id}/dissolve`, payload: { version: 1, on: '2025-01-01', reason: '跨街矩阵' } }), expect: J_MANAGED },
  // 党组织合并 of the joint branch (into another T1 branch), and of a street-A branch into it: townA sees J through e0 and
  // may neither merge it nor merge into it (403 NOT_MANAGED); multi manages J by T1 but not the street-A branch (404).
  { route: 'POST /api/party-orgs/:id/merge', request: async (c) => ({ url: `/api/party-orgs/${(await freshJoint(c)).id}/merge`, payload: { version: 1, intoOrgId: (await freshJoint(c)).id, intoVersion: 1, on: todayInChina(), reason: '跨街矩阵' } }), expect: J_MANAGED },
  { route: 'POST /api/party-orgs/:id/merge', request: async (c) => ({ url: `/api/party-orgs/${await streetABranch(c)}/merge`, payload: { version: 1, intoOrgId: (await freshJoint(c)).id, intoVersion: 1, on: todayInChina(), reason: '跨街矩阵' } }), expect: { ok: ['sys', 'orgA'], notManaged: ['townA'], hidden: ['orgB', 'secretary', 'multi'] } },
  // 党员名册启用日期 of the joint branch: townA sees J through e0 and still may not set it (403 NOT_MANAGED).
  { route: 'POST /api/party-orgs/:id/roster-since', request: async (c) => ({ url: `/api/party-orgs/${(await freshJoint(c)).id}/roster-since`, payload: { version: 1, rosterSince: '2025-01-01' } }), expect: J_MANAGED },
  {
    route: 'POST /api/party-orgs/:id/coverage/:coverageId/end',
    request: async (c) => { const j = await freshJoint(c); return { url: `/api/party-orgs/${j.id}/coverage/${j.coverT0}/end`, payload: { until: '2025-01-01' } }; },
    expect: { ...J_MANAGED, ok: ['sys', 'orgA'], outOfScope: ['multi'] },
  },
  {
    route: 'POST /api/party-orgs/:id/coverage', request: async (c) => ({ url: `/api/party-orgs/${(await freshJoint(c)).id}/coverage`, payload: { enterpriseId: e(c, 1), since: '2025-01-01' } }),
    expect: { ...J_MANAGED, ok: ['sys', 'orgA'], hidden: ['orgB', 'secretary', 'multi'] },
  },
  { route: 'POST /api/party-orgs/:id/positions', request: async (c) => ({ url: `/api/party-orgs/${J(c)}/positions`, payload: { personId: await t1Person(c), position: 'committeeMember', since: '2025-01-01' } }), expect: J_MANAGED },
  { route: 'GET /api/unions/:id', request: (c) => ({ url: `/api/unions/${U1(c)}` }), expect: U1_SEEN },
  { route: 'GET /api/unions/:id/history', request: (c) => ({ url: `/api/unions/${U1(c)}/history` }), expect: U1_SEEN },
  { route: 'PATCH /api/unions/:id', request: async (c) => ({ url: `/api/unions/${U1(c)}`, payload: { version: await version(c, 'union_org', U1(c)), changes: { members: 50 + (c.n % 50) } } }), expect: U1_MANAGED },
  { route: 'POST /api/unions/:id/congresses', request: (c) => ({ url: `/api/unions/${U1(c)}/congresses`, payload: { heldOn: '2025-03-01', kind: 'congress' } }), expect: U1_MANAGED },
  {
    route: 'POST /api/unions/:id/coverage/:coverageId/end',
    request: async (c) => { const u = await freshUnion(c); return { url: `/api/unions/${u.id}/coverage/${u.coverT0}/end`, payload: { until: '2025-01-01' } }; },
    expect: U1_MANAGED,
  },
  { route: 'GET /api/instructors/:id', request: (c) => ({ url: `/api/instructors/${I1(c)}` }), expect: I1_SEEN },
  { route: 'PATCH /api/instructors/:id', request: async (c) => ({ url: `/api/instructors/${I1(c)}`, payload: { version: await version(c, 'instructor', I1(c)), status: 'active' } }), expect: I1_MANAGED },
  {
    route: 'POST /api/instructors/:id/assignments/:assignmentId/end',
    request: async (c) => { const i = await freshInstructor(c); return { url: `/api/instructors/${i.id}/assignments/${i.assignT0}/end`, payload: { until: '2025-01-01' } }; },
    expect: { ...I1_MANAGED, ok: ['sys', 'orgA'], outOfScope: ['multi'] },
  },
  { route: 'POST /api/instructors/:id/visits', request: (c) => ({ url: `/api/instructors/${I1(c)}/visits`, payload: { enterpriseId: e(c, 2), visitedOn: '2025-02-01', notes: '跨街走访' } }), expect: I1_MANAGED },
  // People: pR1 by its registration region (T1), pS through J's secretary post.
  { route: 'GET /api/people/:id', request: (c) => ({ url: `/api/people/${c.cs.people.pR1}` }), expect: { ok: ['sys', 'orgA', 'multi'], hidden: ['orgB', 'townA', 'commA', 'parkA', 'assocA', 'secretary', 'instructor', 'union'] } },
  { route: 'GET /api/people/:id', request: (c) => ({ url: `/api/people/${c.cs.people.pS}` }), expect: { ok: J_SEEN.ok, hidden: ['orgB', 'parkA', 'assocA', 'secretary', 'union'] } },
  {
    route: 'PATCH /api/people/:id', request: async (c) => ({ url: `/api/people/${c.cs.people.pS}`, payload: { name: '跨街pS', version: await version(c, 'person', c.cs.people.pS) } }),
    expect: { ok: ['sys', 'orgA', 'multi'], notManaged: ['townA'], hidden: ['orgB', 'secretary', 'union'] },
  },
  { route: 'POST /api/people/search', request: (c) => ({ url: '/api/people/search', payload: { idNumber: c.cs.pii.idNumber } }), expect: { ok: ['sys', 'orgA', 'orgB', 'multi'] } },
];
