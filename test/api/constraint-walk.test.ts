import Fastify, { type FastifyInstance } from 'fastify';
import type { Response } from 'light-my-request';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { registerErrorHandler } from '../../src/api/plugins/errors.js';
import { buildTestApp, buildWorld, call, signInAs, type Session, type World } from '../factories/world.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { MISC_PROBES, SKIPPED } from './constraint-walk/probes-misc.js';
import { ORG_PROBES } from './constraint-walk/probes-org.js';
import { UNION_PROBES } from './constraint-walk/probes-union.js';
import { CAMPAIGN_FIXTURE, CAMPAIGN_PROBES, CAMPAIGN_SKIPPED } from './constraint-walk/probes-campaign.js';
import { MEMBER_FIXTURE, MEMBER_PROBES, MEMBER_SKIPPED } from './constraint-walk/probes-member.js';
import { TRANSFER_PROBES, TRANSFER_SKIPPED } from './constraint-walk/probes-transfer.js';
import { RECRUITMENT_FIXTURE, RECRUITMENT_PROBES, RECRUITMENT_SKIPPED } from './constraint-walk/probes-recruitment.js';
import { DUES_FIXTURE, DUES_PROBES, DUES_SKIPPED } from './constraint-walk/probes-dues.js';
import { LIFE_PROBES, LIFE_SKIPPED } from './constraint-walk/probes-life.js';
import { PARTY_GROUP_PROBES, PARTY_GROUP_SKIPPED } from './constraint-walk/probes-party-group.js';
import { ANNUAL_REPORT_PROBES, ANNUAL_REPORT_SKIPPED } from './constraint-walk/probes-annual-report.js';
import { TRAINING_FIXTURE, TRAINING_PROBES, TRAINING_SKIPPED } from './constraint-walk/probes-training.js';
import { POOL_SUPPORT_FIXTURE, POOL_SUPPORT_PROBES, POOL_SUPPORT_SKIPPED } from './constraint-walk/probes-pool-support.js';
import { STANDARDS_FIXTURE, STANDARDS_PROBES, STANDARDS_SKIPPED } from './constraint-walk/probes-standards.js';
import { BARGAINING_FIXTURE, BARGAINING_PROBES, BARGAINING_SKIPPED } from './constraint-walk/probes-bargaining.js';
import { UNION_JOIN_FIXTURE, UNION_JOIN_PROBES, UNION_JOIN_SKIPPED } from './constraint-walk/probes-union-join.js';
import { UNION_COMMITTEE_PROBES, UNION_COMMITTEE_SKIPPED } from './constraint-walk/probes-union-committee.js';
import { UNION_MEMBER_FIXTURE, UNION_MEMBER_PROBES, UNION_MEMBER_SKIPPED } from './constraint-walk/probes-union-member.js';
import { MEDIATION_FIXTURE, MEDIATION_PROBES, MEDIATION_SKIPPED } from './constraint-walk/probes-mediation.js';
import { UNION_SERVICES_FIXTURE, UNION_SERVICES_PROBES, UNION_SERVICES_SKIPPED } from './constraint-walk/probes-union-services.js';
import { SURVEY_PROBES, SURVEY_SKIPPED } from './constraint-walk/probes-survey.js';
import { STUDY_FIXTURE, STUDY_PROBES, STUDY_SKIPPED } from './constraint-walk/probes-study.js';
import { NOTICE_FIXTURE, NOTICE_PROBES, NOTICE_SKIPPED } from './constraint-walk/probes-notice.js';
import {
  ID_NUMBER, makeWalk, REGION, rowCounts, SYSTEM_TABLES, USER_TABLES, type Fixtures, type Probe, type Walk,
} from './constraint-walk/walk.js';

/**
 * Issue 12 "constraints as errors": every constraint the live schema holds on a table users write
 * (check, foreign key, unique — constraints and unique indexes — and NOT NULL without a default) is
 * driven with a violating value through the API or an import. The answer is a 4xx naming the field
 * (or the row and column), in Chinese, and nothing is written. A constraint with no probe and no
 * listed reason fails the walk, so a new migration cannot add a rule that answers 500.
 */
