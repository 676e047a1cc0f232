import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { systemActor } from '../../src/core/access/actor.js';
import { loadKeyring, type Keyring } from '../../src/core/crypto/keyring.js';
import { getMemberDetail, getMemberHistory, listMembers } from '../../src/core/member/member.query.js';
import { addMember, changeMemberStatus, confirmMember, editMember } from '../../src/core/member/member.service.js';
import { addCoverage } from '../../src/core/party-org/org-links.service.js';
import { createOrg } from '../../src/core/party-org/party-org.service.js';
import { createPerson, getPerson } from '../../src/core/person/person.service.js';
import { idCheckChar } from '../../src/domain/id-number.js';
import { AppError } from '../../src/domain/errors.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { actorWith, OTHER_COUNTY, seedEnterprise, seedRegions, TOWN_A, TOWN_B } from '../helpers/org-fixtures.js';

/**
 * The roster through its real writers (docs/members.md): a joint branch of street A covers an
 * enterprise of street B and one of its members works there. Street A manages the member; street B
 * sees them partly (through the link and the employer) and manages nothing; another county sees
 * nothing. Every change writes its history event and audit entry; stale versions are conflicts.
 */
const admin = systemActor('tester');
const townA = actorWith('township_officer', { regionPrefixes: ['330106001'] }, 'townA');
const townB = actorWith('township_officer', { regionPrefixes: ['330106002'] }, 'townB');
const other = actorWith('township_officer', { regionPrefixes: ['330108'] }, 'other');
const idNo = (body: string) => body + idCheckChar(body);
const ID1 = idNo('33010619900307123');
const ID2 = idNo('33010619850615456');
const ID3 = idNo('33010819800101789');

const codeOf = (p: Promise<unknown>) => p.then(() => 'OK', (e: unknown) => {
  if (e instanceof AppError) return e.details[0]?.code === 'NOT_MANAGED' ? 'NOT_MANAGED' : e.code;
  throw e;
});

