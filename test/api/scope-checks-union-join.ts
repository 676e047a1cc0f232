import { call } from '../factories/world.js';
import type { Ctx, Op } from './scope-checks-read.js';
import { holds, Oracle, same, scopeOf, type CheckResult } from './scope-oracle.js';

/**
 * 扫码入会 checks of the scope property test (docs/unions.md "扫码入会（亮牌子）"): a union's join
 * link is read wherever the union is seen (own place or a link), `manageable` only by its own place;
 * the queue of applications, its export and a decision need union.manage by the union's own place
 * (seen otherwise: 403 NOT_MANAGED; unseen: 404), and a refused decision changes nothing. One pending
 * application per union is made on first use, sealed with a person's own ciphertext; a decision
 * that went through is put back so every draw meets the same world.
 */
const appOfUnion = new Map<string, string>();
const unionIds = (c: Ctx) => [...c.model.unions.keys()];

async function ensureApplications(c: Ctx): Promise<void> {
  if (appOfUnion.size) return;
  const db = c.database.db;
  const p = await db.selectFrom('person').selectAll().where('id', '=', c.cs.people.pPII).executeTakeFirstOrThrow();
  for (const unionId of unionIds(c)) {
    const r = await db.insertInto('union_application').values({
      union_id: unionId, name: '范围申请人', gender: p.gender, id_number_enc: p.id_number_enc!, id_number_index: p.id_number_index!,
      phone_enc: p.phone_enc!, phone_index: p.phone_index!, key_id: p.key_id!, employer_name: '范围单位',
    }).returning('id').executeTakeFirstOrThrow();
    appOfUnion.set(unionId, r.id);
  }
}

function readWant(c: Ctx, user: string, union: string): number {
  const read = scopeOf(c.world.users[user].grants, 'union.read');
  return !read.held ? 403 : new Oracle(c.model).visible(read, 'union', union) ? 200 : 404;
}

function manageWant(c: Ctx, user: string, union: string): { status: number; code?: string } {
  const g = c.world.users[user].grants;
  const o = new Oracle(c.model);
  const manage = scopeOf(g, 'union.manage');
  if (!manage.held) return { status: 403 };
  if (o.own(manage, 'union', union)) return { status: 200 };
  return o.visible(scopeOf(g, 'union.read'), 'union', union) || o.visible(manage, 'union', union) ? { status: 403, code: 'NOT_MANAGED' } : { status: 404 };
}

const codeOf = (body: string) => { try { return (JSON.parse(body) as { details?: Array<{ code?: string }> }).details?.[0]?.code === 'NOT_MANAGED' ? 'NOT_MANAGED' : null; } catch { return null; } };

export const joinLink: Op = async (c, user, a) => {
  const union = unionIds(c)[a % unionIds(c).length]!;
  const res = await call(c.app, c.sessions[user], 'GET', `/api/unions/${union}/join-link`);
  if (res.statusCode >= 500) throw new Error(`join link of ${union} as ${user}: ${res.statusCode}`);
  const problems: string[] = [];
  const status = readWant(c, user, union);
  same(problems, 'status', status, res.statusCode);
  if (status === 200 && res.statusCode === 200) {
    const g = c.world.users[user].grants;
    same(problems, 'manageable', holds(g, 'union.manage') && new Oracle(c.model).own(scopeOf(g, 'union.manage'), 'union', union), res.json().manageable);
  }
  return { op: 'joinLink', user, target: union, problems } satisfies CheckResult;
};

export const applicationList = (form: 'json' | 'xlsx'): Op => async (c, user, a) => {
  await ensureApplications(c);
  const union = unionIds(c)[a % unionIds(c).length]!;
  const res = await call(c.app, c.sessions[user], 'GET', `/api/unions/${union}/applications${form === 'xlsx' ? '/export.xlsx' : ''}?status=pending`);
  if (res.statusCode >= 500) throw new Error(`applications of ${union} as ${user}: ${res.statusCode}`);
  const problems: string[] = [];
  const want = manageWant(c, user, union);
  same(problems, 'status', want.status, res.statusCode);
  if (res.statusCode === 403) same(problems, 'detail', want.code ?? null, codeOf(res.body));
  if (form === 'json' && res.statusCode === 200) same(problems, 'rows', [appOfUnion.get(union)], (res.json().items as Array<{ id: string }>).map((x) => x.id));
  return { op: form === 'json' ? 'applicationList' : 'applicationExport', user, target: union, problems, expected: want.code ?? String(want.status) } satisfies CheckResult;
};

export const applicationReject: Op = async (c, user, a) => {
  await ensureApplications(c);
  const union = unionIds(c)[a % unionIds(c).length]!;
  const id = appOfUnion.get(union)!;
  const db = c.database.db;
  const cols = ['status', 'version', 'decision_reason', 'decided_at', 'decided_by'] as const;
  const before = await db.selectFrom('union_application').select([...cols]).where('id', '=', id).executeTakeFirstOrThrow();
  const want = manageWant(c, user, union);
  const res = await call(c.app, c.sessions[user], 'POST', `/api/union-applications/${id}/reject`, { version: before.version, reason: '范围检查' });
  if (res.statusCode >= 500) throw new Error(`reject application of ${union} as ${user}: ${res.statusCode}`);
  const problems: string[] = [];
  // An unseen union's application is an unseen application: 404 either way.
  same(problems, 'status', want.status, res.statusCode);
  if (res.statusCode === 403) same(problems, 'detail', want.code ?? null, codeOf(res.body));
  const after = await db.selectFrom('union_application').select([...cols]).where('id', '=', id).executeTakeFirstOrThrow();
  if (res.statusCode === 200) {
    await db.updateTable('union_application').set({ ...before, version: before.version }).where('id', '=', id).execute();
    await db.deleteFrom('union_application_event').where('application_id', '=', id).execute();
  } else if (after.status !== before.status || after.version !== before.version) problems.push(`written: refused with ${res.statusCode} but the application changed`);
  return { op: 'applicationReject', user, target: union, problems, expected: want.code ?? String(want.status) } satisfies CheckResult;
};
