import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COMMUNITIES, COUNTIES } from '../factories/world.js';
import type { Ctx, Row } from './org-matrix-rows.js';

/**
 * Permission-matrix rows for training (docs/training.md), spread into MATRIX in permission-matrix.test.ts.
 * Reads need org.read with the organiser seen; changes org.manage over the organiser by its own place.
 * * D: a course of county A (440305) — read by its streets (townA, commA, multi's township grant) and
 *   changed only by the county (townA and multi: 403 NOT_MANAGED).
 * * R: a session organised by a branch of COMMUNITIES[0] covering e0 — seen as that branch is seen.
 * * Y: a session organised by a joint branch of street T1 (C[2]) covering e0 of street T0 — townA (T0)
 *   sees it through the link and may not change it (403 NOT_MANAGED); multi manages it by T1.
 * Change probes get a fresh record at version 1, so each caller meets the same state.
 */
const READERS = ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'secretary', 'instructor', 'multi'];
const READERS_SEEN = { ok: ['sys', 'orgA', 'townA', 'commA', 'instructor'], hidden: ['orgB', 'parkA', 'assocA', 'secretary', 'multi'] };
const MANAGED = { ok: ['sys', 'orgA', 'townA'], hidden: ['orgB', 'secretary', 'multi'] };
const Y_SEEN = { ok: ['sys', 'orgA', 'townA', 'commA', 'instructor', 'multi'], hidden: ['orgB', 'parkA', 'assocA', 'secretary'] };
const Y_MANAGED = { ok: ['sys', 'orgA', 'multi'], notManaged: ['townA'], hidden: ['orgB', 'secretary'] };
const D_SEEN = { ok: ['sys', 'orgA', 'townA', 'commA', 'multi'], hidden: ['orgB', 'parkA', 'assocA', 'secretary', 'instructor'] };
const D_MANAGED = { ok: ['sys', 'orgA'], notManaged: ['townA', 'multi'], hidden: ['orgB', 'secretary'] };

let made = 0;
async function branch(c: Ctx, region: string, mode: 'standalone' | 'joint'): Promise<string> {
  const db = c.database.db;
  const { id } = await db.insertInto('party_org').values({ name: `培训矩阵支部${++made}`, org_type: 'branch', setup_mode: mode, region_code: region })
    .returning('id').executeTakeFirstOrThrow();
  await db.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
  await db.insertInto('party_org_coverage').values({ org_id: id, enterprise_id: c.world.enterprises[0].id, mode, since: '2024-01-01' }).execute();
  return id;
}
const newCourse = async (c: Ctx) => (await c.database.db.insertInto('training_course')
  .values({ title: `矩阵课程${++made}`, audience: 'secretary', hours: 8, region_code: `${COUNTIES[0]}000000` }).returning('id').executeTakeFirstOrThrow()).id;
async function newSession(c: Ctx, orgId: string): Promise<string> {
  return (await c.database.db.insertInto('training_session').values({ course_id: await course(c), held_on: '2024-03-05', hours: 8, org_id: orgId })
    .returning('id').executeTakeFirstOrThrow()).id;
}
const fixtures: { org?: string; joint?: string; course?: string; r?: string; y?: string } = {};
const org = async (c: Ctx) => (fixtures.org ??= await branch(c, COMMUNITIES[0], 'standalone'));
const joint = async (c: Ctx) => (fixtures.joint ??= await branch(c, COMMUNITIES[2], 'joint'));
const course = async (c: Ctx) => (fixtures.course ??= await newCourse(c));
const r = async (c: Ctx) => (fixtures.r ??= await newSession(c, await org(c)));
const y = async (c: Ctx) => (fixtures.y ??= await newSession(c, await joint(c)));

const pair = (route: string, make: (c: Ctx, orgOf: (c: Ctx) => Promise<string>) => Promise<{ url: string; payload?: unknown }>, own: Row['expect'], link: Row['expect']): Row[] => [
  { route, request: (c) => make(c, org), expect: own },
  { route, request: (c) => make(c, joint), expect: link },
];
let batchId = '';
/** A rejected 签到表 import started by sys: its error report is sys's (and an all-regions manager's) alone. */
async function sysImport(c: Ctx): Promise<string> {
  if (batchId) return batchId;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lx-ta-matrix-')), 'sign-in.csv');
  fs.writeFileSync(file, '姓名,身份证号,学时\r\n张三,11010519491231002X,4\r\n');
  const row = await c.database.db.insertInto('import_batch').values({
    kind: 'training_attendance', file_name: 'sign-in.csv', file_sha256: '', actor_id: c.world.users.sys.id, dry_run: false, stored_path: file, status: 'failed',
  }).returning('id').executeTakeFirstOrThrow();
  return (batchId = row.id);
}
const settingVersion = async (c: Ctx) =>
  ((await c.database.db.selectFrom('app_setting').select('value').where('key', '=', 'training.settings').executeTakeFirst())?.value as { version?: number } | undefined)?.version ?? 0;
