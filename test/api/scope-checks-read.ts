import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/database.js';
import type { CrossStreet } from '../factories/cross-street.js';
import { call, type Session, type World } from '../factories/world.js';
import { READ, MANAGE, Oracle, entIn, holds, same, scopeOf, type CheckResult, type Kind, type Model } from './scope-oracle.js';

/**
 * Read checks of the scope property test: each asks the API once and compares the whole answer that
 * scope decides (status, access, links shown, hidden counts, parent, manageable, rows) with the
 * oracle of docs/organisations.md.
 */
export type Ctx = {
  app: FastifyInstance; database: Database; world: World; cs: CrossStreet;
  sessions: Record<string, Session>;
  model: Model;
  /** The tables' fingerprint when `model` was read (scope-oracle.ts). */
  fingerprint: string;
  reload(): Promise<void>;
  /** Where the world's server keeps attachment contents (ops that download a file store one there). */
  attachmentDir?: string;
};
export type Op = (c: Ctx, user: string, a: number, b: number) => Promise<CheckResult>;

const BASE: Record<Kind, string> = { org: '/api/party-orgs', union: '/api/unions', instructor: '/api/instructors' };
const pick = <T>(xs: T[], n: number): T => xs[n % xs.length];
const sorted = (xs: string[]) => [...xs].sort();
type Json = Record<string, unknown>;
const grantsOf = (c: Ctx, user: string) => c.world.users[user].grants;

