import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTalentIn, listTalentPage, secretaryCandidates } from '../../src/core/reserve-pool/pool.query.js';
import { createTalent, placeTalent, updateTalent } from '../../src/core/reserve-pool/pool.service.js';
import { supportOrgs, supportRollup } from '../../src/core/support/support-rollup.js';
import { orgSupportIn } from '../../src/core/support/support.query.js';
import { addFunding, addSite, reportExpense, updateFunding } from '../../src/core/support/support.service.js';
import type { Database } from '../../src/db/database.js';
import { codeOf } from '../helpers/code-of.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { actorWith, COMMUNITY_A1, seedEnterprise, seedPerson, seedRegions, TOWN_A, TOWN_B } from '../helpers/org-fixtures.js';

/**
 * The reserve pool and the support ledger on a real database (docs/reserve-pool.md, docs/support.md):
 * a person recommended by street A, offered when a branch of A has no secretary (A's own entries
 * first), placed (history, 已使用); street B neither sees nor places A's entries; a joint branch of A
 * covering street B: B reads its ledger, cannot change it; funding, a site, the 1% expense and the
 * dues returned at the local ratio, rolled up by street with the drill-down.
 */
const district = actorWith('org_admin', { regionPrefixes: ['330106'] });
const townA = actorWith('township_officer', { regionPrefixes: ['330106001'] });
const townB = actorWith('township_officer', { regionPrefixes: ['330106002'] });

