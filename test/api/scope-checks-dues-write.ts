import { todayInChina } from '../../src/domain/org-terms.js';
import { call } from '../factories/world.js';
import type { Ctx, Op } from './scope-checks-read.js';
import { duesFingerprint, duesSeed, FAR_MONTH, LAST, THIS_MONTH } from './scope-checks-dues.js';
import { Oracle, same, scopeOf, type CheckResult } from './scope-oracle.js';

/**
 * Dues writes of the scope property test (docs/dues.md, "Who does what", "Two streets"): recording a
 * payment on a month's row, computing and closing an organisation's month, recording a reduction and
 * approving one. The oracle: no org.manage → 403; the row's organisation (a payment) or the member's
 * (a reduction) or the organisation itself (compute, close) in the manage scope by its own place →
 * 2xx; seen under org.read or org.manage (a row through its organisation or its member — the months
 * of a member transferred in from another street) → 403 NOT_MANAGED; else 404. A refusal leaves every
 * dues table unchanged; a success is undone straight in the tables.
 */
export type Want = { status: number; detail?: 'NOT_MANAGED' };
const pick = <T>(xs: T[], n: number): T => xs[n % xs.length];

export function gate(c: Ctx, user: string, owned: (o: Oracle, s: ReturnType<typeof scopeOf>) => boolean, seen: (o: Oracle, s: ReturnType<typeof scopeOf>) => boolean): Want {
  const g = c.world.users[user].grants;
  const o = new Oracle(c.model);
  const manage = scopeOf(g, 'org.manage');
  if (!manage.held) return { status: 403 };
  if (owned(o, manage)) return { status: 200 };
  return seen(o, scopeOf(g, 'org.read')) || seen(o, manage) ? { status: 403, detail: 'NOT_MANAGED' } : { status: 404 };
}

