import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { systemActor } from '../../src/core/access/actor.js';
import { adjustOrg, createOrg, dissolveOrg, reelectOrg } from '../../src/core/party-org/party-org.service.js';
import { addCoverage, appointPosition, endCoverage, endPosition } from '../../src/core/party-org/org-links.service.js';
import { getOrgDetail, listOrgs } from '../../src/core/party-org/party-org.query.js';
import { codeOf } from '../helpers/code-of.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { actorWith, COMMUNITY_A1, seedEnterprise, seedPerson, seedRegions, TOWN_A, TOWN_B } from '../helpers/org-fixtures.js';

const codeOfTop = (p: Promise<unknown>) => codeOf(p, true);
const admin = systemActor('tester');
const townA = actorWith('township_officer', { regionPrefixes: ['330106001'] });
const townB = actorWith('township_officer', { regionPrefixes: ['330106002'] });

describe(`party organisations on ${testEngine()}`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedRegions(database.db);
  });
  afterAll(async () => database?.close());
  // The materialised path is internal (no longer in any response): read it from the table.
  const pathOf = async (id: string) => (await database.db.selectFrom('party_org').select('path').where('id', '=', id).executeTakeFirstOrThrow()).path;

  it('creates a tree with materialised paths and a default term end', async () => {
    const db = database.db;
    const committee = await createOrg(db, admin, { name: '北山街道非公企业党委', orgType: 'committee', setupMode: 'standalone', regionCode: TOWN_A, foundedOn: '2020-05-10' });
    expect(committee.termYears).toBe(5);
    expect(committee.termEndsOn).toBe('2025-05-09');
    const branch = await createOrg(db, townA, { name: '北山联合党支部', orgType: 'branch', setupMode: 'joint', parentId: committee.id, foundedOn: '2024-02-29' });
    expect(await pathOf(branch.id)).toBe(`${committee.id}.${branch.id}`);
    expect(branch.regionCode).toBe(TOWN_A); // inherited from the parent
    expect(branch.termEndsOn).toBe('2027-02-27');
    const temp = await createOrg(db, admin, { name: '北山项目临时党支部', orgType: 'branch', setupMode: 'standalone', temporary: true, regionCode: TOWN_A, foundedOn: '2024-01-01' });
    expect(temp.termEndsOn).toBeNull();
    expect(await codeOfTop(reelectOrg(db, admin, temp.id, { version: temp.version, heldOn: '2025-01-01' }))).toBe('CONFLICT');
  });

  it('refuses placement outside the actor scope and duplicate names in a region', async () => {
    const db = database.db;
    expect(await codeOfTop(createOrg(db, townB, { name: '越权党支部', orgType: 'branch', setupMode: 'standalone', regionCode: TOWN_A }))).toBe('FORBIDDEN');
    expect(await codeOfTop(createOrg(db, admin, { name: '北山联合党支部', orgType: 'branch', setupMode: 'joint', regionCode: TOWN_A }))).toBe('CONFLICT');
  });

  it('adjusts with optimistic versions, moves subtrees, refuses cycles and keeps history', async () => {
    const db = database.db;
    const a = await createOrg(db, admin, { name: '甲党委', orgType: 'committee', setupMode: 'standalone', regionCode: TOWN_B });
    const b = await createOrg(db, admin, { name: '乙党总支', orgType: 'generalBranch', setupMode: 'standalone', parentId: a.id });
    const c = await createOrg(db, admin, { name: '丙党支部', orgType: 'branch', setupMode: 'standalone', parentId: b.id });
    const moved = await adjustOrg(db, admin, b.id, { version: b.version, changes: { parentId: null, regionCode: TOWN_B }, reason: '隶属关系调整' });
    expect(await pathOf(b.id)).toBe(b.id);
    expect(await pathOf(c.id)).toBe(`${b.id}.${c.id}`);
    expect(await codeOfTop(adjustOrg(db, admin, b.id, { version: b.version, changes: { name: '过期版本' } }))).toBe('VERSION_CONFLICT');
    expect(await codeOfTop(adjustOrg(db, admin, b.id, { version: moved.version, changes: { parentId: c.id } }))).toBe('VALIDATION_FAILED');
    const history = (await getOrgDetail(db, admin, b.id, '2025-01-01')).history.map((h) => h.kind);
    expect(history).toEqual(['created', 'adjusted']);
    const audits = await db.selectFrom('audit_event').select('action').where('entity', '=', 'party_org').where('entity_id', '=', b.id).execute();
    expect(audits.map((x) => x.action)).toEqual(['party_org.create', 'party_org.adjust']);
  });

  it('coverage: scoped enterprises, no overlapping intervals, end date after start', async () => {
    const db = database.db;
    const org = await createOrg(db, admin, { name: '北山社区联合党支部', orgType: 'branch', setupMode: 'joint', regionCode: COMMUNITY_A1 });
    const e1 = await seedEnterprise(db, { regionCode: COMMUNITY_A1, memberCount: 1 });
    const eB = await seedEnterprise(db, { regionCode: TOWN_B, memberCount: 1 });
    const cov = await addCoverage(db, townA, org.id, { enterpriseId: e1, since: '2024-01-01' });
    expect(cov.mode).toBe('joint');
    expect(await codeOfTop(addCoverage(db, townA, org.id, { enterpriseId: e1, since: '2024-06-01' }))).toBe('CONFLICT');
    expect(await codeOfTop(addCoverage(db, townA, org.id, { enterpriseId: eB, since: '2024-06-01' }))).toBe('NOT_FOUND');
    expect(await codeOfTop(endCoverage(db, townA, org.id, cov.id, { until: '2023-12-31' }))).toBe('VALIDATION_FAILED');
    await endCoverage(db, townA, org.id, cov.id, { until: '2024-11-01' });
    await addCoverage(db, townA, org.id, { enterpriseId: e1, since: '2024-11-01' }); // adjacent, not overlapping
    const detail = await getOrgDetail(db, townA, org.id, '2024-10-31');
    expect(detail.coverage).toHaveLength(2);
  });

  it('positions: one secretary at a time; ending leaves a vacancy', async () => {
    const db = database.db;
    const org = await createOrg(db, admin, { name: '某科技公司党支部', orgType: 'branch', setupMode: 'standalone', regionCode: TOWN_A, fullMembers: 5, foundedOn: '2022-01-01' });
    const p1 = await seedPerson(db, '张三');
    const p2 = await seedPerson(db, '李四');
    const sec = await appointPosition(db, admin, org.id, { personId: p1, position: 'secretary', since: '2022-01-01' });
    expect(sec.personName).toBe('张三');
    expect(await codeOfTop(appointPosition(db, admin, org.id, { personId: p2, position: 'secretary', since: '2023-01-01' }))).toBe('CONFLICT');
    await appointPosition(db, admin, org.id, { personId: p2, position: 'deputySecretary', since: '2022-01-01' });
    expect((await getOrgDetail(db, admin, org.id, '2024-01-01')).secretaryVacant).toBe(false);
    await endPosition(db, admin, org.id, sec.id, { until: '2024-03-01', reason: '工作调动' });
    expect((await getOrgDetail(db, admin, org.id, '2024-02-29')).secretaryVacant).toBe(false);
    expect((await getOrgDetail(db, admin, org.id, '2024-03-01')).secretaryVacant).toBe(true);
    await appointPosition(db, admin, org.id, { personId: p2, position: 'secretary', since: '2024-04-01' });
    expect((await getOrgDetail(db, admin, org.id, '2024-04-01')).secretaryVacant).toBe(false);
  });

  it('re-election sets the new term end from the election day', async () => {
    const db = database.db;
    const org = await createOrg(db, admin, { name: '换届测试党支部', orgType: 'branch', setupMode: 'standalone', regionCode: TOWN_A, foundedOn: '2019-06-01' });
    expect(org.termEndsOn).toBe('2022-05-31');
    const re = await reelectOrg(db, admin, org.id, { version: org.version, heldOn: '2022-07-15' });
    expect(re.termEndsOn).toBe('2025-07-14');
    expect((await getOrgDetail(db, admin, org.id, '2025-01-01')).history.at(-1)?.kind).toBe('reelected');
  });

  it('dissolution ends coverage and positions and is refused while children are active', async () => {
    const db = database.db;
    const parent = await createOrg(db, admin, { name: '撤销测试党委', orgType: 'committee', setupMode: 'standalone', regionCode: TOWN_A });
    const child = await createOrg(db, admin, { name: '撤销测试党支部', orgType: 'branch', setupMode: 'standalone', parentId: parent.id });
    const e = await seedEnterprise(db, { regionCode: TOWN_A, memberCount: 4 });
    await addCoverage(db, admin, child.id, { enterpriseId: e, since: '2023-01-01' });
    const person = await seedPerson(db, '王五');
    await appointPosition(db, admin, child.id, { personId: person, position: 'secretary', since: '2023-01-01' });
    expect(await codeOfTop(dissolveOrg(db, admin, parent.id, { version: parent.version, on: '2025-01-01', reason: '企业注销' }))).toBe('CONFLICT');
    const gone = await dissolveOrg(db, admin, child.id, { version: child.version, on: '2025-01-01', reason: '企业注销' });
    expect(gone.status).toBe('dissolved');
    const d = await getOrgDetail(db, admin, child.id, '2025-01-01');
    expect(d.coverage.every((c) => c.until === '2025-01-01')).toBe(true);
    expect(d.positions.every((p) => p.until === '2025-01-01')).toBe(true);
    expect(await codeOfTop(addCoverage(db, admin, child.id, { enterpriseId: e, since: '2025-02-01' }))).toBe('CONFLICT');
  });

  it('scope: region, subtree roots, and coverage of a visible enterprise', async () => {
    const db = database.db;
    const root = await createOrg(db, admin, { name: '范围测试党委', orgType: 'committee', setupMode: 'standalone', regionCode: TOWN_B });
    const sub = await createOrg(db, admin, { name: '范围测试党支部', orgType: 'branch', setupMode: 'standalone', parentId: root.id });
    const secretary = actorWith('branch_secretary', { partyOrgIds: [sub.id] });
    expect((await getOrgDetail(db, secretary, sub.id, '2025-01-01')).id).toBe(sub.id);
    expect(await codeOfTop(getOrgDetail(db, secretary, root.id, '2025-01-01'))).toBe('NOT_FOUND');
    expect(await codeOfTop(getOrgDetail(db, townA, root.id, '2025-01-01'))).toBe('NOT_FOUND');
    const park = await db.insertInto('park').values({ name: '测试园区' }).returning('id').executeTakeFirstOrThrow();
    const e = await seedEnterprise(db, { regionCode: TOWN_A, parkId: park.id });
    const parkOfficer = actorWith('park_officer', { parkIds: [park.id] });
    expect(await codeOfTop(getOrgDetail(db, parkOfficer, sub.id, '2025-01-01'))).toBe('NOT_FOUND');
    await addCoverage(db, admin, sub.id, { enterpriseId: e, mode: 'attached', since: '2024-01-01' });
    expect((await getOrgDetail(db, parkOfficer, sub.id, '2025-01-01')).id).toBe(sub.id);
    const listed = await listOrgs(db, parkOfficer, { limit: 100 });
    expect(listed.items.map((o) => o.id)).toEqual([sub.id]);
    const memberOnly = actorWith('member', { allRegions: true });
    expect(await codeOfTop(listOrgs(db, memberOnly, { limit: 100 }))).toBe('FORBIDDEN');
  });

  it('a failed change writes neither history nor audit', async () => {
    const db = database.db;
    const before = await db.selectFrom('audit_event').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const org = (await listOrgs(db, admin, { limit: 1 })).items[0]!;
    expect(await codeOfTop(adjustOrg(db, admin, org.id, { version: org.version + 5, changes: { name: '不应保存' } }))).toBe('VERSION_CONFLICT');
    const after = await db.selectFrom('audit_event').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});
