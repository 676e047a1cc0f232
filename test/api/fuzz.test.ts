import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { Database } from '../../src/db/database.js';
import { hashPassword } from '../../src/core/auth/password.js';
import { buildTestApp, signInAs, type Session } from '../factories/world.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';

/**
 * Bad input never breaks it: for every registered /api route, malformed params, queries and bodies
 * (wrong types, huge strings, unicode, nulls, nested junk, bad JSON, wrong content type) sent as a
 * signed-in system admin always get a 4xx (or a 2xx) with a code and a Chinese message — never a
 * 5xx — and a rejected request writes nothing. LX_FUZZ_RUNS sets the runs per route (default 10; a deeper run: LX_FUZZ_RUNS=100).
 */
const RUNS = Number(process.env.LX_FUZZ_RUNS ?? 10);
// CI pins the seed (reproducible runs); elsewhere each run explores new cases. A failure prints
// its seed: re-run with LX_FUZZ_SEED=<seed> to replay it.
const SEED = process.env.LX_FUZZ_SEED ? Number(process.env.LX_FUZZ_SEED) : process.env.CI ? 20261122 : Date.now() % 2 ** 31;
const PW = 'Fuzz-Admin-Pass-1';
const KEYS = ['username', 'password', 'displayName', 'roles', 'role', 'version', 'code', 'disabled', 'regionPrefixes', 'parkIds',
  'allRegions', 'enterpriseIds', 'name', 'idNumber', 'phone', 'gender', 'birthDate', 'currentPassword', 'newPassword', 'totpCode',
  'resetTotp', 'limit', 'cursor', 'q', 'parent', 'from', 'to', 'success', 'reveal', 'regionCode', 'source', 'dryRun',
  // organisations, unions, instructors and their links
  'orgType', 'setupMode', 'parentId', 'enterpriseId', 'since', 'until', 'position', 'personId', 'members', 'femaleMembers', 'kind',
  'heldOn', 'signedOn', 'startsOn', 'endsOn', 'visitedOn', 'notes', 'changes', 'status', 'on', 'reason', 'at', 'mode', 'termYears',
  'fullMembers', 'parkId', 'associationId', 'organiserPersonId', 'regionPrefix', 'date'];
// Tables whose row counts must not move when a request is rejected (sessions and the sign-in log may).
const GUARDED = ['app_user', 'user_role', 'audit_event', 'person', 'enterprise', 'enterprise_change', 'import_batch', 'park', 'association', 'region',
  'party_org', 'party_org_coverage', 'org_position', 'party_org_event', 'union_org', 'union_coverage', 'union_event', 'instructor',
  'instructor_assignment', 'visit_log', 'union_congress', 'union_contract', 'task', 'task_event'];

const nasty = fc.constantFrom('../../etc/passwd', "'; DROP TABLE app_user; --", '%00', '\u0000', '𠮷𠮷𠮷', '9'.repeat(40), '-1', '0', '1e309',
  'NaN', 'null', '{}', '[]', '<script>alert(1)</script>', '\uFEFF', '\uD800', ' '.repeat(30), '中文用户名', '440305001001', '1');
const scalar = fc.oneof(fc.string(), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.integer(), fc.double(), fc.boolean(),
  fc.constant(null), nasty, fc.string({ minLength: 3000, maxLength: 6000 }), fc.bigInt().map(String));
const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 5 }), fc.dictionary(fc.string(), scalar, { maxKeys: 4 }), fc.anything({ maxDepth: 3 }));
const keyed = fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 6 });

type Body = { kind: 'json'; text: string } | { kind: 'badjson'; text: string } | { kind: 'text'; text: string } | { kind: 'none' };
const body: fc.Arbitrary<Body> = fc.oneof(
  keyed.map((v) => ({ kind: 'json' as const, text: JSON.stringify(v) })),
  fc.anything({ maxDepth: 4 }).map((v) => ({ kind: 'json' as const, text: JSON.stringify(v) ?? 'null' })),
  fc.string().map((s) => ({ kind: 'badjson' as const, text: `{"a": ${s}` })),
  fc.string().map((s) => ({ kind: 'text' as const, text: s })),
  fc.constant({ kind: 'none' as const }),
);
const param = fc.oneof(scalar.map((v) => String(v)), fc.constantFrom('1', '2', '999999999', '440305000000'));
const query = fc.oneof(
  fc.dictionary(fc.constantFrom(...KEYS), fc.oneof(fc.string(), nasty, fc.integer().map(String)), { maxKeys: 5 })
    .map((d) => new URLSearchParams(d).toString()),
  fc.constantFrom('%zz', '&&==&', 'limit=-1', 'limit=99999999999999999999', 'cursor=abc', 'q=' + '长'.repeat(500), 'reveal=1'),
);

const CHINESE = /[\u4e00-\u9fa5]/;
// Lone surrogates cannot be percent-encoded; a browser would send U+FFFD instead.
const wellFormed = (s: string) => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

