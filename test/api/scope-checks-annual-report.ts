import { call } from '../factories/world.js';
import type { Ctx, Op } from './scope-checks-read.js';
import { holds, Oracle, same, scopeOf } from './scope-oracle.js';
import type { Action } from '../../src/domain/permissions.js';

/**
 * Annual-report checks of the scope property test, against docs/annual-report.md: an organisation's
 * report is read exactly where the organisation is seen (own place or a current link), whole only by
 * its own place; the year's list and its XLSX hold exactly the active organisations seen; saving
 * needs org.manage and reviewing org.review, each by the organisation's own place (seen otherwise:
 * 403 NOT_MANAGED; unseen: 404), nothing written on a refusal. A saved or reviewed report is removed
 * again so every draw meets the same world.
 */
type Json = Record<string, unknown>;
const YEAR = 2025;
const sorted = (xs: string[]) => [...xs].sort();
const orgIds = (c: Ctx) => [...c.model.orgs.keys()];

async function get(c: Ctx, user: string, url: string) {
  const res = await call(c.app, c.sessions[user], 'GET', url);
  if (res.statusCode >= 500) throw new Error(`GET ${url} as ${user}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return { status: res.statusCode, body: String(res.headers['content-type'] ?? '').includes('json') ? (res.json() as Json) : {} };
}

/** The gate of a change: the action, then the organisation by its own place; seen but not owned is NOT_MANAGED. */
function gate(c: Ctx, user: string, org: string, action: Action): { status: number; code?: string } {
  const g = c.world.users[user].grants;
  const o = new Oracle(c.model);
  const s = scopeOf(g, action);
  if (!s.held) return { status: 403 };
  if (o.own(s, 'org', org)) return { status: 200 };
  return o.visible(scopeOf(g, 'org.read'), 'org', org) || o.visible(s, 'org', org) ? { status: 403, code: 'NOT_MANAGED' } : { status: 404 };
}

async function clear(c: Ctx, org: string): Promise<void> {
  const db = c.database.db;
  const ids = (await db.selectFrom('annual_report').select('id').where('org_id', '=', org).execute()).map((r) => r.id);
  if (!ids.length) return;
  await db.deleteFrom('annual_report_event').where('report_id', 'in', ids).execute();
  await db.deleteFrom('annual_report').where('id', 'in', ids).execute();
}
const reportsOf = async (c: Ctx, org: string) => (await c.database.db.selectFrom('annual_report').select('status').where('org_id', '=', org).execute()).map((r) => r.status);

export const reportRead: Op = async (c, user, a) => {
  const org = orgIds(c)[a % orgIds(c).length]!;
  const g = c.world.users[user].grants;
  const read = scopeOf(g, 'org.read');
  const o = new Oracle(c.model);
  const want = !read.held ? 403 : o.visible(read, 'org', org) ? 200 : 404;
  const res = await get(c, user, `/api/party-orgs/${org}/annual-report?year=${YEAR}`);
  const problems: string[] = [];
  same(problems, 'status', want, res.status);
  if (res.status === 200) {
    same(problems, 'access', o.own(read, 'org', org) ? 'full' : 'partial', res.body.access);
    same(problems, 'manageable', holds(g, 'org.manage') && o.own(scopeOf(g, 'org.manage'), 'org', org), res.body.manageable);
  }
  return { op: 'reportRead', user, target: org, problems };
};

export const reportList = (form: 'json' | 'xlsx'): Op => async (c, user) => {
  const read = scopeOf(c.world.users[user].grants, 'org.read');
  const o = new Oracle(c.model);
  const active = await c.database.db.selectFrom('party_org').select('id').where('status', '=', 'active').execute();
  const want = active.map((r) => r.id).filter((id) => read.held && c.model.orgs.has(id) && o.visible(read, 'org', id));
  const res = await get(c, user, form === 'xlsx' ? `/api/annual-reports/export.xlsx?year=${YEAR}` : `/api/annual-reports?year=${YEAR}&limit=3`);
  const problems: string[] = [];
  same(problems, 'status', read.held ? 200 : 403, res.status);
  if (form === 'json' && res.status === 200) {
    // Keyset pages of 3: together they hold every row once, and the first page's total counts them all.
    const items = [...(res.body.items as Json[])];
    for (let next = res.body.nextCursor as string | null, n = 0; next && n < 200; n++) {
      const more = await get(c, user, `/api/annual-reports?year=${YEAR}&limit=3&cursor=${encodeURIComponent(next)}`);
      items.push(...(more.body.items as Json[]));
      next = more.body.nextCursor as string | null;
    }
    same(problems, 'rows', sorted(want), sorted(items.map((i) => String(i.orgId)).filter((id) => c.model.orgs.has(id))));
    same(problems, 'no row twice', items.length, new Set(items.map((i) => String(i.orgId))).size);
    for (const i of items.filter((x) => c.model.orgs.has(String(x.orgId)))) same(problems, `access ${String(i.orgId)}`, o.own(read, 'org', String(i.orgId)) ? 'full' : 'partial', i.access);
    same(problems, 'total', items.length, res.body.total);
  }
  return { op: `reportList:${form}`, user, target: '-', problems };
};

/** Saving the narrative (version 0 creates): org.manage by the organisation's own place. */
export const reportSave: Op = async (c, user, a) => {
  const org = orgIds(c)[a % orgIds(c).length]!;
  const want = gate(c, user, org, 'org.manage');
  const res = await call(c.app, c.sessions[user], 'PUT', `/api/party-orgs/${org}/annual-report`, { year: YEAR, version: 0, highlights: '范围亮点' });
  const problems: string[] = [];
  same(problems, 'status', want.status, res.statusCode);
  if (res.statusCode === 403) same(problems, 'detail', want.code ?? null, (res.json() as { details?: Array<{ code?: string }> }).details?.[0]?.code === 'NOT_MANAGED' ? 'NOT_MANAGED' : null);
  same(problems, 'written', want.status === 200 ? ['draft'] : [], await reportsOf(c, org));
  await clear(c, org);
  return { op: 'reportSave', user, target: org, problems };
};

/** Reviewing a submitted report: org.review by the organisation's own place — the street, never through a link. */
export const reportReview: Op = async (c, user, a) => {
  const org = orgIds(c)[a % orgIds(c).length]!;
  await c.database.db.insertInto('annual_report').values({ org_id: org, year: YEAR, status: 'submitted', figures: '[]' }).execute();
  const want = gate(c, user, org, 'org.review');
  const res = await call(c.app, c.sessions[user], 'POST', `/api/party-orgs/${org}/annual-report/review`, { year: YEAR, version: 1, decision: 'pass' });
  const problems: string[] = [];
  same(problems, 'status', want.status, res.statusCode);
  if (res.statusCode === 403) same(problems, 'detail', want.code ?? null, (res.json() as { details?: Array<{ code?: string }> }).details?.[0]?.code === 'NOT_MANAGED' ? 'NOT_MANAGED' : null);
  same(problems, 'written', want.status === 200 ? ['passed'] : ['submitted'], await reportsOf(c, org));
  await clear(c, org);
  return { op: 'reportReview', user, target: org, problems };
};

const hasSecretary = async (c: Ctx, org: string) => !!(await c.database.db.selectFrom('org_position').select('id').where('org_id', '=', org).where('position', '=', 'secretary')
  .where('since', '<=', `${YEAR}-12-31`).where((eb) => eb.or([eb('until', 'is', null), eb('until', '>', `${YEAR}-12-31`)])).executeTakeFirst());

/** A secretary's 述职评议: read where the organisation is seen; marked under org.review by its own place (then removed). */
export const appraisalMark: Op = async (c, user, a) => {
  const org = orgIds(c)[a % orgIds(c).length]!;
  const g = c.world.users[user].grants;
  const read = scopeOf(g, 'org.read');
  const o = new Oracle(c.model);
  const problems: string[] = [];
  const sheet = await get(c, user, `/api/party-orgs/${org}/appraisal?year=${YEAR}`);
  same(problems, 'read', !read.held ? 403 : o.visible(read, 'org', org) ? 200 : 404, sheet.status);
  const want = gate(c, user, org, 'org.review');
  const secretary = await hasSecretary(c, org);
  if (sheet.status === 200) same(problems, 'markable', want.status === 200 && secretary, sheet.body.markable);
  const res = await call(c.app, c.sessions[user], 'PUT', `/api/party-orgs/${org}/appraisal`, { year: YEAR, version: 0, marks: [{ item: 'role', score: 10 }] });
  same(problems, 'status', want.status === 200 && !secretary ? 409 : want.status, res.statusCode);
  if (res.statusCode === 403) same(problems, 'detail', want.code ?? null, (res.json() as { details?: Array<{ code?: string }> }).details?.[0]?.code === 'NOT_MANAGED' ? 'NOT_MANAGED' : null);
  const rows = await c.database.db.selectFrom('appraisal').select('id').where('kind', '=', 'secretary').where('subject_id', '=', org).execute();
  same(problems, 'written', res.statusCode === 200 ? 1 : 0, rows.length);
  await c.database.db.deleteFrom('appraisal').where('kind', '=', 'secretary').where('subject_id', '=', org).execute();
  return { op: 'appraisalMark', user, target: org, problems };
};

/**
 * The area's appraisals (GET /api/appraisals, pages of 3, and its XLSX): exactly the organisations
 * seen that have a secretary at the year's end and the active 党建指导员 seen under instructor.read;
 * `markable` only by the subject's own place under org.review — never through a link.
 */
export const appraisalList = (form: 'json' | 'xlsx'): Op => async (c, user) => {
  const g = c.world.users[user].grants;
  const read = scopeOf(g, 'org.read');
  const instr = scopeOf(g, 'instructor.read');
  const review = scopeOf(g, 'org.review');
  const o = new Oracle(c.model);
  const db = c.database.db;
  const problems: string[] = [];
  const url = `/api/appraisals${form === 'xlsx' ? '/export.xlsx' : ''}?year=${YEAR}${form === 'json' ? '&limit=3' : ''}`;
  const res = await get(c, user, url);
  same(problems, 'status', read.held ? 200 : 403, res.status);
  if (form === 'json' && res.status === 200) {
    const items = [...(res.body.items as Json[])];
    for (let next = res.body.nextCursor as string | null, n = 0; next && n < 200; n++) {
      const more = await get(c, user, `/api/appraisals?year=${YEAR}&limit=3&cursor=${encodeURIComponent(next)}`);
      items.push(...(more.body.items as Json[]));
      next = more.body.nextCursor as string | null;
    }
    same(problems, 'total', items.length, res.body.total);
    const active = new Set((await db.selectFrom('party_org').select('id').where('status', '=', 'active').execute()).map((r) => r.id));
    const wantOrgs: string[] = [];
    for (const id of c.model.orgs.keys()) if (active.has(id) && o.visible(read, 'org', id) && await hasSecretary(c, id)) wantOrgs.push(id);
    const secs = items.filter((i) => i.kind === 'secretary' && c.model.orgs.has(String(i.subjectId)));
    same(problems, 'secretaries', sorted(wantOrgs), sorted(secs.map((i) => String(i.subjectId))));
    for (const i of secs) same(problems, `markable ${String(i.subjectId)}`, review.held && o.own(review, 'org', String(i.subjectId)), i.markable);
    const activeInstr = new Set((await db.selectFrom('instructor').select('id').where('status', '=', 'active').where('kind', '=', 'instructor').execute()).map((r) => r.id));
    const wantInstr = [...c.model.instructors.keys()].filter((id) => activeInstr.has(id) && instr.held && o.visible(instr, 'instructor', id));
    const ins = items.filter((i) => i.kind === 'instructor' && c.model.instructors.has(String(i.subjectId)));
    same(problems, 'instructors', sorted(wantInstr), sorted(ins.map((i) => String(i.subjectId))));
    for (const i of ins) same(problems, `markable instructor ${String(i.subjectId)}`, review.held && o.own(review, 'instructor', String(i.subjectId)), i.markable);
  }
  return { op: `appraisalList:${form}`, user, target: '-', problems };
};
