import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMUNITIES, COUNTIES, TOWNSHIPS, call } from '../factories/world.js';
import { testEngine } from '../helpers/db.js';
import type { Ctx } from './org-matrix-rows.js';
import { MATRIX_GROUPS } from './permission-matrix-groups.js';
import { matrixProbes, useMatrixWorld, USERS, type Probe } from './permission-matrix-suite.js';

/**
 * The permission matrix (docs/security-testing.md), core rows and the ledger group: every registered
 * /api route × every role of the generated world → expected outcome (the outcomes are named in
 * permission-matrix-suite.ts; anyone not listed is expected to be `forbidden`). A route missing from
 * the core rows below and from every group of permission-matrix-groups.ts FAILS this file: every new
 * endpoint joins the matrix (rows in its module's *-matrix-rows.ts, listed in a group). The other
 * groups are walked by permission-matrix-{party,union,work}.test.ts, so CI's two workers share them.
 */
const EVERYONE = USERS;
const AUDIT_READERS = ['sys', 'orgA', 'orgB', 'multi'];
const USER_ADMINS_A = ['sys', 'orgA']; // may manage users inside county A
const PEOPLE_READERS = ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'secretary', 'instructor', 'union', 'multi'];
// The matrix person is registered in COMMUNITIES[0]: seen by the readers of that region, changed by its managers.
const PERSON_SEEN = { ok: ['sys', 'orgA', 'townA', 'commA'], hidden: ['orgB', 'parkA', 'assocA', 'secretary', 'instructor', 'union', 'multi'] };
const PERSON_MANAGED = { ok: ['sys', 'orgA', 'townA'], hidden: ['orgB', 'secretary', 'union', 'multi'] };
const PII_VIEWERS = ['sys', 'orgA', 'orgB', 'multi'];

const victim = (c: Ctx) => c.world.users.victim.id;
const versionOf = async (c: Ctx, table: 'app_user' | 'person', id: string) =>
  (await c.database.db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
let personId = '';
const LEDGER_EXPORTERS = ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'multi'];
const IMPORTERS = ['sys', 'orgA', 'orgB', 'townA', 'multi'];
let importId = '';
/** One import started by sys, with its file kept, so only sys (and no other importer) may read it. */
async function sysImport(c: Ctx): Promise<string> {
  if (importId) return importId;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lx-matrix-')), 'm.csv');
  fs.writeFileSync(file, '统一社会信用代码,企业名称\n');
  const row = await c.database.db.insertInto('import_batch').values({
    kind: 'enterprises', file_name: 'm.csv', file_sha256: 'm', actor_id: c.world.users.sys.id, stored_path: file, status: 'failed',
  }).returning('id').executeTakeFirstOrThrow();
  importId = row.id;
  return importId;
}