describe(`fuzz every route on ${testEngine()}`, () => {
  let database: Database;
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  let session: Session;
  let cases = 0;
  let rejected = 0;

  let countSql = '';
  let last: Record<string, number> | null = null;
  const counts = async () => (await sql.raw<Record<string, number>>(countSql).execute(database.db)).rows[0];
  const refresh = async () => {
    await database.db.updateTable('app_user').set({ must_change_password: false, disabled: false, failed_attempts: 0, locked_until: null })
      .where('username', '=', 'fuzzadmin').execute();
    session = await signInAs(t.app, 'fuzzadmin', PW);
    last = null; // signing in is audited
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    const hash = await hashPassword(PW);
    // decoys first, so low ids like 1 and 2 are not the admin doing the fuzzing
    for (const username of ['decoy1', 'decoy2', 'fuzzadmin']) {
      const u = await database.db.insertInto('app_user').values({ username, display_name: username, password_hash: hash, must_change_password: false })
        .returning('id').executeTakeFirstOrThrow();
      await database.db.insertInto('user_role').values({ user_id: u.id, role: 'system_admin', all_regions: true }).execute();
    }
    await seedRecords(database);
    const existing = (await sql<{ table_name: string }>`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`
      .execute(database.db)).rows.map((r) => r.table_name).filter((n) => GUARDED.includes(n)).sort();
    countSql = `SELECT ${existing.map((n) => `(SELECT count(*) FROM "${n}")::int AS "${n}"`).join(', ')}`;
    t = await buildTestApp(database);
    await refresh();
  });
  afterAll(async () => {
    if (cases) writeCount(cases, rejected);
    await t?.close();
    await database?.close();
  });

  it('never a 5xx; always a code and a Chinese message; nothing written when rejected', async () => {
    const routes = [...new Map(t.routes.map((r) => [`${r.method} ${r.url}`, r])).values()];
    expect(routes.length).toBeGreaterThan(10);
    for (const route of routes) {
      const started = Date.now();
      await fc.assert(fc.asyncProperty(fc.array(param, { minLength: 3, maxLength: 3 }), query, body, async (params, q, b) => {
        let i = 0;
        const path = route.url.replace(/:[A-Za-z]+/g, () => encodeURIComponent(wellFormed(params[i++ % params.length])));
        const url = q ? `${path}?${q}` : path;
        const headers: Record<string, string> = { cookie: session.cookie, 'x-csrf-token': session.csrf };
        if (b.kind !== 'none') headers['content-type'] = b.kind === 'text' ? 'text/plain' : 'application/json';
        const before = last ?? (await counts());
        const res = await t.app.inject({ method: route.method as 'GET', url, headers, ...(b.kind === 'none' ? {} : { payload: b.text }) });
        cases++;
        const where = `${route.method} ${url.slice(0, 200)} ${b.kind} ${'text' in b ? b.text.slice(0, 200) : ''}`;
        expect(res.statusCode, `${where} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
        if (res.statusCode >= 400) {
          rejected++;
          const json = res.json() as { code?: unknown; message?: unknown };
          expect(typeof json.code, where).toBe('string');
          expect(String(json.message), where).toMatch(CHINESE);
          last = await counts();
          expect(last, `${where} wrote despite ${res.statusCode}`).toEqual(before);
        } else {
          last = null; // a success may write; take a fresh snapshot before the next case
        }
        if (res.statusCode === 401 || (res.statusCode === 403 && res.json().code === 'PASSWORD_CHANGE_REQUIRED')) await refresh();
      }), { numRuns: RUNS, seed: SEED });
      if (process.env.LX_FUZZ_PROFILE) console.log(`PROFILE ${route.method} ${route.url} ${Date.now() - started}ms`);
    }
  }, 600_000); // grows with the routes (10 runs each; 230 routes)
});

/**
 * One of each organisation record (ids 1, which the fuzzed params hit often), so the routes under
 * /:id reach their use cases and their links instead of stopping at "not found".
 */
async function seedRecords(database: Database): Promise<void> {
  const db = database.db;
  const ent = await db.insertInto('enterprise').values({ credit_code: '91440300MAFUZZ0001', name: '模糊测试企业', placement: 'pending' }).returning('id').executeTakeFirstOrThrow();
  const person = await db.insertInto('person').values({ name: '模糊测试人员' }).returning('id').executeTakeFirstOrThrow();
  const org = await db.insertInto('party_org').values({ name: '模糊测试党支部', org_type: 'branch', setup_mode: 'standalone' }).returning('id').executeTakeFirstOrThrow();
  await db.updateTable('party_org').set({ path: org.id }).where('id', '=', org.id).execute();
  await db.insertInto('party_org_coverage').values({ org_id: org.id, enterprise_id: ent.id, mode: 'standalone', since: '2024-01-01' }).execute();
  await db.insertInto('org_position').values({ org_id: org.id, person_id: person.id, position: 'secretary', since: '2024-01-01' }).execute();
  const union = await db.insertInto('union_org').values({ name: '模糊测试工会', kind: 'standalone' }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('union_coverage').values({ union_id: union.id, enterprise_id: ent.id, since: '2024-01-01' }).execute();
  const instructor = await db.insertInto('instructor').values({ person_id: person.id, kind: 'instructor' }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('instructor_assignment').values({ instructor_id: instructor.id, enterprise_id: ent.id, since: '2024-01-01' }).execute();
}

/**
 * docs/security-testing.md keeps the count of a recorded run (one line per engine). Only with
 * LX_RECORD_FUZZ=1, so an ordinary test run never leaves the work tree dirty.
 */
function writeCount(cases: number, rejected: number): void {
  const file = 'docs/security-testing.md';
  if (process.env.LX_RECORD_FUZZ !== '1' || !fs.existsSync(file)) return;
  const line = `<!-- fuzz:${testEngine()} -->Last fuzz run on ${testEngine()}: **${cases} requests** (${rejected} rejected with 4xx, 0 with 5xx), ${new Date().toISOString().slice(0, 10)}.`;
  const text = fs.readFileSync(file, 'utf8');
  const re = new RegExp(`^<!-- fuzz:${testEngine()} -->.*$`, 'm');
  fs.writeFileSync(file, re.test(text) ? text.replace(re, line) : text);
}
