import { call, TOWNSHIPS } from '../factories/world.js';
import type { Ctx, Op } from './scope-checks-read.js';
import { entIn, holds, same, scopeOf, type CheckResult, type Scope } from './scope-oracle.js';

/**
 * 劳动争议调解 checks of the scope property test, against docs/unions.md ("劳动争议调解 — Who sees and who
 * manages"): a case lies where its body lies (an enterprise committee: its enterprise in scope; a
 * street body: its street under a prefix) and is also read where its employer is in scope; changing it
 * needs union.manage by the body's place (seen otherwise: 403 NOT_MANAGED; unseen: 404) and a refusal
 * changes nothing. Fixtures, made on first use: a committee with a case in every placed enterprise, and
 * a street body per street with a case whose employer lies in another street (the cross-street link).
 */
type Fixture = { id: string; body: { kind: 'enterprise'; ent: string } | { kind: 'street'; region: string }; employer: string };
const cases: Fixture[] = [];

async function ensureCases(c: Ctx): Promise<void> {
  if (cases.length) return;
  const db = c.database.db;
  const ents = [...c.model.ents.values()].filter((e) => e.region);
  const add = async (bodyId: string, body: Fixture['body'], employer: string) => {
    const r = await db.insertInto('mediation_case').values({
      body_id: bodyId, received_on: '2026-11-02', due_on: '2026-11-17', employer_enterprise_id: employer, employer_name: '范围企业',
      category: 'pay', claim: '范围请求', claimed_fen: 0,
    }).returning('id').executeTakeFirstOrThrow();
    cases.push({ id: r.id, body, employer });
  };
  for (const e of ents) {
    const b = await db.insertInto('mediation_body').values({ kind: 'enterprise', name: `范围调解委员会${e.id}`, enterprise_id: e.id }).returning('id').executeTakeFirstOrThrow();
    await add(b.id, { kind: 'enterprise', ent: e.id }, e.id);
  }
  for (const [i, t] of TOWNSHIPS.entries()) {
    const region = t.padEnd(12, '0');
    const b = await db.insertInto('mediation_body').values({ kind: 'street', name: `范围街道调解中心${i}`, region_code: region }).returning('id').executeTakeFirstOrThrow();
    const other = ents.find((e) => !e.region!.startsWith(t));
    if (other) await add(b.id, { kind: 'street', region }, other.id);
  }
  await c.reload();
}

const owned = (c: Ctx, s: Scope, f: Fixture) =>
  s.all || (f.body.kind === 'enterprise' ? entIn(s, c.model.ents.get(f.body.ent)) : s.prefixes.some((p) => (f.body as { region: string }).region.startsWith(p)));
const visible = (c: Ctx, s: Scope, f: Fixture) => owned(c, s, f) || entIn(s, c.model.ents.get(f.employer));
const grants = (c: Ctx, user: string) => c.world.users[user].grants;

const readStatus = (c: Ctx, user: string, f: Fixture) =>
  (!holds(grants(c, user), 'union.read') ? 403 : visible(c, scopeOf(grants(c, user), 'union.read'), f) ? 200 : 404);

function manageWant(c: Ctx, user: string, f: Fixture): { status: number; code?: string } {
  const g = grants(c, user);
  if (!holds(g, 'union.manage')) return { status: 403 };
  const m = scopeOf(g, 'union.manage');
  if (owned(c, m, f)) return { status: 200 };
  if ((holds(g, 'union.read') && visible(c, scopeOf(g, 'union.read'), f)) || visible(c, m, f)) return { status: 403, code: 'NOT_MANAGED' };
  return { status: 404 };
}

export const mediationCaseCount = () => cases.length;

export const mediationRead: Op = async (c, user, a) => {
  await ensureCases(c);
  const f = cases[a % cases.length]!;
  const res = await call(c.app, c.sessions[user], 'GET', `/api/mediation/cases/${f.id}`);
  if (res.statusCode >= 500) throw new Error(`mediation case ${f.id} as ${user}: ${res.statusCode}`);
  const problems: string[] = [];
  const want = readStatus(c, user, f);
  same(problems, 'status', want, res.statusCode);
  if (want === 200 && res.statusCode === 200) {
    const body = res.json() as { access: string; manageable: boolean };
    const g = grants(c, user);
    same(problems, 'access', owned(c, scopeOf(g, 'union.read'), f) ? 'full' : 'partial', body.access);
    same(problems, 'manageable', holds(g, 'union.manage') && owned(c, scopeOf(g, 'union.manage'), f), body.manageable);
  }
  return { op: 'mediationRead', user, target: f.id, problems } satisfies CheckResult;
};

/** The case list (or its export) holds exactly the fixture cases the oracle lets the user read. */
export const mediationList = (format: 'json' | 'xlsx'): Op => async (c, user) => {
  await ensureCases(c);
  const problems: string[] = [];
  const g = grants(c, user);
  const url = format === 'json' ? '/api/mediation/cases?limit=200' : '/api/mediation/cases/export.xlsx';
  const res = await call(c.app, c.sessions[user], 'GET', url);
  if (res.statusCode >= 500) throw new Error(`mediation list as ${user}: ${res.statusCode}`);
  same(problems, 'status', holds(g, 'union.read') ? 200 : 403, res.statusCode);
  if (format === 'json' && res.statusCode === 200) {
    const got = (res.json() as { items: Array<{ id: string }> }).items.map((x) => x.id).filter((id) => cases.some((f) => f.id === id)).sort();
    const want = cases.filter((f) => visible(c, scopeOf(g, 'union.read'), f)).map((f) => f.id).sort();
    same(problems, 'rows', want, got);
  }
  return { op: format === 'json' ? 'mediationList' : 'mediationExport', user, target: 'list', problems } satisfies CheckResult;
};

/** Editing a case's claim: managed by the body's place only; a refusal leaves the case as it was, a success is put back. */
export const mediationEdit: Op = async (c, user, a) => {
  await ensureCases(c);
  const f = cases[a % cases.length]!;
  const db = c.database.db;
  const before = await db.selectFrom('mediation_case').select(['claim', 'version']).where('id', '=', f.id).executeTakeFirstOrThrow();
  const want = manageWant(c, user, f);
  const res = await call(c.app, c.sessions[user], 'PATCH', `/api/mediation/cases/${f.id}`, { version: before.version, claim: `改写请求${user}` });
  if (res.statusCode >= 500) throw new Error(`edit mediation case ${f.id} as ${user}: ${res.statusCode}`);
  const problems: string[] = [];
  same(problems, 'status', want.status, res.statusCode);
  if (res.statusCode === 403) same(problems, 'detail', want.code ?? null, (res.json() as { details?: Array<{ code?: string }> }).details?.[0]?.code === 'NOT_MANAGED' ? 'NOT_MANAGED' : null);
  const after = await db.selectFrom('mediation_case').select(['claim', 'version']).where('id', '=', f.id).executeTakeFirstOrThrow();
  if (res.statusCode === 200) await db.updateTable('mediation_case').set(before).where('id', '=', f.id).execute();
  else if (after.claim !== before.claim || after.version !== before.version) problems.push(`written: refused with ${res.statusCode} but the case changed`);
  return { op: 'mediationEdit', user, target: f.id, problems, expected: want.code ?? String(want.status) } satisfies CheckResult;
};