const CORE_AND_LEDGER: Probe[] = [
  { route: 'GET /api/health', public: true, request: () => ({ url: '/api/health' }), expect: { ok: EVERYONE } },
  // Ops endpoints outside /api (docs/operations.md): no session needed. /metrics answers loopback (as
  // inject is) or a bearer token; its refusal of other hosts is in ops-endpoints.test.ts.
  { route: 'GET /healthz', public: true, request: () => ({ url: '/healthz' }), expect: { ok: EVERYONE } },
  { route: 'GET /readyz', public: true, request: () => ({ url: '/readyz' }), expect: { ok: EVERYONE } },
  { route: 'GET /metrics', public: true, request: () => ({ url: '/metrics' }), expect: { ok: EVERYONE } },
  { route: 'GET /api/openapi.json', public: true, request: () => ({ url: '/api/openapi.json' }), expect: { ok: EVERYONE } },
  { route: 'POST /api/auth/sign-in', public: true, request: (c) => ({ url: '/api/auth/sign-in', payload: { username: c.caller, password: 'World-Pass-2026' } }), expect: { ok: EVERYONE } },
  { route: 'POST /api/auth/sign-out', fresh: true, request: () => ({ url: '/api/auth/sign-out' }), expect: { ok: EVERYONE } },
  { route: 'GET /api/auth/me', request: () => ({ url: '/api/auth/me' }), expect: { ok: EVERYONE } },
  { route: 'POST /api/auth/change-password', request: () => ({ url: '/api/auth/change-password', payload: { currentPassword: 'World-Pass-2026', newPassword: 'World-Pass-2026' } }), expect: { reached: EVERYONE } },
  { route: 'POST /api/auth/totp/setup', request: () => ({ url: '/api/auth/totp/setup' }), expect: { ok: EVERYONE } },
  { route: 'POST /api/auth/totp/enable', request: () => ({ url: '/api/auth/totp/enable', payload: { code: '000000' } }), expect: { reached: EVERYONE } },
  { route: 'GET /api/sign-in-log', request: () => ({ url: '/api/sign-in-log' }), expect: { ok: AUDIT_READERS } },
  { route: 'GET /api/users', request: () => ({ url: '/api/users' }), expect: { ok: AUDIT_READERS } },
  {
    route: 'POST /api/users',
    request: (c) => ({ url: '/api/users', payload: { username: `new_${c.caller}_${c.n}`, displayName: '新用户', password: 'Fresh-Pass-2026', roles: [{ role: 'township_officer', regionPrefixes: [TOWNSHIPS[2]] }] } }),
    expect: { ok: ['sys', 'orgB', 'multi'] },
  },
  { route: 'GET /api/users/:id', request: (c) => ({ url: `/api/users/${victim(c)}` }), expect: { ok: USER_ADMINS_A, hidden: ['orgB', 'multi'] } },
  {
    route: 'PATCH /api/users/:id',
    request: async (c) => ({ url: `/api/users/${victim(c)}`, payload: { displayName: `改名${c.n}`, version: await versionOf(c, 'app_user', victim(c)) } }),
    expect: { ok: USER_ADMINS_A, hidden: ['orgB', 'multi'] },
  },
  {
    route: 'POST /api/users/:id/reset-password',
    request: (c) => ({ url: `/api/users/${victim(c)}/reset-password`, payload: { password: 'Reset-Pass-2026' } }),
    expect: { ok: USER_ADMINS_A, hidden: ['orgB', 'multi'] },
  },
  {
    route: 'POST /api/users/:id/roles',
    request: (c) => ({ url: `/api/users/${victim(c)}/roles`, payload: { role: 'community_officer', regionPrefixes: [COMMUNITIES[1]] } }),
    expect: { ok: USER_ADMINS_A, hidden: ['orgB', 'multi'] },
  },
  {
    route: 'DELETE /api/users/:id/roles/:roleId',
    request: async (c) => {
      const row = await c.database.db.insertInto('user_role').values({ user_id: victim(c), role: 'member', region_prefixes: [COMMUNITIES[1]] })
        .returning('id').executeTakeFirstOrThrow();
      return { url: `/api/users/${victim(c)}/roles/${row.id}` };
    },
    expect: { ok: USER_ADMINS_A, hidden: ['orgB', 'multi'] },
  },
  { route: 'GET /api/regions', request: () => ({ url: '/api/regions?parent=440300000000' }), expect: { ok: EVERYONE } },
  { route: 'GET /api/regions/search', request: () => ({ url: '/api/regions/search?q=测试' }), expect: { ok: EVERYONE } },
  { route: 'GET /api/regions/:code', request: () => ({ url: `/api/regions/${COUNTIES[0]}000000` }), expect: { ok: EVERYONE } },
  { route: 'GET /api/audit', request: () => ({ url: '/api/audit?limit=5' }), expect: { ok: AUDIT_READERS } },
  { route: 'GET /api/audit/export.xlsx', request: () => ({ url: '/api/audit/export.xlsx' }), expect: { ok: AUDIT_READERS } },
  { route: 'GET /api/audit/verify', request: () => ({ url: '/api/audit/verify' }), expect: { ok: AUDIT_READERS } },
  { route: 'GET /api/people', request: () => ({ url: '/api/people' }), expect: { ok: PEOPLE_READERS } },
  // A full-number search needs pii.view: otherwise it would tell anyone whether a person is registered.
  { route: 'POST /api/people/search', request: () => ({ url: '/api/people/search', payload: { phone: '13800000000' } }), expect: { ok: PII_VIEWERS } },
  // Registration region inside the caller's manage scope (403 OUT_OF_SCOPE otherwise).
  { route: 'POST /api/people', request: (c) => ({ url: '/api/people', payload: { name: `人员${c.n}`, regionCode: COMMUNITIES[0] } }), expect: { ok: ['sys', 'orgA', 'townA'] } },
  { route: 'GET /api/people/:id', request: () => ({ url: `/api/people/${personId}` }), expect: PERSON_SEEN },
  {
    route: 'PATCH /api/people/:id',
    request: async (c) => ({ url: `/api/people/${personId}`, payload: { name: `人员改${c.n}`, version: await versionOf(c, 'person', personId) } }),
    expect: PERSON_MANAGED,
  },
  // Ledger (helper B). e[0] sits in COMMUNITIES[0]: county A, township A, community A, instructor-assigned.
  { route: 'GET /api/enterprises', request: () => ({ url: '/api/enterprises?limit=5' }), expect: { ok: PEOPLE_READERS } },
  { route: 'GET /api/enterprises/export.xlsx', request: () => ({ url: '/api/enterprises/export.xlsx' }), expect: { ok: LEDGER_EXPORTERS } },
  { route: 'GET /api/enterprises/template.xlsx', request: () => ({ url: '/api/enterprises/template.xlsx' }), expect: { ok: EVERYONE } },
  {
    route: 'GET /api/enterprises/:id', request: (c) => ({ url: `/api/enterprises/${c.world.enterprises[0].id}` }),
    expect: { ok: ['sys', 'orgA', 'townA', 'commA', 'instructor'], hidden: ['orgB', 'parkA', 'assocA', 'secretary', 'union', 'multi'] },
  },
  {
    route: 'PATCH /api/enterprises/:id/placement',
    request: async (c) => {
      const { version } = await c.database.db.selectFrom('enterprise').select('version').where('id', '=', c.world.enterprises[0].id).executeTakeFirstOrThrow();
      return { url: `/api/enterprises/${c.world.enterprises[0].id}/placement`, payload: { regionCode: COMMUNITIES[0], version } };
    },
    expect: { ok: ['sys', 'orgA', 'townA', 'commA'], hidden: ['orgB', 'multi'] },
  },
  { route: 'GET /api/placement-queue', request: () => ({ url: '/api/placement-queue' }), expect: { ok: PEOPLE_READERS } },
  { route: 'GET /api/parks', request: () => ({ url: '/api/parks' }), expect: { ok: PEOPLE_READERS } },
  { route: 'GET /api/associations', request: () => ({ url: '/api/associations' }), expect: { ok: PEOPLE_READERS } },
  // A JSON body is not an upload: importers get past the gate and are refused by the use case (406).
  { route: 'POST /api/imports/enterprises', request: () => ({ url: '/api/imports/enterprises', payload: { file: 'x' } }), expect: { reached: IMPORTERS } },
  { route: 'GET /api/imports', request: () => ({ url: '/api/imports' }), expect: { ok: IMPORTERS } },
  { route: 'GET /api/imports/:id', request: async (c) => ({ url: `/api/imports/${await sysImport(c)}` }), expect: { ok: ['sys'], hidden: ['orgA', 'orgB', 'townA', 'multi'] } },
  {
    route: 'GET /api/imports/:id/errors.xlsx', request: async (c) => ({ url: `/api/imports/${await sysImport(c)}/errors.xlsx` }),
    expect: { ok: ['sys'], hidden: ['orgA', 'orgB', 'townA', 'multi'] },
  },
  { route: 'GET /api/import-mappings/:source', request: () => ({ url: '/api/import-mappings/matrix' }), expect: { ok: IMPORTERS } },
  {
    route: 'PUT /api/import-mappings/:source', request: () => ({ url: '/api/import-mappings/matrix', payload: { mapping: { 名称X: 'name' } } }),
    expect: { ok: IMPORTERS },
  },
  // Coverage figures, trends, snapshots and the bulletin (helper H). County A = 440305.
  { route: 'GET /api/coverage/figures', request: () => ({ url: '/api/coverage/figures' }), expect: { ok: ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'secretary', 'multi'] } },
  {
    route: 'GET /api/coverage/drill', request: () => ({ url: '/api/coverage/drill?metric=orgCoverage&part=denominator&limit=5' }),
    expect: { ok: ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'secretary', 'multi'] },
  },
  {
    route: 'GET /api/coverage/drill.xlsx', request: () => ({ url: '/api/coverage/drill.xlsx?metric=orgCoverage&part=denominator' }),
    expect: { ok: ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'secretary', 'multi'] },
  },
  {
    route: 'GET /api/coverage/trend', request: () => ({ url: '/api/coverage/trend?regionPrefix=440305' }),
    expect: { ok: ['sys', 'orgA'], hidden: ['orgB', 'townA', 'commA', 'parkA', 'assocA', 'secretary', 'multi'] },
  },
  { route: 'GET /api/coverage/snapshots', request: () => ({ url: '/api/coverage/snapshots' }), expect: { ok: ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'secretary', 'multi'] } },
  // A snapshot is written for every node: report.generate over part of the jurisdiction (orgA, orgB,
  // townA, multi) is not enough, only an unrestricted grant; a bulletin still fills a missing month.
  { route: 'POST /api/coverage/snapshots', request: () => ({ url: '/api/coverage/snapshots', payload: { month: '2025-01' } }), expect: { ok: ['sys'] } },
  {
    route: 'GET /api/reports/bulletin', request: () => ({ url: '/api/reports/bulletin?region=440305&month=2025-01&format=xlsx' }),
    expect: { ok: ['sys', 'orgA'], hidden: ['orgB', 'townA', 'multi'] },
  },
  ...MATRIX_GROUPS.ledger, // party orgs, unions, instructors and the ledger's lists (permission-matrix-groups.ts)
];

