import { call } from '../factories/world.js';
import type { Ctx, Op } from './scope-checks-read.js';
import { holds, Oracle, same, scopeOf } from './scope-oracle.js';

/**
 * 发展党员 checks of the scope property test, against the oracle of docs/recruitment.md: a case is
 * seen exactly where its holding organisation is seen (own place or a current link), shown whole and
 * manageable only through the organisation's own place; the list holds exactly the visible open
 * cases with their total. One case per organisation of the two-street world is made on first use
 * (applicants with no region: read only through their case, which the oracle's people rule knows),
 * then the model is reloaded.
 */
type Json = Record<string, unknown>;
const sorted = (xs: string[]) => [...xs].sort();
const caseOfOrg = new Map<string, string>();

async function ensureCases(c: Ctx): Promise<void> {
  if (caseOfOrg.size) return;
  const db = c.database.db;
  for (const orgId of c.model.orgs.keys()) {
    const p = await db.insertInto('person').values({ name: `范围申请人${orgId}`, region_code: null }).returning('id').executeTakeFirstOrThrow();
    const r = await db.insertInto('recruitment_case').values({ person_id: p.id, org_id: orgId, applied_on: '2024-01-10' }).returning('id').executeTakeFirstOrThrow();
    caseOfOrg.set(orgId, r.id);
  }
  await c.reload();
}

async function get(c: Ctx, user: string, url: string) {
  const res = await call(c.app, c.sessions[user], 'GET', url);
  if (res.statusCode >= 500) throw new Error(`GET ${url} as ${user}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return { status: res.statusCode, body: res.json() as Json };
}

export const caseDetail: Op = async (c, user, a) => {
  await ensureCases(c);
  const g = c.world.users[user].grants;
  const o = new Oracle(c.model);
  const orgs = [...caseOfOrg.keys()];
  const org = orgs[a % orgs.length]!;
  const id = caseOfOrg.get(org)!;
  const read = scopeOf(g, 'org.read');
  const res = await get(c, user, `/api/recruitment/${id}`);
  const problems: string[] = [];
  const status = !read.held ? 403 : o.visible(read, 'org', org) ? 200 : 404;
  same(problems, 'status', status, res.status);
  if (status === 200 && res.status === 200) {
    same(problems, 'access', o.own(read, 'org', org) ? 'full' : 'partial', res.body.access);
    same(problems, 'manageable', holds(g, 'org.manage') && o.own(scopeOf(g, 'org.manage'), 'org', org), res.body.manageable);
    same(problems, 'idNumber', null, res.body.idNumber);
  }
  return { op: 'caseDetail', user, target: id, problems };
};

export const caseList: Op = async (c, user) => {
  await ensureCases(c);
  const o = new Oracle(c.model);
  const read = scopeOf(c.world.users[user].grants, 'org.read');
  const want = [...caseOfOrg.entries()].filter(([org]) => read.held && o.visible(read, 'org', org)).map(([, id]) => id);
  const res = await get(c, user, '/api/recruitment?limit=200&q=范围申请人');
  const problems: string[] = [];
  same(problems, 'status', read.held ? 200 : 403, res.status);
  if (res.status === 200) {
    const items = res.body.items as Json[];
    same(problems, 'rows', sorted(want), sorted(items.map((r) => String(r.id))));
    same(problems, 'rows', want.length, res.body.total);
    for (const r of items) {
      const org = String(r.orgId);
      same(problems, 'access', `${String(r.id)}:${o.own(read, 'org', org) ? 'full' : 'partial'}`, `${String(r.id)}:${String(r.access)}`);
    }
  }
  return { op: 'caseList', user, target: '-', problems };
};

/**
 * The alerts work list's 发展党员 items (coverage.read for the list, then the board's scope): exactly
 * the cases seen, each with its findings (every test case has an overdue talk).
 */
export const caseWorklist: Op = async (c, user) => {
  await ensureCases(c);
  const o = new Oracle(c.model);
  const g = c.world.users[user].grants;
  const read = scopeOf(g, 'org.read');
  const want = [...caseOfOrg.entries()].filter(([org]) => read.held && o.visible(read, 'org', org)).map(([, id]) => id);
  const res = await get(c, user, '/api/worklists/alerts?kind=recruitment_case&limit=1000');
  const problems: string[] = [];
  same(problems, 'status', holds(g, 'coverage.read') ? 200 : 403, res.status);
  if (res.status === 200) {
    const items = (res.body.items as Json[]).filter((i) => String(i.name).startsWith('范围申请人'));
    same(problems, 'rows', sorted(want), sorted([...new Set(items.map((i) => String((i.link as Json).id)))]));
  }
  return { op: 'caseWorklist', user, target: '-', problems };
};

/** Cases for the sweep: one per organisation of the model. */
export const caseCount = (c: Ctx) => c.model.orgs.size;
