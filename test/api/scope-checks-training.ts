import { call } from '../factories/world.js';
import type { Ctx, Op } from './scope-checks-read.js';
import { holds, Oracle, same, scopeOf, type CheckResult } from './scope-oracle.js';

/**
 * Training checks of the scope property test, against docs/training.md: a session organised by an
 * organisation is seen exactly where the organisation is seen (own place or a current link), whole
 * only by its own place; the session list and its XLSX hold exactly those; recording attendance
 * needs org.manage by the organiser's own place (seen otherwise: 403 NOT_MANAGED; unseen: 404); a
 * person's training is read where the person is seen. One session per organisation, of one county
 * course, is made on first use; an attendance write sends the same empty list, so the world stays.
 */
type Json = Record<string, unknown>;
const sorted = (xs: string[]) => [...xs].sort();
const sessionOfOrg = new Map<string, string>();
const orgIds = (c: Ctx) => [...c.model.orgs.keys()];
const TITLE = '范围培训课程';

async function ensureSessions(c: Ctx): Promise<void> {
  if (sessionOfOrg.size) return;
  const db = c.database.db;
  const course = (await db.insertInto('training_course').values({ title: TITLE, audience: 'member', hours: 8, region_code: '440305000000' }).returning('id').executeTakeFirstOrThrow()).id;
  for (const orgId of orgIds(c)) {
    const r = await db.insertInto('training_session').values({ course_id: course, held_on: '2024-03-05', hours: 4, org_id: orgId }).returning('id').executeTakeFirstOrThrow();
    sessionOfOrg.set(orgId, r.id);
  }
  await c.reload();
}

/** The session of each organisation (made on first use), for the 签到表 import op (scope-checks-training-import.ts). */
export async function ensureTrainingSessions(c: Ctx): Promise<Map<string, string>> {
  await ensureSessions(c);
  return sessionOfOrg;
}

async function get(c: Ctx, user: string, url: string) {
  const res = await call(c.app, c.sessions[user], 'GET', url);
  if (res.statusCode >= 500) throw new Error(`GET ${url} as ${user}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return { status: res.statusCode, body: String(res.headers['content-type'] ?? '').includes('json') ? (res.json() as Json) : {} };
}

const visibleOrg = (c: Ctx, user: string, org: string) => {
  const read = scopeOf(c.world.users[user].grants, 'org.read');
  return read.held && new Oracle(c.model).visible(read, 'org', org);
};

export const trainingList = (form: 'json' | 'xlsx'): Op => async (c, user) => {
  await ensureSessions(c);
  const res = await get(c, user, `/api/training/sessions${form === 'xlsx' ? '/export.xlsx' : ''}?year=2024`);
  const problems: string[] = [];
  const held = holds(c.world.users[user].grants, 'org.read');
  same(problems, 'status', held ? 200 : 403, res.status);
  if (form === 'json' && res.status === 200) {
    const mine = new Set(sessionOfOrg.values());
    const got = (res.body.items as Json[]).map((i) => String(i.id)).filter((id) => mine.has(id));
    const want = orgIds(c).filter((o) => visibleOrg(c, user, o)).map((o) => sessionOfOrg.get(o)!);
    same(problems, 'rows', sorted(want), sorted(got));
    const own = new Oracle(c.model);
    const read = scopeOf(c.world.users[user].grants, 'org.read');
    for (const i of res.body.items as Json[]) {
      const org = String((i.organiser as Json).orgId);
      if (mine.has(String(i.id))) same(problems, `access ${String(i.id)}`, own.own(read, 'org', org) ? 'full' : 'partial', i.access);
    }
  }
  return { op: `trainingList:${form}`, user, target: '-', problems };
};

export const trainingDetail: Op = async (c, user, a) => {
  await ensureSessions(c);
  const org = orgIds(c)[a % orgIds(c).length]!;
  const g = c.world.users[user].grants;
  const res = await get(c, user, `/api/training/sessions/${sessionOfOrg.get(org)}`);
  const problems: string[] = [];
  same(problems, 'status', !holds(g, 'org.read') ? 403 : visibleOrg(c, user, org) ? 200 : 404, res.status);
  const manageable = holds(g, 'org.manage') && new Oracle(c.model).own(scopeOf(g, 'org.manage'), 'org', org);
  if (res.status === 200) same(problems, 'manageable', manageable, res.body.manageable);
  return { op: 'trainingDetail', user, target: org, problems };
};

/** Recording attendance: the manage gate of the organiser (the same empty list, so nothing else changes). */
export const trainingRecord: Op = async (c, user, a) => {
  await ensureSessions(c);
  const org = orgIds(c)[a % orgIds(c).length]!;
  const g = c.world.users[user].grants;
  const o = new Oracle(c.model);
  const manage = scopeOf(g, 'org.manage');
  const want = !manage.held ? { status: 403 } : o.own(manage, 'org', org) ? { status: 200 }
    : o.visible(scopeOf(g, 'org.read'), 'org', org) || o.visible(manage, 'org', org) ? { status: 403, code: 'NOT_MANAGED' } : { status: 404 };
  const id = sessionOfOrg.get(org)!;
  const { version } = await c.database.db.selectFrom('training_session').select('version').where('id', '=', id).executeTakeFirstOrThrow();
  const res = await call(c.app, c.sessions[user], 'PUT', `/api/training/sessions/${id}/attendance`, { version, attendees: [] });
  const problems: string[] = [];
  same(problems, 'status', want.status, res.statusCode);
  if (res.statusCode === 403) same(problems, 'detail', want.code ?? null, (res.json() as { details?: Array<{ code?: string }> }).details?.[0]?.code === 'NOT_MANAGED' ? 'NOT_MANAGED' : null);
  return { op: 'trainingRecord', user, target: org, problems, expected: want.code } satisfies CheckResult;
};

/** A person's training: read under org.read wherever the person is seen (docs/organisations.md, "People"). */
export const personTraining: Op = async (c, user, a) => {
  const ids = [...c.model.people.keys()];
  const person = ids[a % ids.length]!;
  const g = c.world.users[user].grants;
  const res = await get(c, user, `/api/people/${person}/training`);
  const problems: string[] = [];
  same(problems, 'status', !holds(g, 'org.read') ? 403 : new Oracle(c.model).personVisible(g, person) ? 200 : 404, res.status);
  return { op: 'personTraining', user, target: person, problems };
};
