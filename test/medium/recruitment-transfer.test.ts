import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyringText, parseKeyring } from '../../src/core/crypto/keyring.js';
import { acceptTransfer, issueTransfer, type TransferDeps } from '../../src/core/member-transfer/transfer.service.js';
import { getCaseIn, listCasePage } from '../../src/core/recruitment/recruitment.query.js';
import { recordStep } from '../../src/core/recruitment/recruitment.service.js';
import { inboxPage } from '../../src/core/task/inbox.service.js';
import { openTask } from '../../src/core/task/task-writer.js';
import { InboxQuery } from '../../src/contracts/task.js';
import type { Database } from '../../src/db/database.js';
import { codeOf } from '../helpers/code-of.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { actorWith, COMMUNITY_A1, seedPerson, seedRegions, TOWN_B } from '../helpers/org-fixtures.js';

/**
 * A 预备党员 transferred between streets (docs/recruitment.md, "Transfers"): the open case follows the
 * membership on acceptance — street A, which received them, manages it; street B, which sent them,
 * neither manages nor (without a link) sees it; the move is a case event and an audit entry.
 */
const keyring = parseKeyring(generateKeyringText(), 'env', null);
const townA = actorWith('township_officer', { regionPrefixes: ['330106001'] });
const townB = actorWith('township_officer', { regionPrefixes: ['330106002'] });

describe(`a 预备党员's case follows their transfer on ${testEngine()}`, () => {
  let database: Database;
  let d: TransferDeps;
  let branchA = '';
  let branchB = '';
  let memberId = '';
  let caseId = '';
  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.db;
    await seedRegions(db);
    d = { db, keyring, maxDays: 90 };
    const org = async (name: string, region: string) => {
      const { id } = await db.insertInto('party_org').values({ name, org_type: 'branch', setup_mode: 'standalone', region_code: region }).returning('id').executeTakeFirstOrThrow();
      await db.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
      return id;
    };
    branchA = await org('北山第一党支部', COMMUNITY_A1);
    branchB = await org('西溪党支部', TOWN_B);
    const committeeB = await org('西溪街道党工委', TOWN_B);
    const person = await seedPerson(db, '孙预备', TOWN_B);
    memberId = (await db.insertInto('party_member').values({ person_id: person, org_id: branchB, category: 'probationary', joined_on: '2025-06-01' })
      .returning('id').executeTakeFirstOrThrow()).id;
    caseId = (await db.insertInto('recruitment_case').values({
      person_id: person, org_id: branchB, stage: 'probationary', applied_on: '2022-01-10', talked_on: '2022-01-20', talker_name: '王书记',
      activist_on: '2022-03-01', candidate_on: '2023-03-15', review_on: '2023-05-01', review_result: 'passed', training_on: '2023-04-20', training_days: 3,
      meeting_on: '2025-06-01', meeting_voting: 10, meeting_present: 8, meeting_yes: 8, approved_on: '2025-07-01', approver_org_id: committeeB, member_id: memberId,
    }).returning('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => database?.close());

  it('street B manages the case before; after street A accepts the transfer, A manages it and B can no longer', async () => {
    // The 预备期满讨论转正 task opened at approval, on street B's branch (as recruitment-tasks.ts does).
    const taskId = await database.db.transaction().execute((tx) => openTask(tx, townB, {
      kind: 'recruitment.probationEnd', subjectTable: 'recruitment_case', subjectId: caseId, subjectLabel: '孙预备（预备党员）',
      linkPath: `/recruitment/${caseId}`, anchor: { partyOrgId: branchB }, regionCode: TOWN_B, dueOn: '2026-06-01',
    }));
    const probationTasks = (actor: typeof townA) => inboxPage(database.db, actor, InboxQuery.parse({ kind: 'recruitment.probationEnd' }));
    expect((await probationTasks(townB)).items.map((i) => [i.id, i.actionable])).toEqual([[taskId, true]]);
    expect((await getCaseIn(database.db, keyring, townB, caseId)).manageable).toBe(true);
    expect(await codeOf(getCaseIn(database.db, keyring, townA, caseId))).toBe('NOT_FOUND');
    const t = await issueTransfer(d, townB, { memberId, toOrgId: branchA });
    // Issued, not yet accepted: the case stays with the sender.
    expect((await getCaseIn(database.db, keyring, townB, caseId)).orgId).toBe(branchB);
    await acceptTransfer(d, townA, t.id, { version: t.version });
    const c = await getCaseIn(database.db, keyring, townA, caseId);
    expect([c.orgId, c.orgName, c.manageable, c.access]).toEqual([branchA, '北山第一党支部', true, 'full']);
    expect(c.events[0]).toMatchObject({ kind: 'transferred', data: { fromOrgId: branchB, toOrgId: branchA, transferId: t.id } });
    expect(await codeOf(getCaseIn(database.db, keyring, townB, caseId))).toBe('NOT_FOUND');
    expect(await codeOf(recordStep(d, townB, caseId, { step: 'leaving', version: c.version, on: null }))).toBe('NOT_FOUND');
    expect((await listCasePage(database.db, townB, { limit: 50 })).items.map((i) => i.id)).not.toContain(caseId);
    expect((await listCasePage(database.db, townA, { limit: 50 })).items.map((i) => i.id)).toContain(caseId);
    // Its task followed the case: the same task, anchored on the receiving branch and placed in its street, due date kept.
    const task = await database.db.selectFrom('task').select(['id', 'party_org_id', 'region_code', 'due_on', 'state']).where('id', '=', taskId).executeTakeFirstOrThrow();
    expect(task).toMatchObject({ party_org_id: branchA, region_code: COMMUNITY_A1, due_on: '2026-06-01', state: 'open' });
    expect((await probationTasks(townA)).items.map((i) => [i.id, i.actionable])).toEqual([[taskId, true]]);
    expect((await probationTasks(townB)).items).toEqual([]);
    // The receiver records the next step on it.
    const extended = await recordStep(d, townA, caseId, {
      step: 'extend', version: c.version, meetingOn: '2025-07-10', on: '2025-07-20', months: 6, reason: '需继续考察', voting: 9, present: 7, yes: 6,
    });
    expect(extended.extension?.months).toBe(6);
    const audit = await database.db.selectFrom('audit_event').select('action').where('entity', '=', 'recruitment_case').where('entity_id', '=', caseId).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['recruitment.transfer', 'recruitment.extend']);
  });
});
