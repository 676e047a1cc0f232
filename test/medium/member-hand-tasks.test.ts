import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { generateKeyringText, parseKeyring } from '../../src/core/crypto/keyring.js';
import { addMember, changeMemberStatus, editMember } from '../../src/core/member/member.service.js';
import { createOrg } from '../../src/core/party-org/party-org.service.js';
import { refreshTasks } from '../../src/core/task/task-refresh.service.js';
import type { Database } from '../../src/db/database.js';
import { idCheckChar } from '../../src/domain/id-number.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { actorWith, COMMUNITY_A1, seedEnterprise, seedRegions, TOWN_A, TOWN_B } from '../helpers/org-fixtures.js';

/**
 * A member added or changed by hand refreshes, in the same transaction, the tasks of the enterprise
 * the member works at — the old one and the new one when the employer changes — beside the
 * organisation's (docs/inbox.md, "Refresh"). The enterprises' facts are moved quietly first (a
 * coverage written straight in the table, no refresh), so only the member's own refresh can close
 * their 消除党建工作空白点 tasks; an enterprise the member never worked at keeps its task. The other
 * street's enterprise is never touched by street A's writes.
 */
const sys = systemActor('tester');
const streetA = actorWith('township_officer', { regionPrefixes: ['330106001'] }, 'town_a');
const idNo = (body: string) => body + idCheckChar(body);

describe(`a member written by hand refreshes its employer's tasks on ${testEngine()}`, () => {
  let database: Database;
  const keyring = parseKeyring(generateKeyringText(), 'env', null);
  const deps = () => ({ db: database.db, keyring });
  const db = () => database.db;
  const ids = { branch: '', e1: '', e2: '', e3: '', eB: '', member: '' };
  const gapOf = async (enterpriseId: string) => (await db().selectFrom('task').select(['state', 'closed_by'])
    .where('kind', '=', 'coverage.gap').where('subject_id', '=', enterpriseId).orderBy('id', 'desc').executeTakeFirst()) ?? null;
  /** The branch covers the enterprise from now on, written straight in the table: the inbox does not know yet. */
  const coverQuietly = (enterpriseId: string, orgId = ids.branch) =>
    db().insertInto('party_org_coverage').values({ org_id: orgId, enterprise_id: enterpriseId, mode: 'joint', since: '2024-01-01' }).execute();

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedRegions(db());
    const enterprise = (name: string, regionCode = COMMUNITY_A1) => seedEnterprise(db(), { name, regionCode, employeeCount: 40 });
    ids.e1 = await enterprise('北山精工机械有限公司');
    ids.e2 = await enterprise('北山新材料科技有限公司');
    ids.e3 = await enterprise('北山物流有限公司');
    ids.eB = await enterprise('西溪电子商务有限公司', TOWN_B);
    ids.branch = (await createOrg(db(), sys, { name: '北山片区非公企业联合党支部', orgType: 'branch', setupMode: 'joint', regionCode: TOWN_A, foundedOn: '2020-01-01', fullMembers: 5 })).id;
    const other = (await createOrg(db(), sys, { name: '西溪片区非公企业联合党支部', orgType: 'branch', setupMode: 'joint', regionCode: TOWN_B, foundedOn: '2020-01-01', fullMembers: 5 })).id;
    await refreshTasks(db(), sys, {});
    for (const e of [ids.e1, ids.e2, ids.e3]) await coverQuietly(e);
    await coverQuietly(ids.eB, other);
  }, 120_000);
  afterAll(async () => { await database?.close(); });

  it('the gaps stand open while nobody refreshed the quietly covered enterprises', async () => {
    for (const e of [ids.e1, ids.e2, ids.e3, ids.eB]) expect(await gapOf(e)).toEqual({ state: 'open', closed_by: null });
  });

  it('adding a member by hand closes the gap of the enterprise they work at, and only that one', async () => {
    const m = await addMember(deps(), streetA, {
      name: '陈建华', idNumber: idNo('33010619850311123'), orgId: ids.branch, category: 'full', joinedOn: '2010-07-01', confirmedOn: '2011-07-01', enterpriseId: ids.e1,
    });
    ids.member = m.id;
    expect(await gapOf(ids.e1)).toEqual({ state: 'done', closed_by: 'fact_changed' });
    for (const e of [ids.e2, ids.e3, ids.eB]) expect(await gapOf(e)).toEqual({ state: 'open', closed_by: null });
  });

  it('changing the member\'s employer refreshes the new enterprise too; a status change refreshes the current one', async () => {
    const before = await db().selectFrom('party_member').select('version').where('id', '=', ids.member).executeTakeFirstOrThrow();
    await editMember(deps(), streetA, ids.member, { version: before.version, changes: { enterpriseId: ids.e2 } });
    expect(await gapOf(ids.e2)).toEqual({ state: 'done', closed_by: 'fact_changed' });
    expect((await gapOf(ids.e3))?.state).toBe('open');
    const now = await db().selectFrom('party_member').select('version').where('id', '=', ids.member).executeTakeFirstOrThrow();
    await db().updateTable('party_member').set({ enterprise_id: ids.e3, version: now.version + 1 }).where('id', '=', ids.member).execute();
    await changeMemberStatus(deps(), streetA, ids.member, { version: now.version + 1, status: 'mobile', since: '2026-11-01' });
    expect(await gapOf(ids.e3)).toEqual({ state: 'done', closed_by: 'fact_changed' });
    expect(await gapOf(ids.eB)).toEqual({ state: 'open', closed_by: null });
  });
});
