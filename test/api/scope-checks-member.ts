import ExcelJS from 'exceljs';
import { call } from '../factories/world.js';
import type { Ctx, Op } from './scope-checks-read.js';
import { holds, Oracle, same, scopeOf } from './scope-oracle.js';

/**
 * Member checks of the scope property test, against the oracle of docs/members.md: the list and its
 * XLSX export hold exactly the visible members on the roll, each full or partial; the detail is 200 /
 * 404 / 403 as the member is seen, names the organisation only when it is itself visible, is
 * manageable only through the organisation's own place, and never carries a birth date.
 */
type Json = Record<string, unknown>;
const sorted = (xs: string[]) => [...xs].sort();
const pick = <T>(xs: T[], n: number): T => xs[n % xs.length];

async function get(c: Ctx, user: string, url: string) {
  const res = await call(c.app, c.sessions[user], 'GET', url);
  if (res.statusCode >= 500) throw new Error(`GET ${url} as ${user}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return { status: res.statusCode, body: String(res.headers['content-type'] ?? '').includes('json') ? (res.json() as Json) : {}, raw: res.rawPayload };
}

const onRoll = (c: Ctx, user: string) => {
  const o = new Oracle(c.model);
  const read = scopeOf(c.world.users[user].grants, 'org.read');
  return { o, read, ids: [...c.model.members.values()].filter((m) => m.status !== 'left' && o.memberVisible(read, m.id)).map((m) => m.id) };
};

export const memberDetail: Op = async (c, user, a) => {
  const g = c.world.users[user].grants;
  const o = new Oracle(c.model);
  const id = pick([...c.model.members.keys()], a);
  const read = scopeOf(g, 'org.read');
  const res = await get(c, user, `/api/members/${id}`);
  const problems: string[] = [];
  const status = !read.held ? 403 : o.memberVisible(read, id) ? 200 : 404;
  same(problems, 'status', status, res.status);
  if (status === 200 && res.status === 200) {
    const m = c.model.members.get(id)!;
    const b = res.body;
    same(problems, 'access', o.memberOwn(read, id) ? 'full' : 'partial', b.access);
    same(problems, 'manageable', holds(g, 'org.manage') && o.memberOwn(scopeOf(g, 'org.manage'), id), b.manageable);
    same(problems, 'parent', o.visible(read, 'org', m.org) ? m.org : null, b.orgId ?? null);
    same(problems, 'birthDate', null, (b.person as Json | undefined)?.birthDate ?? null);
  }
  return { op: 'memberDetail', user, target: id, problems };
};

export const memberHistory: Op = async (c, user, a) => {
  const o = new Oracle(c.model);
  const id = pick([...c.model.members.keys()], a);
  const read = scopeOf(c.world.users[user].grants, 'org.read');
  const res = await get(c, user, `/api/members/${id}/history?limit=200`);
  const problems: string[] = [];
  same(problems, 'status', !read.held ? 403 : o.memberVisible(read, id) ? 200 : 404, res.status);
  if (res.status === 200) {
    const events = c.model.members.get(id)?.events ?? 0;
    const full = o.memberOwn(read, id);
    same(problems, 'history', [full ? events : 0, full ? 0 : events], [((res.body.items ?? []) as unknown[]).length, res.body.hiddenCount]);
  }
  return { op: 'memberHistory', user, target: id, problems };
};

export const memberList: Op = async (c, user) => {
  const { o, read, ids } = onRoll(c, user);
  const res = await get(c, user, '/api/members?limit=200');
  const problems: string[] = [];
  same(problems, 'status', read.held ? 200 : 403, res.status);
  if (res.status === 200) {
    const items = res.body.items as Json[];
    same(problems, 'rows', sorted(ids), sorted(items.map((r) => String(r.id))));
    same(problems, 'rows', ids.length, res.body.total);
    for (const r of items) same(problems, 'access', `${String(r.id)}:${o.memberOwn(read, String(r.id)) ? 'full' : 'partial'}`, `${String(r.id)}:${String(r.access)}`);
  }
  return { op: 'memberList', user, target: '-', problems };
};

export const memberExport: Op = async (c, user) => {
  const { read, ids } = onRoll(c, user);
  const res = await get(c, user, '/api/members/export.xlsx');
  const problems: string[] = [];
  same(problems, 'status', read.held ? 200 : 403, res.status);
  if (res.status === 200) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const got: string[] = [];
    sheet.eachRow((r, n) => { if (n > 1) got.push(String(r.getCell(1).value ?? '')); });
    const want = ids.map((id) => c.model.people.get(c.model.members.get(id)!.person)?.name ?? '?');
    same(problems, 'rows', sorted(want), sorted(got));
  }
  return { op: 'memberExport', user, target: '-', problems };
};

/**
 * 流动/失联 list and its export (docs/member-transfers.md): the mobile, lost and suspended members of
 * the caller's organisations by their own place — never through a link (an employer in scope shows
 * the member, but the list is the holding organisation's work).
 */
export const mobility = (format: 'json' | 'xlsx'): Op => async (c, user) => {
  const o = new Oracle(c.model);
  const read = scopeOf(c.world.users[user].grants, 'org.read');
  const want = [...c.model.members.values()].filter((m) => ['mobile', 'lostContact', 'suspended'].includes(m.status) && o.memberOwn(read, m.id));
  const res = await get(c, user, format === 'json' ? '/api/member-mobility?limit=500' : '/api/member-mobility/export.xlsx');
  const problems: string[] = [];
  same(problems, 'status', read.held ? 200 : 403, res.status);
  if (res.status === 200 && format === 'json') {
    same(problems, 'rows', sorted(want.map((m) => m.id)), sorted((res.body.items as Json[]).map((r) => String(r.memberId))));
    same(problems, 'rows', want.length, res.body.total);
  }
  if (res.status === 200 && format === 'xlsx') {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw as unknown as ArrayBuffer);
    const got: string[] = [];
    wb.worksheets[0].eachRow((r, n) => { if (n > 1) got.push(String(r.getCell(1).value ?? '')); });
    same(problems, 'rows', sorted(want.map((m) => c.model.people.get(m.person)?.name ?? '?')), sorted(got));
  }
  return { op: format === 'json' ? 'mobilityList' : 'mobilityExport', user, target: '-', problems };
};