const ORG_MANAGERS = ['sys', 'orgA', 'orgB', 'townA', 'secretary', 'multi'];

const courseBody = { title: '矩阵书记培训', audience: 'secretary', hours: 8 };

export const TRAINING_MATRIX_ROWS: Row[] = [
  { route: 'GET /api/training/courses', request: () => ({ url: '/api/training/courses' }), expect: { ok: READERS } },
  { route: 'GET /api/training/courses/export.xlsx', request: () => ({ url: '/api/training/courses/export.xlsx' }), expect: { ok: READERS } },
  { route: 'GET /api/training/sessions', request: () => ({ url: '/api/training/sessions?year=2024' }), expect: { ok: READERS } },
  { route: 'GET /api/training/sessions/export.xlsx', request: () => ({ url: '/api/training/sessions/export.xlsx?year=2024' }), expect: { ok: READERS } },
  { route: 'POST /api/training/courses', request: () => ({ url: '/api/training/courses', payload: { ...courseBody, regionCode: `${COUNTIES[0]}000000` } }), expect: { ok: ['sys', 'orgA'] } },
  ...pair('POST /api/training/courses', async (c, o) => ({ url: '/api/training/courses', payload: { ...courseBody, orgId: await o(c) } }), MANAGED, Y_MANAGED),
  { route: 'GET /api/training/courses/:id', request: async (c) => ({ url: `/api/training/courses/${await course(c)}` }), expect: D_SEEN },
  { route: 'PUT /api/training/courses/:id', request: async (c) => ({ url: `/api/training/courses/${await newCourse(c)}`, payload: { ...courseBody, version: 1 } }), expect: D_MANAGED },
  ...pair('POST /api/training/sessions', async (c, o) => ({ url: '/api/training/sessions', payload: { courseId: await course(c), heldOn: '2024-04-02', hours: 4, orgId: await o(c) } }), MANAGED, Y_MANAGED),
  { route: 'GET /api/training/sessions/:id', request: async (c) => ({ url: `/api/training/sessions/${await r(c)}` }), expect: READERS_SEEN },
  { route: 'GET /api/training/sessions/:id', request: async (c) => ({ url: `/api/training/sessions/${await y(c)}` }), expect: Y_SEEN },
  ...pair('PUT /api/training/sessions/:id', async (c, o) => ({ url: `/api/training/sessions/${await newSession(c, await o(c))}`, payload: { version: 1, heldOn: '2024-03-06', hours: 6 } }), MANAGED, Y_MANAGED),
  ...pair('PUT /api/training/sessions/:id/attendance', async (c, o) => ({ url: `/api/training/sessions/${await newSession(c, await o(c))}/attendance`, payload: { version: 1, attendees: [] } }), MANAGED, Y_MANAGED),
  ...pair('GET /api/training/sessions/:id/candidates', async (c, o) => ({ url: `/api/training/sessions/${await newSession(c, await o(c))}/candidates` }), MANAGED, Y_MANAGED),
  { route: 'DELETE /api/training/courses/:id', request: async (c) => ({ url: `/api/training/courses/${await newCourse(c)}?version=1` }), expect: D_MANAGED },
  ...pair('DELETE /api/training/sessions/:id', async (c, o) => ({ url: `/api/training/sessions/${await newSession(c, await o(c))}?version=1` }), MANAGED, Y_MANAGED),
  { route: 'GET /api/training/settings', request: () => ({ url: '/api/training/settings' }), expect: { ok: READERS } },
  { route: 'PUT /api/training/settings', request: async (c) => ({ url: '/api/training/settings', payload: { version: await settingVersion(c), secretaryHours: 56, expenseRatioBp: 100 } }), expect: { ok: ['sys'] } },
  { route: 'GET /api/imports/training-attendance/template.xlsx', request: () => ({ url: '/api/imports/training-attendance/template.xlsx' }), expect: { ok: [...READERS, 'union', 'member'] } },
  // The upload's gate is org.manage; which session may be filled is the import's own check (test/api/training-import.test.ts, the scope op).
  { route: 'POST /api/training/sessions/:id/attendance/import', request: async (c) => ({ url: `/api/training/sessions/${await r(c)}/attendance/import`, payload: { file: 'x' } }), expect: { reached: ORG_MANAGERS } },
  { route: 'GET /api/imports/training-attendance/:id/errors.xlsx', request: async (c) => ({ url: `/api/imports/training-attendance/${await sysImport(c)}/errors.xlsx` }), expect: { ok: ['sys'], hidden: ['orgA', 'orgB', 'townA', 'secretary', 'multi'] } },
  { route: 'GET /api/people/:id/training', request: (c) => ({ url: `/api/people/${c.cs.people.pR1}/training` }), expect: { ok: ['sys', 'orgA', 'multi'], hidden: ['orgB', 'townA', 'commA', 'parkA', 'assocA', 'secretary', 'instructor'] } },
];
