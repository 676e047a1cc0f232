import { sql } from 'kysely';
import { call } from '../factories/world.js';
import type { Ctx, Op } from './scope-checks-read.js';
import { Oracle, same, scopeOf, type CheckResult } from './scope-oracle.js';

/**
 * The district 经费 roll-up and 帮扶 list, and 生成当月经费, in the scope property test, against
 * docs/unions.md ("工会服务": "Who sees and who manages", "工会经费", "困难职工帮扶"). Read: without
 * union.read 403; else exactly the unions seen under union.read — own place or a current link, so a
 * street counts the other street's union that covers one of its enterprises — grouped by the union's
 * street (its region's first 9 digits; none: 未登记属地), and the drill-down's lines add up to the roll-up.
 * Managed: 生成当月经费 makes a line for exactly the active unions managed by their own place (founded by
 * the month's end, with a typed payroll) — a union seen through a link is never billed by the reader.
 * Every union gets one line of June 2019 and one 帮扶 file on first use (a year no other check uses).
 */
const unionIds = (c: Ctx) => [...c.model.unions.keys()];
let seeded = false;
const fileOf = new Map<string, string>();

async function ensureSeed(c: Ctx): Promise<void> {
  if (seeded) return;
  const db = c.database.db;
  for (const [i, u] of unionIds(c).entries()) {
    await db.insertInto('union_funds_month').values({ union_id: u, month: '2019-06-01', payroll_fen: 100_000 * (i + 1), due_fen: 2_000 * (i + 1), due_on: '2019-06-15' }).execute();
    // A 帮扶 file needs a person; any seeded person serves (the list reads the file's union, not the person's place).
    const person = [...c.model.people.keys()][i % c.model.people.size]!;
    const f = await db.insertInto('union_hardship_file').values({ union_id: u, person_id: person, level: 'relative', reasons: ['illness'], applied_on: '2019-06-03' })
      .returning('id').executeTakeFirstOrThrow();
    fileOf.set(u, f.id);
  }
  seeded = true;
}

/** The street a union is counted under (docs: the union's region code, 9 digits; none: ''). */
const streetOf = (c: Ctx, u: string) => c.model.unions.get(u)?.region?.slice(0, 9) ?? '';

function seenUnions(c: Ctx, user: string): { held: boolean; ids: string[] } {
  const read = scopeOf(c.world.users[user].grants, 'union.read');
  const o = new Oracle(c.model);
  return { held: read.held, ids: read.held ? unionIds(c).filter((u) => o.visible(read, 'union', u)) : [] };
}

export const fundsRollup: Op = async (c, user) => {
  await ensureSeed(c);
  const res = await call(c.app, c.sessions[user], 'GET', '/api/union-funds/rollup?year=2019');
  if (res.statusCode >= 500) throw new Error(`funds rollup as ${user}: ${res.statusCode}`);
  const problems: string[] = [];
  const seen = seenUnions(c, user);
  same(problems, 'status', seen.held ? 200 : 403, res.statusCode);
  if (seen.held && res.statusCode === 200) {
    const body = res.json() as { rows: Array<{ region: string; unions: number }>; sum: { unions: number; lines: number } };
    const want = new Map<string, number>();
    for (const u of seen.ids) want.set(streetOf(c, u), (want.get(streetOf(c, u)) ?? 0) + 1);
    same(problems, 'rows', [...want].sort(), body.rows.filter((r) => r.unions > 0).map((r) => [r.region, r.unions]).sort());
    same(problems, 'sum', seen.ids.length, body.sum.unions);
    const lines = await call(c.app, c.sessions[user], 'GET', '/api/union-funds/lines?year=2019&limit=200');
    same(problems, 'drill', body.sum.lines, (lines.json() as { total: number }).total);
  }
  return { op: 'fundsRollup', user, target: '2019', problems } satisfies CheckResult;
};

export const hardshipList: Op = async (c, user) => {
  await ensureSeed(c);
  const res = await call(c.app, c.sessions[user], 'GET', '/api/hardship?limit=200');
  if (res.statusCode >= 500) throw new Error(`hardship list as ${user}: ${res.statusCode}`);
  const problems: string[] = [];
  const seen = seenUnions(c, user);
  same(problems, 'status', seen.held ? 200 : 403, res.statusCode);
  if (problems.length) problems.push(`answer: ${res.body.slice(0, 200)}`);
  if (seen.held && res.statusCode === 200) {
    const body = res.json() as { items: Array<{ id: string; unionId: string }>; total: number };
    const mine = new Set(fileOf.values());
    same(problems, 'rows', seen.ids.map((u) => fileOf.get(u)!).sort(), body.items.filter((r) => mine.has(r.id)).map((r) => r.id).sort());
  }
  return { op: 'hardshipList', user, target: '-', problems } satisfies CheckResult;
};

export const fundsGenerate: Op = async (c, user) => {
  const db = c.database.db;
  const g = c.world.users[user].grants;
  const manage = scopeOf(g, 'union.manage');
  const o = new Oracle(c.model);
  const billable = new Set((await db.selectFrom('union_org').select('id').where('status', '=', 'active').where('monthly_payroll', 'is not', null)
    .where((e) => e.or([e('founded_on', 'is', null), e('founded_on', '<=', sql<string>`'2019-07-31'::date`)])).execute()).map((r) => r.id));
  const want = manage.held ? unionIds(c).filter((u) => billable.has(u) && o.own(manage, 'union', u)).sort() : [];
  const res = await call(c.app, c.sessions[user], 'POST', '/api/union-funds/generate', { month: '2019-07' });
  if (res.statusCode >= 500) throw new Error(`funds generate as ${user}: ${res.statusCode}`);
  const made = (await db.selectFrom('union_funds_month').select('union_id').where(sql<boolean>`month = '2019-07-01'::date`).execute()).map((r) => r.union_id).sort();
  await db.deleteFrom('union_funds_month').where(sql<boolean>`month = '2019-07-01'::date`).execute();
  const problems: string[] = [];
  same(problems, 'status', manage.held ? 200 : 403, res.statusCode);
  same(problems, 'billed', want, made.filter((u) => c.model.unions.has(u)));
  return { op: 'fundsGenerate', user, target: '2019-07', problems } satisfies CheckResult;
};
