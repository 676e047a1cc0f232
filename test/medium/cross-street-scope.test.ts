import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { systemActor } from '../../src/core/access/actor.js';
import { orgFindings, unionFindings } from '../../src/core/coverage-facts/coverage.service.js';
import { addCoverage, appointPosition, endCoverage } from '../../src/core/party-org/org-links.service.js';
import { getOrgDetail, listOrgs } from '../../src/core/party-org/party-org.query.js';
import { adjustOrg, createOrg, dissolveOrg, reelectOrg } from '../../src/core/party-org/party-org.service.js';
import { addUnionCoverage, createUnion, dissolveUnion, endUnionCoverage } from '../../src/core/union/union.service.js';
import { getUnionDetail } from '../../src/core/union/union.query.js';
import { addVisit, assignInstructor, createInstructor, endAssignment, getInstructorDetail, updateInstructor } from '../../src/core/instructor/instructor.service.js';
import { worklistPage } from '../../src/core/worklist/worklist.service.js';
import { AppError } from '../../src/domain/errors.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { actorWith, seedEnterprise, seedPerson, seedRegions, TOWN_A, TOWN_B } from '../helpers/org-fixtures.js';

/**
 * Two streets of one district (docs/organisations.md, "Who sees and who manages"): a joint branch,
 * a union and an instructor registered in street B reach an enterprise of street A. Street A's
 * officer sees each partly — its own facts, the link into street A, the rest as counts, no
 * finding that names street B's enterprise — and manages none of them; street B manages them, but
 * ends no link to street A's enterprise; the district manages everything.
 */
const admin = systemActor('tester');
const townA = actorWith('township_officer', { regionPrefixes: ['330106001'] }, 'townA');
const townB = actorWith('township_officer', { regionPrefixes: ['330106002'] }, 'townB');
const unionB = actorWith('union_officer', { regionPrefixes: ['330106002'] }, 'unionB');
const unionA = actorWith('union_officer', { regionPrefixes: ['330106001'] }, 'unionA');

const outcome = (p: Promise<unknown>) => p.then(() => 'OK', (e: unknown) => {
  if (e instanceof AppError) return e.details[0]?.code === 'NOT_MANAGED' || e.details[0]?.code === 'ENTERPRISE_OUT_OF_SCOPE' ? e.details[0].code : e.code;
  throw e;
});

