import { COMMUNITIES, call } from '../factories/world.js';
import { MANAGE, READ, Oracle, entIn, fingerprint, holds, same, scopeOf, type CheckResult, type Kind, type Link, type Model } from './scope-oracle.js';
import type { Ctx, Op } from './scope-checks-read.js';

/**
 * Write checks of the scope property test. The oracle says 2xx, 403 (capability), 403 NOT_MANAGED,
 * 403 ENTERPRISE_OUT_OF_SCOPE or 404 (docs/organisations.md, "Managing" and "Answers"). A refusal
 * must leave every table the model reads unchanged; a success is undone straight in the tables
 * afterwards (links deleted or reopened, places put back), so the world does not drift and later
 * draws keep meeting the fixture's cases.
 */
type Want = { status: number; detail?: 'NOT_MANAGED' | 'ENTERPRISE_OUT_OF_SCOPE' };
type Plan = { want: Want; method: string; url: string; payload: unknown; undo?: (body: Record<string, unknown>) => Promise<void> };

const BASE: Record<Kind, string> = { org: '/api/party-orgs', union: '/api/unions', instructor: '/api/instructors' };
const LINK_PATH: Record<Kind, string> = { org: 'coverage', union: 'coverage', instructor: 'assignments' };
const LINK_TABLE = { org: 'party_org_coverage', union: 'union_coverage', instructor: 'instructor_assignment' } as const;
const pick = <T>(xs: T[], n: number): T => xs[n % xs.length];
const ids = (m: Model, kind: Kind) => [...(kind === 'org' ? m.orgs : kind === 'union' ? m.unions : m.instructors).keys()];


/** The record gate: the manage action, then the record by its own place; seen-but-not-managed is NOT_MANAGED. */
function gate(c: Ctx, user: string, kind: Kind, id: string): Want | null {
  const o = new Oracle(c.model);
  const g = c.world.users[user].grants;
  const manage = scopeOf(g, MANAGE[kind]);
  if (!manage.held) return { status: 403 };
  if (o.own(manage, kind, id)) return null;
  return o.visible(scopeOf(g, READ[kind]), kind, id) || o.visible(manage, kind, id) ? { status: 403, detail: 'NOT_MANAGED' } : { status: 404 };
}

const inManage = (c: Ctx, user: string, kind: Kind, enterprise: string) =>
  entIn(scopeOf(c.world.users[user].grants, MANAGE[kind]), c.model.ents.get(enterprise));

async function run(c: Ctx, op: string, user: string, target: string, plan: Plan): Promise<CheckResult> {
  const before = c.fingerprint;
  const res = await call(c.app, c.sessions[user], plan.method, plan.url, plan.payload);
  const body = String(res.headers['content-type'] ?? '').includes('json') ? (res.json() as Record<string, unknown>) : {};
  const problems: string[] = [];
  same(problems, 'status', plan.want.status, res.statusCode);
  if (res.statusCode === 403) {
    const code = ((body.details ?? []) as Array<{ code?: string }>)[0]?.code;
    const special = code === 'NOT_MANAGED' || code === 'ENTERPRISE_OUT_OF_SCOPE' ? code : undefined;
    if (plan.want.status === 403) same(problems, 'detail', plan.want.detail ?? null, special ?? null);
  }
  if (res.statusCode >= 200 && res.statusCode < 300) {
    await plan.undo?.(body);
    await c.reload();
  } else if ((await fingerprint(c.database)) !== before) {
    problems.push(`written: refused with ${res.statusCode} but the tables changed`);
    await c.reload();
  }
  return { op, user, target, problems, expected: plan.want.detail ?? String(plan.want.status) };
}

/** Adjust a plain field (version-checked); 200 when managed. */
export const adjust = (kind: Kind): Op => async (c, user, a, b) => {
  const id = pick(ids(c.model, kind), a);
  const version = (kind === 'org' ? c.model.orgs : kind === 'union' ? c.model.unions : c.model.instructors).get(id)?.version ?? 1;
  const payload = kind === 'org' ? { version, changes: { fullMembers: b % 40 } } : kind === 'union' ? { version, changes: { members: 40 + (b % 40) } } : { version, status: 'active' };
  return run(c, `${kind}Adjust`, user, id, { want: gate(c, user, kind, id) ?? { status: 200 }, method: 'PATCH', url: `${BASE[kind]}/${id}`, payload });
};

/** Move an organisation or union to another community: needs the old place managed and the new region in the manage prefixes. */
export const move = (kind: 'org' | 'union'): Op => async (c, user, a, b) => {
  const id = pick(ids(c.model, kind), a);
  const rec = (kind === 'org' ? c.model.orgs : c.model.unions).get(id);
  const region = pick(COMMUNITIES.filter((x) => x !== rec?.region), b);
  const manage = scopeOf(c.world.users[user].grants, MANAGE[kind]);
  const newOk = manage.all || manage.prefixes.some((p) => region.startsWith(p));
  const want = gate(c, user, kind, id) ?? (newOk ? { status: 200 } : { status: 403 });
  const table = kind === 'org' ? 'party_org' : 'union_org';
  return run(c, `${kind}Move`, user, `${id}→${region}`, {
    want, method: 'PATCH', url: `${BASE[kind]}/${id}`, payload: { version: rec?.version ?? 1, changes: { regionCode: region } },
    undo: async () => { await c.database.db.updateTable(table).set({ region_code: rec?.region ?? null }).where('id', '=', id).execute(); },
  });
};

