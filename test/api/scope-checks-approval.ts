import { call } from '../factories/world.js';
import type { Ctx, Op } from './scope-checks-read.js';
import { Oracle, same, scopeOf } from './scope-oracle.js';

/**
 * The approval engine in the scope property test, against docs/approvals.md ("Who decides"): a
 * request is seen where its organisation is seen (own place or a current link) and by its requester;
 * a level is decided only by a holder of that level's role whose grant owns the organisation by its
 * own place — never through a link, never one's own request. A street officer meeting the other
 * street's joint branch that covers one of their enterprises sees the request and gets 403
 * NOT_MANAGED; nothing is written on any refusal. Each check decides a fresh pending request (sys
 * the requester) at the 社区 or 街道 level of a three-level flow, so no check applies a step.
 */
const LEVELS = ['community_officer', 'township_officer', 'org_admin'] as const;
const caseOfOrg = new Map<string, string>();

async function ensureCases(c: Ctx): Promise<void> {
  if (caseOfOrg.size) return;
  const db = c.database.db;
  for (const orgId of c.model.orgs.keys()) {
    const p = await db.insertInto('person').values({ name: `审批检查对象${orgId}`, region_code: null }).returning('id').executeTakeFirstOrThrow();
    const r = await db.insertInto('recruitment_case').values({ person_id: p.id, org_id: orgId, applied_on: '2024-01-10' }).returning('id').executeTakeFirstOrThrow();
    caseOfOrg.set(orgId, r.id);
  }
  await c.reload();
}

/** A fresh request of the organisation's case at `level` (an earlier one of the same case is set aside first). */
async function freshRequest(c: Ctx, org: string, level: number): Promise<{ id: string; version: number }> {
  const db = c.database.db;
  const caseId = caseOfOrg.get(org)!;
  await db.updateTable('approval_request').set({ state: 'withdrawn' }).where('subject_id', '=', caseId).where('state', 'in', ['pending', 'returned']).execute();
  return db.insertInto('approval_request').values({
    kind: 'recruitment.admission', subject_table: 'recruitment_case', subject_id: caseId, party_org_id: org, subject_label: '审批检查对象（接收预备党员）',
    payload: JSON.stringify({ approverOrgId: org }), levels: JSON.stringify(LEVELS), current_level: level, state: 'pending', requester_user_id: c.world.users.sys.id,
  }).returning(['id', 'version']).executeTakeFirstOrThrow();
}

export const approvalDecide: Op = async (c, user, a, b) => {
  await ensureCases(c);
  const orgs = [...caseOfOrg.keys()];
  const org = orgs[a % orgs.length]!;
  const level = b % 2;
  const r = await freshRequest(c, org, level);
  const g = c.world.users[user].grants;
  const o = new Oracle(c.model);
  const read = scopeOf(g, 'org.read');
  const ownsAs = (role: string) => o.own(scopeOf(g.filter((x) => x.role === role), 'approval.decide'), 'org', org);
  const seen = user === 'sys' || (read.held && o.visible(read, 'org', org));
  const want = !seen ? [404, 'NOT_FOUND']
    : user === 'sys' ? [403, 'OWN_REQUEST']
      : ownsAs(LEVELS[level]) ? [200, null]
        : LEVELS.some(ownsAs) ? [403, 'NOT_YOUR_LEVEL'] : [403, 'NOT_MANAGED'];
  const steps = async () => Number((await c.database.db.selectFrom('approval_step').select((eb) => eb.fn.countAll<string>().as('n')).where('request_id', '=', r.id).executeTakeFirstOrThrow()).n);
  const res = await call(c.app, c.sessions[user], 'POST', `/api/approvals/${r.id}/decision`, { version: r.version, decision: 'approve' });
  if (res.statusCode >= 500) throw new Error(`decision as ${user}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  const problems: string[] = [];
  same(problems, 'status', want[0], res.statusCode);
  const body = res.json() as { code?: string; details?: Array<{ code?: string }> };
  if (want[0] === 403) same(problems, 'code', want[1], body.details?.[0]?.code);
  if (want[0] !== 200) {
    const now = await c.database.db.selectFrom('approval_request').select(['version', 'current_level']).where('id', '=', r.id).executeTakeFirstOrThrow();
    same(problems, 'nothing written', [r.version, level, 0], [now.version, now.current_level, await steps()]);
  }
  return { op: 'approvalDecide', user, target: `${org}@${LEVELS[level]}`, problems };
};

/**
 * 撤回 (docs/approvals.md, "Withdrawing"): a fresh request, pending or returned, asked by sys (who still
 * manages every organisation) or by an account that no longer holds any grant (a secretary replaced).
 * The requester withdraws while they manage the record; once they do not, whoever manages it by its own
 * place does — never through a link; anyone else seeing it gets 403, not seeing it 404; nothing written on a refusal.
 */
export const approvalWithdraw: Op = async (c, user, a, b) => {
  await ensureCases(c);
  const orgs = [...caseOfOrg.keys()];
  const org = orgs[a % orgs.length]!;
  const gone = b % 2 === 1;
  const r = await freshRequest(c, org, 1);
  const requester = gone ? await goneAccount(c) : c.world.users.sys.id;
  const state = Math.floor(b / 2) % 2 ? 'returned' : 'pending';
  const set = await c.database.db.updateTable('approval_request').set({ requester_user_id: requester, state }).where('id', '=', r.id).returning('version').executeTakeFirstOrThrow();
  const g = c.world.users[user].grants;
  const o = new Oracle(c.model);
  const read = scopeOf(g, 'org.read');
  const manage = scopeOf(g, 'org.manage');
  const manages = user === 'sys' || (manage.held && o.own(manage, 'org', org));
  const seen = user === 'sys' || (read.held && o.visible(read, 'org', org));
  const want = !seen ? [404, 'NOT_FOUND'] : !manages ? [403, 'NOT_MANAGED'] : user === 'sys' || gone ? [200, null] : [403, 'NOT_REQUESTER'];
  const res = await call(c.app, c.sessions[user], 'POST', `/api/approvals/${r.id}/withdraw`, { version: set.version });
  if (res.statusCode >= 500) throw new Error(`withdraw as ${user}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  const problems: string[] = [];
  same(problems, 'status', want[0], res.statusCode);
  if (want[0] === 403) same(problems, 'code', want[1], (res.json() as { details?: Array<{ code?: string }> }).details?.[0]?.code);
  const now = await c.database.db.selectFrom('approval_request').select(['version', 'state']).where('id', '=', r.id).executeTakeFirstOrThrow();
  same(problems, 'state', want[0] === 200 ? 'withdrawn' : state, now.state);
  if (want[0] !== 200) same(problems, 'nothing written', set.version, now.version);
  return { op: 'approvalWithdraw', user, target: `${org}:${state}${gone ? ':requester gone' : ''}`, problems };
};

/** An account whose grants are all gone (looked up by name, made once per database). */
async function goneAccount(c: Ctx): Promise<string> {
  const db = c.database.db;
  const had = await db.selectFrom('app_user').select('id').where('username', '=', 'scopeFormerSecretary').executeTakeFirst();
  if (had) return had.id;
  return (await db.insertInto('app_user').values({ username: 'scopeFormerSecretary', display_name: '原书记', password_hash: 'x', must_change_password: false }).returning('id').executeTakeFirstOrThrow()).id;
}