describe(`cross-street scope on ${testEngine()}`, () => {
  let database: Database;
  const ids = { eA: '', eB: '', eBClosed: '', parent: '', joint: '', union: '', instructor: '' };
  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.db;
    await seedRegions(db);
    ids.eA = await seedEnterprise(db, { name: '北山甲科技有限公司', regionCode: TOWN_A });
    ids.eB = await seedEnterprise(db, { name: '西溪乙贸易有限公司', regionCode: TOWN_B });
    ids.eBClosed = await seedEnterprise(db, { name: '西溪丙已注销有限公司', regionCode: TOWN_B, status: 'deregistered' });
    ids.parent = (await createOrg(db, admin, { name: '西溪街道综合党委', orgType: 'committee', setupMode: 'standalone', regionCode: TOWN_B })).id;
    ids.joint = (await createOrg(db, admin, { name: '西溪北山联合党支部', orgType: 'branch', setupMode: 'joint', parentId: ids.parent })).id;
    for (const e of [ids.eA, ids.eB, ids.eBClosed]) await addCoverage(db, admin, ids.joint, { enterpriseId: e, since: '2024-01-01' });
    await appointPosition(db, admin, ids.joint, { personId: await seedPerson(db, '周书记', TOWN_B), position: 'secretary', since: '2024-01-01' });
    ids.union = (await createUnion(db, admin, { name: '西溪联合工会', kind: 'joint', regionCode: TOWN_B })).id;
    for (const e of [ids.eA, ids.eBClosed]) await addUnionCoverage(db, admin, ids.union, { enterpriseId: e, since: '2024-01-01' });
    ids.instructor = (await createInstructor(db, admin, { personId: await seedPerson(db, '吴指导', TOWN_B), kind: 'instructor', regionCode: TOWN_B })).id;
    for (const e of [ids.eA, ids.eB]) {
      await assignInstructor(db, admin, ids.instructor, { enterpriseId: e, since: '2024-01-01' });
      await addVisit(db, admin, ids.instructor, { enterpriseId: e, visitedOn: '2024-03-01', notes: `走访记录${e}` });
    }
  });
  afterAll(async () => database?.close());

  it('street A sees the joint branch partly: its own facts, the link into A, counts for the rest, no parent, no history', async () => {
    const d = await getOrgDetail(database.db, townA, ids.joint, '2025-01-01', orgFindings);
    expect(d).toMatchObject({ access: 'partial', manageable: false, parentId: null, parentName: null, hiddenCoverageCount: 2, history: [] });
    expect(d.coverage.map((c) => c.enterpriseId)).toEqual([ids.eA]);
    expect(d.hiddenHistoryCount).toBeGreaterThan(0);
    expect(d.positions.map((p) => p.personName)).toEqual(['周书记']);
    const text = JSON.stringify(d);
    for (const hidden of ['西溪乙贸易', '西溪丙已注销', '西溪街道综合党委']) expect(text).not.toContain(hidden);
    const row = (await listOrgs(database.db, townA, { limit: 100 })).items.find((o) => o.id === ids.joint);
    expect(row).toMatchObject({ access: 'partial', parentId: null });
    expect((await listOrgs(database.db, townA, { limit: 100 })).items.map((o) => o.id)).not.toContain(ids.parent);
  });

  it('street B and the district see it whole, with the finding about B\'s closed enterprise', async () => {
    for (const actor of [townB, admin]) {
      const d = await getOrgDetail(database.db, actor, ids.joint, '2025-01-01', orgFindings);
      expect(d).toMatchObject({ access: 'full', manageable: true, parentId: ids.parent, parentName: '西溪街道综合党委', hiddenCoverageCount: 0, hiddenHistoryCount: 0 });
      expect(d.coverage).toHaveLength(3);
      expect(JSON.stringify(d.alerts)).toContain('西溪丙已注销');
    }
  });

  it('work lists keep findings of a partly seen organisation or union only about enterprises in scope', async () => {
    const page = await worklistPage(database.db, townA, 'alerts', { limit: 500 });
    const text = JSON.stringify(page.items);
    expect(text).not.toContain('西溪丙已注销');
    const byB = JSON.stringify((await worklistPage(database.db, townB, 'alerts', { limit: 500 })).items);
    expect(byB).toContain('西溪丙已注销');
  });

  it('street A manages nothing through the link: 403 NOT_MANAGED for every change, nothing written', async () => {
    const db = database.db;
    const before = await db.selectFrom('party_org').select(['version', 'region_code', 'parent_id']).where('id', '=', ids.joint).executeTakeFirstOrThrow();
    expect(await outcome(adjustOrg(db, townA, ids.joint, { version: before.version, changes: { fullMembers: 9 } }))).toBe('NOT_MANAGED');
    expect(await outcome(adjustOrg(db, townA, ids.joint, { version: before.version, changes: { regionCode: TOWN_A, parentId: null } }))).toBe('NOT_MANAGED');
    expect(await outcome(reelectOrg(db, townA, ids.joint, { version: before.version, heldOn: '2025-01-01' }))).toBe('NOT_MANAGED');
    expect(await outcome(dissolveOrg(db, townA, ids.joint, { version: before.version, on: '2025-01-01', reason: '越权' }))).toBe('NOT_MANAGED');
    const cov = await db.selectFrom('party_org_coverage').select('id').where('org_id', '=', ids.joint).where('enterprise_id', '=', ids.eA).executeTakeFirstOrThrow();
    expect(await outcome(endCoverage(db, townA, ids.joint, cov.id, { until: '2025-01-01' }))).toBe('NOT_MANAGED');
    // the parent is not even visible to street A: 404, like a record that does not exist
    expect(await outcome(adjustOrg(db, townA, ids.parent, { version: 1, changes: { fullMembers: 9 } }))).toBe('NOT_FOUND');
    expect(await db.selectFrom('party_org').select(['version', 'region_code', 'parent_id']).where('id', '=', ids.joint).executeTakeFirstOrThrow()).toEqual(before);
  });

  it('street B manages its joint branch but ends no link to street A\'s enterprise; the district can', async () => {
    const db = database.db;
    const cov = await db.selectFrom('party_org_coverage').select('id').where('org_id', '=', ids.joint).where('enterprise_id', '=', ids.eA).executeTakeFirstOrThrow();
    expect(await outcome(endCoverage(db, townB, ids.joint, cov.id, { until: '2025-01-01' }))).toBe('ENTERPRISE_OUT_OF_SCOPE');
    expect(await outcome(addCoverage(db, townB, ids.joint, { enterpriseId: await seedEnterprise(db, { regionCode: TOWN_A }), since: '2025-01-01' }))).toBe('NOT_FOUND');
    // moving it into street A needs scope over both places
    const v = (await db.selectFrom('party_org').select('version').where('id', '=', ids.joint).executeTakeFirstOrThrow()).version;
    expect(await outcome(adjustOrg(db, townB, ids.joint, { version: v, changes: { parentId: null, regionCode: TOWN_A } }))).toBe('FORBIDDEN');
    expect(await outcome(endCoverage(db, admin, ids.joint, cov.id, { until: '2025-01-01' }))).toBe('OK');
  });

  it('unions: partial for street A\'s union officer, managed by street B\'s, link ends need both', async () => {
    const db = database.db;
    const d = await getUnionDetail(db, unionA, ids.union, '2025-01-01', unionFindings);
    expect(d).toMatchObject({ access: 'partial', manageable: false, hiddenCoverageCount: 1, history: [] });
    expect(JSON.stringify(d)).not.toContain('西溪丙已注销');
    expect(await outcome(dissolveUnion(db, unionA, ids.union, { version: d.version, on: '2025-01-01', reason: '越权' }))).toBe('NOT_MANAGED');
    const cov = await db.selectFrom('union_coverage').select('id').where('union_id', '=', ids.union).where('enterprise_id', '=', ids.eA).executeTakeFirstOrThrow();
    expect(await outcome(endUnionCoverage(db, unionA, ids.union, cov.id, { until: '2025-01-01' }))).toBe('NOT_MANAGED');
    expect(await outcome(endUnionCoverage(db, unionB, ids.union, cov.id, { until: '2025-01-01' }))).toBe('ENTERPRISE_OUT_OF_SCOPE');
    expect((await getUnionDetail(db, unionB, ids.union, '2025-01-01')).manageable).toBe(true);
  });

  it('instructors: street A sees its assignment and visit only, counts the rest, manages nothing', async () => {
    const db = database.db;
    const d = await getInstructorDetail(db, townA, ids.instructor);
    expect(d).toMatchObject({ access: 'partial', manageable: false, hiddenAssignmentCount: 1, hiddenVisitCount: 1 });
    expect(d.assignments.map((a) => a.enterpriseId)).toEqual([ids.eA]);
    expect(d.visits.map((v) => v.enterpriseId)).toEqual([ids.eA]);
    expect(JSON.stringify(d)).not.toContain(`走访记录${ids.eB}`);
    expect(await outcome(updateInstructor(db, townA, ids.instructor, { version: d.version, status: 'inactive' }))).toBe('NOT_MANAGED');
    const a = await db.selectFrom('instructor_assignment').select('id').where('instructor_id', '=', ids.instructor).where('enterprise_id', '=', ids.eA).executeTakeFirstOrThrow();
    expect(await outcome(endAssignment(db, townA, ids.instructor, a.id, { until: '2025-01-01' }))).toBe('NOT_MANAGED');
    expect(await outcome(endAssignment(db, townB, ids.instructor, a.id, { until: '2025-01-01' }))).toBe('ENTERPRISE_OUT_OF_SCOPE');
    expect((await getInstructorDetail(db, townB, ids.instructor)).access).toBe('full');
  });
});