describe(`member roster on ${testEngine()}`, () => {
  let database: Database;
  let keyring: Keyring;
  let dir: string;
  const deps = () => ({ db: database.db, keyring });
  const ids = { eA: '', eB: '', joint: '', member: '' };

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-member-'));
    keyring = loadKeyring({ dataDir: dir, engine: 'pglite' }, () => {});
    const db = database.db;
    await seedRegions(db);
    ids.eA = await seedEnterprise(db, { name: '北山甲科技有限公司', regionCode: TOWN_A });
    ids.eB = await seedEnterprise(db, { name: '西溪乙贸易有限公司', regionCode: TOWN_B });
    ids.joint = (await createOrg(db, admin, { name: '北山西溪联合党支部', orgType: 'branch', setupMode: 'joint', regionCode: TOWN_A })).id;
    for (const e of [ids.eA, ids.eB]) await addCoverage(db, admin, ids.joint, { enterpriseId: e, since: '2024-01-01' });
  });
  afterAll(async () => {
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('street A adds a probationary member employed in street B, audited with a created event', async () => {
    const m = await addMember(deps(), townA, {
      orgId: ids.joint, name: '陈晓燕', idNumber: ID1, category: 'probationary', joinedOn: '2025-03-01', enterpriseId: ids.eB, post: '会计', ethnicity: '汉族',
    });
    ids.member = m.id;
    expect(m).toMatchObject({ name: '陈晓燕', category: 'probationary', access: 'full', manageable: true, orgName: '北山西溪联合党支部', enterpriseName: '西溪乙贸易有限公司', ethnicity: '汉族' });
    expect(m.idNumber).toBe(`${ID1.slice(0, 6)}********${ID1.slice(-4)}`);
    expect(m.person.birthDate).toBeNull();
    const audit = await database.db.selectFrom('audit_event').select(['action', 'after']).where('entity_id', '=', m.id).where('entity', '=', 'party_member').execute();
    expect(audit.map((a) => a.action)).toEqual(['member.create']);
    expect(JSON.stringify(audit)).not.toContain(ID1);
    const events = await getMemberHistory(database.db, townA, m.id, { limit: 50 });
    expect(events.items.map((e) => e.kind)).toEqual(['created']);
  });

  it('street B sees the member partly (list, detail, person), manages nothing; another county sees nothing', async () => {
    const listB = await listMembers(database.db, keyring, townB, { limit: 50 });
    expect(listB).toMatchObject({ total: 1, items: [{ id: ids.member, access: 'partial' }] });
    const d = await getMemberDetail(database.db, keyring, townB, ids.member);
    expect(d).toMatchObject({ access: 'partial', manageable: false });
    expect(await getMemberHistory(database.db, townB, ids.member, { limit: 50 })).toMatchObject({ items: [], hiddenCount: 1 });
    expect((await getPerson(deps(), townB, d.personId, false)).name).toBe('陈晓燕');
    expect(await codeOf(editMember(deps(), townB, ids.member, { version: d.version, changes: { post: '出纳' } }))).toBe('NOT_MANAGED');
    expect(await codeOf(confirmMember(deps(), townB, ids.member, { version: d.version, confirmedOn: '2026-03-02' }))).toBe('NOT_MANAGED');
    expect(await codeOf(changeMemberStatus(deps(), townB, ids.member, { version: d.version, status: 'mobile', since: '2025-06-01' }))).toBe('NOT_MANAGED');
    expect((await listMembers(database.db, keyring, other, { limit: 50 })).total).toBe(0);
    expect(await codeOf(getMemberDetail(database.db, keyring, other, ids.member))).toBe('NOT_FOUND');
    expect(await codeOf(getPerson(deps(), other, d.personId, false))).toBe('NOT_FOUND');
  });

  it('filters: organisation, enterprise, category, status, name; the total follows them', async () => {
    const list = (q: Parameters<typeof listMembers>[3]) => listMembers(database.db, keyring, townA, q).then((p) => p.total);
    expect(await list({ limit: 50, orgId: ids.joint })).toBe(1);
    expect(await list({ limit: 50, enterpriseId: ids.eA })).toBe(0);
    expect(await list({ limit: 50, category: 'full' })).toBe(0);
    expect(await list({ limit: 50, status: 'mobile' })).toBe(0);
    expect(await list({ limit: 50, q: '晓燕' })).toBe(1);
    expect(await list({ limit: 50, q: '%' })).toBe(0);
  });

  it('edit is versioned (stale: 409), writes an updated event with {changes}', async () => {
    const d = await getMemberDetail(database.db, keyring, townA, ids.member);
    const e = await editMember(deps(), townA, ids.member, { version: d.version, changes: { post: '出纳', education: '大学本科' } });
    expect(e).toMatchObject({ post: '出纳', education: '大学本科', version: d.version + 1 });
    expect(await codeOf(editMember(deps(), townA, ids.member, { version: d.version, changes: { post: '会计' } }))).toBe('VERSION_CONFLICT');
    const h = await getMemberHistory(database.db, townA, ids.member, { limit: 1 });
    expect(h.items[0]).toMatchObject({ kind: 'updated', data: { changes: { post: ['会计', '出纳'], education: [null, '大学本科'] } } });
    expect(h.nextCursor).not.toBeNull();
  });

  it('转正: probationary → full with the date; twice is a conflict; dates in order', async () => {
    const d = await getMemberDetail(database.db, keyring, townA, ids.member);
    expect(await codeOf(confirmMember(deps(), townA, ids.member, { version: d.version, confirmedOn: '2025-02-01' }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(confirmMember(deps(), townA, ids.member, { version: d.version, confirmedOn: '2999-01-01' }))).toBe('VALIDATION_FAILED');
    const c = await confirmMember(deps(), townA, ids.member, { version: d.version, confirmedOn: '2025-09-01' });
    expect(c.category).toBe('full');
    expect(await codeOf(confirmMember(deps(), townA, ids.member, { version: c.version, confirmedOn: '2025-10-01' }))).toBe('CONFLICT');
    expect((await getMemberHistory(database.db, townA, ids.member, { limit: 1 })).items[0].kind).toBe('confirmed');
  });

  it('status: 出党 needs a reason; a reason without 出党 is refused; left members leave the default list', async () => {
    const d = await getMemberDetail(database.db, keyring, townA, ids.member);
    expect(await codeOf(changeMemberStatus(deps(), townA, ids.member, { version: d.version, status: 'left', since: '2025-10-01' }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(changeMemberStatus(deps(), townA, ids.member, { version: d.version, status: 'mobile', since: '2025-10-01', leftReason: 'death' }))).toBe('VALIDATION_FAILED');
    const mob = await changeMemberStatus(deps(), townA, ids.member, { version: d.version, status: 'mobile', since: '2025-10-01' });
    expect(mob).toMatchObject({ status: 'mobile', statusSince: '2025-10-01' });
    const left = await changeMemberStatus(deps(), townA, ids.member, { version: mob.version, status: 'left', since: '2025-11-01', leftReason: 'withdrawn' });
    expect(left).toMatchObject({ status: 'left', leftReason: 'withdrawn' });
    expect((await listMembers(database.db, keyring, townA, { limit: 50 })).total).toBe(0);
    expect((await listMembers(database.db, keyring, townA, { limit: 50, status: 'left' })).total).toBe(1);
    const kinds = (await getMemberHistory(database.db, townA, ids.member, { limit: 50 })).items.map((e) => e.kind);
    expect(kinds).toEqual(['statusChanged', 'statusChanged', 'confirmed', 'updated', 'created']);
    const actions = await database.db.selectFrom('audit_event').select('action').where('entity', '=', 'party_member').where('entity_id', '=', ids.member).orderBy('seq').execute();
    expect(actions.map((a) => a.action)).toEqual(['member.create', 'member.update', 'member.confirm', 'member.status', 'member.status']);
  });

  it('adding by ID number: a person already on a roll is refused; one the caller cannot see gets no name, no id', async () => {
    expect(await codeOf(addMember(deps(), townA, { orgId: ids.joint, name: '陈晓燕', idNumber: ID1, category: 'full', joinedOn: '2020-01-01' }))).toBe('CONFLICT');
    const hidden = await createPerson(deps(), admin, { name: '隐藏的人', idNumber: ID3, regionCode: OTHER_COUNTY });
    const err = await addMember(deps(), townA, { orgId: ids.joint, name: '随便写', idNumber: ID3, category: 'full', joinedOn: '2020-01-01' }).catch((e: AppError) => e);
    expect(err).toMatchObject({ code: 'CONFLICT' });
    expect(JSON.stringify(err)).not.toContain('隐藏的人');
    expect(JSON.stringify(err)).not.toContain(hidden.id);
    // a person street A sees is taken as they are (name must match)
    const seen = await createPerson(deps(), admin, { name: '王建国', idNumber: ID2, regionCode: TOWN_A });
    expect(await codeOf(addMember(deps(), townA, { orgId: ids.joint, name: '王建', idNumber: ID2, category: 'full', joinedOn: '2010-01-01' }))).toBe('VALIDATION_FAILED');
    const m = await addMember(deps(), townA, { orgId: ids.joint, name: '王建国', idNumber: ID2, category: 'full', joinedOn: '2010-01-01', confirmedOn: '2011-01-02' });
    expect(m.personId).toBe(seen.id);
  });

  it('street B cannot put members into street A\'s branch, nor employ them at an enterprise it cannot reach', async () => {
    expect(await codeOf(addMember(deps(), townB, { orgId: ids.joint, name: '李四', idNumber: idNo('33010619950101111'), category: 'full', joinedOn: '2020-01-01' }))).toBe('NOT_MANAGED');
    const eOther = await seedEnterprise(database.db, { name: '滨江企业有限公司', regionCode: OTHER_COUNTY });
    expect(await codeOf(addMember(deps(), townA, { orgId: ids.joint, name: '李四', idNumber: idNo('33010619950101111'), category: 'full', joinedOn: '2020-01-01', enterpriseId: eOther }))).toBe('NOT_FOUND');
  });
});