const ALL_ROWS = [...CORE_AND_LEDGER, ...MATRIX_GROUPS.party, ...MATRIX_GROUPS.union, ...MATRIX_GROUPS.work];

describe(`permission matrix (core and ledger) on ${testEngine()}`, () => {
  const m = useMatrixWorld();
  beforeAll(async () => {
    const person = await call(m.app, m.sessions.sys, 'POST', '/api/people', { name: '矩阵人员', regionCode: COMMUNITIES[0] });
    personId = (person.json() as { id: string }).id;
  });

  it('lists every registered /api route, and only those', () => {
    const registered = new Set(m.routes.map((r) => `${r.method} ${r.url}`));
    const listed = new Set(ALL_ROWS.map((p) => p.route));
    expect([...registered].filter((r) => !listed.has(r)), 'routes missing from the permission matrix').toEqual([]);
    expect([...listed].filter((r) => !registered.has(r)), 'matrix rows for routes that do not exist').toEqual([]);
  });

  matrixProbes(m, () => CORE_AND_LEDGER);

  it('concurrent, interleaved requests from many users never bleed scope between requests', async () => {
    const viewers = ['sys', 'orgA', 'orgB', 'multi'];
    const prefixOf: Record<string, string | null> = { sys: null, orgA: COUNTIES[0], orgB: COUNTIES[1], multi: COUNTIES[1] };
    // Oracle in plain JS over the raw rows: a user is visible when every grant is region-only inside the viewer's prefix.
    const roles = await m.database.db.selectFrom('user_role').selectAll().execute();
    const users = await m.database.db.selectFrom('app_user').select('id').execute();
    // docs/security.md "访问控制": an administrator sees an account when every grant lies inside its own
    // scope — regions by prefix, a park or association when registered in its regions, an enterprise
    // when in its enterprise scope; a grant with no place at all only for all-regions administrators.
    const parkRegion = (id: string) => COUNTIES[m.world.parks.indexOf(id)] ?? null;
    const assocRegion = (id: string) => COUNTIES[m.world.associations.indexOf(id)] ?? null;
    const entRegion = (id: string) => m.world.enterprises.find((e) => e.id === id)?.regionCode ?? null;
    const inside = (p: string, region: string | null) => region !== null && region.startsWith(p);
    const expected = (viewer: string) => new Set(users.map((u) => u.id).filter((id) => {
      const mine = roles.filter((r) => r.user_id === id);
      const p = prefixOf[viewer];
      if (p === null) return true;
      return mine.length > 0 && mine.every((r) => !r.all_regions && r.party_org_ids.length === 0 && !['system_admin'].includes(r.role)
        && r.region_prefixes.length + r.park_ids.length + r.association_ids.length + r.enterprise_ids.length > 0
        && r.region_prefixes.every((x) => x.startsWith(p)) && r.park_ids.every((x) => inside(p, parkRegion(String(x))))
        && r.association_ids.every((x) => inside(p, assocRegion(String(x)))) && r.enterprise_ids.every((x) => inside(p, entRegion(String(x)))));
    }));
    const jobs = Array.from({ length: 120 }, (_, i) => viewers[(i * 7) % viewers.length]);
    const results = await Promise.all(jobs.map(async (viewer) => {
      const res = await call(m.app, m.sessions[viewer], 'GET', '/api/users?limit=200');
      return { viewer, ids: (res.json() as { items: Array<{ id: string }> }).items.map((u) => u.id) };
    }));
    for (const { viewer, ids } of results) expect(new Set(ids), viewer).toEqual(expected(viewer));
    const distinct = new Set(results.map((r) => `${r.viewer}:${r.ids.length}`));
    expect(distinct.size).toBe(viewers.length);
  });
});
