import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { loadKeyring, type Keyring } from '../../src/core/crypto/keyring.js';
import { createInstructor } from '../../src/core/instructor/instructor.service.js';
import { addCoverage, appointPosition } from '../../src/core/party-org/org-links.service.js';
import { createOrg } from '../../src/core/party-org/party-org.service.js';
import { createPerson, getPerson, listPeople, updatePerson } from '../../src/core/person/person.service.js';
import { createUnion } from '../../src/core/union/union.service.js';
import type { Database } from '../../src/db/database.js';
import { AppError } from '../../src/domain/errors.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { actorWith, seedEnterprise, seedRegions, TOWN_A, TOWN_B } from '../helpers/org-fixtures.js';

/**
 * People are visible through what they belong to, or their registration region, and only where that
 * is visible; editing follows managing; a full-number search needs pii.view and finds only visible
 * people; a duplicate ID number names the existing person only to those who may see them
 * (docs/organisations.md, "People").
 */
const admin = systemActor('tester');
const townA = actorWith('township_officer', { regionPrefixes: ['330106001'] }, 'townA');
const townB = actorWith('township_officer', { regionPrefixes: ['330106002'] }, 'townB');
const orgAdminA = actorWith('org_admin', { regionPrefixes: ['330106001'] }, 'orgAdminA'); // holds pii.view
const secretary = actorWith('branch_secretary', { partyOrgIds: [] }, 'secretary');
const ID_B = '110105199003071239';

const outcome = (p: Promise<unknown>) => p.then(() => 'OK', (e: unknown) => {
  if (e instanceof AppError) return e.details[0]?.code === 'NOT_MANAGED' ? 'NOT_MANAGED' : e.code;
  throw e;
});

describe(`people scope on ${testEngine()}`, () => {
  let database: Database;
  let keyring: Keyring;
  let dir: string;
  const deps = () => ({ db: database.db, keyring });
  const p = { inB: '', secretaryB: '', instructorB: '', organiserB: '', inA: '' };
  const names = async (actor: typeof townA) => (await listPeople(deps(), actor, { limit: 200 })).items.map((x) => x.name).sort();

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-person-scope-'));
    keyring = loadKeyring({ dataDir: dir, engine: 'pglite' }, () => {});
    const db = database.db;
    await seedRegions(db);
    p.inA = (await createPerson(deps(), townA, { name: '甲街道登记人' })).id;
    p.inB = (await createPerson(deps(), townB, { name: '乙街道登记人', idNumber: ID_B, phone: '13800001234' })).id;
    p.secretaryB = (await createPerson(deps(), townB, { name: '乙联合支部书记' })).id;
    p.instructorB = (await createPerson(deps(), townB, { name: '乙指导员' })).id;
    p.organiserB = (await createPerson(deps(), admin, { name: '无区划组织员' })).id;
    const eA = await seedEnterprise(db, { regionCode: TOWN_A });
    const joint = await createOrg(db, admin, { name: '乙街道跨街联合党支部', orgType: 'branch', setupMode: 'joint', regionCode: TOWN_B });
    await addCoverage(db, admin, joint.id, { enterpriseId: eA, since: '2024-01-01' });
    await appointPosition(db, admin, joint.id, { personId: p.secretaryB, position: 'secretary', since: '2024-01-01' });
    await createInstructor(db, admin, { personId: p.instructorB, kind: 'instructor', regionCode: TOWN_B });
    await createUnion(db, admin, { name: '乙街道某公司工会', kind: 'standalone', regionCode: TOWN_B, organiserPersonId: p.organiserB });
  });
  afterAll(async () => {
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('registers people in the caller\'s region by default and refuses another street\'s region', async () => {
    expect((await getPerson(deps(), admin, p.inA, false)).regionCode).toBe(TOWN_A);
    expect(await outcome(createPerson(deps(), townA, { name: '越权登记', regionCode: TOWN_B }))).toBe('FORBIDDEN');
    expect(await outcome(createPerson(deps(), townA, { name: '不存在的区划', regionCode: '330106001999' }))).toBe('VALIDATION_FAILED');
    // a grant that names no region has to say where the person is registered
    expect(await outcome(createPerson(deps(), secretary, { name: '无区划' }))).toBe('VALIDATION_FAILED');
  });

  it('sees people by region and through links only where the linked record is visible', async () => {
    // street A sees its own registration and the secretary of the joint branch it sees through eA
    expect(await names(townA)).toEqual(['乙联合支部书记', '甲街道登记人']);
    // street B also sees the organiser of its union (township officers read unions)
    expect(await names(townB)).toEqual(['乙指导员', '乙联合支部书记', '乙街道登记人', '无区划组织员']);
    expect((await names(admin)).length).toBe(5);
    expect(await outcome(getPerson(deps(), townA, p.inB, false))).toBe('NOT_FOUND');
    expect(await outcome(getPerson(deps(), townA, p.organiserB, false))).toBe('NOT_FOUND');
  });

  it('edits only people it manages: seen through a link is 403, unseen is 404; nothing written', async () => {
    const before = await getPerson(deps(), admin, p.secretaryB, false);
    expect(await outcome(updatePerson(deps(), townA, p.secretaryB, { version: before.version, name: '改名' }))).toBe('NOT_MANAGED');
    expect(await outcome(updatePerson(deps(), townA, p.inB, { version: 1, name: '改名' }))).toBe('NOT_FOUND');
    expect((await getPerson(deps(), admin, p.secretaryB, false)).name).toBe('乙联合支部书记');
    expect(await outcome(updatePerson(deps(), townB, p.secretaryB, { version: before.version, name: '乙联合支部书记' }))).toBe('OK');
    // a stale version is a conflict even when the value is unchanged
    expect(await outcome(updatePerson(deps(), townB, p.secretaryB, { version: before.version, name: '乙联合支部书记' }))).toBe('VERSION_CONFLICT');
  });

  it('a full-number search needs pii.view and finds only visible people: no existence oracle', async () => {
    expect(await outcome(listPeople(deps(), townB, { idNumber: ID_B, limit: 10 }))).toBe('FORBIDDEN');
    expect(await outcome(listPeople(deps(), townB, { phone: '13800001234', limit: 10 }))).toBe('FORBIDDEN');
    expect((await listPeople(deps(), orgAdminA, { idNumber: ID_B, limit: 10 })).items).toEqual([]);
    expect((await listPeople(deps(), admin, { idNumber: ID_B, limit: 10 })).items.map((x) => x.id)).toEqual([p.inB]);
  });

  it('a duplicate ID number names the existing person only to whoever can see them', async () => {
    const err = await createPerson(deps(), townA, { name: '重复', idNumber: ID_B }).catch((e: unknown) => e as AppError);
    expect(err).toMatchObject({ code: 'CONFLICT' });
    expect(JSON.stringify(err)).not.toContain('乙街道登记人');
    expect((err as AppError).message).not.toContain(p.inB);
    const seen = await createPerson(deps(), townB, { name: '重复', idNumber: ID_B }).catch((e: unknown) => e as AppError);
    expect((seen as AppError).message).toContain('乙街道登记人');
  });

  it('masks the birth date with the ID number; reveals both together with pii.view', async () => {
    const masked = await getPerson(deps(), townB, p.inB, false);
    expect(masked).toMatchObject({ idNumber: '110105********1239', birthDate: null });
    expect(await getPerson(deps(), admin, p.inB, true)).toMatchObject({ idNumber: ID_B, birthDate: '1990-03-07' });
  });
});