async function run(c: Ctx, op: string, user: string, target: string, want: Want, method: string, url: string, payload: unknown, undo: (body: Record<string, unknown>) => Promise<void>): Promise<CheckResult> {
  const before = await duesFingerprint(c);
  const res = await call(c.app, c.sessions[user], method, url, payload);
  if (res.statusCode >= 500) throw new Error(`${method} ${url} as ${user}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  const body = String(res.headers['content-type'] ?? '').includes('json') ? (res.json() as Record<string, unknown>) : {};
  const problems: string[] = [];
  const ok = res.statusCode >= 200 && res.statusCode < 300;
  same(problems, 'status', want.status === 200 ? 'ok' : want.status, ok ? 'ok' : res.statusCode);
  if (res.statusCode === 403 && want.status === 403) {
    const code = ((body.details ?? []) as Array<{ code?: string }>)[0]?.code;
    same(problems, 'detail', want.detail ?? null, code === 'NOT_MANAGED' ? code : null);
  }
  if (ok) await undo(body);
  else if ((await duesFingerprint(c)) !== before) problems.push(`written: refused with ${res.statusCode} but the dues tables changed`);
  return { op, user, target, problems, expected: want.detail ?? String(want.status) };
}

/** A payment on a month's row: managed only by the row's organisation — not by the street the member moved to. */
export const duesPay: Op = async (c, user, a) => {
  const row = pick((await duesSeed(c)).ledger, a);
  const want = gate(c, user, (o, s) => o.own(s, 'org', row.org), (o, s) => o.visible(s, 'org', row.org) || o.memberVisible(s, row.member));
  const db = c.database.db;
  const { version } = await db.selectFrom('dues_ledger').select('version').where('id', '=', row.id).executeTakeFirstOrThrow();
  return run(c, 'duesPay', user, `${row.id}(${row.month})`, want, 'POST', `/api/dues/ledger/${row.id}/payments`, { version, amountFen: 20, paidOn: todayInChina() }, async () => {
    await db.deleteFrom('dues_payment').where('ledger_id', '=', row.id).execute();
    await db.updateTable('dues_ledger').set({ paid_fen: 0, paid_on: null, method: null, version }).where('id', '=', row.id).execute();
  });
};

/** Computing this month for one organisation: managed by its own place. */
export const duesCompute: Op = async (c, user, a) => {
  await duesSeed(c);
  const org = pick([...c.model.orgs.keys()], a);
  const want = gate(c, user, (o, s) => o.own(s, 'org', org), (o, s) => o.visible(s, 'org', org));
  const db = c.database.db;
  return run(c, 'duesCompute', user, org, want, 'POST', '/api/dues/months/compute', { month: THIS_MONTH, orgId: org }, async () => {
    await db.deleteFrom('dues_ledger').where('month', '=', THIS_MONTH).execute();
    await db.deleteFrom('dues_month').where('month', '=', THIS_MONTH).execute();
  });
};

/** Closing last month of an organisation (open in the seed): managed by its own place. */
export const duesClose: Op = async (c, user, a) => {
  await duesSeed(c);
  const org = pick([...c.model.orgs.keys()], a);
  const want = gate(c, user, (o, s) => o.own(s, 'org', org), (o, s) => o.visible(s, 'org', org));
  const db = c.database.db;
  return run(c, 'duesClose', user, org, want, 'POST', '/api/dues/months/close', { month: LAST, orgId: org }, async () => {
    await db.updateTable('dues_month').set({ status: 'open', closed_at: null }).where('org_id', '=', org).where('month', '=', LAST).execute();
  });
};

const memberGate = (c: Ctx, user: string, member: string) => gate(c, user, (o, s) => o.memberOwn(s, member), (o, s) => o.memberVisible(s, member));

/** Recording a reduction for a member: managed through the member's organisation only. */
export const duesReduce: Op = async (c, user, a) => {
  await duesSeed(c);
  const member = pick([...c.model.members.keys()], a);
  const db = c.database.db;
  return run(c, 'duesReduce', user, member, memberGate(c, user, member), 'POST', `/api/dues/members/${member}/reductions`, { fromMonth: FAR_MONTH, amountFen: 0 }, async (body) => {
    await db.deleteFrom('dues_reduction').where('id', '=', String(body.id)).execute();
  });
};

/** Approving a member's pending reduction: the same gate as recording one. */
export const duesApprove: Op = async (c, user, a) => {
  const { reductions } = await duesSeed(c);
  const member = pick([...c.model.members.keys()], a);
  const id = reductions.get(member)!;
  const db = c.database.db;
  return run(c, 'duesApprove', user, member, memberGate(c, user, member), 'POST', `/api/dues/reductions/${id}/approve`, { approvedOn: todayInChina(), approvalRef: '批复〔2026〕1号' }, async () => {
    await db.updateTable('dues_reduction').set({ approved_on: null, approval_ref: null }).where('id', '=', id).execute();
  });
};

/** Reopening last month of an organisation, closed for the check: managed by its own place. */
export const duesReopen: Op = async (c, user, a) => {
  await duesSeed(c);
  const org = pick([...c.model.orgs.keys()], a);
  const want = gate(c, user, (o, s) => o.own(s, 'org', org), (o, s) => o.visible(s, 'org', org));
  const db = c.database.db;
  const month = db.updateTable('dues_month').where('org_id', '=', org).where('month', '=', LAST);
  await month.set({ status: 'closed', closed_at: new Date() }).execute();
  const r = await run(c, 'duesReopen', user, org, want, 'POST', '/api/dues/months/reopen', { month: LAST, orgId: org, reason: '结账前漏登基数' }, async () => {});
  await month.set({ status: 'open', closed_at: null, reopened_at: null, reopen_reason: null }).execute();
  return r;
};

/** Withdrawing a member's pending reduction: the same gate as recording one. */
export const duesWithdraw: Op = async (c, user, a) => {
  const { reductions } = await duesSeed(c);
  const member = pick([...c.model.members.keys()], a);
  const id = reductions.get(member)!;
  const db = c.database.db;
  return run(c, 'duesWithdraw', user, member, memberGate(c, user, member), 'POST', `/api/dues/reductions/${id}/withdraw`, { reason: '登记有误' }, async () => {
    await db.updateTable('dues_reduction').set({ withdrawn_on: null, withdrawn_reason: null }).where('id', '=', id).execute();
  });
};
