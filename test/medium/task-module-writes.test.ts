import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { computeDuesMonth, recordDuesPayment } from '../../src/core/dues/dues.service.js';
import { placeEnterprise } from '../../src/core/enterprise/enterprise.service.js';
import { placeMany } from '../../src/core/enterprise/placement-bulk.service.js';
import { createMeeting } from '../../src/core/life/meeting.service.js';
import { acceptTransfer, issueTransfer } from '../../src/core/member-transfer/transfer.service.js';
import { changeMemberStatus, confirmMember } from '../../src/core/member/member.service.js';
import { addCoverage } from '../../src/core/party-org/org-links.service.js';
import { createOrg } from '../../src/core/party-org/party-org.service.js';
import { inboxPage } from '../../src/core/task/inbox.service.js';
import { refreshTasks } from '../../src/core/task/task-refresh.service.js';
import { taskHistory } from '../../src/core/task/task.repository.js';
import { addContract } from '../../src/core/union/union.service.js';
import { InboxQuery } from '../../src/contracts/task.js';
import type { Database } from '../../src/db/database.js';
import { todayInChina } from '../../src/domain/org-terms.js';
import { addMonths, fromDay, toDay } from '../../src/domain/rules/dates.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { actorWith, COMMUNITY_A1, COUNTY, seedEnterprise, seedPerson, seedRegions, TOWN_A, TOWN_B } from '../helpers/org-fixtures.js';
import { keyring } from '../helpers/recruitment-world.js';

/**
 * The task kinds fed by the modules' own writes (docs/inbox.md, "What the writes refresh"): 督促党员补交党费
 * from the dues ledger, and the union, meeting, roster and placement writes refreshing their records
 * in their own transaction — no regional refresh between a fix and its closing. Two streets: street
 * B's joint branch covers an enterprise of street A, so A sees its task through the link, 仅可查看.
 */
const sys = systemActor('tester');
const streetA = actorWith('township_officer', { regionPrefixes: ['330106001'] }, 'town_a');
const streetB = actorWith('township_officer', { regionPrefixes: ['330106002'] }, 'town_b');
const today = todayInChina();
const back = (n: number) => fromDay(addMonths(toDay(`${today.slice(0, 7)}-01`), -n)).slice(0, 7);
const lastDayOf = (month: string) => fromDay(addMonths(toDay(`${month}-01`), 1) - 1);

