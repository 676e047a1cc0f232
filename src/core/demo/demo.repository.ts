import type { Executor } from '../../db/schema.js';
import type { GenEnterprise } from '../generator/organisations.js';
import type { RegionName } from '../generator/org-names.js';
import { listForIndex } from '../region/region.repository.js';

/**
 * The district's enterprises for the organisation plan, in credit-code order. The plan draws its
 * random numbers enterprise by enterprise, so its input order must be a fact of the enterprises,
 * not of the ids the ledger gave them: an import numbers new enterprises in the order its INSERT …
 * SELECT returns them, which is not the file's and differs between PGlite and PostgreSQL
 * (test/medium/org-generator.test.ts). The demo runs as the system: no scope applies.
 */
export async function districtEnterprises(db: Executor, prefix: string): Promise<GenEnterprise[]> {
  const rows = await db.selectFrom('enterprise as e').leftJoin('park as p', 'p.id', 'e.park_id')
    .select(['e.id', 'e.credit_code', 'e.name', 'e.region_code', 'e.operating_status', 'e.employee_count', 'e.member_count', 'e.above_designated_size', 'p.name as park_name'])
    .where('e.region_code', 'like', `${prefix}%`)
    .execute();
  rows.sort((a, b) => (a.credit_code < b.credit_code ? -1 : a.credit_code > b.credit_code ? 1 : 0));
  return rows.map((e) => ({ id: e.id, name: e.name, regionCode: e.region_code, memberCount: e.member_count ?? 0, employeeCount: e.employee_count ?? 0,
    active: e.operating_status === 'active', aboveDesignatedSize: e.above_designated_size, parkName: e.park_name }));
}

/** The district's regions with its city and province: the names organisations are named after. */
export async function districtRegionNames(db: Executor, prefix: string): Promise<RegionName[]> {
  return (await listForIndex(db, [prefix])).map((r) => ({ code: r.code, level: r.level, name: r.name }));
}
