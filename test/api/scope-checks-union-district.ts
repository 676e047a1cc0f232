import { call } from '../factories/world.js';
import type { Ctx, Op } from './scope-checks-read.js';
import { Oracle, same, scopeOf, type CheckResult } from './scope-oracle.js';

/**
 * District-view checks of the scope property test, against docs/unions.md ("工会服务 — district pages",
 * "在统计和月通报中"): the 帮扶 roll-up counts the files of exactly the unions the reader sees under
 * union.read (own place or a current link), each under its union's own street (9 digits; none: ''); the
 * 劳务派遣 rows are exactly the seen unions keeping a roster, with their active and dispatched members.
 * The expected answer is built from the database rows and the oracle, not from the scope SQL. Fixture,
 * made on first use: one closed 帮扶 file per union (counted in `files`), on a person the world already has.
 */
let seeded = false;
async function ensureFiles(c: Ctx): Promise<void> {
  if (seeded) return;
  seeded = true;
  // A closed file on an existing person: no member, person or open file is added, so the other ops'
  // oracles (member lists, 帮扶 applications) meet the world they expect.
  const person = [...c.model.people.keys()][0]!;
  for (const u of c.model.unions.keys()) {
    await c.database.db.insertInto('union_hardship_file').values({
      union_id: u, person_id: person, level: 'deep', reasons: ['illness'], applied_on: '2025-01-02', status: 'closed', approved_on: '2025-01-03',
      closed_on: '2025-06-01', close_reason: '范围检查脱困',
    }).execute();
  }
}

const seen = (c: Ctx, user: string) => {
  const read = scopeOf(c.world.users[user].grants, 'union.read');
  const o = new Oracle(c.model);
  return { held: read.held, sees: (u: string) => read.held && o.visible(read, 'union', u) };
};

export const hardshipRollupScope: Op = async (c, user) => {
  await ensureFiles(c);
  const res = await call(c.app, c.sessions[user], 'GET', '/api/hardship/rollup');
  if (res.statusCode >= 500) throw new Error(`hardship rollup as ${user}: ${res.statusCode}`);
  const problems: string[] = [];
  const s = seen(c, user);
  same(problems, 'status', s.held ? 200 : 403, res.statusCode);
  if (res.statusCode === 200) {
    const files = await c.database.db.selectFrom('union_hardship_file as f').innerJoin('union_org as u', 'u.id', 'f.union_id')
      .select(['f.union_id', 'u.region_code']).execute();
    const want = new Map<string, number>();
    for (const f of files) if (s.sees(String(f.union_id))) want.set(f.region_code?.slice(0, 9) ?? '', (want.get(f.region_code?.slice(0, 9) ?? '') ?? 0) + 1);
    const got = new Map((res.json() as { rows: Array<{ region: string; files: number }> }).rows.map((r) => [r.region, r.files]));
    same(problems, 'files by street', JSON.stringify([...want].sort()), JSON.stringify([...got].sort()));
  }
  return { op: 'hardshipRollup', user, target: 'rollup', problems } satisfies CheckResult;
};

export const dispatchedScope: Op = async (c, user) => {
  const res = await call(c.app, c.sessions[user], 'GET', '/api/union-members/dispatched?limit=200');
  if (res.statusCode >= 500) throw new Error(`dispatched rows as ${user}: ${res.statusCode}`);
  const problems: string[] = [];
  const s = seen(c, user);
  same(problems, 'status', s.held ? 200 : 403, res.statusCode);
  if (res.statusCode === 200) {
    const rows = await c.database.db.selectFrom('union_member as m').innerJoin('union_org as u', 'u.id', 'm.union_id')
      .select(['m.union_id', 'm.dispatched']).where('m.status', '=', 'active').where('u.roster_since', 'is not', null).execute();
    const want = new Map<string, [number, number]>();
    for (const r of rows) {
      const u = String(r.union_id);
      if (!s.sees(u)) continue;
      const [n, d] = want.get(u) ?? [0, 0];
      want.set(u, [n + 1, d + (r.dispatched ? 1 : 0)]);
    }
    const got = new Map((res.json() as { items: Array<{ unionId: string; members: number; dispatched: number }> }).items.map((i) => [i.unionId, [i.members, i.dispatched]]));
    same(problems, 'unions with members and dispatched', JSON.stringify([...want].sort()), JSON.stringify([...got].sort()));
  }
  return { op: 'dispatched', user, target: 'dispatched', problems } satisfies CheckResult;
};