/** Add a coverage / assignment: the record managed, then the enterprise in the manage scope (else 404). */
export const addLink = (kind: Kind): Op => async (c, user, a, b) => {
  const id = pick(ids(c.model, kind), a);
  const o = new Oracle(c.model);
  const open = new Set(o.links(kind, id).filter((l) => l.until === null).map((l) => l.enterprise));
  const enterprise = pick([...c.model.ents.keys()].filter((e) => !open.has(e)), b);
  const want = gate(c, user, kind, id) ?? (inManage(c, user, kind, enterprise) ? { status: 201 } : { status: 404 });
  return run(c, `${kind}LinkAdd`, user, `${id}+${enterprise}`, {
    want, method: 'POST', url: `${BASE[kind]}/${id}/${LINK_PATH[kind]}`, payload: { enterpriseId: enterprise, since: '2025-06-01' },
    undo: async (body) => { await c.database.db.deleteFrom(LINK_TABLE[kind]).where('id', '=', String(body.id)).execute(); },
  });
};

/** End a current coverage / assignment: the record managed, then the enterprise in the manage scope (else 403 ENTERPRISE_OUT_OF_SCOPE). */
export const endLink = (kind: Kind): Op => async (c, user, a) => {
  const current: Link[] = (kind === 'org' ? c.model.orgLinks : kind === 'union' ? c.model.unionLinks : c.model.assignments).filter((l) => l.until === null);
  const link = pick(current, a);
  const want = gate(c, user, kind, link.owner) ?? (inManage(c, user, kind, link.enterprise) ? { status: 200 } : { status: 403, detail: 'ENTERPRISE_OUT_OF_SCOPE' as const });
  return run(c, `${kind}LinkEnd`, user, `${link.owner}/${link.id}(${link.enterprise})`, {
    want, method: 'POST', url: `${BASE[kind]}/${link.owner}/${LINK_PATH[kind]}/${link.id}/end`, payload: { until: '2026-01-01' },
    undo: async () => { await c.database.db.updateTable(LINK_TABLE[kind]).set({ until: null }).where('id', '=', link.id).execute(); },
  });
};

/** Log a visit: the instructor managed, the enterprise in the manage scope (else 404). */
export const visit: Op = async (c, user, a, b) => {
  const id = pick(ids(c.model, 'instructor'), a);
  const enterprise = pick([...c.model.ents.keys()], b);
  const want = gate(c, user, 'instructor', id) ?? (inManage(c, user, 'instructor', enterprise) ? { status: 201 } : { status: 404 });
  return run(c, 'instructorVisit', user, `${id}@${enterprise}`, {
    want, method: 'POST', url: `/api/instructors/${id}/visits`, payload: { enterpriseId: enterprise, visitedOn: '2025-02-01', notes: '性质测试走访' },
    undo: async (body) => { await c.database.db.deleteFrom('visit_log').where('id', '=', String(body.id)).execute(); },
  });
};

/** Appoint a committee member: the organisation managed, then the person visible to the caller (else 404). */
export const appoint: Op = async (c, user, a, b) => {
  const id = pick(ids(c.model, 'org'), a);
  const holding = new Set(c.model.positions.filter((p) => p.owner === id && p.until === null).map((p) => p.person));
  const person = pick([...c.model.people.keys()].filter((p) => !holding.has(p)), b);
  const want = gate(c, user, 'org', id) ?? (new Oracle(c.model).personVisible(c.world.users[user].grants, person) ? { status: 201 } : { status: 404 });
  return run(c, 'orgAppoint', user, `${id}+person ${person}`, {
    want, method: 'POST', url: `/api/party-orgs/${id}/positions`, payload: { personId: person, position: 'committeeMember', since: '2025-03-01' },
    undo: async (body) => { await c.database.db.deleteFrom('org_position').where('id', '=', String(body.id)).execute(); },
  });
};

/** Update a person: a manage action, then the person manageable; visible only → NOT_MANAGED; unseen → 404. */
export const updatePerson: Op = async (c, user, a) => {
  const id = pick([...c.model.people.keys()], a);
  const g = c.world.users[user].grants;
  const o = new Oracle(c.model);
  const p = c.model.people.get(id);
  const want: Want = !['org.manage', 'union.manage', 'instructor.manage'].some((x) => holds(g, x as 'org.manage')) ? { status: 403 }
    : o.personManageable(g, id) ? { status: 200 } : o.personVisible(g, id) ? { status: 403, detail: 'NOT_MANAGED' } : { status: 404 };
  return run(c, 'personUpdate', user, id, { want, method: 'PATCH', url: `/api/people/${id}`, payload: { name: p?.name ?? 'x', version: p?.version ?? 1 } });
};

/** 党员名册启用日期: the organisation managed by its own place (a link shows, never manages: NOT_MANAGED); 200, then put back. */
export const rosterSince: Op = async (c, user, a) => {
  const id = pick(ids(c.model, 'org'), a);
  const version = c.model.orgs.get(id)?.version ?? 1;
  return run(c, 'orgRosterSince', user, id, {
    want: gate(c, user, 'org', id) ?? { status: 200 }, method: 'POST', url: `/api/party-orgs/${id}/roster-since`, payload: { version, rosterSince: '2026-11-02' },
    undo: async () => { await c.database.db.updateTable('party_org').set({ roster_since: null }).where('id', '=', id).execute(); },
  });
};
