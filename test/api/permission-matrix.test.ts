import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/database.js';
import { COMMUNITIES, COUNTIES, TOWNSHIPS, buildTestApp, buildWorld, call, signInAs, type Session, type World } from '../factories/world.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { buildCrossStreet, type CrossStreet } from '../factories/cross-street.js';
import { ORG_MATRIX_ROWS, type Ctx as OrgCtx, type Outcome } from './org-matrix-rows.js';
import { MEMBER_MATRIX_ROWS } from './member-matrix-rows.js';
import { LIST_EXPORT_MATRIX_ROWS } from './list-export-matrix-rows.js';
import { CAMPAIGN_MATRIX_ROWS } from './campaign-matrix-rows.js';
import { BULLETIN_ISSUER_MATRIX_ROWS } from './bulletin-issuer-matrix-rows.js';
import { PLACEMENT_QUEUE_MATRIX_ROWS } from './placement-queue-matrix-rows.js';
import { MEMBER_TRANSFER_MATRIX_ROWS } from './member-transfer-matrix-rows.js';
import { MEMBER_IMPORT_MATRIX_ROWS } from './member-import-matrix-rows.js';
import { RECRUITMENT_MATRIX_ROWS } from './recruitment-matrix-rows.js';
import { DUES_MATRIX_ROWS } from './dues-matrix-rows.js';
import { LIFE_MATRIX_ROWS } from './life-matrix-rows.js';
import { PARTY_GROUP_MATRIX_ROWS } from './party-group-matrix-rows.js';
import { STANDARDS_MATRIX_ROWS, setStandardsAttachmentDir } from './standards-matrix-rows.js';
import { ANNUAL_REPORT_MATRIX_ROWS } from './annual-report-matrix-rows.js';
import { APPRAISAL_MATRIX_ROWS } from './appraisal-matrix-rows.js';
import { TRAINING_MATRIX_ROWS } from './training-matrix-rows.js';
import { POOL_SUPPORT_MATRIX_ROWS } from './pool-support-matrix-rows.js';
import { UNION_SERVICES_MATRIX_ROWS } from './union-services-matrix-rows.js';
import { UNION_DISTRICT_MATRIX_ROWS } from './union-district-matrix-rows.js';
import { BARGAINING_MATRIX_ROWS } from './bargaining-matrix-rows.js';
import { MEDIATION_MATRIX_ROWS } from './mediation-matrix-rows.js';
import { UNION_MEMBER_MATRIX_ROWS } from './union-member-matrix-rows.js';
import { UNION_JOIN_MATRIX_ROWS } from './union-join-matrix-rows.js';
import { UNION_COMMITTEE_MATRIX_ROWS } from './union-committee-matrix-rows.js';
import { INBOX_MATRIX_ROWS } from './inbox-matrix-rows.js';
import { APPROVAL_MATRIX_ROWS } from './approval-matrix-rows.js';
import { NOTICE_MATRIX_ROWS, setNoticeAttachmentDir } from './notice-matrix-rows.js';
import { FIELDWORK_MATRIX_ROWS } from './fieldwork-matrix-rows.js';
import { STUDY_MATRIX_ROWS } from './study-matrix-rows.js';
import { SURVEY_MATRIX_ROWS } from './survey-matrix-rows.js';

/**
 * Every registered /api route × every role of the generated world → expected outcome.
 * ok = 2xx · reached = the use case ran and refused on its own terms (4xx other than 401/403/404) ·
 * forbidden = 403 (capability missing or grant beyond scope) · hidden = 404 (record outside scope) ·
 * notManaged = 403 NOT_MANAGED (record seen, not managed) · outOfScope = 403 ENTERPRISE_OUT_OF_SCOPE
 * (a link of a managed record to an enterprise outside the caller's scope).
 * Anyone not listed is expected to be `forbidden`. A route missing from this table FAILS the run:
 * every new endpoint joins the matrix (add a row below).
 */
type Ctx = OrgCtx;
type Probe = {
  route: string; // 'METHOD /url/:pattern' exactly as registered
  public?: boolean;
  /** Sign in afresh for this probe (it ends or changes the session). */
  fresh?: boolean;
  request(c: Ctx): Promise<{ url: string; payload?: unknown }> | { url: string; payload?: unknown };
  expect: Partial<Record<Outcome, string[]>>;
};

const USERS = ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'secretary', 'instructor', 'union', 'member', 'multi'];
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

