import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { systemActor } from '../../src/core/access/actor.js';
import { createOrg } from '../../src/core/party-org/party-org.service.js';
import { addCoverage, appointPosition } from '../../src/core/party-org/org-links.service.js';
import { createInstructor, assignInstructor } from '../../src/core/instructor/instructor.service.js';
import { getEnterpriseCoverage, orgFindings } from '../../src/core/coverage-facts/coverage.service.js';
import { worklistBatches, worklistPage } from '../../src/core/worklist/worklist.service.js';
import { AppError } from '../../src/domain/errors.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { actorWith, COMMUNITY_A1, seedEnterprise, seedPerson, seedRegions, TOWN_A, TOWN_B } from '../helpers/org-fixtures.js';

const admin = systemActor('tester');
const townA = actorWith('township_officer', { regionPrefixes: ['330106001'] });
const townB = actorWith('township_officer', { regionPrefixes: ['330106002'] });
const DATE = '2025-06-30';

describe(`coverage facts and work lists on ${testEngine()}`, () => {
  let database: Database;
  const e: Record<string, string> = {};
  const o: Record<string, string> = {};
  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.db;
    await seedRegions(db);
    e.own = await seedEnterprise(db, { name: '自建企业', regionCode: COMMUNITY_A1, memberCount: 5, employeeCount: 8 });
    e.joint = await seedEnterprise(db, { name: '联建企业', regionCode: COMMUNITY_A1, memberCount: 1, employeeCount: 8 });
    e.work = await seedEnterprise(db, { name: '指导员企业', regionCode: COMMUNITY_A1, memberCount: 0, employeeCount: 8 });
    e.gap0 = await seedEnterprise(db, { name: '无党员企业', regionCode: COMMUNITY_A1, memberCount: 0, employeeCount: 8 });
    e.gap2 = await seedEnterprise(db, { name: '两名党员企业', regionCode: TOWN_A, memberCount: 2, employeeCount: 8 });
    e.closed = await seedEnterprise(db, { name: '注销企业', regionCode: COMMUNITY_A1, memberCount: 1, status: 'deregistered' });
    e.other = await seedEnterprise(db, { name: '西溪企业', regionCode: TOWN_B, memberCount: 0, employeeCount: 8 });
    const own = await createOrg(db, admin, { name: '自建企业党支部', orgType: 'branch', setupMode: 'standalone', regionCode: COMMUNITY_A1, foundedOn: '2023-01-01', fullMembers: 5 });
    const joint = await createOrg(db, admin, { name: '北山社区联合党支部', orgType: 'branch', setupMode: 'joint', regionCode: COMMUNITY_A1, foundedOn: '2020-01-01', fullMembers: 3 });
    o.own = own.id;
    o.joint = joint.id;
    await addCoverage(db, admin, own.id, { enterpriseId: e.own!, since: '2023-01-01' });
    await addCoverage(db, admin, joint.id, { enterpriseId: e.joint!, since: '2024-06-01' });
    await addCoverage(db, admin, joint.id, { enterpriseId: e.closed!, since: '2020-01-01' });
    await appointPosition(db, admin, own.id, { personId: await seedPerson(db, '钱书记'), position: 'secretary', since: '2023-01-01' });
    const ins = await createInstructor(db, admin, { personId: await seedPerson(db, '孙指导'), kind: 'instructor', regionCode: TOWN_A });
    await assignInstructor(db, admin, ins.id, { enterpriseId: e.work!, since: '2024-01-01' });
  });
  afterAll(async () => database?.close());

  it.each([
    ['own', 'standalone', []],
    ['joint', 'joint', []],
    ['work', 'workOnly', []],
    ['gap0', 'gap', ['enterprise.assignInstructor']],
    ['gap2', 'gap', ['enterprise.setupJointOrAttached']],
    ['closed', 'closed', []],
  ])('enterprise %s has status %s and next steps %j', async (key, status, steps) => {
    const c = await getEnterpriseCoverage(database.db, admin, e[key]!, DATE);
    expect(c.status).toBe(status);
    expect(c.nextSteps.map((s) => s.ruleId)).toEqual(steps);
    expect(c.explanation.message).toContain('依据');
  });

  it('answers "as of" a date from the intervals', async () => {
    expect((await getEnterpriseCoverage(database.db, admin, e.joint!, '2024-05-31')).status).toBe('gap');
    expect((await getEnterpriseCoverage(database.db, admin, e.joint!, '2024-06-01')).status).toBe('joint');
  });

  it('a covered deregistered enterprise raises alerts on it and on its organisation', async () => {
    const c = await getEnterpriseCoverage(database.db, admin, e.closed!, DATE);
    expect(c.alerts.map((a) => a.ruleId)).toContain('enterprise.closedButCovered');
    const org = (await orgFindings(database.db, [o.joint!], DATE)).get(o.joint!)!.map((f) => f.ruleId);
    expect(org).toEqual(expect.arrayContaining(['org.secretaryVacant', 'org.coveredEnterpriseClosed', 'org.reelectionOverdue']));
    const own = (await orgFindings(database.db, [o.own!], DATE)).get(o.own!)!.map((f) => f.ruleId);
    expect(own).not.toContain('org.secretaryVacant');
  });

  it('coverage of an enterprise outside scope is not found', async () => {
    await expect(getEnterpriseCoverage(database.db, townB, e.own!, DATE)).rejects.toBeInstanceOf(AppError);
  });

  it('gap list matches the hand-checked sample, filtered by region and scope', async () => {
    const gaps = await worklistPage(database.db, admin, 'gaps', { limit: 100, date: DATE });
    expect(gaps.items.map((i) => i.link)).toEqual([e.gap0, e.gap2, e.other].map((id) => ({ entity: 'enterprise', id })));
    const inA = await worklistPage(database.db, townA, 'gaps', { limit: 100, date: DATE });
    expect(inA.items.map((i) => i.name)).toEqual(['无党员企业', '两名党员企业']);
    const community = await worklistPage(database.db, admin, 'gaps', { limit: 100, date: DATE, regionPrefix: COMMUNITY_A1 });
    expect(community.items.map((i) => i.name)).toEqual(['无党员企业']);
  });

  it('alerts list spans enterprises and organisations; pages never split a record', async () => {
    const all: string[] = [];
    for await (const b of worklistBatches(database.db, townA, 'alerts', { limit: 100, date: DATE })) all.push(...b.items.map((i) => `${i.link.entity}:${i.link.id}:${i.ruleId}`));
    expect(all).toEqual(expect.arrayContaining([`enterprise:${e.closed}:enterprise.closedButCovered`, `party_org:${o.joint}:org.secretaryVacant`]));
    const paged: string[] = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 20; guard++) {
      const p = await worklistPage(database.db, townA, 'alerts', { limit: 1, date: DATE, cursor });
      paged.push(...p.items.map((i) => `${i.link.entity}:${i.link.id}:${i.ruleId}`));
      if (!p.nextCursor) break;
      cursor = p.nextCursor;
    }
    expect(paged).toEqual(all);
    const onlyVacancy = await worklistPage(database.db, townA, 'alerts', { limit: 100, date: DATE, ruleId: 'org.secretaryVacant' });
    expect(onlyVacancy.items.map((i) => i.link)).toEqual([{ entity: 'party_org', id: o.joint }]);
    expect((await worklistPage(database.db, townB, 'alerts', { limit: 100, date: DATE, kind: 'party_org' })).items).toEqual([]);
  });
});
