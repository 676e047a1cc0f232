import { afterAll, beforeAll } from 'vitest';
import { systemActor, type Actor } from '../../src/core/access/actor.js';
import { generateKeyringText, parseKeyring } from '../../src/core/crypto/keyring.js';
import { getCaseIn } from '../../src/core/recruitment/recruitment.query.js';
import { openCase, recordStep, type RecruitmentDeps } from '../../src/core/recruitment/recruitment.service.js';
import type { RecruitmentCase, RecruitmentStepInput } from '../../src/contracts/recruitment.js';
import type { Database } from '../../src/db/database.js';
import { createTestDatabase } from './db.js';
import { actorWith, COMMUNITY_A1, seedEnterprise, seedPerson, seedRegions, TOWN_A, TOWN_B } from './org-fixtures.js';

/**
 * The two-street world of the 发展党员 medium tests (docs/recruitment.md), filled in the file's
 * beforeAll and closed in its afterAll: street A's branch, 党委, 党总支 and a joint branch covering an
 * enterprise of street B (B sees its cases through the link); street B's branch; two full members
 * of branch A (sponsors), a probationary one, and a member of B employed in A (seen through the
 * employer). `applicant` opens a case as street A; `step` records one at the case's current version;
 * `toMeeting` takes a case to the 支部大会 (stage 发展对象, meeting held).
 */
export type StepBody = RecruitmentStepInput extends infer T ? (T extends unknown ? Omit<T, 'version'> : never) : never;
export const keyring = parseKeyring(generateKeyringText(), 'env', null);
export const sys = systemActor('tester');
export const townA = actorWith('township_officer', { regionPrefixes: ['330106001'] });
export const townB = actorWith('township_officer', { regionPrefixes: ['330106002'] });

export type RecruitmentWorld = {
  database: Database; d: RecruitmentDeps;
  branchA: string; committeeA: string; generalBranchA: string; branchB: string; jointA: string;
  sponsors: string[]; probationary: string; sponsorB: string;
  org(name: string, type: 'committee' | 'generalBranch' | 'branch', region: string, mode?: 'standalone' | 'joint'): Promise<string>;
  member(orgId: string, category: 'full' | 'probationary', region?: string, enterpriseId?: string | null): Promise<string>;
  applicant(orgId?: string, region?: string): Promise<RecruitmentCase>;
  step(id: string, s: StepBody, actor?: Actor): Promise<RecruitmentCase>;
  toMeeting(id: string, actor?: Actor): Promise<RecruitmentCase>;
};

export function useRecruitmentWorld(): RecruitmentWorld {
  let n = 0;
  const w = { sponsors: [] as string[] } as RecruitmentWorld;
  w.org = async (name, type, region, mode = 'standalone') => {
    const { id } = await w.database.db.insertInto('party_org').values({ name, org_type: type, setup_mode: mode, region_code: region }).returning('id').executeTakeFirstOrThrow();
    await w.database.db.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
    return id;
  };
  w.member = async (orgId, category, region = COMMUNITY_A1, enterpriseId = null) => {
    const p = await seedPerson(w.database.db, `党员${++n}`, region);
    return (await w.database.db.insertInto('party_member').values({
      person_id: p, org_id: orgId, category, joined_on: '2010-01-01', confirmed_on: category === 'full' ? '2011-01-01' : null, enterprise_id: enterpriseId,
    }).returning('id').executeTakeFirstOrThrow()).id;
  };
  w.applicant = async (orgId = w.branchA, region = COMMUNITY_A1) => openCase(w.d, townA, {
    orgId, personId: await seedPerson(w.database.db, `申请人${++n}`, region), appliedOn: '2020-01-10',
  });
  w.step = async (id, s, actor = townA) => {
    const c = await getCaseIn(w.database.db, keyring, sys, id);
    return recordStep(w.d, actor, id, { ...s, version: c.version } as RecruitmentStepInput);
  };
  w.toMeeting = async (id, actor = townA) => {
    const [first, second] = w.sponsors;
    await w.step(id, { step: 'talk', on: '2020-01-20', talkerName: '王书记' }, actor);
    await w.step(id, { step: 'activist', on: '2020-03-01', mentors: [{ memberId: first! }] }, actor);
    await w.step(id, { step: 'candidate', on: '2021-03-15' }, actor);
    await w.step(id, { step: 'review', on: '2021-05-01', result: 'passed' }, actor);
    await w.step(id, { step: 'training', on: '2021-04-20', days: 3, hours: 24 }, actor);
    await w.step(id, { step: 'notice', stage: 'candidate', from: '2021-03-16', to: '2021-03-22' }, actor);
    await w.step(id, { step: 'sponsors', sponsors: [{ memberId: first! }, { memberId: second! }] }, actor);
    return w.step(id, { step: 'meeting', on: '2021-06-01', voting: 10, present: 8, yes: 8 }, actor);
  };

  beforeAll(async () => {
    w.database = await createTestDatabase();
    await seedRegions(w.database.db);
    w.d = { db: w.database.db, keyring };
    w.branchA = await w.org('北山第一党支部', 'branch', COMMUNITY_A1);
    w.committeeA = await w.org('北山街道党工委', 'committee', TOWN_A);
    w.generalBranchA = await w.org('北山党总支', 'generalBranch', COMMUNITY_A1);
    w.branchB = await w.org('西溪党支部', 'branch', TOWN_B);
    w.jointA = await w.org('北山西溪联合党支部', 'branch', COMMUNITY_A1, 'joint');
    w.sponsors.push(await w.member(w.branchA, 'full'), await w.member(w.branchA, 'full'));
    w.probationary = await w.member(w.branchA, 'probationary');
    // Another street's member, employed at an enterprise of street A: A sees them through the employer.
    const entA = await seedEnterprise(w.database.db, { name: '北山科技有限公司', regionCode: COMMUNITY_A1 });
    w.sponsorB = await w.member(w.branchB, 'full', TOWN_B, entA);
    // The joint branch of street A covers an enterprise of street B: B sees its cases through the link.
    const entB = await seedEnterprise(w.database.db, { name: '西溪制造有限公司', regionCode: TOWN_B });
    await w.database.db.insertInto('party_org_coverage').values({ org_id: w.jointA, enterprise_id: entB, mode: 'joint', since: '2020-01-01' }).execute();
  });
  afterAll(async () => w.database?.close());
  return w;
}