describe(`tasks kept by the modules' writes on ${testEngine()}`, () => {
  let database: Database;
  const db = () => database.db;
  let enterpriseA = '';
  let mine = '';
  let joint = '';
  const memberOf: Record<string, string> = {};
  const tasksOf = (subject: string, kind: string) => db().selectFrom('task').select(['id', 'state', 'closed_by', 'region_code', 'due_on', 'subject_label', 'party_org_id'])
    .where('subject_id', '=', subject).where('kind', '=', kind).orderBy('id').execute();
  const events = async (taskId: string) => (await taskHistory(db(), taskId)).map((e) => e.event);
  const inboxOf = async (actor: typeof streetA, kind: string) => (await inboxPage(db(), actor, InboxQuery.parse({ kind }))).items;

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedRegions(db());
    enterpriseA = await seedEnterprise(db(), { name: '北山精密机械有限公司', regionCode: TOWN_A, employeeCount: 80 });
    const org = async (name: string, region: string, setupMode: 'standalone' | 'joint') =>
      (await createOrg(db(), sys, { name, orgType: 'branch', setupMode, regionCode: region, foundedOn: '2020-01-01', fullMembers: 5 })).id;
    mine = await org('北山精密机械有限公司党支部', TOWN_A, 'standalone');
    joint = await org('西溪片区非公企业联合党支部', TOWN_B, 'joint');
    await addCoverage(db(), sys, joint, { enterpriseId: enterpriseA, since: '2021-01-01' });
    for (const [org, name] of [[mine, '陈建国'], [joint, '周晓梅']] as const) {
      const person = await seedPerson(db(), name, org === mine ? TOWN_A : TOWN_B);
      const m = await db().insertInto('party_member').values({ person_id: person, org_id: org, category: 'full', joined_on: '2012-07-01', confirmed_on: '2013-07-01' })
        .returning('id').executeTakeFirstOrThrow();
      memberOf[org] = m.id;
      await db().insertInto('dues_basis').values({ member_id: m.id, from_month: back(8), category: 'employed', base_fen: 650000 }).execute();
    }
  });
  afterAll(async () => database?.close());

  it('党费欠缴: months computed and left unpaid open one task per organisation naming how many members; paid, it closes; owed again, it reopens', async () => {
    for (const n of [4, 3, 2]) await computeDuesMonth(db(), sys, { month: back(n) });
    const [t] = await tasksOf(mine, 'dues.arrears');
    expect(t).toMatchObject({ state: 'open', region_code: TOWN_A, party_org_id: mine, subject_label: '北山精密机械有限公司党支部：1名党员欠交党费3个月以上' });
    // Due when the longest-owing member would complete six months (党章第九条): the end of the 6th month from the first owed.
    expect(t!.due_on).toBe(lastDayOf(fromDay(addMonths(toDay(`${back(4)}-01`), 5)).slice(0, 7)));

    // Street A acts on its own branch's task, and sees street B's joint branch's through the enterprise it covers.
    const a = await inboxOf(streetA, 'dues.arrears');
    expect(a.map((x) => [x.link.id, x.actionable])).toEqual(expect.arrayContaining([[mine, true], [joint, false]]));
    expect(a.find((x) => x.link.id === mine)).toMatchObject({ kindLabel: '督促党员补交党费', subjectName: t!.subject_label, link: { href: `/orgs/${mine}` } });
    expect(a.find((x) => x.link.id === mine)!.source).toContain('中组发〔2008〕3号');
    expect((await inboxOf(streetB, 'dues.arrears')).map((x) => [x.link.id, x.actionable])).toEqual([[joint, true]]);

    // Seeing through a link never means managing: street A cannot record street B's payment.
    const theirRow = await db().selectFrom('dues_ledger').select(['id', 'version']).where('member_id', '=', memberOf[joint]!).where('month', '=', back(4)).executeTakeFirstOrThrow();
    await expect(recordDuesPayment(db(), streetA, theirRow.id, { version: theirRow.version, amountFen: 100, paidOn: today })).rejects.toMatchObject({ status: expect.any(Number) });

    // The branch records the oldest month paid: two months owed are under the rule's three, the task closes at once.
    const row = await db().selectFrom('dues_ledger').select(['id', 'version', 'due_fen']).where('member_id', '=', memberOf[mine]!).where('month', '=', back(4)).executeTakeFirstOrThrow();
    await recordDuesPayment(db(), streetA, row.id, { version: row.version, amountFen: row.due_fen, paidOn: today });
    expect((await tasksOf(mine, 'dues.arrears'))[0]).toMatchObject({ id: t!.id, state: 'done', closed_by: 'fact_changed' });
    expect((await tasksOf(joint, 'dues.arrears'))[0]).toMatchObject({ state: 'open' });

    // Last month computed and not paid: three months owed again, the same task reopens with its history.
    await computeDuesMonth(db(), sys, { month: back(1), orgId: mine });
    expect((await tasksOf(mine, 'dues.arrears'))).toEqual([expect.objectContaining({ id: t!.id, state: 'open' })]);
    expect(await events(t!.id)).toEqual(['opened', 'closed', 'reopened']);
    // The regional refresh agrees with the writes: nothing to change.
    expect(await refreshTasks(db(), sys, { regionCode: '330106001' })).toEqual([expect.objectContaining({ opened: expect.any(Number), closed: 0, reopened: 0, moved: 0 })]);
    expect((await tasksOf(mine, 'dues.arrears'))).toEqual([expect.objectContaining({ id: t!.id, state: 'open' })]);
  });

  it('党费欠缴: a second member owing in the joint branch changes the count its open task names, not the task', async () => {
    const [t] = await tasksOf(joint, 'dues.arrears');
    const person = await seedPerson(db(), '吴志强', TOWN_B);
    const m = await db().insertInto('party_member').values({ person_id: person, org_id: joint, category: 'full', joined_on: '2016-07-01', confirmed_on: '2017-07-01' })
      .returning('id').executeTakeFirstOrThrow();
    await db().insertInto('dues_basis').values({ member_id: m.id, from_month: back(8), category: 'retired', base_fen: 420000 }).execute();
    for (const n of [4, 3, 2]) await computeDuesMonth(db(), streetB, { month: back(n), orgId: joint });
    expect(await tasksOf(joint, 'dues.arrears')).toEqual([expect.objectContaining({ id: t!.id, state: 'open', subject_label: '西溪片区非公企业联合党支部：2名党员欠交党费3个月以上' })]);
    expect(await events(t!.id)).toEqual(['opened']);
  });

  it('the roster: a member who left is no longer chased, and the dues task of the branch closes by that write', async () => {
    const m = await db().selectFrom('party_member').select(['id', 'version']).where('id', '=', memberOf[mine]!).executeTakeFirstOrThrow();
    await changeMemberStatus({ db: db(), keyring }, sys, m.id, { version: m.version, status: 'left', leftReason: 'removed', since: today });
    expect((await tasksOf(mine, 'dues.arrears'))[0]).toMatchObject({ state: 'done', closed_by: 'fact_changed' });
  });

  it('the roster: a 转正 that brings the branch to seven full members opens 选举产生支部委员会 in the same write', async () => {
    const db0 = db();
    const branch = (await createOrg(db0, sys, { name: '北山数码科技有限公司党支部', orgType: 'branch', setupMode: 'standalone', regionCode: TOWN_A, foundedOn: '2020-01-01', fullMembers: 0 })).id;
    await db0.updateTable('party_org').set({ roster_since: '2020-01-01' }).where('id', '=', branch).execute();
    let probationary = '';
    for (let i = 0; i < 7; i++) {
      const person = await seedPerson(db0, `党员${i + 1}`, TOWN_A);
      const full = i < 6;
      const m = await db0.insertInto('party_member').values({ person_id: person, org_id: branch, category: full ? 'full' : 'probationary', joined_on: full ? '2015-07-01' : '2025-06-01', confirmed_on: full ? '2016-07-01' : null })
        .returning('id').executeTakeFirstOrThrow();
      if (!full) probationary = m.id;
    }
    await refreshTasks(db0, sys, { regionCode: '330106001' });
    expect((await tasksOf(branch, 'org.committeeMissing')).filter((t) => t.state === 'open')).toEqual([]);
    const p = await db0.selectFrom('party_member').select('version').where('id', '=', probationary).executeTakeFirstOrThrow();
    await confirmMember({ db: db0, keyring }, sys, probationary, { version: p.version, confirmedOn: today });
    expect(await tasksOf(branch, 'org.committeeMissing')).toEqual([expect.objectContaining({ state: 'open', region_code: TOWN_A })]);
  });

  it('the transfer: accepting a member moves the full-member count of both branches — 选举产生支部委员会 closes at the sender, opens at the receiver', async () => {
    const db0 = db();
    const branch = async (name: string, region: string) => {
      const id = (await createOrg(db0, sys, { name, orgType: 'branch', setupMode: 'standalone', regionCode: region, foundedOn: '2020-01-01', fullMembers: 0 })).id;
      await db0.updateTable('party_org').set({ roster_since: '2020-01-01' }).where('id', '=', id).execute();
      return id;
    };
    const from = await branch('北山电子商务有限公司党支部', TOWN_A);
    const to = await branch('西溪软件园有限公司党支部', TOWN_B);
    let mover = '';
    for (const [org, n] of [[from, 7], [to, 6]] as const) {
      for (let i = 0; i < n; i++) {
        const person = await seedPerson(db0, `转接党员${org}-${i + 1}`, org === from ? TOWN_A : TOWN_B);
        const m = await db0.insertInto('party_member').values({ person_id: person, org_id: org, category: 'full', joined_on: '2015-07-01', confirmed_on: '2016-07-01' })
          .returning('id').executeTakeFirstOrThrow();
        if (org === from && i === 0) mover = m.id;
      }
    }
    await refreshTasks(db0, sys, {});
    expect((await tasksOf(from, 'org.committeeMissing')).map((t) => t.state)).toEqual(['open']);
    expect(await tasksOf(to, 'org.committeeMissing')).toEqual([]);
    const t = await issueTransfer({ db: db0, keyring, maxDays: 90 }, sys, { memberId: mover, toOrgId: to });
    await acceptTransfer({ db: db0, keyring, maxDays: 90 }, streetB, t.id, { version: t.version });
    expect((await tasksOf(from, 'org.committeeMissing')).map((x) => [x.state, x.closed_by])).toEqual([['done', 'fact_changed']]);
    expect(await tasksOf(to, 'org.committeeMissing')).toEqual([expect.objectContaining({ state: 'open', region_code: TOWN_B })]);
  });

  it('recording a meeting closes 督促恢复组织生活 at once', async () => {
    await refreshTasks(db(), sys, { regionCode: '330106001' });
    const [t] = await tasksOf(mine, 'life.dormant');
    expect(t).toMatchObject({ state: 'open' });
    await createMeeting(db(), sys, { orgId: mine, kind: 'memberMeeting', heldOn: today, topic: '党员大会：学习党费收缴规定' });
    expect((await tasksOf(mine, 'life.dormant'))[0]).toMatchObject({ id: t!.id, state: 'done', closed_by: 'fact_changed' });
  });

  it('a union write refreshes the union: a collective contract registered closes 续签集体合同', async () => {
    const u = await db().insertInto('union_org').values({ name: '北山精密机械有限公司工会委员会', kind: 'standalone', region_code: TOWN_A, members: 20, founded_on: '2019-01-01', term_ends_on: '2029-12-31', has_committee: true })
      .returning('id').executeTakeFirstOrThrow();
    await db().insertInto('union_contract').values({ union_id: u.id, kind: 'collective', signed_on: '2021-03-01', starts_on: '2021-03-01', ends_on: '2024-02-28' }).execute();
    await refreshTasks(db(), sys, { regionCode: '330106001' });
    const [t] = await tasksOf(u.id, 'union.contractExpired');
    expect(t).toMatchObject({ state: 'open' });
    const ends = fromDay(addMonths(toDay(today), 36) - 1);
    await addContract(db(), sys, u.id, { kind: 'collective', signedOn: today, startsOn: today, endsOn: ends });
    expect((await tasksOf(u.id, 'union.contractExpired'))[0]).toMatchObject({ id: t!.id, state: 'done', closed_by: 'fact_changed' });
  });

  it('a bulk placement of many rows places their tasks with one refresh, not one per row', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const id = await seedEnterprise(db(), { name: `待认定企业${i + 1}有限公司`, regionCode: COUNTY, employeeCount: 60 });
      await db().updateTable('enterprise').set({ placement: 'pending' }).where('id', '=', id).execute();
      ids.push(id);
    }
    await refreshTasks(db(), sys, { regionCode: '330106' });
    // 待确认归属街道: the rows with no street yet are the district's one task, naming the count; no street sees it.
    const [county] = await tasksOf(COUNTY, 'placement.pending');
    expect(county).toMatchObject({ state: 'open', region_code: COUNTY, subject_label: '西湖区：12家企业尚未落到街道，待确认归属' });
    const district = actorWith('org_admin', { regionPrefixes: ['330106'] }, 'district');
    expect((await inboxOf(district, 'placement.pending')).map((x) => [x.subjectName, x.actionable, x.link.href])).toEqual([[county!.subject_label, true, '/placement-queue']]);
    expect(await inboxOf(streetA, 'placement.pending')).toEqual([]);
    const before = await db().selectFrom('task').select(['id', 'region_code']).where('kind', '=', 'coverage.gap').where('subject_id', 'in', ids).where('state', '=', 'open').execute();
    expect(before).toHaveLength(12);
    expect(before.every((t) => t.region_code === COUNTY)).toBe(true);
    const mark = (await db().selectFrom('audit_event').select((e) => e.fn.max('seq').as('seq')).executeTakeFirstOrThrow()).seq;
    const rows = await db().selectFrom('enterprise').select(['id', 'version']).where('id', 'in', ids).execute();
    const r = await placeMany(db(), actorWith('org_admin', { allRegions: true }, 'placer'), { regionCode: TOWN_A, items: rows.map((x) => ({ id: x.id, version: x.version })) });
    expect(r.placed).toBe(12);
    const after = await db().selectFrom('task').select(['id', 'region_code']).where('kind', '=', 'coverage.gap').where('subject_id', 'in', ids).where('state', '=', 'open').execute();
    expect(after.map((t) => t.id).sort()).toEqual(before.map((t) => t.id).sort());
    expect(after.every((t) => t.region_code === TOWN_A)).toBe(true);
    const refreshes = await db().selectFrom('audit_event').select('after').where('action', '=', 'task.autoRefresh').where('seq', '>', String(mark)).execute();
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0]!.after).toMatchObject({ enterprises: 12, moved: 12 });
    // The district's queue is empty: its task closed by the same placement.
    expect((await tasksOf(COUNTY, 'placement.pending'))[0]).toMatchObject({ id: county!.id, state: 'done', closed_by: 'fact_changed' });
  });

  it('待确认归属街道: a street’s pending rows are its own task, acted on there and not seen by the other street; placing them by hand closes it', async () => {
    const ids: string[] = [];
    for (const name of ['北山文创有限公司', '北山物流有限公司']) {
      const id = await seedEnterprise(db(), { name, regionCode: TOWN_A });
      await db().updateTable('enterprise').set({ placement: 'pending' }).where('id', '=', id).execute();
      ids.push(id);
    }
    await refreshTasks(db(), sys, { regionCode: '330106001' });
    const [t] = await tasksOf(TOWN_A, 'placement.pending');
    expect(t).toMatchObject({ state: 'open', region_code: TOWN_A, subject_label: '北山街道：2家企业的归属街道待确认' });
    expect((await inboxOf(streetA, 'placement.pending')).map((x) => [x.id, x.actionable])).toEqual([[t!.id, true]]);
    expect(await inboxOf(streetB, 'placement.pending')).toEqual([]);
    const place = async (id: string) => {
      const { version } = await db().selectFrom('enterprise').select('version').where('id', '=', id).executeTakeFirstOrThrow();
      await placeEnterprise(db(), streetA, id, { regionCode: COMMUNITY_A1, version });
    };
    await place(ids[0]!);
    expect(await tasksOf(TOWN_A, 'placement.pending')).toEqual([expect.objectContaining({ id: t!.id, state: 'open', subject_label: '北山街道：1家企业的归属街道待确认' })]);
    await place(ids[1]!);
    expect((await tasksOf(TOWN_A, 'placement.pending'))[0]).toMatchObject({ id: t!.id, state: 'done', closed_by: 'fact_changed' });
  });
});