async function get(c: Ctx, user: string, url: string) {
  const res = await call(c.app, c.sessions[user], 'GET', url);
  if (res.statusCode >= 500) throw new Error(`GET ${url} as ${user}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return { status: res.statusCode, body: String(res.headers['content-type'] ?? '').includes('json') ? (res.json() as Json) : {}, raw: res.rawPayload };
}

/** Organisation, union or instructor detail. */
export const detail = (kind: Kind): Op => async (c, user, a) => {
  const o = new Oracle(c.model);
  const id = pick(kind === 'org' ? [...c.model.orgs.keys()] : kind === 'union' ? [...c.model.unions.keys()] : [...c.model.instructors.keys()], a);
  const g = grantsOf(c, user);
  const read = scopeOf(g, READ[kind]);
  const res = await get(c, user, `${BASE[kind]}/${id}`);
  const problems: string[] = [];
  const status = !read.held ? 403 : o.visible(read, kind, id) ? 200 : 404;
  same(problems, 'status', status, res.status);
  if (status === 200 && res.status === 200) {
    const b = res.body;
    const full = o.own(read, kind, id);
    const inScope = (enterprise: string) => entIn(read, c.model.ents.get(enterprise));
    const links = o.links(kind, id);
    const shown = full ? links : links.filter((l) => inScope(l.enterprise));
    const linkField = kind === 'instructor' ? 'assignments' : 'coverage';
    same(problems, 'access', full ? 'full' : 'partial', b.access);
    same(problems, 'links', sorted(shown.map((l) => `${l.enterprise}:${l.until}`)),
      sorted(((b[linkField] ?? []) as Json[]).map((l) => `${String(l.enterpriseId)}:${String(l.until)}`)));
    same(problems, 'hidden', links.length - shown.length, b[kind === 'instructor' ? 'hiddenAssignmentCount' : 'hiddenCoverageCount']);
    same(problems, 'manageable', holds(g, MANAGE[kind]) && o.own(scopeOf(g, MANAGE[kind]), kind, id), b.manageable);
    same(problems, 'path', false, 'path' in b);
    if (kind === 'instructor') {
      const visits = c.model.visits.filter((v) => v.owner === id);
      const vShown = full ? visits : visits.filter((v) => inScope(v.enterprise));
      same(problems, 'links', sorted(vShown.map((v) => v.enterprise)), sorted(((b.visits ?? []) as Json[]).map((v) => String(v.enterpriseId))));
      same(problems, 'hidden', visits.length - vShown.length, b.hiddenVisitCount);
    } else {
      const rec = o.record(kind, id);
      const events = rec?.events ?? 0;
      // A full view carries the latest 20 events and pages the rest (historyTotal); a partial one only counts them.
      same(problems, 'history', full ? Math.min(events, 20) : 0, ((b.history ?? []) as unknown[]).length);
      same(problems, 'hidden', full ? [events, 0] : [0, events], [b.historyTotal, b.hiddenHistoryCount]);
      const parent = rec?.parent && o.visible(read, kind, rec.parent) ? rec.parent : null;
      same(problems, 'parent', parent, b.parentId ?? null);
      if (kind === 'org') same(problems, 'parent', parent === null, b.parentName === null);
    }
  }
  return { op: `${kind}Detail`, user, target: id, problems };
};

/** The history route of an organisation or union: the events of a full view; a partial view pages nothing, it counts them. */
export const history = (kind: 'org' | 'union'): Op => async (c, user, a) => {
  const o = new Oracle(c.model);
  const id = pick(kind === 'org' ? [...c.model.orgs.keys()] : [...c.model.unions.keys()], a);
  const read = scopeOf(grantsOf(c, user), READ[kind]);
  const res = await get(c, user, `${BASE[kind]}/${id}/history?limit=200`);
  const problems: string[] = [];
  const status = !read.held ? 403 : o.visible(read, kind, id) ? 200 : 404;
  same(problems, 'status', status, res.status);
  if (status === 200 && res.status === 200) {
    const events = o.record(kind, id)?.events ?? 0;
    const full = o.own(read, kind, id);
    same(problems, 'history', full ? events : 0, ((res.body.items ?? []) as unknown[]).length);
    same(problems, 'hidden', full ? 0 : events, res.body.hiddenCount);
  }
  return { op: `${kind}History`, user, target: id, problems };
};

/** Organisation, union or instructor list: exactly the visible records, each with its access and parent. */
export const list = (kind: Kind): Op => async (c, user) => {
  const o = new Oracle(c.model);
  const g = grantsOf(c, user);
  const read = scopeOf(g, READ[kind]);
  const res = await get(c, user, `${BASE[kind]}?limit=500`);
  const problems: string[] = [];
  const status = read.held ? 200 : 403;
  same(problems, 'status', status, res.status);
  if (status === 200 && res.status === 200) {
    const ids = kind === 'org' ? [...c.model.orgs.keys()] : kind === 'union' ? [...c.model.unions.keys()] : [...c.model.instructors.keys()];
    const want = ids.filter((id) => o.visible(read, kind, id));
    const items = res.body.items as Json[];
    same(problems, 'rows', sorted(want), sorted(items.map((r) => String(r.id))));
    for (const r of items.filter((x) => want.includes(String(x.id)))) {
      const id = String(r.id);
      const parent = o.record(kind, id)?.parent ?? null;
      same(problems, 'access', `${id}:${o.own(read, kind, id) ? 'full' : 'partial'}`, `${id}:${String(r.access)}`);
      if (kind !== 'instructor') same(problems, 'parent', `${id}:${parent !== null && o.visible(read, kind, parent) ? parent : null}`, `${id}:${String(r.parentId ?? null)}`);
      same(problems, 'path', false, 'path' in r);
    }
  }
  return { op: `${kind}List`, user, target: '-', problems };
};

const PEOPLE_READ = ['org.read', 'union.read', 'instructor.read', 'user.read'] as const;

/** One person: visible → 200 with the registration region and no birth date; otherwise 404 (403 without a read action). */
export const personDetail = (reveal: boolean): Op => async (c, user, a) => {
  const o = new Oracle(c.model);
  const g = grantsOf(c, user);
  const id = pick([...c.model.people.keys()], a);
  const res = await get(c, user, `/api/people/${id}${reveal ? '?reveal=1' : ''}`);
  const problems: string[] = [];
  const reads = PEOPLE_READ.some((x) => holds(g, x));
  const status = !reads || (reveal && !holds(g, 'pii.view')) ? 403 : o.personVisible(g, id) ? 200 : 404;
  same(problems, 'status', status, res.status);
  if (status === 200 && res.status === 200) {
    const p = c.model.people.get(id);
    same(problems, 'region', p?.region ?? null, res.body.regionCode ?? null);
    same(problems, 'birthDate', reveal ? (p?.birthDate ?? null) : null, res.body.birthDate ?? null);
  }
  return { op: reveal ? 'personReveal' : 'personDetail', user, target: id, problems };
};

/** The people list, and the search by a full phone or ID number (pii.view only; only visible people). */
export const people = (search: 'none' | 'phone' | 'id'): Op => async (c, user, a) => {
  const o = new Oracle(c.model);
  const g = grantsOf(c, user);
  const reads = PEOPLE_READ.some((x) => holds(g, x));
  const problems: string[] = [];
  let target = '-';
  let res;
  let match = (_id: string) => true;
  if (search === 'none') {
    res = await get(c, user, '/api/people?limit=200');
  } else {
    const key = search === 'phone' ? 'pPII' : pick(['pPII', 'pPII2'], a);
    const ref = c.model.people.get(c.cs.people[key]);
    const value = search === 'phone' ? c.cs.pii.phone : key === 'pPII' ? c.cs.pii.idNumber : c.cs.pii.idNumber2;
    match = (id) => (search === 'phone' ? c.model.people.get(id)?.phoneIndex === ref?.phoneIndex : c.model.people.get(id)?.idIndex === ref?.idIndex);
    target = key;
    const r = await call(c.app, c.sessions[user], 'POST', '/api/people/search', search === 'phone' ? { phone: value } : { idNumber: value });
    res = { status: r.statusCode, body: r.json() as Json };
  }
  const status = !reads || (search !== 'none' && !holds(g, 'pii.view')) ? 403 : 200;
  same(problems, 'status', status, res.status);
  if (status === 200 && res.status === 200) {
    const items = res.body.items as Json[];
    same(problems, 'rows', sorted([...c.model.people.keys()].filter((id) => match(id) && o.personVisible(g, id))), sorted(items.map((p) => String(p.id))));
    same(problems, 'birthDate', [], items.filter((p) => p.birthDate !== null).map((p) => String(p.id)));
  }
  return { op: search === 'none' ? 'peopleList' : `peopleSearch:${search}`, user, target, problems };
};

/** The enterprise list and its XLSX export: exactly the enterprises in the enterprise.read / export scope. */
export const enterprises = (format: 'json' | 'xlsx'): Op => async (c, user) => {
  const g = grantsOf(c, user);
  const action = format === 'json' ? 'enterprise.read' : 'enterprise.export';
  const s = scopeOf(g, action);
  const res = await get(c, user, format === 'json' ? '/api/enterprises?limit=200' : '/api/enterprises/export.xlsx');
  const problems: string[] = [];
  const status = s.held ? 200 : 403;
  same(problems, 'status', status, res.status);
  if (status === 200 && res.status === 200) {
    const want = sorted([...c.model.ents.values()].filter((e) => entIn(s, e)).map((e) => e.creditCode));
    let got: string[];
    if (format === 'json') {
      got = (res.body.items as Json[]).map((e) => String(e.creditCode));
    } else {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.raw as unknown as ArrayBuffer);
      const sheet = wb.worksheets[0];
      const header = (sheet.getRow(1).values as unknown[]).findIndex((v) => String(v ?? '').includes('统一社会信用代码'));
      got = [];
      sheet.eachRow((r, n) => { if (n > 1) got.push(String(r.getCell(header).value ?? '')); });
    }
    same(problems, 'rows', want, sorted(got));
  }
  return { op: `enterprises:${format}`, user, target: '-', problems };
};
