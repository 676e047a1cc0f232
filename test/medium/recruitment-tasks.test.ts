import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { generateKeyringText, parseKeyring } from '../../src/core/crypto/keyring.js';
import { getCaseIn } from '../../src/core/recruitment/recruitment.query.js';
import { openCase, recordStep, type RecruitmentDeps } from '../../src/core/recruitment/recruitment.service.js';
import type { RecruitmentStepInput } from '../../src/contracts/recruitment.js';
import type { Database } from '../../src/db/database.js';
import { codeOf } from '../helpers/code-of.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { actorWith, COMMUNITY_A1, seedEnterprise, seedPerson, seedRegions, TOWN_A, TOWN_B } from '../helpers/org-fixtures.js';

/**
 * The branch's 预备期满讨论转正 task (kind recruitment.probationEnd, docs/inbox.md "更多待办类别") on a
 * real database, written by the case's own steps: 审批接收 opens it due on the probation's last day;
 * 延长预备期 moves the due date; 转正 closes it (done); 取消预备党员资格 cancels it — each with its history.
 */
type StepBody = RecruitmentStepInput extends infer T ? (T extends unknown ? Omit<T, 'version'> : never) : never;
const keyring = parseKeyring(generateKeyringText(), 'env', null);
const sys = systemActor('tester');
const townA = actorWith('township_officer', { regionPrefixes: ['330106001'] });
const townB = actorWith('township_officer', { regionPrefixes: ['330106002'] });

