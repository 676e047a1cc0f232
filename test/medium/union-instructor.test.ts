import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { systemActor } from '../../src/core/access/actor.js';
import { addContract, addCongress, addUnionCoverage, createUnion, dissolveUnion, endUnionCoverage, updateUnionFacts } from '../../src/core/union/union.service.js';
import { getUnionDetail, listUnions } from '../../src/core/union/union.query.js';
import { addVisit, assignInstructor, createInstructor, endAssignment, getInstructorDetail, listInstructors } from '../../src/core/instructor/instructor.service.js';
import { AppError } from '../../src/domain/errors.js';
import { UnionCreate } from '../../src/contracts/union.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { actorWith, seedEnterprise, seedPerson, seedRegions, TOWN_A, TOWN_B } from '../helpers/org-fixtures.js';

const admin = systemActor('tester');
const unionA = actorWith('union_officer', { regionPrefixes: ['330106001'] });
const townA = actorWith('township_officer', { regionPrefixes: ['330106001'] });
const townB = actorWith('township_officer', { regionPrefixes: ['330106002'] });

const codeOf = (p: Promise<unknown>) => p.then(() => 'OK', (e: unknown) => {
  if (e instanceof AppError) return e.code;
  throw e;
});

describe(`unions and instructors on ${testEngine()}`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedRegions(database.db);
  });
  afterAll(async () => database?.close());

  it('union: create, cover, contracts, congresses, versioned update, dissolve with history', async () => {
    const db = database.db;
    const u = await createUnion(db, unionA, { name: '北山联合工会', kind: 'joint', regionCode: TOWN_A, foundedOn: '2021-04-01', termYears: 5, members: 30, femaleMembers: 12 });
    expect(u.termEndsOn).toBe('2026-03-31');
    const e = await seedEnterprise(db, { regionCode: TOWN_A, employeeCount: 40 });
    const eB = await seedEnterprise(db, { regionCode: TOWN_B });
    const cov = await addUnionCoverage(db, unionA, u.id, { enterpriseId: e, since: '2021-04-01' });
    expect(await codeOf(addUnionCoverage(db, unionA, u.id, { enterpriseId: e, since: '2022-01-01' }))).toBe('CONFLICT');
    expect(await codeOf(addUnionCoverage(db, unionA, u.id, { enterpriseId: eB, since: '2022-01-01' }))).toBe('NOT_FOUND');
    await addContract(db, unionA, u.id, { kind: 'collective', signedOn: '2023-01-05', startsOn: '2023-01-05', endsOn: '2026-01-04' });
    await addCongress(db, unionA, u.id, { heldOn: '2024-03-01', kind: 'congress', session: '第一届第三次' });
    const up = await updateUnionFacts(db, unionA, u.id, { version: u.version, changes: { hasCommittee: true, hasWomenCommittee: true, monthlyPayroll: 250000 } });
    expect(up.version).toBe(2);
    expect(await codeOf(updateUnionFacts(db, unionA, u.id, { version: u.version, changes: { members: 31 } }))).toBe('VERSION_CONFLICT');
    await endUnionCoverage(db, unionA, u.id, cov.id, { until: '2024-12-01' });
    const gone = await dissolveUnion(db, unionA, u.id, { version: up.version, on: '2025-01-01', reason: '合并' });
    expect(gone.status).toBe('dissolved');
    const d = await getUnionDetail(db, unionA, u.id, '2025-01-01');
    expect(d.contracts).toHaveLength(1);
    expect(d.congresses[0]?.session).toBe('第一届第三次');
    expect(d.history.map((h) => h.kind)).toEqual(['created', 'coverage_added', 'contract_signed', 'congress_held', 'adjusted', 'coverage_ended', 'dissolved']);
  });

  it('union: scope and validation', async () => {
    const db = database.db;
    expect(await codeOf(createUnion(db, townB, { name: '越权工会', kind: 'standalone', regionCode: TOWN_A }))).toBe('FORBIDDEN');
    expect(UnionCreate.safeParse({ name: '女会员多于会员', kind: 'standalone', members: 3, femaleMembers: 5 }).success).toBe(false);
    const u = await createUnion(db, admin, { name: '西溪某公司工会', kind: 'standalone', regionCode: TOWN_B });
    expect((await listUnions(db, unionA, { limit: 100 })).items.map((x) => x.id)).not.toContain(u.id);
    expect(await codeOf(getUnionDetail(db, unionA, u.id, '2025-01-01'))).toBe('NOT_FOUND');
  });

  it('instructor: assign (work coverage), no overlap, end, visit linked to the assignment', async () => {
    const db = database.db;
    const person = await seedPerson(db, '赵指导', TOWN_A);
    const ins = await createInstructor(db, townA, { personId: person, kind: 'instructor', regionCode: TOWN_A });
    expect(await codeOf(createInstructor(db, townA, { personId: person, kind: 'instructor', regionCode: TOWN_A }))).toBe('CONFLICT');
    expect(await codeOf(createInstructor(db, townA, { personId: person, kind: 'liaison', regionCode: TOWN_B }))).toBe('FORBIDDEN');
    const e = await seedEnterprise(db, { regionCode: TOWN_A });
    const a = await assignInstructor(db, townA, ins.id, { enterpriseId: e, since: '2024-01-01' });
    expect(await codeOf(assignInstructor(db, townA, ins.id, { enterpriseId: e, since: '2024-05-01' }))).toBe('CONFLICT');
    const v = await addVisit(db, townA, ins.id, { enterpriseId: e, visitedOn: '2024-02-01', notes: '了解党员情况' });
    await endAssignment(db, townA, ins.id, a.id, { until: '2024-06-01' });
    await addVisit(db, townA, ins.id, { enterpriseId: e, visitedOn: '2024-07-01', notes: '回访' });
    const visitRows = await db.selectFrom('visit_log').select(['id', 'assignment_id']).orderBy('id').execute();
    expect(visitRows.find((r) => r.id === v.id)?.assignment_id).toBe(a.id);
    expect(visitRows.at(-1)?.assignment_id).toBeNull();
    const detail = await getInstructorDetail(db, townA, ins.id);
    expect(detail.assignments[0]?.until).toBe('2024-06-01');
    expect(detail.visits).toHaveLength(2);
    expect(await codeOf(getInstructorDetail(db, townB, ins.id))).toBe('NOT_FOUND');
    expect((await listInstructors(db, townB, { limit: 10 })).items).toEqual([]);
    const audits = await db.selectFrom('audit_event').select('action').where('entity', '=', 'instructor').execute();
    expect(audits.map((x) => x.action)).toEqual(['instructor.create', 'instructor.assign', 'instructor.visit.add', 'instructor.assignment.end', 'instructor.visit.add']);
  });
});
