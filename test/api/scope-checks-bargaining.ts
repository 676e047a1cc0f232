import { call } from '../factories/world.js';
import type { Ctx, Op } from './scope-checks-read.js';
import { holds, Oracle, same, scopeOf, type CheckResult } from './scope-oracle.js';
import { manageWant, readStatus } from './scope-checks-union-extra.js';

/**
 * 集体协商 checks of the scope property test, against docs/unions.md ("集体协商"): a union's rounds are
 * read exactly where the union is seen (own place or a current link), `manageable` only by its own
 * place; a step needs union.manage over the union by its own place (seen otherwise: 403 NOT_MANAGED;
 * unseen: 404) and a refusal changes nothing; the drill-down lists exactly the rounds of the active
 * unions seen. One round per union is made on first use; a recorded step is put back.
 */
const roundOfUnion = new Map<string, string>();
const unionIds = (c: Ctx) => [...c.model.unions.keys()];

async function ensureRounds(c: Ctx): Promise<void> {
  if (roundOfUnion.size) return;
  for (const u of unionIds(c)) {
    const r = await c.database.db.insertInto('union_bargaining').values({ union_id: u, contract_kind: 'collective', requested_on: '2026-02-02', requested_by: 'union' })
      .returning('id').executeTakeFirstOrThrow();
    roundOfUnion.set(u, r.id);
  }
}
export const bargainingList: Op = async (c, user, a) => {
  await ensureRounds(c);
  const u = unionIds(c)[a % unionIds(c).length]!;
  const res = await call(c.app, c.sessions[user], 'GET', `/api/unions/${u}/bargaining`);
  if (res.statusCode >= 500) throw new Error(`bargaining of ${u} as ${user}: ${res.statusCode}`);
  const problems: string[] = [];
  const status = readStatus(c, user, u);
  same(problems, 'status', status, res.statusCode);
  if (status === 200 && res.statusCode === 200) {
    const body = res.json() as { items: Array<{ id: string }>; manageable: boolean };
    same(problems, 'rows', [roundOfUnion.get(u)], body.items.map((r) => r.id).filter((id) => id === roundOfUnion.get(u)));
    const g = c.world.users[user].grants;
    same(problems, 'manageable', holds(g, 'union.manage') && new Oracle(c.model).own(scopeOf(g, 'union.manage'), 'union', u), body.manageable);
  }
  return { op: 'bargainingList', user, target: u, problems } satisfies CheckResult;
};

export const bargainingStep: Op = async (c, user, a) => {
  await ensureRounds(c);
  const u = unionIds(c)[a % unionIds(c).length]!;
  const id = roundOfUnion.get(u)!;
  const db = c.database.db;
  const before = await db.selectFrom('union_bargaining').select(['sessions', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
  const active = (await db.selectFrom('union_org').select('status').where('id', '=', u).executeTakeFirstOrThrow()).status === 'active';
  const want = manageWant(c, user, u);
  if (want.status === 200 && !active) want.status = 409;
  const res = await call(c.app, c.sessions[user], 'POST', `/api/bargaining/rounds/${id}/steps`, { step: 'session', version: before.version, heldOn: '2026-03-03', notes: '范围检查' });
  if (res.statusCode >= 500) throw new Error(`step on round of ${u} as ${user}: ${res.statusCode}`);
  const problems: string[] = [];
  same(problems, 'status', want.status, res.statusCode);
  if (res.statusCode === 403) same(problems, 'detail', want.code ?? null, (res.json() as { details?: Array<{ code?: string }> }).details?.[0]?.code === 'NOT_MANAGED' ? 'NOT_MANAGED' : null);
  const after = await db.selectFrom('union_bargaining').select(['sessions', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
  if (res.statusCode === 200) {
    // Put the world back: the round, and the history event the step wrote (the union's event count is part of the oracle's model).
    await db.updateTable('union_bargaining').set({ sessions: JSON.stringify(before.sessions), version: before.version }).where('id', '=', id).execute();
    await db.deleteFrom('union_event').where('union_id', '=', u).where('kind', '=', 'bargaining_session').execute();
  }
  else if (after.version !== before.version) problems.push(`written: refused with ${res.statusCode} but the round changed`);
  return { op: 'bargainingStep', user, target: u, problems, expected: want.code ?? String(want.status) } satisfies CheckResult;
};

/** The drill-down (JSON or XLSX): exactly the rounds of the active unions the reader sees. */
export const bargainingRounds = (form: 'json' | 'xlsx'): Op => async (c, user) => {
  await ensureRounds(c);
  const res = await call(c.app, c.sessions[user], 'GET', form === 'xlsx' ? '/api/bargaining/rounds/export.xlsx' : '/api/bargaining/rounds?limit=500');
  if (res.statusCode >= 500) throw new Error(`bargaining rounds as ${user}: ${res.statusCode}`);
  const problems: string[] = [];
  const read = scopeOf(c.world.users[user].grants, 'union.read');
  same(problems, 'status', read.held ? 200 : 403, res.statusCode);
  if (form === 'json' && read.held && res.statusCode === 200) {
    const active = new Set((await c.database.db.selectFrom('union_org').select('id').where('status', '=', 'active').execute()).map((r) => r.id));
    const o = new Oracle(c.model);
    const want = unionIds(c).filter((u) => active.has(u) && o.visible(read, 'union', u)).map((u) => roundOfUnion.get(u)!).sort();
    const got = (res.json() as { items: Array<{ id: string }> }).items.map((r) => r.id).filter((id) => [...roundOfUnion.values()].includes(id)).sort();
    same(problems, 'rows', want, got);
  }
  return { op: `bargainingRounds${form === 'xlsx' ? 'Export' : ''}`, user, target: '-', problems } satisfies CheckResult;
};