const PROBES: Record<string, Probe | Probe[]> = { ...ORG_PROBES, ...UNION_PROBES, ...MISC_PROBES, ...CAMPAIGN_PROBES, ...MEMBER_PROBES, ...TRANSFER_PROBES, ...RECRUITMENT_PROBES, ...DUES_PROBES, ...LIFE_PROBES, ...PARTY_GROUP_PROBES, ...ANNUAL_REPORT_PROBES, ...STANDARDS_PROBES, ...TRAINING_PROBES, ...POOL_SUPPORT_PROBES, ...BARGAINING_PROBES, ...UNION_JOIN_PROBES, ...UNION_COMMITTEE_PROBES, ...UNION_MEMBER_PROBES, ...MEDIATION_PROBES, ...UNION_SERVICES_PROBES, ...NOTICE_PROBES, ...STUDY_PROBES, ...SURVEY_PROBES };
const SKIPS: Record<string, string> = { ...SKIPPED, ...CAMPAIGN_SKIPPED, ...MEMBER_SKIPPED, ...TRANSFER_SKIPPED, ...RECRUITMENT_SKIPPED, ...DUES_SKIPPED, ...LIFE_SKIPPED, ...PARTY_GROUP_SKIPPED, ...ANNUAL_REPORT_SKIPPED, ...STANDARDS_SKIPPED, ...TRAINING_SKIPPED, ...POOL_SUPPORT_SKIPPED, ...BARGAINING_SKIPPED, ...UNION_JOIN_SKIPPED, ...UNION_COMMITTEE_SKIPPED, ...UNION_MEMBER_SKIPPED, ...MEDIATION_SKIPPED, ...UNION_SERVICES_SKIPPED, ...NOTICE_SKIPPED, ...STUDY_SKIPPED, ...SURVEY_SKIPPED };
const CHINESE = /[\u4e00-\u9fff]/;
/** Error codes only the safety net (src/db/constraint-catalogue.ts) gives: a probe answered with one found a missing pre-check. */
const NET_CODES = new Set(['REFERENCE_NOT_FOUND', 'VALUE_INVALID', 'TOO_LONG', 'OUT_OF_RANGE', 'BAD_DATE', 'BAD_FORMAT']);

type Found = { key: string; table: string; kind: string };

/** Every constraint of the live schema that the walk must account for. */
async function liveConstraints(database: Database): Promise<Found[]> {
  const named = await sql<Found>`
    SELECT con.conname AS key, c.relname AS table, con.contype AS kind
    FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND con.contype IN ('c', 'f', 'u')
    UNION ALL
    SELECT i.relname, c.relname, 'unique index'
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND x.indisunique AND NOT x.indisprimary
      AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)`.execute(database.db);
  // NOT NULL with a default: a writer that leaves the value out gets the default, and no contract
  // accepts null for it (Zod), so only the columns a writer must supply are walked.
  const notNull = await sql<Found>`
    SELECT table_name || '.' || column_name AS key, table_name AS table, 'not null' AS kind
    FROM information_schema.columns
    WHERE table_schema = current_schema() AND is_nullable = 'NO' AND column_default IS NULL AND is_identity = 'NO'`.execute(database.db);
  return [...named.rows, ...notNull.rows];
}