describe(`recruitment tasks on ${testEngine()}`, () => {
  let database: Database;
  let d: RecruitmentDeps;
  let branchA = '';
  let committeeA = '';
  let generalBranchA = '';
  let branchB = '';
  let jointA = '';
  const sponsors: string[] = [];
  let probationary = '';
  let sponsorB = '';
  let n = 0;
  const org = async (name: string, type: 'committee' | 'generalBranch' | 'branch', region: string, mode: 'standalone' | 'joint' = 'standalone') => {
    const { id } = await database.db.insertInto('party_org').values({ name, org_type: type, setup_mode: mode, region_code: region }).returning('id').executeTakeFirstOrThrow();
    await database.db.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
    return id;
  };
  const member = async (orgId: string, category: 'full' | 'probationary', region = COMMUNITY_A1, enterpriseId: string | null = null) => {
    const p = await seedPerson(database.db, `党员${++n}`, region);
    return (await database.db.insertInto('party_member').values({
      person_id: p, org_id: orgId, category, joined_on: '2010-01-01', confirmed_on: category === 'full' ? '2011-01-01' : null, enterprise_id: enterpriseId,
    }).returning('id').executeTakeFirstOrThrow()).id;
  };
  const applicant = async (orgId = branchA, region = COMMUNITY_A1) => openCase(d, townA, {
    orgId, personId: await seedPerson(database.db, `申请人${++n}`, region), appliedOn: '2020-01-10',
  });
  const step = async (id: string, s: StepBody, actor = townA) => {
    const c = await getCaseIn(database.db, keyring, sys, id);
    return recordStep(d, actor, id, { ...s, version: c.version } as RecruitmentStepInput);
  };
  /** Up to the 支部大会 (stage 发展对象, meeting held). */
  const toMeeting = async (id: string) => {
    await step(id, { step: 'talk', on: '2020-01-20', talkerName: '王书记' });
    await step(id, { step: 'activist', on: '2020-03-01', mentors: [{ memberId: sponsors[0]! }] });
    await step(id, { step: 'candidate', on: '2021-03-15' });
    await step(id, { step: 'review', on: '2021-05-01', result: 'passed' });
    await step(id, { step: 'training', on: '2021-04-20', days: 3, hours: 24 });
    await step(id, { step: 'notice', stage: 'candidate', from: '2021-03-16', to: '2021-03-22' });
    await step(id, { step: 'sponsors', sponsors: [{ memberId: sponsors[0]! }, { memberId: sponsors[1]! }] });
    return step(id, { step: 'meeting', on: '2021-06-01', voting: 10, present: 8, yes: 8 });
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedRegions(database.db);
    d = { db: database.db, keyring };
    branchA = await org('北山第一党支部', 'branch', COMMUNITY_A1);
    committeeA = await org('北山街道党工委', 'committee', TOWN_A);
    generalBranchA = await org('北山党总支', 'generalBranch', COMMUNITY_A1);
    branchB = await org('西溪党支部', 'branch', TOWN_B);
    jointA = await org('北山西溪联合党支部', 'branch', COMMUNITY_A1, 'joint');
    sponsors.push(await member(branchA, 'full'), await member(branchA, 'full'));
    probationary = await member(branchA, 'probationary');
    // Another street's member, employed at an enterprise of street A: A sees them through the employer.
    const entA = await seedEnterprise(database.db, { name: '北山科技有限公司', regionCode: COMMUNITY_A1 });
    sponsorB = await member(branchB, 'full', TOWN_B, entA);
    // The joint branch of street A covers an enterprise of street B: B sees its cases through the link.
    const entB = await seedEnterprise(database.db, { name: '西溪制造有限公司', regionCode: TOWN_B });
    await database.db.insertInto('party_org_coverage').values({ org_id: jointA, enterprise_id: entB, mode: 'joint', since: '2020-01-01' }).execute();
  });
  afterAll(async () => database?.close());

  const task = (caseId: string) => database.db.selectFrom('task').selectAll().where('kind', '=', 'recruitment.probationEnd').where('subject_id', '=', caseId).executeTakeFirst();
  const events = async (taskId: string) => (await database.db.selectFrom('task_event').select(['event', 'reason']).where('task_id', '=', taskId).orderBy('id').execute()).map((e) => `${e.event}:${e.reason}`);

  it('审批接收 opens the task due on the probation\'s last day; 转正 closes it', async () => {
    const c = await applicant();
    await toMeeting(c.id);
    expect(await task(c.id)).toBeUndefined();
    const approved = await step(c.id, { step: 'approve', on: '2021-07-15', approverOrgId: committeeA });
    const t = await task(c.id);
    expect(t).toMatchObject({ state: 'open', due_on: approved.probationEndsOn, party_org_id: branchA, link_path: `/recruitment/${c.id}` });
    expect(t!.subject_label).toMatch(/^申请人\d+（预备党员）$/);
    await step(c.id, { step: 'confirm', meetingOn: '2022-06-02', approvedOn: '2022-06-20', on: '2022-06-01' });
    expect(await task(c.id)).toMatchObject({ state: 'done', closed_by: 'recruitment.confirm' });
    expect(await events(t!.id)).toEqual(['opened:接收为预备党员，预备期开始', 'closed:支部大会已讨论同意转为正式党员']);
  });

  it('延长预备期 moves the due date; 取消预备党员资格 cancels the task', async () => {
    const c = await applicant();
    await toMeeting(c.id);
    await step(c.id, { step: 'approve', on: '2021-07-15', approverOrgId: committeeA });
    const vote = { voting: 10, present: 8, yes: 7 };
    const extended = await step(c.id, { step: 'extend', meetingOn: '2022-06-02', on: '2022-06-20', months: 6, reason: '预备期间表现不够理想，需继续考察', ...vote });
    const t = await task(c.id);
    expect(t).toMatchObject({ state: 'open', due_on: extended.probationEndsOn });
    expect(extended.probationEndsOn).toBe('2022-11-30');
    await step(c.id, { step: 'cancel', meetingOn: '2022-12-02', on: '2022-12-10', reason: '延长预备期满仍不具备党员条件', ...vote });
    expect(await task(c.id)).toMatchObject({ state: 'cancelled', closed_by: 'recruitment.cancel' });
    expect(await events(t!.id)).toEqual([
      'opened:接收为预备党员，预备期开始', 'closed:预备期已延长，按延长后的期满日重新计算', 'reopened:预备期延长，待期满讨论转正', 'cancelled:已取消预备党员资格',
    ]);
  });
});
