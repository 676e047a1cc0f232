import { call } from '../factories/world.js';
import type { Ctx, Op } from './scope-checks-read.js';
import { MANAGE, Oracle, fingerprint, same, scopeOf } from './scope-oracle.js';

/**
 * 党组织合并 in the scope property test, against docs/organisations.md ("Managing", "Merging"): the
 * caller must manage the organisation merged (A) by its own place — else 403 (capability), 403
 * NOT_MANAGED (seen) or 404 — and the receiving one (B) too: B seen only through a link (the other
 * street's joint branch covering one of my enterprises) is 403 NOT_MANAGED, B unseen 404. Each check
 * sends a stale version of A, so a caller entitled to both meets the version check (409) and nothing
 * moves: the world stays as the oracle read it, and every answer must leave every table unchanged.
 */
type Want = { status: number; detail?: 'NOT_MANAGED' };

function gate(c: Ctx, user: string, id: string): Want | null {
  const o = new Oracle(c.model);
  const g = c.world.users[user].grants;
  const manage = scopeOf(g, MANAGE.org);
  if (!manage.held) return { status: 403 };
  if (o.own(manage, 'org', id)) return null;
  return o.visible(scopeOf(g, 'org.read'), 'org', id) || o.visible(manage, 'org', id) ? { status: 403, detail: 'NOT_MANAGED' } : { status: 404 };
}

/** Whether A's direct write is held back by a request under way about it (docs/approvals.md): a 409 before B is read. */
async function guarded(c: Ctx, id: string): Promise<boolean> {
  const r = await c.database.db.selectFrom('approval_request').select(['state', 'kind']).where('subject_table', '=', 'party_org').where('subject_id', '=', id)
    .where('state', 'in', ['pending', 'returned']).executeTakeFirst();
  return !!r && (r.state === 'pending' || r.kind === 'org.merger');
}

export const orgMerge: Op = async (c, user, a, b) => {
  const ids = [...c.model.orgs.keys()];
  const from = ids[a % ids.length]!;
  const others = ids.filter((x) => x !== from);
  const into = others[b % others.length]!;
  const version = (c.model.orgs.get(from)?.version ?? 1) + 1000;
  const want = gate(c, user, from) ?? (await guarded(c, from) ? { status: 409 } : gate(c, user, into) ?? { status: 409 });
  const before = c.fingerprint;
  const res = await call(c.app, c.sessions[user], 'POST', `/api/party-orgs/${from}/merge`, { version, intoOrgId: into, intoVersion: c.model.orgs.get(into)?.version ?? 1, on: '2026-11-02', reason: '范围检查' });
  if (res.statusCode >= 500) throw new Error(`merge as ${user}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  const problems: string[] = [];
  same(problems, 'status', want.status, res.statusCode);
  if (res.statusCode === 403 && want.status === 403) {
    const code = (res.json() as { details?: Array<{ code?: string }> }).details?.[0]?.code;
    same(problems, 'detail', want.detail ?? null, code === 'NOT_MANAGED' ? code : null);
  }
  if ((await fingerprint(c.database)) !== before) {
    problems.push(`written: answered ${res.statusCode} but the tables changed`);
    await c.reload();
  }
  return { op: 'orgMerge', user, target: `${from}→${into}`, problems, expected: want.detail ?? String(want.status) };
};