async function createFixtures(w: Omit<Walk, 'f'>): Promise<Fixtures> {
  const ok = async (res: Response) => {
    if (res.statusCode >= 300) throw new Error(`fixture: ${res.statusCode} ${res.body}`);
    return res.json() as { id: string };
  };
  const e = w.world.enterprises[0]!;
  const enterpriseCode = (await w.database.db.selectFrom('enterprise').select('credit_code').where('id', '=', e.id).executeTakeFirstOrThrow()).credit_code;
  const person = await ok(await w.api('POST', '/api/people', { name: '约束人员', idNumber: ID_NUMBER, regionCode: REGION }));
  const other = await ok(await w.api('POST', '/api/people', { name: '约束另一人员', regionCode: REGION }));
  const org = await ok(await w.api('POST', '/api/party-orgs', { name: '约束党支部', code: 'YS-ORG-1', orgType: 'branch', setupMode: 'standalone', regionCode: REGION }));
  const coverage = await ok(await w.api('POST', `/api/party-orgs/${org.id}/coverage`, { enterpriseId: e.id, since: '2024-01-01' }));
  const position = await ok(await w.api('POST', `/api/party-orgs/${org.id}/positions`, { personId: person.id, position: 'secretary', since: '2024-01-01' }));
  await ok(await w.api('POST', '/api/party-orgs', { name: '约束第二党支部', code: 'YS-ORG-2', orgType: 'branch', setupMode: 'standalone', regionCode: REGION }));
  await ok(await w.api('POST', '/api/unions', { name: '约束第二工会', code: 'YS-GH-2', kind: 'standalone', regionCode: REGION }));
  const union = await ok(await w.api('POST', '/api/unions', { name: '约束工会', code: 'YS-GH-1', kind: 'standalone', regionCode: REGION, members: 63, femaleMembers: 10 }));
  const unionCoverage = await ok(await w.api('POST', `/api/unions/${union.id}/coverage`, { enterpriseId: e.id, since: '2024-01-01' }));
  const instructor = await ok(await w.api('POST', '/api/instructors', { personId: person.id, kind: 'instructor', regionCode: REGION }));
  const assignment = await ok(await w.api('POST', `/api/instructors/${instructor.id}/assignments`, { enterpriseId: e.id, since: '2024-01-01' }));
  await ok(await w.api('POST', '/api/campaign-targets', CAMPAIGN_FIXTURE));
  await ok(await w.api('POST', '/api/members', MEMBER_FIXTURE(org.id, person.id)));
  await RECRUITMENT_FIXTURE(w, org.id);
  await DUES_FIXTURE(w, org.id);
  await STANDARDS_FIXTURE(w, org.id, union.id);
  await TRAINING_FIXTURE(w);
  await POOL_SUPPORT_FIXTURE(w, person.id, org.id);
  await BARGAINING_FIXTURE(w, union.id);
  await UNION_JOIN_FIXTURE(w, union.id);
  // Issue 16's fixtures (each module's own file): they may use the union and the enterprise it covers.
  await UNION_MEMBER_FIXTURE(w, union.id, e.id);
  await MEDIATION_FIXTURE(w, union.id, e.id);
  await UNION_SERVICES_FIXTURE(w, union.id, e.id);
  await NOTICE_FIXTURE(w);
  await STUDY_FIXTURE(w);
  return {
    personId: person.id, otherPersonId: other.id, orgId: org.id, orgCode: 'YS-ORG-1', orgName: '约束党支部', coverageId: coverage.id, positionId: position.id,
    unionId: union.id, unionCode: 'YS-GH-1', unionName: '约束工会', unionCoverageId: unionCoverage.id, instructorId: instructor.id, assignmentId: assignment.id,
    enterpriseId: e.id, enterpriseCode, userId: w.world.users.victim!.id, parkId: w.world.parks[0]!,
  };
}

/** The judgement of one probe's answer; returns a problem in words, or null. */
function judge(p: Probe, res: Response): string | null {
  if (res.statusCode >= 500) return `answered ${res.statusCode}: ${res.body.slice(0, 300)}`;
  const body = res.json() as Record<string, unknown>;
  if (p.expect === 'import') {
    const result = (body.result ?? body) as { rejected?: number; created?: number; updated?: number; errors?: Array<{ row?: number; column?: string | null; message?: string; code?: string }> };
    const e = result.errors?.find((x) => !p.column || x.column === p.column);
    if (!result.rejected || !e?.row || !e.column || !CHINESE.test(e.message ?? '')) return `import row not rejected with row+column ${p.column ?? ''}: ${res.body.slice(0, 400)}`;
    if (result.created || result.updated) return `import wrote: ${res.body.slice(0, 300)}`;
    return NET_CODES.has(e.code ?? '') ? `answered by the safety net, not a pre-check: ${e.code} ${e.column}` : null;
  }
  if (res.statusCode < 400) return `accepted (${res.statusCode}): ${res.body.slice(0, 300)}`;
  const details = (body.details ?? []) as Array<{ field?: string; code?: string }>;
  if (typeof body.code !== 'string' || !CHINESE.test(String(body.message))) return `no code / Chinese message: ${res.body.slice(0, 300)}`;
  if (p.expect === 'path') return res.statusCode === 404 ? null : `expected 404 for the record in the URL, got ${res.statusCode} ${res.body.slice(0, 200)}`;
  if (!details.some((d) => d.field)) return `no detail naming the field: ${res.body.slice(0, 300)}`;
  return details.some((d) => NET_CODES.has(d.code ?? '')) ? `answered by the safety net, not a pre-check: ${res.body.slice(0, 200)}` : null;
}