describe(`reserve pool and support ledger on ${testEngine()}`, () => {
  let database: Database;
  let branchA = '';
  let jointA = '';
  let talent = '';
  const org = async (name: string, region: string, mode: 'standalone' | 'joint' = 'standalone') => {
    const { id } = await database.db.insertInto('party_org').values({ name, org_type: 'branch', setup_mode: mode, region_code: region, founded_on: '2020-01-01' }).returning('id').executeTakeFirstOrThrow();
    await database.db.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
    return id;
  };
  const count = async (t: 'reserve_talent' | 'reserve_placement' | 'support_funding') => Number((await database.db.selectFrom(t).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedRegions(database.db);
    branchA = await org('北山第一党支部', COMMUNITY_A1);
    jointA = await org('北山西溪联合党支部', COMMUNITY_A1, 'joint');
    const entA = await seedEnterprise(database.db, { name: '北山科技有限公司', regionCode: COMMUNITY_A1 });
    const entB = await seedEnterprise(database.db, { name: '西溪制造有限公司', regionCode: TOWN_B });
    await database.db.insertInto('party_org_coverage').values([{ org_id: jointA, enterprise_id: entB, mode: 'joint', since: '2020-01-01' }, { org_id: jointA, enterprise_id: entA, mode: 'joint', since: '2020-01-01' }]).execute();
  });
  afterAll(async () => database?.close());

  it('recommends a person, offers them for a vacancy of their street first, records the placement', async () => {
    const near = await seedPerson(database.db, '赵丽华', COMMUNITY_A1);
    const far = await seedPerson(database.db, '钱文斌', TOWN_B);
    talent = (await createTalent(database.db, townA, { personId: near, recommender: '北山街道党工委', recommendedOn: '2025-03-01', skills: '财务、党务', availability: 'partTime' })).id;
    await createTalent(database.db, district, { personId: far, recommender: '西溪街道党工委', recommendedOn: '2025-04-01', skills: '宣传', availability: 'fullTime' });
    expect(await codeOf(createTalent(database.db, townA, { personId: near, recommender: '重复', recommendedOn: '2025-03-01', skills: '党务', availability: 'partTime' }))).toBe('ALREADY_IN_POOL');
    const offer = await secretaryCandidates(database.db, district, branchA);
    expect(offer).toMatchObject({ vacant: true, total: 2 });
    expect(offer.items.map((i) => i.name)).toEqual(['赵丽华', '钱文斌']);
    expect((await secretaryCandidates(database.db, townA, branchA)).items.map((i) => i.name)).toEqual(['赵丽华']);
    const t = await getTalentIn(database.db, townA, talent);
    expect(await codeOf(placeTalent(database.db, townA, talent, { version: t.version, orgId: branchA, position: 'secretary', placedOn: '2025-02-01' }))).toBe('BEFORE_RECOMMENDED');
    const placed = await placeTalent(database.db, townA, talent, { version: t.version, orgId: branchA, position: 'secretary', placedOn: '2025-06-01' });
    expect(placed).toMatchObject({ status: 'placed', placements: [{ orgName: '北山第一党支部', position: 'secretary', placedOn: '2025-06-01' }] });
    expect(await codeOf(placeTalent(database.db, townA, talent, { version: t.version, orgId: branchA, position: 'secretary', placedOn: '2025-06-01' }))).toBe('VERSION_CONFLICT');
    expect((await listTalentPage(database.db, townA, { status: 'placed' })).total).toBe(1);
  });

  it('street B does not see street A entries, nor place them; refusals write nothing', async () => {
    const before = [await count('reserve_talent'), await count('reserve_placement')];
    expect(await codeOf(getTalentIn(database.db, townB, talent))).toBe('NOT_FOUND');
    expect(await codeOf(placeTalent(database.db, townB, talent, { version: 2, orgId: branchA, position: 'secretary', placedOn: '2025-06-02' }))).toBe('NOT_FOUND');
    expect(await codeOf(updateTalent(database.db, townB, talent, { version: 2, recommender: '改', recommendedOn: '2025-03-01', skills: '党务', availability: 'fullTime' }))).toBe('NOT_FOUND');
    expect((await listTalentPage(database.db, townB, {})).items.map((i) => i.name)).toEqual(['钱文斌']);
    const stranger = await seedPerson(database.db, '孙某', TOWN_B);
    expect(await codeOf(createTalent(database.db, townA, { personId: stranger, recommender: '越权', recommendedOn: '2025-03-01', skills: '党务', availability: 'fullTime' }))).toBe('NOT_FOUND');
    expect([await count('reserve_talent'), await count('reserve_placement')]).toEqual(before);
  });

  it('an organisation\'s ledger: funding, a site, the 1% expense, dues returned at the local ratio; versioned', async () => {
    await database.db.insertInto('app_setting').values({ key: 'dues.settings', value: JSON.stringify({ returnRatioBp: 10000, recalcMode: 'onChange', version: 1 }) }).execute();
    const p = await seedPerson(database.db, '周敏', COMMUNITY_A1);
    const m = (await database.db.insertInto('party_member').values({ person_id: p, org_id: jointA, category: 'full', joined_on: '2010-01-01', confirmed_on: '2011-01-01' }).returning('id').executeTakeFirstOrThrow()).id;
    await database.db.insertInto('dues_ledger').values(['2025-01', '2025-02'].map((month) => ({
      member_id: m, month, org_id: jointA, category: 'employed', base_fen: 600000, standard_fen: 9000, due_fen: 9000, rule_id: 'member.duesEmployed', bracket: '1.5%', paid_fen: 9000, paid_on: `${month}-20`, method: 'hand' as const,
    }))).execute();
    const f = await addFunding(database.db, townA, jointA, { givenOn: '2025-03-10', amountFen: 500000, source: '区委组织部党建经费', purpose: '党群服务站建设' });
    expect(f).toMatchObject({ fundingFen: 500000, duesPaidFen: 18000, duesReturnedFen: 18000, enterpriseOrg: true, manageable: true });
    await addSite(database.db, townA, jointA, { address: '北山路18号2楼', areaM2: 120, shared: true }, 2025);
    const e = await reportExpense(database.db, townA, jointA, { year: 2025, payrollFen: 300_000_000, amountFen: 3_500_000 });
    expect(e.expense).toMatchObject({ capFen: 3_000_000, overCap: true });
    expect(await codeOf(reportExpense(database.db, townA, jointA, { year: 2025, payrollFen: 300_000_000, amountFen: 2_000_000 }))).toBe('ALREADY_REPORTED');
    expect((await reportExpense(database.db, townA, jointA, { year: 2025, payrollFen: 300_000_000, amountFen: 2_000_000, version: e.expense!.version })).expense).toMatchObject({ amountFen: 2_000_000, overCap: false });
    expect(await codeOf(updateFunding(database.db, townA, jointA, f.funding[0]!.id, { version: 9, givenOn: '2025-03-10', amountFen: 1, source: '改', purpose: '改' }))).toBe('VERSION_CONFLICT');
    const asB = await orgSupportIn(database.db, townB, jointA, 2025);
    expect(asB).toMatchObject({ manageable: false, fundingFen: 500000, siteAreaM2: 120 });
    expect(await codeOf(addFunding(database.db, townB, jointA, { givenOn: '2025-03-10', amountFen: 1, source: '越权', purpose: '越权' }))).toBe('NOT_MANAGED');
    expect(await count('support_funding')).toBe(1);
  });

  it('rolls up by street with the drill-down; a street reads only what it sees', async () => {
    const r = await supportRollup(database.db, district, { year: 2025, level: 'street' });
    expect(r.rows.map((x) => [x.regionName, x.orgs, x.fundingFen, x.siteAreaM2, x.expenseFen, x.duesReturnedFen])).toEqual([['北山街道', 2, 500000, 120, 2_000_000, 18000]]);
    expect((await supportOrgs(database.db, district, { year: 2025, region: '330106001' })).items.map((i) => i.orgName)).toEqual(['北山西溪联合党支部']);
    const b = await supportOrgs(database.db, townB, { year: 2025 });
    expect(b.items).toMatchObject([{ orgName: '北山西溪联合党支部', access: 'partial' }]);
    expect((await supportRollup(database.db, townB, { year: 2024, level: 'district' })).total.fundingFen).toBe(0);
  });
});