const MATRIX: Probe[] = [
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
  ...ORG_MATRIX_ROWS, // party orgs, unions, instructors, coverage, work lists, planner (helper G)
  ...MEMBER_MATRIX_ROWS, // the party-member roster
  ...LIST_EXPORT_MATRIX_ROWS, // exports of the organisation, union and instructor lists
  ...CAMPAIGN_MATRIX_ROWS, // campaign targets (工作目标)
  ...BULLETIN_ISSUER_MATRIX_ROWS, // the bulletin's 文号代字 and 发文机关 settings
  ...PLACEMENT_QUEUE_MATRIX_ROWS, // bulk placement and export of the 待认定属地 queue
  ...MEMBER_TRANSFER_MATRIX_ROWS, // transfers of 组织关系, 亮身份 declarations, 我的
  ...MEMBER_IMPORT_MATRIX_ROWS, // the roster import and its error report
  ...RECRUITMENT_MATRIX_ROWS, // 发展党员: cases, steps, findings
  ...LIFE_MATRIX_ROWS, // 三会一课: meetings, roster, export
  ...PARTY_GROUP_MATRIX_ROWS, // 党小组 of a branch
  ...STANDARDS_MATRIX_ROWS, // 标准化建设: templates, self-assessment, review, lists; attachments of meetings and checklists
  ...ANNUAL_REPORT_MATRIX_ROWS, // 年度党建工作报告: prefilled report, narrative, submit, review, DOCX/PDF, the year's list
  ...APPRAISAL_MATRIX_ROWS, // 述职评议 and 考核: sheets, marks, a person's results, 补贴档次
  ...TRAINING_MATRIX_ROWS, // training: courses, sessions, attendance, a person's hours
  ...POOL_SUPPORT_MATRIX_ROWS, // the reserve pool and the support ledger
  ...UNION_SERVICES_MATRIX_ROWS, // union services: 困难职工帮扶, 劳动竞赛 and honours, 工会经费
  ...UNION_DISTRICT_MATRIX_ROWS, // district pages 帮扶 / 经费 and the dashboard's 劳务派遣 rows
  ...DUES_MATRIX_ROWS, // party dues: month ledger, payments, statement, settings, 我的党费
  ...BARGAINING_MATRIX_ROWS, // 集体协商: rounds, steps, the district board, drill-down and export
  ...MEDIATION_MATRIX_ROWS, // 劳动争议调解: bodies, members, cases, documents, statistics, exports
  ...UNION_MEMBER_MATRIX_ROWS, // 会员实名制: a union's members, their changes, roster date, 劳务派遣 setting
  ...UNION_JOIN_MATRIX_ROWS, // 扫码入会（亮牌子）: the public page and form, the link, the poster, the queue and its decisions
  ...UNION_COMMITTEE_MATRIX_ROWS, // union committees, 换届选举 and the 职代会 (docs/unions.md)
  ...INBOX_MATRIX_ROWS, // the work inbox (待办) and its refresh from the rule engine (docs/inbox.md)
  ...APPROVAL_MATRIX_ROWS, // approvals: requests, level decisions, flows (docs/approvals.md)
  ...NOTICE_MATRIX_ROWS, // 通知公告 (office and recipient sides), SMTP settings and my e-mail (docs/notices.md)
  ...FIELDWORK_MATRIX_ROWS, // 实地走访 from the phone; an enterprise's visits (docs/inbox.md)
  ...STUDY_MATRIX_ROWS, // 学习: the study library, its files and the reader's own 已学 mark (docs/study.md)
  ...SURVEY_MATRIX_ROWS, // 排查摸底: campaigns, links, the public page, decisions; 人工更正 of ledger facts (docs/surveys.md)
];

const expectedFor = (p: Probe, user: string): Outcome =>
  (Object.entries(p.expect) as Array<[Outcome, string[]]>).find(([, users]) => users.includes(user))?.[0] ?? 'forbidden';

const outcomeOf = (status: number, body: string): Outcome | `status ${number}` => {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 403) {
    const code = (JSON.parse(body) as { details?: Array<{ code?: string }> }).details?.[0]?.code;
    return code === 'NOT_MANAGED' ? 'notManaged' : code === 'ENTERPRISE_OUT_OF_SCOPE' ? 'outOfScope' : 'forbidden';
  }
  if (status === 404) return 'hidden';
  if (status >= 400 && status < 500 && status !== 401) return 'reached';
  return `status ${status}`;
};

