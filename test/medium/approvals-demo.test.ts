import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { approvalPage } from '../../src/core/approval/approval.query.js';
import { actorOf } from '../../src/core/demo/approval-demo.js';
import { approvalsStep } from '../../src/core/demo/steps/approvals.step.js';
import { tasksStep } from '../../src/core/demo/steps/tasks.step.js';
import { inboxPage } from '../../src/core/task/inbox.service.js';
import { ApprovalQuery } from '../../src/contracts/approval.js';
import { InboxQuery } from '../../src/contracts/task.js';
import type { Database } from '../../src/db/database.js';
import { todayInChina } from '../../src/domain/org-terms.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { COMMUNITY_A1, TOWN_A, TOWN_B, seedEnterprise, seedRegions } from '../helpers/org-fixtures.js';

/**
 * The demo's 审批 in flight (docs/approvals.md, "Demo"): two streets' 综合党委 submit through the engine,
 * their communities and streets decide; afterwards requests wait at the community, at the street in
 * both streets and at the district, one is returned with the street's comment — each in the inbox of the official who acts
 * on it next and in no one else's. Past dates only, names not codes; a second run adds nothing.
 */
const COMMUNITY_B1 = '330106002001';
const logs: string[] = [];
let database: Database;
const ctx = () => ({ database, actor: systemActor('demo'), district: { countyCode: '330106', cityPrefix: '3301', name: '西湖区' }, workDir: '/tmp', count: 0, seed: 3,
  log: (m: string) => logs.push(m), state: {}, nextSteps: [] as string[] }) as never;

async function org(name: string, type: 'committee' | 'branch', region: string, parent: { id: string; path: string } | null) {
  const db = database.db;
  const { id } = await db.insertInto('party_org').values({ name, org_type: type, setup_mode: 'standalone', region_code: region, parent_id: parent?.id ?? null, founded_on: '2015-07-01' })
    .returning('id').executeTakeFirstOrThrow();
  const path = parent ? `${parent.path}.${id}` : id;
  await db.updateTable('party_org').set({ path }).where('id', '=', id).execute();
  return { id, path };
}

async function roll(orgId: string, region: string, names: string[]) {
  const db = database.db;
  for (const name of names) {
    const p = await db.insertInto('person').values({ name, region_code: region }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('party_member').values({ person_id: p.id, org_id: orgId, category: 'full', joined_on: '2005-07-01', confirmed_on: '2006-07-01' }).execute();
  }
  const sec = await db.insertInto('person').values({ name: `${names[0]!.slice(0, 1)}建华`, region_code: region }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('org_position').values({ org_id: orgId, person_id: sec.id, position: 'secretary', since: '2021-01-01' }).execute();
}

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  await seedRegions(db);
  await db.insertInto('region').values({ code: COMMUNITY_B1, level: 5, name: '西溪社区', parent_code: TOWN_B, prefix: COMMUNITY_B1 }).onConflict((oc) => oc.doNothing()).execute();
  const streets = [[TOWN_A, COMMUNITY_A1, '北山街道', ['北山精工', '北山科创']], [TOWN_B, COMMUNITY_B1, '西溪街道', ['西溪数码', '西溪物流']]] as const;
  const given = ['志强', '丽华', '建国', '海燕', '国庆'];
  for (const [s, [town, community, name, branches]] of streets.entries()) {
    const committee = await org(`${name}非公有制经济组织综合党委`, 'committee', town, null);
    for (const [j, b] of branches.entries()) {
      const branch = await org(`${b}党支部`, 'branch', community, committee);
      const enterprise = await seedEnterprise(db, { name: `${b}有限公司`, regionCode: community, memberCount: 5, employeeCount: 120 });
      await db.insertInto('party_org_coverage').values({ org_id: branch.id, enterprise_id: enterprise, mode: 'standalone', since: '2015-07-01' }).execute();
      await roll(branch.id, community, given.map((g) => `${'王李张刘陈'[s * 2 + j]}${g}`));
    }
  }
}, 120_000);
afterAll(async () => { await database?.close(); });

