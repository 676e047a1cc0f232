import { idCheckChar } from '../../src/domain/id-number.js';
import { call } from '../factories/world.js';
import type { Ctx, Op } from './scope-checks-read.js';
import { entIn, holds, Oracle, same, scopeOf, type CheckResult } from './scope-oracle.js';

/**
 * 会员实名制 checks of the scope property test, against docs/unions.md ("会员实名制", "Who sees and who
 * manages"): a union's members (list and export) are read exactly where the union is seen — wholly by
 * its own place, otherwise only the members employed by an enterprise in the reader's scope, the rest
 * counted; adding and editing need union.manage by the union's own place (seen otherwise: 403
 * NOT_MANAGED; unseen: 404), and a refusal changes nothing. One member per union is made on first
 * use, employed at the union's first current covered enterprise (none: a written name); the add
 * probe re-adds that member's person (409 ALREADY_MEMBER where managed), an edit is put back.
 */
type Made = { member: string; enterprise: string | null; idNumber: string; name: string };
const made = new Map<string, Made>();
const unionIds = (c: Ctx) => [...c.model.unions.keys()];

async function ensureMembers(c: Ctx): Promise<void> {
  if (made.size) return;
  const db = c.database.db;
  let n = 0;
  for (const unionId of unionIds(c)) {
    const body = `11010519${String(70 + (n % 20)).padStart(2, '0')}0${1 + (n % 9)}1${n % 10}${String(500 + n).slice(-3)}`;
    const idNumber = body + idCheckChar(body);
    const name = `范围会员${++n}`;
    const cover = c.model.unionLinks.find((l) => l.owner === unionId && l.until === null);
    // Through the API as sys, so the ID number is sealed and indexed with the app's keyring.
    const res = await call(c.app, c.sessions.sys, 'POST', `/api/unions/${unionId}/members`, { name, idNumber, ...(cover ? { enterpriseId: cover.enterprise } : { employerName: '某服务部' }) });
    if (res.statusCode !== 201) throw new Error(`union member for ${unionId}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    made.set(unionId, { member: (res.json() as { member: { id: string } }).member.id, enterprise: cover?.enterprise ?? null, idNumber, name });
  }
  await c.reload();
}

const readWant = (c: Ctx, user: string, union: string) => {
  const read = scopeOf(c.world.users[user].grants, 'union.read');
  const o = new Oracle(c.model);
  return { read, status: !read.held ? 403 : o.visible(read, 'union', union) ? 200 : 404, full: o.own(read, 'union', union) };
};

function manageWant(c: Ctx, user: string, union: string): { status: number; code?: string } {
  const g = c.world.users[user].grants;
  const o = new Oracle(c.model);
  const manage = scopeOf(g, 'union.manage');
  if (!manage.held) return { status: 403 };
  if (o.own(manage, 'union', union)) return { status: 200 };
  return o.visible(scopeOf(g, 'union.read'), 'union', union) || o.visible(manage, 'union', union) ? { status: 403, code: 'NOT_MANAGED' } : { status: 404 };
}

export const umList = (form: 'json' | 'xlsx'): Op => async (c, user, a) => {
  await ensureMembers(c);
  const union = unionIds(c)[a % unionIds(c).length]!;
  const url = `/api/unions/${union}/members${form === 'xlsx' ? '/export.xlsx' : ''}`;
  const res = await call(c.app, c.sessions[user], 'GET', url);
  if (res.statusCode >= 500) throw new Error(`${url} as ${user}: ${res.statusCode}`);
  const problems: string[] = [];
  const want = readWant(c, user, union);
  same(problems, 'status', want.status, res.statusCode);
  if (want.status === 200 && res.statusCode === 200 && form === 'json') {
    const m = made.get(union)!;
    const shown = want.full || (m.enterprise !== null && entIn(want.read, c.model.ents.get(m.enterprise)));
    const body = res.json() as { items: Array<{ id: string; idNumber: string | null }>; hiddenCount: number; manageable: boolean };
    same(problems, 'rows', shown ? [m.member] : [], body.items.map((x) => x.id).filter((id) => id === m.member));
    same(problems, 'hidden', shown ? 0 : 1, body.hiddenCount);
    const g = c.world.users[user].grants;
    same(problems, 'manageable', holds(g, 'union.manage') && new Oracle(c.model).own(scopeOf(g, 'union.manage'), 'union', union), body.manageable);
    if (body.items.some((x) => x.idNumber === m.idNumber)) problems.push('pii: an ID number in clear');
  }
  return { op: form === 'json' ? 'umList' : 'umExport', user, target: union, problems } satisfies CheckResult;
};

export const umAdd: Op = async (c, user, a) => {
  await ensureMembers(c);
  const union = unionIds(c)[a % unionIds(c).length]!;
  const m = made.get(union)!;
  const db = c.database.db;
  const count = async () => Number((await db.selectFrom('union_member').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const before = await count();
  const want = manageWant(c, user, union);
  const res = await call(c.app, c.sessions[user], 'POST', `/api/unions/${union}/members`, { name: m.name, idNumber: m.idNumber });
  if (res.statusCode >= 500) throw new Error(`add member to ${union} as ${user}: ${res.statusCode}`);
  const problems: string[] = [];
  // A manager reaches the check and hears the person is already a member of this union.
  same(problems, 'status', want.status === 200 ? 409 : want.status, res.statusCode);
  const code = (res.json() as { details?: Array<{ code?: string }> }).details?.[0]?.code;
  if (want.status === 200) same(problems, 'detail', 'ALREADY_MEMBER', code);
  if (want.code) same(problems, 'detail', want.code, code);
  if ((await count()) !== before) problems.push(`written: answered ${res.statusCode} but a membership was added`);
  return { op: 'umAdd', user, target: union, problems, expected: want.code ?? String(want.status) } satisfies CheckResult;
};

export const umEdit: Op = async (c, user, a) => {
  await ensureMembers(c);
  const union = unionIds(c)[a % unionIds(c).length]!;
  const id = made.get(union)!.member;
  const db = c.database.db;
  const before = await db.selectFrom('union_member').select(['card_number', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
  const want = manageWant(c, user, union);
  const res = await call(c.app, c.sessions[user], 'PATCH', `/api/union-members/${id}`, { version: before.version, changes: { cardNumber: `FW${id}` } });
  if (res.statusCode >= 500) throw new Error(`edit member ${id} as ${user}: ${res.statusCode}`);
  const problems: string[] = [];
  same(problems, 'status', want.status, res.statusCode);
  if (res.statusCode === 403) same(problems, 'detail', want.code ?? null, (res.json() as { details?: Array<{ code?: string }> }).details?.[0]?.code === 'NOT_MANAGED' ? 'NOT_MANAGED' : null);
  const after = await db.selectFrom('union_member').select(['card_number', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
  if (res.statusCode === 200) await db.updateTable('union_member').set(before).where('id', '=', id).execute();
  else if (after.card_number !== before.card_number || after.version !== before.version) problems.push(`written: refused with ${res.statusCode} but the member changed`);
  return { op: 'umEdit', user, target: union, problems, expected: want.code ?? String(want.status) } satisfies CheckResult;
};