describe(`constraint walk on ${testEngine()}`, () => {
  let database: Database;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let walk: Walk;

  beforeAll(async () => {
    database = await createTestDatabase();
    const world: World = await buildWorld(database);
    ({ app, close } = await buildTestApp(database));
    const sys: Session = await signInAs(app, 'sys');
    const base = makeWalk(app, sys, database, world, {} as Fixtures);
    walk = { ...base, f: await createFixtures(base) };
    expect((await call(app, sys, 'GET', '/api/auth/me')).statusCode).toBe(200);
  });
  afterAll(async () => {
    await close?.();
    await database?.close();
  });

  it('accounts for every constraint on every table: a probe for each on user tables, a reason for the rest', async () => {
    const found = await liveConstraints(database);
    const tables = new Set(found.map((c) => c.table));
    const unclassified = [...tables].filter((t) => !(USER_TABLES as readonly string[]).includes(t) && !SYSTEM_TABLES[t]);
    expect(unclassified, 'tables neither user-writable nor listed as system tables').toEqual([]);
    const onUserTables = found.filter((c) => (USER_TABLES as readonly string[]).includes(c.table));
    const missing = onUserTables.filter((c) => !PROBES[c.key] && !SKIPS[c.key]).map((c) => `${c.key} (${c.kind})`);
    expect(missing, 'constraints on user tables with neither a probe nor a listed reason').toEqual([]);
    const stale = [...Object.keys(PROBES), ...Object.keys(SKIPS)].filter((k) => !onUserTables.some((c) => c.key === k));
    expect(stale, 'probes or skips for constraints the schema no longer has').toEqual([]);
  });

  it('the safety net: a constraint that still fires becomes a 4xx naming the field, without the database text', async () => {
    const violations: Array<[string, ReturnType<typeof sql>, number, string]> = [
      ['check', sql`INSERT INTO union_org (name, kind, members, female_members) VALUES ('网工会', 'standalone', 63, 64)`, 400, 'femaleMembers'],
      ['foreign key', sql`INSERT INTO party_org (name, org_type, setup_mode, park_id) VALUES ('网党支部', 'branch', 'joint', 987654321)`, 400, 'parkId'],
      ['not null', sql`INSERT INTO party_org (name, org_type, setup_mode) VALUES (NULL, 'branch', 'joint')`, 400, 'name'],
      ['unique', sql`INSERT INTO union_org (name, kind, region_code) VALUES ('约束工会', 'standalone', ${REGION})`, 409, 'name'],
      ['out of range', sql`INSERT INTO party_org (name, org_type, setup_mode, term_years) VALUES ('网党支部', 'branch', 'joint', 99999)`, 400, ''],
    ];
    const net = Fastify({ logger: false });
    registerErrorHandler(net);
    let thrown: unknown;
    net.get('/boom', async () => { throw thrown; });
    await net.ready();
    for (const [what, statement, status, field] of violations) {
      thrown = await statement.execute(database.db).then(() => null, (e: unknown) => e);
      expect(thrown, what).toBeTruthy();
      const res = await net.inject({ method: 'GET', url: '/boom' });
      expect(res.statusCode, `${what}: ${res.body}`).toBe(status);
      const body = res.json() as { code: string; message: string; details: Array<{ field?: string }> };
      expect(body.message, what).toMatch(CHINESE);
      expect(res.body, what).not.toContain((thrown as Error).message);
      expect(res.body, what).not.toMatch(/violates|constraint|Failing row|out of range/i);
      if (field) expect(body.details[0]?.field, what).toBe(field);
    }
    await net.close();
  });

  it('drives a violating value into each probed constraint: 4xx with the field (or row and column), nothing written', async () => {
    const problems: string[] = [];
    for (const [key, probes] of Object.entries(PROBES)) {
      for (const [i, p] of [probes].flat().entries()) {
        const before = await rowCounts(database);
        const res = await p.run(walk);
        const problem = judge(p, res);
        // LX_WALK_TRACE=1 prints every probe's answer (what a reviewer checks the messages by).
        if (process.env.LX_WALK_TRACE) console.log(`${key}#${i} ${res.statusCode} ${res.body.replace(/^.*"result":/, '').slice(0, 260)}`);
        if (problem) problems.push(`${key}#${i}: ${problem}`);
        const after = await rowCounts(database);
        if (JSON.stringify(after) !== JSON.stringify(before)) problems.push(`${key}#${i}: rows changed ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
      }
    }
    expect(problems).toEqual([]);
  }, 90_000);
});
