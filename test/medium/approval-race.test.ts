import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide } from '../../src/core/approval/approval-decide.js';
import { submitRequest, type ApprovalDeps } from '../../src/core/approval/approval-submit.js';
import { generateKeyringText, parseKeyring } from '../../src/core/crypto/keyring.js';
import type { Database } from '../../src/db/database.js';
import { AppError } from '../../src/domain/errors.js';
import { userActor } from '../factories/enterprise.js';
import { COMMUNITIES, TOWNSHIPS } from '../factories/world.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { branchUnder, committeeOf, rosterMember } from '../api/approval-fixtures.js';

/**
 * The decision race of the approval engine (docs/approvals.md, "Deciding") on 组织关系转出本区: two
 * holders of the district's level approve the same request at the version both read, at once. On
 * PostgreSQL (READ COMMITTED, a pool of connections) the request's row lock and version let exactly
 * one through — one letter issued, one `completed` step, one audit entry of the issue — and the
 * other gets VERSION_CONFLICT. Bounded: a handful of rounds.
 */
describe(`two deciders of one approval at once on ${testEngine()}`, () => {
  let database: Database;
  let deps: ApprovalDeps;
  const keyring = parseKeyring(generateKeyringText(), 'env', null);
  const people: Record<string, string> = {};
  let branch = '';
  let away = '';

  const user = async (username: string) => {
    const u = await database.db.insertInto('app_user').values({ username, display_name: username, password_hash: 'x', must_change_password: false }).returning('id').executeTakeFirstOrThrow();
    people[username] = u.id;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    // The places the request passes (社区 → 街道 → 区), without the whole world's users and enterprises.
    const pad = (p: string) => p.padEnd(12, '0');
    await database.db.insertInto('region').values([
      { code: pad('44'), level: 1, name: '广东省', parent_code: null, prefix: '44' },
      { code: pad('4403'), level: 2, name: '深圳市', parent_code: pad('44'), prefix: '4403' },
      ...['440305', '440306'].map((c) => ({ code: pad(c), level: 3, name: `并发测试区${c}`, parent_code: pad('4403'), prefix: c })),
      ...[TOWNSHIPS[0], TOWNSHIPS[2]].map((t) => ({ code: pad(t), level: 4, name: `并发测试街道${t}`, parent_code: pad(t.slice(0, 6)), prefix: t })),
      { code: COMMUNITIES[0], level: 5, name: '并发测试社区', parent_code: pad(TOWNSHIPS[0]), prefix: COMMUNITIES[0] },
    ]).onConflict((oc) => oc.column('code').doNothing()).execute();
    deps = { db: database.db, keyring };
    const committee = await committeeOf(database, TOWNSHIPS[0], '并发审批街道党工委');
    branch = await branchUnder(database, committee, COMMUNITIES[0], '并发审批支部');
    away = await committeeOf(database, TOWNSHIPS[2], '外区接收党委');
    for (const u of ['raceSec', 'raceTown', 'raceOrg1', 'raceOrg2']) await user(u);
    people.committee = committee;
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  it('one approval goes through, the other is refused; the letter is issued once', async () => {
    const sec = userActor(people.raceSec, 'branch_secretary', [], { partyOrgIds: [people.committee] });
    const town = userActor(people.raceTown, 'township_officer', [TOWNSHIPS[0]]);
    const district = [userActor(people.raceOrg1, 'org_admin', ['440305']), userActor(people.raceOrg2, 'org_admin', ['440305'])];
    for (let round = 0; round < 3; round++) {
      const memberId = await rosterMember(database, branch, `并发转出党员${round}`);
      const { version: mv } = await database.db.selectFrom('party_member').select('version').where('id', '=', memberId).executeTakeFirstOrThrow();
      const r = await submitRequest(deps, sec, { kind: 'memberTransfer.out', subjectId: memberId, payload: { toOrgId: away }, version: mv });
      const atDistrict = await decide(deps, town, r.id, { version: r.version, decision: 'approve' });
      const outcomes = await Promise.allSettled(district.map((who) => decide(deps, who, r.id, { version: atDistrict.version, decision: 'approve' })));
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const lost = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect(lost.reason).toBeInstanceOf(AppError);
      expect((lost.reason as AppError).code).toBe('VERSION_CONFLICT');
      const letters = await database.db.selectFrom('member_transfer').select('id').where('member_id', '=', memberId).execute();
      expect(letters).toHaveLength(1);
      const completed = await database.db.selectFrom('approval_step').select('id').where('request_id', '=', r.id).where('action', '=', 'completed').execute();
      expect(completed).toHaveLength(1);
      const issued = await database.db.selectFrom('audit_event').select('action').where('action', '=', 'member_transfer.issue').where('entity_id', '=', letters[0].id).execute();
      expect(issued).toHaveLength(1);
    }
  });
});
