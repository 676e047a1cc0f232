import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { todayInChina } from '../../src/domain/org-terms.js';
import { call } from '../factories/world.js';
import type { Ctx, Op } from './scope-checks-read.js';
import { holds, Oracle, same, scopeOf } from './scope-oracle.js';

/**
 * Dues checks of the scope property test (docs/dues.md, "Who does what" and "Two streets"). A
 * member's year statement is 200 / 404 / 403 exactly as the member is seen under org.read (the member
 * oracle of docs/members.md). The month ledger lists exactly an organisation's rows when the
 * organisation is seen, `manageable` only where it is managed by its own place; its export holds the
 * same rows. The dues world (seeded once, below): every member has last month's row in their own
 * organisation and the month before's in another one — as if transferred in from there (mA from
 * street B's 区支部) —, a pending reduction, and every organisation an open last month.
 */
type Json = Record<string, unknown>;
const pick = <T>(xs: T[], n: number): T => xs[n % xs.length];
const sorted = (xs: string[]) => [...xs].sort();

function monthBefore(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 - n, 1));
  return d.toISOString().slice(0, 7);
}
export const THIS_MONTH = todayInChina().slice(0, 7);
export const LAST = monthBefore(THIS_MONTH, 1);
export const EARLIER = monthBefore(THIS_MONTH, 2);
/** A reduction's month far ahead: approving it recomputes no month of the seeded ledger. */
export const FAR_MONTH = '2099-01';

export type LedgerSeed = { id: string; member: string; org: string; month: string };
export type DuesSeed = { ledger: LedgerSeed[]; reductions: Map<string, string> };
const seeds = new WeakMap<Ctx, Promise<DuesSeed>>();

async function seed(c: Ctx): Promise<DuesSeed> {
  const db = c.database.db;
  const members = [...c.model.members.values()];
  const orgs = [...c.model.orgs.keys()];
  const ledger: LedgerSeed[] = [];
  const reductions = new Map<string, string>();
  const fromB = c.cs.members.mA;
  for (const [i, m] of members.entries()) {
    const other = m.id === fromB ? c.cs.orgs['B区支部'] : members[(i + Math.ceil(members.length / 2)) % members.length].org;
    for (const [month, org] of [[LAST, m.org], [EARLIER, other === m.org ? pick(orgs.filter((o) => o !== m.org), i) : other]] as const) {
      const { id } = await db.insertInto('dues_ledger').values({
        member_id: m.id, month, org_id: org, category: 'student', base_fen: null, standard_fen: 20, due_fen: 20, rule_id: 'member.duesMinimal', bracket: '学生党员每月0.2元',
      }).returning('id').executeTakeFirstOrThrow();
      ledger.push({ id, member: m.id, org, month });
    }
    const r = await db.insertInto('dues_reduction').values({ member_id: m.id, from_month: FAR_MONTH, amount_fen: 0 }).returning('id').executeTakeFirstOrThrow();
    reductions.set(m.id, r.id);
  }
  for (const org of orgs) await db.insertInto('dues_month').values({ org_id: org, month: LAST }).execute();
  return { ledger, reductions };
}
/** The dues world, seeded on first use. */
export const duesSeed = (c: Ctx): Promise<DuesSeed> => {
  let s = seeds.get(c);
  if (!s) seeds.set(c, (s = seed(c)));
  return s;
};

/** Everything a dues write may touch: a refused request must leave it unchanged. */
export async function duesFingerprint(c: Ctx): Promise<string> {
  const { rows } = await sql<{ f: string }>`SELECT
    (SELECT coalesce(string_agg(concat_ws(',', id, version, due_fen, paid_fen), ';' ORDER BY id), '') FROM dues_ledger) || '|' ||
    (SELECT coalesce(string_agg(concat_ws(',', org_id, month, status, reopen_reason), ';' ORDER BY org_id, month), '') FROM dues_month) || '|' ||
    (SELECT coalesce(string_agg(concat_ws(',', id, approved_on, withdrawn_on), ';' ORDER BY id), '') FROM dues_reduction) || '|' ||
    (SELECT count(*)::text FROM dues_payment) AS f`.execute(c.database.db);
  return rows[0].f;
}

export const duesStatement: Op = async (c, user, a) => {
  const ids = [...c.model.members.keys()];
  const id = ids[a % ids.length];
  const read = scopeOf(c.world.users[user].grants, 'org.read');
  const res = await call(c.app, c.sessions[user], 'GET', `/api/dues/members/${id}/statement?year=2026`);
  if (res.statusCode >= 500) throw new Error(`statement ${id} as ${user}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  const problems: string[] = [];
  same(problems, 'status', !read.held ? 403 : new Oracle(c.model).memberVisible(read, id) ? 200 : 404, res.statusCode);
  if (res.statusCode === 200) same(problems, 'memberId', id, (res.json() as { memberId: string }).memberId);
  return { op: 'duesStatement', user, target: id, problems };
};

/** The month ledger of an organisation (JSON or XLSX): 200 with exactly its rows when the organisation is seen. */
export const duesLedger = (format: 'json' | 'xlsx'): Op => async (c, user, a, b) => {
  const { ledger } = await duesSeed(c);
  const org = pick([...c.model.orgs.keys()], a);
  const month = b % 2 ? LAST : EARLIER;
  const g = c.world.users[user].grants;
  const read = scopeOf(g, 'org.read');
  const o = new Oracle(c.model);
  const url = format === 'json' ? `/api/dues/ledger?orgId=${org}&month=${month}&limit=200` : `/api/dues/ledger/export.xlsx?orgId=${org}&month=${month}`;
  const res = await call(c.app, c.sessions[user], 'GET', url);
  if (res.statusCode >= 500) throw new Error(`${url} as ${user}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  const problems: string[] = [];
  same(problems, 'status', !read.held ? 403 : o.visible(read, 'org', org) ? 200 : 404, res.statusCode);
  if (res.statusCode === 200) {
    const want = ledger.filter((l) => l.org === org && l.month === month);
    const manageable = holds(g, 'org.manage') && o.own(scopeOf(g, 'org.manage'), 'org', org);
    if (format === 'json') {
      const body = res.json() as Json;
      const items = body.items as Json[];
      same(problems, 'rows', sorted(want.map((l) => l.id)), sorted(items.map((r) => String(r.id))));
      same(problems, 'manageable', manageable, body.manageable);
      for (const r of items) same(problems, 'manageable', `${String(r.id)}:${manageable}`, `${String(r.id)}:${String(r.manageable)}`);
    } else {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const got: string[] = [];
      wb.worksheets[0].eachRow((r, n) => { if (n > 1) got.push(String(r.getCell(1).value ?? '')); });
      const name = (member: string) => c.model.people.get(c.model.members.get(member)?.person ?? '')?.name ?? '?';
      same(problems, 'rows', sorted(want.map((l) => name(l.member))), sorted(got));
    }
  }
  return { op: format === 'json' ? 'duesLedgerList' : 'duesLedgerExport', user, target: `${org}@${month}`, problems };
};
