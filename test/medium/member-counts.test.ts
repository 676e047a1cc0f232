import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { systemActor } from '../../src/core/access/actor.js';
import { enterpriseFactsByIds, orgFactsByIds } from '../../src/core/coverage-facts/assemble.js';
import { drillDown } from '../../src/core/coverage/coverage-figures.service.js';
import { ensureFresh } from '../../src/core/coverage/coverage-refresh.js';
import { loadKeyring, type Keyring } from '../../src/core/crypto/keyring.js';
import { addMember, changeMemberStatus, confirmMember } from '../../src/core/member/member.service.js';
import { addCoverage } from '../../src/core/party-org/org-links.service.js';
import { getOrgDetail } from '../../src/core/party-org/party-org.query.js';
import { adjustOrg, createOrg } from '../../src/core/party-org/party-org.service.js';
import { idCheckChar } from '../../src/domain/id-number.js';
import { todayInChina } from '../../src/domain/org-terms.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { seedEnterprise, seedRegions, TOWN_A } from '../helpers/org-fixtures.js';

/**
 * Counts from the roster (docs/members.md, "Counts"), one fact at a time through the real writers:
 * before the organisation keeps a roster its typed numbers and the ledger's 党员数量 stand (填报数);
 * once it does, the organisation's detail, the rule facts and the coverage rows (refreshed by the
 * roster's own trigger) count the members on the roll — added, confirmed, left.
 */
const admin = systemActor('tester');
const idNo = (body: string) => body + idCheckChar(body);

describe(`member counts on ${testEngine()}`, () => {
  let database: Database;
  let keyring: Keyring;
  let dir: string;
  const ids = { e: '', org: '', m: '' };
  const deps = () => ({ db: database.db, keyring });
  const today = todayInChina();
  const detail = () => getOrgDetail(database.db, admin, ids.org, today);
  const coverageRow = async () => {
    await ensureFresh(database.db);
    return database.db.selectFrom('enterprise_coverage').select(['full_members', 'members_from_roster']).where('id', '=', ids.e).executeTakeFirstOrThrow();
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-mcount-'));
    keyring = loadKeyring({ dataDir: dir, engine: 'pglite' }, () => {});
    await seedRegions(database.db);
    ids.e = await seedEnterprise(database.db, { name: '北山名册科技有限公司', regionCode: TOWN_A, memberCount: 7 });
    ids.org = (await createOrg(database.db, admin, { name: '北山名册科技党支部', orgType: 'branch', setupMode: 'standalone', regionCode: TOWN_A, fullMembers: 6, probationaryMembers: 1 })).id;
    await addCoverage(database.db, admin, ids.org, { enterpriseId: ids.e, since: '2024-01-01' });
  });
  afterAll(async () => {
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('without a roster the typed numbers stand, marked typed', async () => {
    expect(await detail()).toMatchObject({ fullMembers: 6, probationaryMembers: 1, memberCountSource: 'typed', rosterSince: null });
    expect(await coverageRow()).toEqual({ full_members: 7, members_from_roster: false });
    const drill = await drillDown(database.db, admin, { metric: 'withMembers', part: 'numerator', limit: 10 });
    expect(drill.items.find((i) => i.id === ids.e)).toMatchObject({ fullMembers: 7, membersFromRoster: false });
  });

  it('with a roster: detail, rule facts and coverage rows count the members on the roll', async () => {
    await database.db.updateTable('party_org').set({ roster_since: '2025-01-01' }).where('id', '=', ids.org).execute();
    expect(await detail()).toMatchObject({ fullMembers: 0, probationaryMembers: 0, memberCountSource: 'roster' });
    expect(await coverageRow()).toEqual({ full_members: 0, members_from_roster: true });
    const m = await addMember(deps(), admin, { orgId: ids.org, name: '赵雪梅', idNumber: idNo('33010619920415222'), category: 'probationary', joinedOn: '2025-02-01', enterpriseId: ids.e });
    ids.m = m.id;
    await addMember(deps(), admin, { orgId: ids.org, name: '钱立新', idNumber: idNo('33010619880820333'), category: 'full', joinedOn: '2010-05-01', confirmedOn: '2011-05-02', enterpriseId: ids.e });
    expect(await detail()).toMatchObject({ fullMembers: 1, probationaryMembers: 1 });
    expect(await coverageRow()).toEqual({ full_members: 1, members_from_roster: true });
    const c = await confirmMember(deps(), admin, ids.m, { version: m.version, confirmedOn: '2025-11-01' });
    expect(await detail()).toMatchObject({ fullMembers: 2, probationaryMembers: 0 });
    expect(await coverageRow()).toEqual({ full_members: 2, members_from_roster: true });
    const [org] = await orgFactsByIds(database.db, [ids.org], today);
    expect(org).toMatchObject({ fullMembers: 2, probationaryMembers: 0 });
    const [ent] = await enterpriseFactsByIds(database.db, [ids.e], today);
    expect(ent).toMatchObject({ fullMembers: 2, probationaryMembers: 0 });
    await changeMemberStatus(deps(), admin, ids.m, { version: c.version, status: 'left', since: today, leftReason: 'death' });
    expect(await detail()).toMatchObject({ fullMembers: 1 });
    expect(await coverageRow()).toEqual({ full_members: 1, members_from_roster: true });
  });

  it('typed counts cannot be changed once the roster counts', async () => {
    const d = await detail();
    await expect(adjustOrg(database.db, admin, ids.org, { version: d.version, changes: { fullMembers: 9 } })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
