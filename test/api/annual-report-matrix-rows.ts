import { COMMUNITIES } from '../factories/world.js';
import type { Ctx, Row } from './org-matrix-rows.js';

/**
 * Permission-matrix rows for the annual report (docs/annual-report.md), spread into MATRIX in
 * permission-matrix.test.ts. Reading and downloading need org.read over the organisation; saving and
 * submitting org.manage over it by its own place; reviewing org.review by its own place — never
 * through a link.
 * * own: a branch registered in COMMUNITIES[0] covering e0.
 * * joint: a joint branch of street T1 (C[2]) covering e0 of street T0 — townA (T0) sees it through
 *   the link and may not save, submit or review (403 NOT_MANAGED).
 * Every change probe gets a fresh organisation, so each caller meets the same state.
 */
const READERS = ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'secretary', 'instructor', 'multi'];
const SEEN = { ok: ['sys', 'orgA', 'townA', 'commA', 'instructor'], hidden: ['orgB', 'parkA', 'assocA', 'secretary', 'multi'] };
const MANAGED = { ok: ['sys', 'orgA', 'townA'], hidden: ['orgB', 'secretary', 'multi'] };
const REVIEWED = { ok: ['sys', 'orgA', 'townA'], hidden: ['orgB', 'multi'] };
const Y_SEEN = { ok: ['sys', 'orgA', 'townA', 'commA', 'instructor', 'multi'], hidden: ['orgB', 'parkA', 'assocA', 'secretary'] };
const Y_MANAGED = { ok: ['sys', 'orgA', 'multi'], notManaged: ['townA'], hidden: ['orgB', 'secretary'] };
const Y_REVIEWED = { ok: ['sys', 'orgA', 'multi'], notManaged: ['townA'], hidden: ['orgB'] };

let made = 0;
async function branch(c: Ctx, region: string, mode: 'standalone' | 'joint'): Promise<string> {
  const db = c.database.db;
  const { id } = await db.insertInto('party_org').values({ name: `报告矩阵支部${++made}`, org_type: 'branch', setup_mode: mode, region_code: region })
    .returning('id').executeTakeFirstOrThrow();
  await db.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
  await db.insertInto('party_org_coverage').values({ org_id: id, enterprise_id: c.world.enterprises[0].id, mode, since: '2024-01-01' }).execute();
  return id;
}
const fixtures: { own?: string; joint?: string } = {};
const own = async (c: Ctx) => (fixtures.own ??= await branch(c, COMMUNITIES[0], 'standalone'));
const joint = async (c: Ctx) => (fixtures.joint ??= await branch(c, COMMUNITIES[2], 'joint'));
const freshOwn = (c: Ctx) => branch(c, COMMUNITIES[0], 'standalone');
const freshJoint = (c: Ctx) => branch(c, COMMUNITIES[2], 'joint');
async function submitted(c: Ctx, org: string): Promise<string> {
  await c.database.db.insertInto('annual_report').values({ org_id: org, year: 2025, status: 'submitted', figures: '[]' }).execute();
  return org;
}

const pair = (route: string, make: (org: string) => { url: string; payload?: unknown }, mine: (c: Ctx) => Promise<string>, linked: (c: Ctx) => Promise<string>, o: Row['expect'], y: Row['expect']): Row[] => [
  { route, request: async (c) => make(await mine(c)), expect: o },
  { route, request: async (c) => make(await linked(c)), expect: y },
];

export const ANNUAL_REPORT_MATRIX_ROWS: Row[] = [
  ...pair('GET /api/party-orgs/:id/annual-report', (o) => ({ url: `/api/party-orgs/${o}/annual-report?year=2025` }), own, joint, SEEN, Y_SEEN),
  ...pair('GET /api/party-orgs/:id/annual-report.docx', (o) => ({ url: `/api/party-orgs/${o}/annual-report.docx?year=2025` }), own, joint, SEEN, Y_SEEN),
  // One Chromium per PDF: only the organisation's own place here (the same read gate as the DOCX above, which covers the link).
  { route: 'GET /api/party-orgs/:id/annual-report.pdf', request: async (c) => ({ url: `/api/party-orgs/${await own(c)}/annual-report.pdf?year=2025` }), expect: SEEN },
  ...pair('PUT /api/party-orgs/:id/annual-report', (o) => ({ url: `/api/party-orgs/${o}/annual-report`, payload: { year: 2025, version: 0, highlights: '矩阵亮点' } }), freshOwn, freshJoint, MANAGED, Y_MANAGED),
  ...pair('POST /api/party-orgs/:id/annual-report/submit', (o) => ({ url: `/api/party-orgs/${o}/annual-report/submit`, payload: { year: 2025, version: 0 } }), freshOwn, freshJoint, MANAGED, Y_MANAGED),
  ...pair('POST /api/party-orgs/:id/annual-report/review', (o) => ({ url: `/api/party-orgs/${o}/annual-report/review`, payload: { year: 2025, version: 1, decision: 'pass' } }),
    async (c) => submitted(c, await freshOwn(c)), async (c) => submitted(c, await freshJoint(c)), REVIEWED, Y_REVIEWED),
  { route: 'GET /api/annual-reports', request: () => ({ url: '/api/annual-reports?year=2025' }), expect: { ok: READERS } },
  { route: 'GET /api/annual-reports/export.xlsx', request: () => ({ url: '/api/annual-reports/export.xlsx?year=2025' }), expect: { ok: READERS } },
];
