import { idCheckChar } from '../../src/domain/id-number.js';
import { multipart } from '../helpers/multipart.js';
import type { Ctx, Op } from './scope-checks-read.js';
import { manageWant } from './scope-checks-union-extra.js';
import { fingerprint, holds, Oracle, same, scopeOf, type CheckResult } from './scope-oracle.js';

/**
 * The union roster import (POST /api/unions/:id/members/import) in the scope property test, against
 * docs/unions.md ("会员实名制": "Who sees and who manages", "Import"): the import needs union.manage over
 * the union by its own place — no union.manage: 403; seen only (a link): 403 NOT_MANAGED; unseen: 404;
 * a dissolved union: 409 — and whatever the answer, nothing of a refused or dry-run file is written.
 * The dry run sends one new person: where managed, 200 with one row `created` and nothing written. The
 * apply sends the same new person and, on the file's third row (Excel's numbering), a person holding a
 * live membership of a union of the other street — 跨街联合工会 of street T1, linked to street T0's
 * enterprises (for that union itself, A街工会 of T0): where managed, 200 with that row refused as
 * ALREADY_MEMBER — the other union named only when the caller sees it — and, all or nothing, the new
 * person not written either. The membership is made for the call and taken away after it.
 */
const unionIds = (c: Ctx) => [...c.model.unions.keys()];
const pick = (c: Ctx, a: number) => unionIds(c)[a % unionIds(c).length]!;
let serial = 0;

/** A valid ID number nobody holds (born 1979, a serial in the order code). */
function freshIdNumber(): string {
  const body = `110105197901${String(1 + (serial % 28)).padStart(2, '0')}${String(100 + (serial++ % 900)).slice(-3)}`;
  return body + idCheckChar(body);
}

type Answer = { dryRun: boolean; applied: boolean; created: number; rejected: number; errors: Array<{ row: number; code: string; message: string }> };

async function counts(c: Ctx): Promise<string> {
  const db = c.database.db;
  const n = async (t: 'union_member' | 'person' | 'union_member_event') => Number((await db.selectFrom(t).select((e) => e.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  return `${await n('union_member')}/${await n('person')}/${await n('union_member_event')}/${await fingerprint(c.database)}`;
}

const umImport = (dryRun: boolean): Op => async (c, user, a) => {
  const u = pick(c, a);
  const db = c.database.db;
  const cross = c.cs.unions['跨街联合工会']!;
  const other = u === cross ? c.cs.unions['A街工会']! : cross;
  const otherName = (await db.selectFrom('union_org').select('name').where('id', '=', other).executeTakeFirstOrThrow()).name;
  const active = (await db.selectFrom('union_org').select('status').where('id', '=', u).executeTakeFirstOrThrow()).status === 'active';
  const want = manageWant(c, user, u);
  if (want.status === 200 && !active) want.status = 409;
  const fresh = freshIdNumber();
  let csv = `姓名,公民身份号码,工作单位\n范围导入${serial},${fresh},某服务部\n`;
  let made: string | null = null;
  if (!dryRun) {
    const personId = c.cs.people.pPII2!;
    const live = await db.selectFrom('union_member').select('id').where('person_id', '=', personId).where('status', 'in', ['active', 'retained']).executeTakeFirst();
    if (live) throw new Error(`fixture: 跨街pPII2 already holds membership ${live.id}`);
    made = (await db.insertInto('union_member').values({ person_id: personId, union_id: other, status: 'active', employer_name: '某服务部' }).returning('id').executeTakeFirstOrThrow()).id;
    csv += `跨街pPII2,${c.cs.pii.idNumber2},某服务部\n`;
  }
  const before = await counts(c);
  const m = multipart(dryRun ? { dryRun: 'true' } : {}, { name: 'roster.csv', content: csv });
  const s = c.sessions[user];
  const res = await c.app.inject({ method: 'POST', url: `/api/unions/${u}/members/import`, payload: m.payload, headers: { ...m.headers, cookie: s.cookie, 'x-csrf-token': s.csrf } });
  const after = await counts(c);
  if (made) await db.deleteFrom('union_member').where('id', '=', made).execute();
  if (res.statusCode >= 500) throw new Error(`union roster import into ${u} as ${user}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  const problems: string[] = [];
  same(problems, 'status', want.status, res.statusCode);
  if (res.statusCode === 403) same(problems, 'detail', want.code ?? null, (res.json() as { details?: Array<{ code?: string }> }).details?.[0]?.code === 'NOT_MANAGED' ? 'NOT_MANAGED' : null);
  if (want.status === 200 && res.statusCode === 200) {
    const body = res.json() as Answer;
    if (dryRun) same(problems, 'answer', { dryRun: true, applied: false, created: 1, rejected: 0 }, { dryRun: body.dryRun, applied: body.applied, created: body.created, rejected: body.rejected });
    else {
      const g = c.world.users[user].grants;
      const seen = holds(g, 'union.read') && new Oracle(c.model).visible(scopeOf(g, 'union.read'), 'union', other);
      const e = body.errors[0];
      same(problems, 'answer', { applied: false, rejected: 1, row: 3, code: 'ALREADY_MEMBER', named: seen },
        { applied: body.applied, rejected: body.rejected, row: e?.row, code: e?.code, named: e?.message.includes(otherName) });
    }
  }
  if (after !== before) problems.push(`written: ${dryRun ? 'a dry run' : 'a refused file'} answered ${res.statusCode} but members or people changed`);
  return { op: dryRun ? 'umImportDry' : 'umImportApply', user, target: u, problems, expected: want.code ?? String(want.status) } satisfies CheckResult;
};

export const umImportDry = umImport(true);
export const umImportApply = umImport(false);
