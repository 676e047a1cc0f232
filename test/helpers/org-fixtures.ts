import type { Db } from '../../src/db/schema.js';
import type { Actor, RoleGrant } from '../../src/core/access/actor.js';

/** Small fixtures for the organisation tests: regions, enterprises, people and actors. */
export const COUNTY = '330106000000';
export const TOWN_A = '330106001000';
export const TOWN_B = '330106002000';
export const COMMUNITY_A1 = '330106001001';
export const OTHER_COUNTY = '330108000000';

export async function seedRegions(db: Db): Promise<void> {
  const rows = [
    { code: '330000000000', level: 1, name: '浙江省', parent_code: null, prefix: '33' },
    { code: '330100000000', level: 2, name: '杭州市', parent_code: '330000000000', prefix: '3301' },
    { code: COUNTY, level: 3, name: '西湖区', parent_code: '330100000000', prefix: '330106' },
    { code: TOWN_A, level: 4, name: '北山街道', parent_code: COUNTY, prefix: '330106001' },
    { code: TOWN_B, level: 4, name: '西溪街道', parent_code: COUNTY, prefix: '330106002' },
    { code: COMMUNITY_A1, level: 5, name: '北山社区', parent_code: TOWN_A, prefix: '330106001001' },
    { code: OTHER_COUNTY, level: 3, name: '滨江区', parent_code: '330100000000', prefix: '330108' },
  ];
  await db.insertInto('region').values(rows).onConflict((oc) => oc.doNothing()).execute();
}

let seq = 0;
export async function seedEnterprise(
  db: Db, v: { name?: string; regionCode: string; memberCount?: number; employeeCount?: number; status?: 'active' | 'deregistered'; foundedOn?: string; parkId?: string },
): Promise<string> {
  seq += 1;
  const r = await db.insertInto('enterprise').values({
    credit_code: `91330106TEST${String(seq).padStart(6, '0')}`,
    name: v.name ?? `测试企业${seq}有限公司`,
    region_code: v.regionCode,
    placement: 'placed',
    member_count: v.memberCount ?? 0,
    employee_count: v.employeeCount ?? 10,
    operating_status: v.status ?? 'active',
    founded_on: v.foundedOn ?? '2018-01-01',
    park_id: v.parkId ?? null,
  }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** A person registered in `regionCode` (visible there by region, docs/organisations.md "People"), or unplaced. */
export async function seedPerson(db: Db, name: string, regionCode: string | null = null): Promise<string> {
  const r = await db.insertInto('person').values({ name, region_code: regionCode }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

const grant = (role: string, g: Partial<RoleGrant>): RoleGrant => ({
  role, allRegions: false, regionPrefixes: [], parkIds: [], associationIds: [], partyOrgIds: [], enterpriseIds: [], ...g,
});

export const actorWith = (role: string, g: Partial<RoleGrant>, username = role): Actor => ({
  kind: 'user', userId: null, username, ip: null, userAgent: null, grants: [grant(role, g)],
});
