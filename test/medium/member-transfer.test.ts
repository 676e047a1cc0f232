import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { generateKeyringText, parseKeyring } from '../../src/core/crypto/keyring.js';
import { moveOrgMembers } from '../../src/core/member-transfer/transfer-bulk.service.js';
import { expireOverdueTransfers } from '../../src/core/member-transfer/transfer-sweep.js';
import { acceptTransfer, closeTransfer, issueTransfer, type TransferDeps } from '../../src/core/member-transfer/transfer.service.js';
import type { Database } from '../../src/db/database.js';
import { codeOf } from '../helpers/code-of.js';
import { todayInChina } from '../../src/domain/org-terms.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { actorWith, COMMUNITY_A1, seedRegions, TOWN_B } from '../helpers/org-fixtures.js';

/**
 * The transfer writers on a real database: two receivers racing to accept one letter (one wins, the
 * member is in exactly one organisation), two letters for one member at once (one is refused),
 * letter numbers per organisation and year, the expiry sweep, and a whole-organisation move that
 * fails half-way leaving nothing behind.
 */
const keyring = parseKeyring(generateKeyringText(), 'env', null);
const sys = systemActor('tester');
const townA = actorWith('township_officer', { regionPrefixes: ['330106001'] });
const townB = actorWith('township_officer', { regionPrefixes: ['330106002'] });
const daysAgo = (n: number) => new Date(Date.parse(todayInChina()) - n * 86_400_000).toISOString().slice(0, 10);

describe(`member transfers on ${testEngine()}`, () => {
  let database: Database;
  let d: TransferDeps;
  let orgA = '';
  let orgB = '';
  let n = 0;
  const member = async (orgId = orgA) => {
    const db = database.db;
    const p = await db.insertInto('person').values({ name: `转接${++n}`, region_code: COMMUNITY_A1 }).returning('id').executeTakeFirstOrThrow();
    return (await db.insertInto('party_member').values({ person_id: p.id, org_id: orgId, category: 'full', joined_on: '2010-01-01' }).returning('id').executeTakeFirstOrThrow()).id;
  };
  const org = async (name: string, region: string) => {
    const { id } = await database.db.insertInto('party_org').values({ name, org_type: 'branch', setup_mode: 'standalone', region_code: region }).returning('id').executeTakeFirstOrThrow();
    await database.db.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
    return id;
  };
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedRegions(database.db);
    d = { db: database.db, keyring, maxDays: 90 };
    orgA = await org('北山转出党支部', COMMUNITY_A1);
    orgB = await org('西溪接收党支部', TOWN_B);
  });
  afterAll(async () => database?.close());

  it('two acceptances of one letter: one wins, the member is in exactly one organisation', async () => {
    const m = await member();
    const t = await issueTransfer(d, townA, { memberId: m, toOrgId: orgB });
    const results = await Promise.all([codeOf(acceptTransfer(d, townB, t.id, { version: 1 })), codeOf(acceptTransfer(d, sys, t.id, { version: 1 }))]);
    expect(results.filter((r) => r === 'OK')).toHaveLength(1);
    const rows = await database.db.selectFrom('party_member').select('org_id').where('id', '=', m).execute();
    expect(rows).toEqual([{ org_id: orgB }]);
    const events = await database.db.selectFrom('party_member_event').select('kind').where('member_id', '=', m).where('kind', '=', 'transferred').execute();
    expect(events).toHaveLength(1);
  });

  it('two letters for one member at once: one is refused; numbers run per organisation and year', async () => {
    const m = await member();
    const results = await Promise.all([codeOf(issueTransfer(d, townA, { memberId: m, toOrgId: orgB })), codeOf(issueTransfer(d, sys, { memberId: m, toOrgId: orgB }))]);
    expect(results.sort()).toEqual(['OK', 'OPEN_TRANSFER']);
    const other = await org('北山另一党支部', COMMUNITY_A1);
    const t = await issueTransfer(d, townA, { memberId: await member(other), toOrgId: orgB });
    expect(t.letterNo).toBe(`〔${todayInChina().slice(0, 4)}〕第1号`);
    const last = await issueTransfer(d, townA, { memberId: await member(), toOrgId: orgB, issuedOn: `${Number(todayInChina().slice(0, 4)) - 1}-12-30` });
    expect(last.letterNo).toMatch(/第1号$/);
  });

  it('the sweep writes expiry down once and audits it; a revoked letter is not swept', async () => {
    const m1 = await member();
    const old = await issueTransfer(d, townA, { memberId: m1, toOrgId: orgB, issuedOn: daysAgo(40), validDays: 30 });
    const m2 = await member();
    const gone = await issueTransfer(d, townA, { memberId: m2, toOrgId: orgB, issuedOn: daysAgo(40), validDays: 30 });
    await closeTransfer(d, townA, gone.id, { version: 1, reason: '党员未调动' }, 'revoke');
    expect(await expireOverdueTransfers(database.db)).toBe(2); // this one and last year's letter of the test above
    expect(await expireOverdueTransfers(database.db)).toBe(0);
    const statuses = await database.db.selectFrom('member_transfer').select(['id', 'status']).where('id', 'in', [old.id, gone.id]).orderBy('id').execute();
    expect(statuses.map((x) => x.status)).toEqual(['expired', 'revoked']);
    const audit = await database.db.selectFrom('audit_event').select('action').where('entity_id', '=', old.id).where('action', '=', 'member_transfer.expire').execute();
    expect(audit).toHaveLength(1);
  });

  it('a whole-organisation move that cannot finish leaves every member where they were', async () => {
    const from = await org('北山整建制党支部', COMMUNITY_A1);
    const ms = [await member(from), await member(from)];
    await database.db.updateTable('party_org').set({ status: 'dissolved', dissolved_on: todayInChina() }).where('id', '=', orgB).execute();
    expect(await codeOf(moveOrgMembers(d, townA, { fromOrgId: from, toOrgId: orgB }))).toBe('ORG_DISSOLVED');
    expect(await database.db.selectFrom('member_transfer').select('id').where('member_id', 'in', ms).execute()).toEqual([]);
    await database.db.updateTable('party_org').set({ status: 'active', dissolved_on: null }).where('id', '=', orgB).execute();
    const r = await moveOrgMembers(d, sys, { fromOrgId: from, toOrgId: orgB });
    expect(r).toMatchObject({ issued: 2, accepted: 2 });
    const rows = await database.db.selectFrom('party_member').select('org_id').where('id', 'in', ms).execute();
    expect(rows.map((x) => x.org_id)).toEqual([orgB, orgB]);
  });
});