describe(`the demo's approvals in flight on ${testEngine()}`, () => {
  it('waiting at the community, at the street in both streets and at the district, one returned — in the right inboxes; past dates; a second run adds nothing', async () => {
    const db = database.db;
    // No timed assertion here (CI's load makes any bound a flake); the step's speed is the demo's, measured by `npm run bench`.
    await approvalsStep.run(ctx());
    await tasksStep.run(ctx()); // the demo's next step: the rule engine's refresh keeps the requests' tasks
    const requests = await db.selectFrom('approval_request').select(['id', 'kind', 'state', 'levels', 'current_level', 'subject_label', 'party_org_id']).orderBy('id').execute();
    const at = (r: (typeof requests)[number]) => (r.state === 'pending' ? (r.levels as string[])[r.current_level] : r.state);
    expect(requests.map((r) => [r.kind, at(r)])).toEqual([
      ['recruitment.admission', 'township_officer'], ['recruitment.admission', 'org_admin'], ['recruitment.admission', 'community_officer'],
      ['member.declaration', 'community_officer'],
      ['recruitment.admission', 'township_officer'], ['recruitment.admission', 'returned'], ['org.setup', 'township_officer'],
    ]);
    for (const r of requests) expect(r.subject_label, 'names, not codes').toMatch(/^[^\d]+（[^\d]+）$/);
    const people = await db.selectFrom('app_user').select('display_name').execute();
    expect(people.length).toBe(7);
    for (const p of people) expect(p.display_name, '审批记录 shows a person and their post').toMatch(/^[\u4e00-\u9fff]{2,3}（[^\d]+）$/);
    const returned = await db.selectFrom('approval_step').select(['comment', 'actor_name']).where('action', '=', 'returned').execute();
    expect(returned).toEqual([{ comment: expect.stringMatching(/^请补充.*谈话记录/), actor_name: 'jiedao2' }]);

    const inbox = async (who: string, view: 'role' | 'mine' = 'role') =>
      (await inboxPage(db, await actorOf(db, who), InboxQuery.parse({ view, limit: 200 }))).items.filter((t) => t.kind.startsWith('approval.')).map((t) => t.subjectName).sort();
    // Each level's task, labelled where it waits, is in the 待办 of the officials of that level over the
    // record's place; the other street's never (whether a level also sees the others' is the inbox's affair).
    const street1 = /^(林晓雯|黄嘉欣|孙雅琪|郑宇航)/;
    const street2 = /^(周子豪|吴俊杰|西溪街道)/;
    const has = async (who: string, want: string[], never: RegExp) => {
      const got = await inbox(who);
      expect(got, who).toEqual(expect.arrayContaining(want));
      expect(got.filter((n) => never.test(n)), who).toEqual([]);
    };
    await has('shequ1', ['孙雅琪（接收预备党员）：待社区审批', '郑宇航（党员亮身份申报确认）：待社区审批'], street2);
    await has('jiedao1', ['林晓雯（接收预备党员）：待街道审批'], street2);
    await has('jiedao2', ['周子豪（接收预备党员）：待街道审批', '西溪街道商务楼宇联合党支部（成立党组织）：待街道审批'], street1);
    await has('zuzhibu', ['黄嘉欣（接收预备党员）：待区委组织部（两新工委）审批'], /^$/);
    expect((await inbox('shequ2')).filter((n) => n.endsWith('：待社区审批'))).toEqual([]);
    // The returned request is assigned to its requester (我的), and to no one else.
    expect(await inbox('dangwei2', 'mine')).toEqual(['吴俊杰（接收预备党员）：已退回，待修改后重新提交']);
    expect(await inbox('dangwei1', 'mine')).toEqual([]);
    // 待我审批 lists what the official decides next, 我提交的 the secretary's own.
    const list = async (who: string, view: 'pending' | 'mine') => (await approvalPage(db, await actorOf(db, who), ApprovalQuery.parse({ view }))).total;
    expect([await list('jiedao1', 'pending'), await list('zuzhibu', 'pending'), await list('dangwei2', 'mine')]).toEqual([1, 1, 3]);

    const today = todayInChina();
    const late = await db.selectFrom('recruitment_case').select(['applied_on', 'activist_on', 'candidate_on', 'meeting_on']).execute();
    for (const c of late) for (const d of Object.values(c)) expect(String(d) <= today, String(d)).toBe(true);
    const events = await db.selectFrom('recruitment_event').select('at').execute();
    expect(events.every((e) => String(e.at).slice(0, 10) <= today)).toBe(true);

    const counts = async () => Promise.all(['approval_request', 'approval_step', 'recruitment_case', 'app_user', 'task'].map(async (t) =>
      Number((await db.selectFrom(t as 'task').select(db.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)));
    const flows = () => db.selectFrom('app_setting').select('value').where('key', '=', 'approval.flows.330106').executeTakeFirstOrThrow();
    expect((await flows()).value, 'the district office set 亮身份确认 to 社区').toMatchObject({ version: 1, flows: [{ kind: 'member.declaration', levels: ['community_officer'] }] });
    const before = [...await counts(), await flows()];
    await approvalsStep.run(ctx());
    expect([...await counts(), await flows()]).toEqual(before);
  }, 120_000);
});
