import { call } from '../factories/world.js';
import type { Ctx, Op } from './scope-checks-read.js';
import { holds, Oracle, same, scopeOf, type CheckResult } from './scope-oracle.js';

/**
 * Union committee, 职代会 and union-service checks of the scope property test, against docs/unions.md
 * ("委员会与换届选举", "职工代表大会", "工会服务"): a union's committee, congresses, services, competitions
 * and 经费 months are read exactly where the union is seen (own place or a current link) and
 * `manageable` only by its own place; recording a 劳动竞赛 needs union.manage over the union by its own
 * place (seen otherwise: 403 NOT_MANAGED; unseen: 404; a dissolved union: 409) and a refusal writes
 * nothing. A competition recorded by a draw is taken back with its history event.
 */
const unionIds = (c: Ctx) => [...c.model.unions.keys()];
const pick = (c: Ctx, a: number) => unionIds(c)[a % unionIds(c).length]!;

/** A union read's status: 403 without union.read, 404 where the union is not seen, else 200. */
export function readStatus(c: Ctx, user: string, u: string): number {
  const read = scopeOf(c.world.users[user].grants, 'union.read');
  return !read.held ? 403 : new Oracle(c.model).visible(read, 'union', u) ? 200 : 404;
}

/** A union write's answer: `ok` by the union's own place, 403 NOT_MANAGED where only seen, 404 unseen. */
export function manageWant(c: Ctx, user: string, u: string, ok = 200): { status: number; code?: string } {
  const g = c.world.users[user].grants;
  const o = new Oracle(c.model);
  const manage = scopeOf(g, 'union.manage');
  if (!manage.held) return { status: 403 };
  if (o.own(manage, 'union', u)) return { status: ok };
  return o.visible(scopeOf(g, 'union.read'), 'union', u) || o.visible(manage, 'union', u) ? { status: 403, code: 'NOT_MANAGED' } : { status: 404 };
}

/** `GET /api/unions/:id/<part>`: the status, and `manageable` where the answer carries it. */
export const unionPart = (op: string, part: string): Op => async (c, user, a) => {
  const u = pick(c, a);
  const res = await call(c.app, c.sessions[user], 'GET', `/api/unions/${u}/${part}`);
  if (res.statusCode >= 500) throw new Error(`${part} of ${u} as ${user}: ${res.statusCode}`);
  const problems: string[] = [];
  const status = readStatus(c, user, u);
  same(problems, 'status', status, res.statusCode);
  if (status === 200 && res.statusCode === 200 && !part.endsWith('.xlsx')) {
    const body = res.json() as { manageable?: boolean };
    const g = c.world.users[user].grants;
    if (typeof body.manageable === 'boolean') same(problems, 'manageable', holds(g, 'union.manage') && new Oracle(c.model).own(scopeOf(g, 'union.manage'), 'union', u), body.manageable);
  }
  return { op, user, target: u, problems } satisfies CheckResult;
};

export const competitionAdd: Op = async (c, user, a) => {
  const u = pick(c, a);
  const db = c.database.db;
  const count = async () => Number((await db.selectFrom('union_competition').select((e) => e.fn.countAll().as('n')).where('union_id', '=', u).executeTakeFirstOrThrow()).n);
  const before = await count();
  const want = manageWant(c, user, u, 201);
  const active = (await db.selectFrom('union_org').select('status').where('id', '=', u).executeTakeFirstOrThrow()).status === 'active';
  if (want.status === 201 && !active) want.status = 409;
  const res = await call(c.app, c.sessions[user], 'POST', `/api/unions/${u}/competitions`, { name: '范围检查劳动竞赛', startsOn: '2026-01-05', endsOn: '2026-02-05', participants: 12 });
  if (res.statusCode >= 500) throw new Error(`competition of ${u} as ${user}: ${res.statusCode}`);
  const problems: string[] = [];
  same(problems, 'status', want.status, res.statusCode);
  if (res.statusCode === 403) same(problems, 'detail', want.code ?? null, (res.json() as { details?: Array<{ code?: string }> }).details?.[0]?.code === 'NOT_MANAGED' ? 'NOT_MANAGED' : null);
  if (res.statusCode === 201) {
    // Put the world back: the row and the history event (the union's event count is part of the model).
    await db.deleteFrom('union_competition').where('union_id', '=', u).where('name', '=', '范围检查劳动竞赛').execute();
    await db.deleteFrom('union_event').where('union_id', '=', u).where('kind', '=', 'competition').execute();
  } else if (await count() !== before) problems.push(`written: refused with ${res.statusCode} but a competition was added`);
  return { op: 'competitionAdd', user, target: u, problems, expected: want.code ?? String(want.status) } satisfies CheckResult;
};
