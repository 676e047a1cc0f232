import { call } from '../factories/world.js';
import type { Ctx, Op } from './scope-checks-read.js';
import { holds, Oracle, same, scopeOf, type CheckResult } from './scope-oracle.js';

/**
 * 三会一课 checks of the scope property test, against docs/life.md: an organisation's meetings, one
 * meeting, its year and its XLSX are seen exactly where the organisation is seen (own place or a
 * current link), whole only by its own place; recording a meeting and reading the roster need
 * org.manage by the organisation's own place (seen otherwise: 403 NOT_MANAGED; unseen: 404); the
 * compliance drill-down holds exactly the active 党支部 seen. One meeting per organisation is made
 * on first use; a recorded meeting is deleted again so every draw meets the same world.
 */
type Json = Record<string, unknown>;
const sorted = (xs: string[]) => [...xs].sort();
const meetingOfOrg = new Map<string, string>();
const orgIds = (c: Ctx) => [...c.model.orgs.keys()];

async function ensureMeetings(c: Ctx): Promise<void> {
  if (meetingOfOrg.size) return;
  for (const orgId of orgIds(c)) {
    const r = await c.database.db.insertInto('meeting').values({ org_id: orgId, kind: 'themeDay', held_on: '2024-03-05', topic: `范围主题党日${orgId}` }).returning('id').executeTakeFirstOrThrow();
    meetingOfOrg.set(orgId, r.id);
  }
  await c.reload();
}

async function get(c: Ctx, user: string, url: string) {
  const res = await call(c.app, c.sessions[user], 'GET', url);
  if (res.statusCode >= 500) throw new Error(`GET ${url} as ${user}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return { status: res.statusCode, body: String(res.headers['content-type'] ?? '').includes('json') ? (res.json() as Json) : {} };
}

export const readStatus = (c: Ctx, user: string, org: string) => {
  const read = scopeOf(c.world.users[user].grants, 'org.read');
  return !read.held ? 403 : new Oracle(c.model).visible(read, 'org', org) ? 200 : 404;
};

/** The manage gate: the action, then the organisation by its own place; seen but not managed is NOT_MANAGED. */
export function manageWant(c: Ctx, user: string, org: string): { status: number; code?: string } {
  const g = c.world.users[user].grants;
  const o = new Oracle(c.model);
  const manage = scopeOf(g, 'org.manage');
  if (!manage.held) return { status: 403 };
  if (o.own(manage, 'org', org)) return { status: 200 };
  return o.visible(scopeOf(g, 'org.read'), 'org', org) || o.visible(manage, 'org', org) ? { status: 403, code: 'NOT_MANAGED' } : { status: 404 };
}

export const meetingList = (form: 'json' | 'xlsx'): Op => async (c, user, a) => {
  await ensureMeetings(c);
  const org = orgIds(c)[a % orgIds(c).length]!;
  const res = await get(c, user, `/api/meetings${form === 'xlsx' ? '/export.xlsx' : ''}?orgId=${org}&year=2024`);
  const problems: string[] = [];
  const status = readStatus(c, user, org);
  same(problems, 'status', status, res.status);
  if (form === 'json' && status === 200 && res.status === 200) {
    const items = (res.body.items as Json[]).filter((i) => String(i.topic).startsWith('范围主题党日'));
    same(problems, 'rows', [meetingOfOrg.get(org)], items.map((i) => String(i.id)));
    const own = new Oracle(c.model).own(scopeOf(c.world.users[user].grants, 'org.read'), 'org', org);
    for (const i of items) same(problems, 'access', own ? 'full' : 'partial', i.access);
  }
  return { op: `meetingList:${form}`, user, target: org, problems };
};

export const meetingDetail: Op = async (c, user, a) => {
  await ensureMeetings(c);
  const org = orgIds(c)[a % orgIds(c).length]!;
  const g = c.world.users[user].grants;
  const res = await get(c, user, `/api/meetings/${meetingOfOrg.get(org)}`);
  const cal = await get(c, user, `/api/party-orgs/${org}/life?year=2024`);
  const problems: string[] = [];
  const status = readStatus(c, user, org);
  same(problems, 'status', status, res.status);
  same(problems, 'calendar', status, cal.status);
  const manageable = holds(g, 'org.manage') && new Oracle(c.model).own(scopeOf(g, 'org.manage'), 'org', org);
  if (res.status === 200) same(problems, 'manageable', manageable, res.body.manageable);
  if (cal.status === 200) same(problems, 'calendarManageable', manageable, cal.body.manageable);
  return { op: 'meetingDetail', user, target: org, problems };
};

/** Recording a meeting (then deleting it) and reading the roster: the manage gate. */
export const meetingRecord: Op = async (c, user, a) => {
  await ensureMeetings(c);
  const org = orgIds(c)[a % orgIds(c).length]!;
  const want = manageWant(c, user, org);
  const problems: string[] = [];
  const active = (await c.database.db.selectFrom('party_org').select('status').where('id', '=', org).executeTakeFirstOrThrow()).status === 'active';
  const roster = await get(c, user, `/api/meetings/roster?orgId=${org}`);
  same(problems, 'roster', want.status, roster.status);
  const res = await call(c.app, c.sessions[user], 'POST', '/api/meetings', { orgId: org, kind: 'committeeMeeting', heldOn: '2024-04-02', topic: '范围支委会' });
  const expected = want.status === 200 ? (active ? 201 : 409) : want.status;
  same(problems, 'status', expected, res.statusCode);
  if (res.statusCode === 403) same(problems, 'detail', want.code ?? null, (res.json() as { details?: Array<{ code?: string }> }).details?.[0]?.code === 'NOT_MANAGED' ? 'NOT_MANAGED' : null);
  if (res.statusCode === 201) {
    const m = res.json() as { id: string; version: number };
    const del = await call(c.app, c.sessions[user], 'DELETE', `/api/meetings/${m.id}?version=${m.version}`);
    same(problems, 'delete', 204, del.statusCode);
  }
  return { op: 'meetingRecord', user, target: org, problems } satisfies CheckResult;
};

/** The compliance drill-down: exactly the active 党支部 the reader sees. */
export const lifeOrgs: Op = async (c, user) => {
  const read = scopeOf(c.world.users[user].grants, 'org.read');
  const o = new Oracle(c.model);
  const branches = await c.database.db.selectFrom('party_org').select('id').where('status', '=', 'active').where('org_type', '=', 'branch').execute();
  const want = branches.map((b) => b.id).filter((id) => read.held && c.model.orgs.has(id) && o.visible(read, 'org', id));
  const res = await get(c, user, '/api/life/compliance/orgs?year=2024');
  const problems: string[] = [];
  same(problems, 'status', read.held ? 200 : 403, res.status);
  if (res.status === 200) {
    const got = (res.body.items as Json[]).map((i) => String(i.orgId)).filter((id) => c.model.orgs.has(id));
    same(problems, 'rows', sorted(want), sorted(got));
  }
  return { op: 'lifeOrgs', user, target: '-', problems };
};

/** A meeting's files (GET /api/meetings/:id/attachments): read exactly where its organisation is seen. */
export const meetingFiles: Op = async (c, user, a) => {
  await ensureMeetings(c);
  const org = orgIds(c)[a % orgIds(c).length]!;
  const res = await get(c, user, `/api/meetings/${meetingOfOrg.get(org)}/attachments`);
  const problems: string[] = [];
  same(problems, 'status', readStatus(c, user, org), res.status);
  return { op: 'meetingFiles', user, target: org, problems };
};
