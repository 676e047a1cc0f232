import { COMMUNITIES } from '../factories/world.js';
import type { Ctx, Row } from './org-matrix-rows.js';

/**
 * Permission-matrix rows for 述职评议 and 考核 (docs/annual-report.md "Appraisal"), spread into MATRIX
 * in permission-matrix.test.ts. A secretary's sheet is read where the organisation is seen and
 * marked under org.review by its own place; an instructor's read under instructor.read and marked
 * under org.review by the instructor's own region; the 补贴档次 setting is changed only with an
 * unrestricted org.manage.
 * * own: a branch of COMMUNITIES[0] covering e0, with its secretary; joint: a joint branch of street
 *   T1 (C[2]) covering e0 of street T0 — townA sees it through the link, cannot mark it.
 * Each marking probe gets a fresh organisation or instructor (version 0 creates the sheet).
 */
const READERS = ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'secretary', 'instructor', 'multi'];
const SEEN = { ok: ['sys', 'orgA', 'townA', 'commA', 'instructor'], hidden: ['orgB', 'parkA', 'assocA', 'secretary', 'multi'] };
const Y_SEEN = { ok: ['sys', 'orgA', 'townA', 'commA', 'instructor', 'multi'], hidden: ['orgB', 'parkA', 'assocA', 'secretary'] };
const REVIEWED = { ok: ['sys', 'orgA', 'townA'], hidden: ['orgB', 'multi'] };
const Y_REVIEWED = { ok: ['sys', 'orgA', 'multi'], notManaged: ['townA'], hidden: ['orgB'] };
const INSTR_SEEN = { ok: ['sys', 'orgA', 'townA', 'commA', 'instructor'], hidden: ['orgB', 'parkA', 'assocA', 'multi'] };
const PERSON_SEEN = { ok: ['sys', 'orgA', 'townA', 'commA'], hidden: ['orgB', 'parkA', 'assocA', 'secretary', 'instructor', 'union', 'multi'] };

let made = 0;
const person = async (c: Ctx) => (await c.database.db.insertInto('person').values({ name: `评议矩阵人员${++made}`, region_code: COMMUNITIES[0] }).returning('id').executeTakeFirstOrThrow()).id;
async function branch(c: Ctx, region: string, mode: 'standalone' | 'joint'): Promise<string> {
  const db = c.database.db;
  const { id } = await db.insertInto('party_org').values({ name: `评议矩阵支部${++made}`, org_type: 'branch', setup_mode: mode, region_code: region })
    .returning('id').executeTakeFirstOrThrow();
  await db.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
  await db.insertInto('party_org_coverage').values({ org_id: id, enterprise_id: c.world.enterprises[0].id, mode, since: '2024-01-01' }).execute();
  await db.insertInto('org_position').values({ org_id: id, person_id: await person(c), position: 'secretary', since: '2024-01-01' }).execute();
  return id;
}
async function newInstructor(c: Ctx): Promise<string> {
  const db = c.database.db;
  const { id } = await db.insertInto('instructor').values({ person_id: await person(c), kind: 'instructor', region_code: COMMUNITIES[0] }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('instructor_assignment').values({ instructor_id: id, enterprise_id: c.world.enterprises[0].id, since: '2024-01-01' }).execute();
  return id;
}
const fixtures: { own?: string; joint?: string; instr?: string; person?: string } = {};
const own = async (c: Ctx) => (fixtures.own ??= await branch(c, COMMUNITIES[0], 'standalone'));
const joint = async (c: Ctx) => (fixtures.joint ??= await branch(c, COMMUNITIES[2], 'joint'));
const instr = async (c: Ctx) => (fixtures.instr ??= await newInstructor(c));
const marks = { year: 2025, version: 0, marks: [{ item: 'role', score: 15 }] };
const settingsVersion = async (c: Ctx) => {
  const v = (await c.database.db.selectFrom('app_setting').select('value').where('key', '=', 'appraisal.settings').executeTakeFirst())?.value as { version?: number } | undefined;
  return v?.version ?? 0;
};

export const APPRAISAL_MATRIX_ROWS: Row[] = [
  { route: 'GET /api/party-orgs/:id/appraisal', request: async (c) => ({ url: `/api/party-orgs/${await own(c)}/appraisal?year=2025` }), expect: SEEN },
  { route: 'GET /api/party-orgs/:id/appraisal', request: async (c) => ({ url: `/api/party-orgs/${await joint(c)}/appraisal?year=2025` }), expect: Y_SEEN },
  { route: 'PUT /api/party-orgs/:id/appraisal', request: async (c) => ({ url: `/api/party-orgs/${await branch(c, COMMUNITIES[0], 'standalone')}/appraisal`, payload: marks }), expect: REVIEWED },
  { route: 'PUT /api/party-orgs/:id/appraisal', request: async (c) => ({ url: `/api/party-orgs/${await branch(c, COMMUNITIES[2], 'joint')}/appraisal`, payload: marks }), expect: Y_REVIEWED },
  { route: 'GET /api/instructors/:id/appraisal', request: async (c) => ({ url: `/api/instructors/${await instr(c)}/appraisal?year=2025` }), expect: INSTR_SEEN },
  { route: 'PUT /api/instructors/:id/appraisal', request: async (c) => ({ url: `/api/instructors/${await newInstructor(c)}/appraisal`, payload: { ...marks, marks: [{ item: 'visits', score: 30 }] } }), expect: REVIEWED },
  { route: 'GET /api/people/:id/appraisals', request: async (c) => ({ url: `/api/people/${(fixtures.person ??= await person(c))}/appraisals` }), expect: PERSON_SEEN },
  // The area's list and its XLSX: anyone who reads organisations (the rows are scoped; refused without org.read).
  { route: 'GET /api/appraisals', request: () => ({ url: '/api/appraisals?year=2025' }), expect: { ok: READERS } },
  { route: 'GET /api/appraisals/export.xlsx', request: () => ({ url: '/api/appraisals/export.xlsx?year=2025' }), expect: { ok: READERS } },
  { route: 'GET /api/appraisal-settings', request: () => ({ url: '/api/appraisal-settings' }), expect: { ok: READERS } },
  {
    route: 'PUT /api/appraisal-settings',
    request: async (c) => ({ url: '/api/appraisal-settings', payload: { version: await settingsVersion(c), allowance: { excellent: '一档', competent: '二档', basic: '三档', incompetent: '不发放' } } }),
    expect: { ok: ['sys'] },
  },
];