describe(`permission matrix on ${testEngine()}`, () => {
  let database: Database;
  let world: World;
  let cs: CrossStreet;
  let app: FastifyInstance;
  let routes: Array<{ method: string; url: string }>;
  let close: () => Promise<void>;
  const sessions: Record<string, Session> = {};

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await buildWorld(database);
    let config: { attachmentDir: string };
    ({ app, routes, close, config } = await buildTestApp(database));
    setStandardsAttachmentDir(config.attachmentDir);
    setNoticeAttachmentDir(config.attachmentDir);
    for (const [i, u] of USERS.entries()) sessions[u] = await signInAs(app, u, undefined, `10.0.1.${i + 1}`);
    cs = await buildCrossStreet(database, world, app, sessions.sys);
    const person = await call(app, sessions.sys, 'POST', '/api/people', { name: '矩阵人员', regionCode: COMMUNITIES[0] });
    personId = (person.json() as { id: string }).id;
  });
  afterAll(async () => {
    await close?.();
    await database?.close();
  });

  it('lists every registered /api route, and only those', () => {
    const registered = new Set(routes.map((r) => `${r.method} ${r.url}`));
    const listed = new Set(MATRIX.map((p) => p.route));
    expect([...registered].filter((r) => !listed.has(r)), 'routes missing from the permission matrix').toEqual([]);
    expect([...listed].filter((r) => !registered.has(r)), 'matrix rows for routes that do not exist').toEqual([]);
  });

  it('every route × every role gives the expected outcome', async () => {
    const failures: string[] = [];
    let n = 0;
    for (const probe of MATRIX) {
      const method = probe.route.split(' ')[0];
      for (const user of USERS) {
        const session = probe.fresh ? await signInAs(app, user, undefined, '10.0.2.1') : sessions[user];
        const req = await probe.request({ world, database, cs, caller: user, n: ++n });
        const res = probe.public
          ? await app.inject({ method: method as 'GET', url: req.url, ...(req.payload ? { payload: req.payload as object } : {}) })
          : await call(app, session, method, req.url, req.payload);
        const got = outcomeOf(res.statusCode, res.body);
        const want = expectedFor(probe, user);
        if (got !== want) failures.push(`${probe.route} as ${user}: expected ${want}, got ${got} ${res.body.slice(0, 160)}`);
      }
    }
    expect(failures).toEqual([]);
    // Every route × every role: past 120 s on a busy two-core machine once issue 15's routes joined.
  }, 600_000);

  it('concurrent, interleaved requests from many users never bleed scope between requests', async () => {
    const viewers = ['sys', 'orgA', 'orgB', 'multi'];
    const prefixOf: Record<string, string | null> = { sys: null, orgA: COUNTIES[0], orgB: COUNTIES[1], multi: COUNTIES[1] };
    // Oracle in plain JS over the raw rows: a user is visible when every grant is region-only inside the viewer's prefix.
    const roles = await database.db.selectFrom('user_role').selectAll().execute();
    const users = await database.db.selectFrom('app_user').select('id').execute();
    // docs/security.md "访问控制": an administrator sees an account when every grant lies inside its own
    // scope — regions by prefix, a park or association when registered in its regions, an enterprise
    // when in its enterprise scope; a grant with no place at all only for all-regions administrators.
    const parkRegion = (id: string) => COUNTIES[world.parks.indexOf(id)] ?? null;
    const assocRegion = (id: string) => COUNTIES[world.associations.indexOf(id)] ?? null;
    const entRegion = (id: string) => world.enterprises.find((e) => e.id === id)?.regionCode ?? null;
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
      const res = await call(app, sessions[viewer], 'GET', '/api/users?limit=200');
      return { viewer, ids: (res.json() as { items: Array<{ id: string }> }).items.map((u) => u.id) };
    }));
    for (const { viewer, ids } of results) expect(new Set(ids), viewer).toEqual(expected(viewer));
    const distinct = new Set(results.map((r) => `${r.viewer}:${r.ids.length}`));
    expect(distinct.size).toBe(viewers.length);
  });

  it('every non-public route refuses a request without a session (401)', async () => {
    for (const probe of MATRIX.filter((p) => !p.public)) {
      const req = await probe.request({ world, database, cs, caller: 'sys', n: 0 });
      const res = await app.inject({ method: probe.route.split(' ')[0] as 'GET', url: req.url, ...(req.payload ? { payload: req.payload as object } : {}) });
      expect(res.statusCode, probe.route).toBe(401);
    }
  });
});
