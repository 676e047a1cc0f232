import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PartyOrgMerge } from '../../src/contracts/party-org-merger.js';
import { mergeOrg } from '../../src/core/party-org/org-merger.service.js';
import type { Database } from '../../src/db/database.js';
import { todayInChina } from '../../src/domain/org-terms.js';
import { codeOf } from '../helpers/code-of.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { actorWith, COMMUNITY_A1, seedEnterprise, seedRegions, TOWN_A, TOWN_B } from '../helpers/org-fixtures.js';

/**
 * 党组织合并 on a real database (docs/organisations.md, "Merging"): everything that follows the members
 * moves in one transaction — the roll (a letter each, accepted), a 党小组 with its members, an
 * activist's and a 预备党员's cases, a covered enterprise, a 流动党员 attending it — and A is dissolved
 * with B's history recording it; each refusal leaves nothing written; two mergers of one organisation
 * at once: one wins, the other is a version conflict (runs on PostgreSQL too: LX_TEST_ENGINE=postgres).
 */
const townA = actorWith('township_officer', { regionPrefixes: ['330106001'] });
const townB = actorWith('township_officer', { regionPrefixes: ['330106002'] });
const district = actorWith('org_admin', { regionPrefixes: ['330106'] });

describe(`党组织合并 on ${testEngine()}`, () => {
  let database: Database;
  let n = 0;
  const db = () => database.db;
  const org = async (name: string, region: string, extra: { parent?: string; type?: 'branch' | 'committee'; full?: number } = {}) => {
    const parent = extra.parent ? await db().selectFrom('party_org').select('path').where('id', '=', extra.parent).executeTakeFirstOrThrow() : null;
    const { id } = await db().insertInto('party_org').values({
      name: `${name}${++n}`, org_type: extra.type ?? 'branch', setup_mode: 'standalone', region_code: region, parent_id: extra.parent ?? null,
      founded_on: '2015-07-01', full_members: extra.full ?? 0,
    }).returning('id').executeTakeFirstOrThrow();
    await db().updateTable('party_org').set({ path: parent ? `${parent.path}.${id}` : id }).where('id', '=', id).execute();
    return id;
  };
  const member = async (orgId: string, name: string, category: 'full' | 'probationary' = 'full') => {
    const p = await db().insertInto('person').values({ name, region_code: COMMUNITY_A1 }).returning('id').executeTakeFirstOrThrow();
    const m = await db().insertInto('party_member').values({
      person_id: p.id, org_id: orgId, category, joined_on: category === 'full' ? '2010-01-01' : '2026-01-10', confirmed_on: category === 'full' ? '2011-01-01' : null,
    }).returning(['id', 'person_id']).executeTakeFirstOrThrow();
    return { id: m.id, personId: m.person_id };
  };
  const version = async (id: string) => (await db().selectFrom('party_org').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
  const body = async (a: string, b: string, extra: Partial<PartyOrgMerge> = {}): Promise<PartyOrgMerge> =>
    ({ version: await version(a), intoOrgId: b, intoVersion: await version(b), on: todayInChina(), reason: '两家企业党员人数少，合并组建', ...extra });
  const written = async () => {
    const count = async (t: 'party_org_event' | 'audit_event' | 'member_transfer' | 'party_member_event') =>
      (await db().selectFrom(t).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;
    return [await count('party_org_event'), await count('audit_event'), await count('member_transfer'), await count('party_member_event')].join('/');
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedRegions(database.db);
  }, 120_000);
  afterAll(async () => database?.close());

  it('moves the roll, a 党小组, open cases, coverage and a 流动党员 to B, dissolves A, records it on both', async () => {
    const a = await org('北山甲公司党支部', COMMUNITY_A1, { full: 9 });
    const b = await org('北山乙公司党支部', COMMUNITY_A1, { full: 5 });
    const m1 = await member(a, '张合并');
    const m2 = await member(a, '李合并');
    const prob = await member(a, '王预备', 'probationary');
    const g = await db().insertInto('party_group').values({ org_id: a, name: '第一党小组', leader_member_id: m1.id }).returning('id').executeTakeFirstOrThrow();
    await db().updateTable('party_member').set({ group_id: g.id }).where('id', 'in', [m1.id, m2.id]).execute();
    const probCase = await db().insertInto('recruitment_case').values({
      person_id: prob.personId, org_id: a, stage: 'probationary', applied_on: '2023-01-01', activist_on: '2023-04-01', candidate_on: '2024-05-01',
      approved_on: '2026-01-10', approver_org_id: a, member_id: prob.id,
    }).returning('id').executeTakeFirstOrThrow();
    const applicant = await db().insertInto('person').values({ name: '赵积极', region_code: COMMUNITY_A1 }).returning('id').executeTakeFirstOrThrow();
    const activist = await db().insertInto('recruitment_case').values({ person_id: applicant.id, org_id: a, stage: 'activist', applied_on: '2025-03-01', activist_on: '2025-06-01' })
      .returning('id').executeTakeFirstOrThrow();
    const x = await seedEnterprise(db(), { name: '北山甲科技有限公司', regionCode: COMMUNITY_A1, memberCount: 3 });
    await db().insertInto('party_org_coverage').values({ org_id: a, enterprise_id: x, mode: 'standalone', since: '2015-07-01' }).execute();
    const other = await org('外地流动党员所在支部', TOWN_B);
    const away = await member(other, '钱流动');
    await db().updateTable('party_member').set({ status: 'mobile', mobile_org_id: a }).where('id', '=', away.id).execute();
    const bVersion = await version(b);

    const r = await mergeOrg(db(), townA, a, await body(a, b));
    expect(r).toMatchObject({ membersMoved: 3, casesMoved: 1, groupsMoved: 1, childrenMoved: 0, coverageMoved: 1 });
    expect(r.merged).toMatchObject({ status: 'dissolved', dissolvedOn: todayInChina() });
    expect(r.into).toMatchObject({ id: b, fullMembers: 14, version: bVersion + 1 });

    const roll = await db().selectFrom('party_member').select(['id', 'org_id', 'group_id']).where('id', 'in', [m1.id, m2.id, prob.id]).orderBy('id').execute();
    expect(roll).toEqual([{ id: m1.id, org_id: b, group_id: g.id }, { id: m2.id, org_id: b, group_id: g.id }, { id: prob.id, org_id: b, group_id: null }]);
    expect(await db().selectFrom('party_group').select(['org_id', 'leader_member_id']).where('id', '=', g.id).executeTakeFirstOrThrow()).toEqual({ org_id: b, leader_member_id: m1.id });
    const letters = await db().selectFrom('member_transfer').select(['status', 'batch_id', 'from_org_id', 'to_org_id']).where('from_org_id', '=', a).execute();
    expect(letters).toHaveLength(3);
    expect(new Set(letters.map((l) => `${l.status}:${l.from_org_id}>${l.to_org_id}:${l.batch_id !== null}`))).toEqual(new Set([`accepted:${a}>${b}:true`]));
    const moves = await db().selectFrom('party_member_event').select('member_id').where('kind', '=', 'transferred').where('member_id', 'in', [m1.id, m2.id, prob.id]).execute();
    expect(moves).toHaveLength(3);
    const cases = await db().selectFrom('recruitment_case').select(['id', 'org_id']).where('id', 'in', [probCase.id, activist.id]).orderBy('id').execute();
    expect(cases.map((c) => c.org_id)).toEqual([b, b]);
    expect(await db().selectFrom('recruitment_event').select('kind').where('case_id', '=', activist.id).execute()).toEqual([{ kind: 'transferred' }]);
    const cover = await db().selectFrom('party_org_coverage').select(['org_id', 'mode', 'until']).where('enterprise_id', '=', x).orderBy('id').execute();
    expect(cover).toEqual([{ org_id: a, mode: 'standalone', until: todayInChina() }, { org_id: b, mode: 'joint', until: null }]);
    expect((await db().selectFrom('party_member').select('mobile_org_id').where('id', '=', away.id).executeTakeFirstOrThrow()).mobile_org_id).toBe(b);

    const dissolved = await db().selectFrom('party_org_event').select('data').where('org_id', '=', a).where('kind', '=', 'dissolved').executeTakeFirstOrThrow();
    expect(String((dissolved.data as { reason: string }).reason)).toMatch(/^合并：并入北山乙公司党支部/);
    const merged = await db().selectFrom('party_org_event').select('data').where('org_id', '=', b).where('kind', '=', 'merged').executeTakeFirstOrThrow();
    expect(merged.data).toMatchObject({ mergedOrgId: a, membersMoved: 3, mobileMoved: 1 });
    const audits = await db().selectFrom('audit_event').select(['action', 'entity_id']).where('action', '=', 'party_org.merge').execute();
    expect(audits.map((x) => x.entity_id).sort()).toEqual([a, b].sort());
  });

  it('refusals leave nothing written: same org, B below A, a letter waiting, stale versions, B not mine, dissolved B, a branch under a branch', async () => {
    const committee = await org('北山街道综合党委', TOWN_A, { type: 'committee' });
    const a = await org('北山丙公司党支部', COMMUNITY_A1, { parent: committee });
    const b = await org('北山丁公司党支部', COMMUNITY_A1, { parent: committee });
    const theirs = await org('西溪戊公司党支部', TOWN_B);
    const gone = await org('北山已撤销党支部', COMMUNITY_A1);
    await db().updateTable('party_org').set({ status: 'dissolved', dissolved_on: '2024-01-01' }).where('id', '=', gone).execute();
    const leaving = await member(a, '孙待转');
    await db().insertInto('member_transfer').values({
      member_id: leaving.id, direction: 'internal', from_org_id: a, to_org_id: theirs, letter_year: 2026, letter_seq: 1, issued_on: todayInChina(), status: 'issued',
    }).execute();
    const before = await written();
    const bodies = {
      same: await body(a, a), below: await body(committee, a), branch: await body(committee, theirs), letter: await body(a, b),
      staleB: await body(a, b, { intoVersion: 99 }), staleA: await body(a, b, { version: 99 }), theirs: await body(a, theirs),
      gone: await body(b, gone), future: await body(b, a, { on: '2999-01-01' }),
    };
    const cases: Array<[string, () => Promise<unknown>]> = [
      ['SAME_ORG', () => mergeOrg(db(), townA, a, bodies.same)],
      ['BELOW_MERGED', () => mergeOrg(db(), townA, committee, bodies.below)],
      ['BRANCH_HAS_NO_CHILDREN', () => mergeOrg(db(), district, committee, bodies.branch)],
      ['TRANSFERS_IN_FLIGHT', () => mergeOrg(db(), townA, a, bodies.letter)],
      ['VERSION_CONFLICT', () => mergeOrg(db(), townA, a, bodies.staleB)],
      ['VERSION_CONFLICT', () => mergeOrg(db(), townA, a, bodies.staleA)],
      ['NOT_FOUND', () => mergeOrg(db(), townA, a, bodies.theirs)],
      ['NOT_FOUND', () => mergeOrg(db(), townB, a, bodies.theirs)],
      ['ORG_DISSOLVED', () => mergeOrg(db(), townA, b, bodies.gone)],
      ['FUTURE_DATE', () => mergeOrg(db(), townA, b, bodies.future)],
    ];
    const got: string[] = [];
    for (const [, run] of cases) got.push(await codeOf(run()));
    expect(got).toEqual(cases.map(([code]) => code));
    expect(await written()).toBe(before);
  });

  it('two mergers of one organisation at once: one wins, the other is a version conflict', async () => {
    const a = await org('北山己公司党支部', COMMUNITY_A1);
    const b1 = await org('北山庚公司党支部', COMMUNITY_A1);
    const b2 = await org('北山辛公司党支部', COMMUNITY_A1);
    await member(a, '周并发');
    const [p1, p2] = [await body(a, b1), await body(a, b2)];
    const results = await Promise.all([codeOf(mergeOrg(db(), townA, a, p1), true), codeOf(mergeOrg(db(), district, a, p2), true)]);
    expect(results.sort()).toEqual(['OK', 'VERSION_CONFLICT']);
    const m = await db().selectFrom('party_member as m').innerJoin('person as p', 'p.id', 'm.person_id').select('m.org_id').where('p.name', '=', '周并发').executeTakeFirstOrThrow();
    expect([b1, b2]).toContain(m.org_id);
    expect(await db().selectFrom('member_transfer').select('id').where('from_org_id', '=', a).execute()).toHaveLength(1);
  });
});
