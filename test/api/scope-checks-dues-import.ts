import { idCheckChar } from '../../src/domain/id-number.js';
import { todayInChina } from '../../src/domain/org-terms.js';
import { call } from '../factories/world.js';
import { multipart } from '../helpers/multipart.js';
import type { Ctx, Op } from './scope-checks-read.js';
import { duesFingerprint, duesSeed } from './scope-checks-dues.js';
import { gate } from './scope-checks-dues-write.js';
import { same, type CheckResult } from './scope-oracle.js';

/**
 * A payment file (POST /api/dues/imports) of one row, for one seeded month's row of one member — both
 * streets' months of a member transferred in among them. The oracle is the payment's (docs/dues.md):
 * no org.manage → 403; the row's organisation managed by its own place → 200, one payment applied;
 * the row seen (its organisation or its member, through a link) → 200 with the row rejected as
 * NOT_MANAGED; else rejected as MEMBER_NOT_FOUND, which says nothing of whether the person exists. A
 * rejected file writes nothing (all or nothing).
 */
const pick = <T>(xs: T[], n: number): T => xs[n % xs.length];
const idNumbers = new WeakMap<Ctx, Promise<Map<string, { idNumber: string; name: string }>>>();

/** Every member's person gets an ID number once (through the API, as the system administrator). */
function withIdNumbers(c: Ctx) {
  let p = idNumbers.get(c);
  if (!p) {
    p = (async () => {
      const out = new Map<string, { idNumber: string; name: string }>();
      for (const [i, m] of [...c.model.members.values()].entries()) {
        const person = (await call(c.app, c.sessions.sys, 'GET', `/api/people/${m.person}`)).json() as { name: string; version: number };
        const body = `3301061985${String(1 + (i % 9)).padStart(2, '0')}15${String(100 + i).slice(-3)}`;
        const idNumber = body + idCheckChar(body);
        const res = await call(c.app, c.sessions.sys, 'PATCH', `/api/people/${m.person}`, { name: person.name, idNumber, version: person.version });
        if (res.statusCode !== 200) throw new Error(`ID number for ${m.person}: ${res.statusCode} ${res.body}`);
        out.set(m.id, { idNumber, name: person.name });
      }
      await c.reload();
      return out;
    })();
    idNumbers.set(c, p);
  }
  return p;
}

export const duesImport: Op = async (c, user, a) => {
  const row = pick((await duesSeed(c)).ledger, a);
  const who = (await withIdNumbers(c)).get(row.member)!;
  const want = gate(c, user, (o, s) => o.own(s, 'org', row.org), (o, s) => o.visible(s, 'org', row.org) || o.memberVisible(s, row.member));
  const db = c.database.db;
  const before = await duesFingerprint(c);
  const { version } = await db.selectFrom('dues_ledger').select('version').where('id', '=', row.id).executeTakeFirstOrThrow();
  const csv = `姓名,身份证号,金额,缴费日期,所属月份\n${who.name},${who.idNumber},0.2,${todayInChina()},${row.month}\n`;
  const m = multipart({}, { name: 'pay.csv', content: csv });
  const s = c.sessions[user];
  const res = await c.app.inject({ method: 'POST', url: '/api/dues/imports', payload: m.payload, headers: { ...m.headers, cookie: s.cookie, 'x-csrf-token': s.csrf } });
  if (res.statusCode >= 500) throw new Error(`dues import as ${user}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  const problems: string[] = [];
  const expected = want.status !== 200 ? String(want.status) : want.detail ? 'NOT_MANAGED' : 'applied';
  let applied = false;
  if (want.status === 403 && !want.detail) same(problems, 'status', 403, res.statusCode);
  else {
    same(problems, 'status', 200, res.statusCode);
    const body = res.statusCode === 200 ? (res.json() as { applied: number; errors: Array<{ code: string }> }) : { applied: -1, errors: [] };
    const got = body.applied === 1 ? 'applied' : body.errors[0]?.code ?? `applied ${body.applied}`;
    same(problems, 'answer', want.status === 200 ? 'applied' : want.detail ?? 'MEMBER_NOT_FOUND', got);
    applied = body.applied === 1;
  }
  if (applied) {
    await db.deleteFrom('dues_payment').where('ledger_id', '=', row.id).execute();
    await db.deleteFrom('dues_import_batch').execute();
    await db.updateTable('dues_ledger').set({ paid_fen: 0, paid_on: null, method: null, version }).where('id', '=', row.id).execute();
  } else if ((await duesFingerprint(c)) !== before) problems.push('written: the file was refused but the dues tables changed');
  return { op: 'duesImport', user, target: `${row.id}(${row.month})`, problems, expected } satisfies CheckResult;
};
