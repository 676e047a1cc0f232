import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../../db/schema.js';
import type { ActivitySiteTable, ManagementExpenseTable, SupportFundingTable } from '../../db/tables/support.js';
import { NEXT_VERSION } from '../../db/versioned.js';
import { asColumn, ownedInScope, visibleInScope } from '../access/party-org-scope.js';
import type { Scope } from '../access/scope.js';

/** SQL for the support ledger (docs/support.md). Reads of many organisations take the reader's Scope. */
const yearOf = (year: number) => [`${year}-01-01`, `${year}-12-31`] as const;

export const fundingOf = (db: Executor, orgId: string, year: number) => db.selectFrom('support_funding').selectAll()
  .where('org_id', '=', orgId).where('given_on', '>=', yearOf(year)[0]).where('given_on', '<=', yearOf(year)[1]).orderBy('given_on', 'desc').orderBy('id', 'desc').execute();
export const sitesOf = (db: Executor, orgId: string) => db.selectFrom('activity_site').selectAll().where('org_id', '=', orgId).orderBy('id').execute();
export const expenseOf = (db: Executor, orgId: string, year: number) => db.selectFrom('management_expense').selectAll().where('org_id', '=', orgId).where('year', '=', year).executeTakeFirst();

export async function duesOf(db: Executor, orgId: string, year: number): Promise<{ paid: number; enterprise: boolean }> {
  const r = await sql<{ paid: number; enterprise: boolean }>`SELECT
    coalesce((SELECT sum(paid_fen) FROM dues_ledger WHERE org_id = ${orgId} AND month BETWEEN ${`${year}-01`} AND ${`${year}-12`}), 0)::float8 AS paid,
    EXISTS (SELECT 1 FROM party_org_coverage WHERE org_id = ${orgId} AND until IS NULL) AS enterprise`.execute(db);
  return r.rows[0]!;
}

export const insertFunding = (tx: Executor, row: Insertable<SupportFundingTable>) => tx.insertInto('support_funding').values(row).returningAll().executeTakeFirstOrThrow();
export const lockFunding = (tx: Executor, orgId: string, id: string) => tx.selectFrom('support_funding').selectAll().where('id', '=', id).where('org_id', '=', orgId).forUpdate().executeTakeFirst();
export const updateFunding = (tx: Executor, id: string, version: number, set: Updateable<SupportFundingTable>) =>
  tx.updateTable('support_funding').set({ ...set, ...NEXT_VERSION }).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
export const insertSite = (tx: Executor, row: Insertable<ActivitySiteTable>) => tx.insertInto('activity_site').values(row).returningAll().executeTakeFirstOrThrow();
export const lockSite = (tx: Executor, orgId: string, id: string) => tx.selectFrom('activity_site').selectAll().where('id', '=', id).where('org_id', '=', orgId).forUpdate().executeTakeFirst();
export const updateSite = (tx: Executor, id: string, version: number, set: Updateable<ActivitySiteTable>) =>
  tx.updateTable('activity_site').set({ ...set, ...NEXT_VERSION }).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
export const lockExpense = (tx: Executor, orgId: string, year: number) => tx.selectFrom('management_expense').selectAll().where('org_id', '=', orgId).where('year', '=', year).forUpdate().executeTakeFirst();
export const insertExpense = (tx: Executor, row: Insertable<ManagementExpenseTable>) => tx.insertInto('management_expense').values(row).returningAll().executeTakeFirstOrThrow();
export const updateExpense = (tx: Executor, id: string, version: number, set: Updateable<ManagementExpenseTable>) =>
  tx.updateTable('management_expense').set({ ...set, ...NEXT_VERSION }).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();

export type SupportOrgSums = {
  org_id: string; org_name: string; region_code: string | null; owned: boolean; funding_fen: number; sites: number; site_area_m2: number;
  expense_fen: number; dues_paid_fen: number; enterprise: boolean;
};

/**
 * Every active organisation the scope sees (own place or a link) with its year's sums, in one
 * statement: funding, sites and area, the reported expense, 党费 paid (the returned share is applied
 * by the caller from the dues settings) and whether it covers an enterprise now.
 */
export async function supportSums(db: Executor, scope: Scope, year: number, regionPrefix?: string): Promise<SupportOrgSums[]> {
  const [from, to] = yearOf(year);
  const region = regionPrefix ? sql`AND o.region_code LIKE ${`${regionPrefix}%`}` : sql``;
  const r = await sql<SupportOrgSums>`
    SELECT o.id AS org_id, o.name AS org_name, o.region_code, ${asColumn(ownedInScope(scope, 'org', 'o'))} AS owned,
      coalesce((SELECT sum(f.amount_fen) FROM support_funding f WHERE f.org_id = o.id AND f.given_on BETWEEN ${from} AND ${to}), 0)::float8 AS funding_fen,
      (SELECT count(*) FROM activity_site s WHERE s.org_id = o.id)::int AS sites,
      coalesce((SELECT sum(s.area_m2) FROM activity_site s WHERE s.org_id = o.id), 0)::int AS site_area_m2,
      coalesce((SELECT e.amount_fen FROM management_expense e WHERE e.org_id = o.id AND e.year = ${year}), 0)::float8 AS expense_fen,
      coalesce((SELECT sum(l.paid_fen) FROM dues_ledger l WHERE l.org_id = o.id AND l.month BETWEEN ${`${year}-01`} AND ${`${year}-12`}), 0)::float8 AS dues_paid_fen,
      EXISTS (SELECT 1 FROM party_org_coverage c WHERE c.org_id = o.id AND c.until IS NULL) AS enterprise
    FROM party_org o
    WHERE o.status = 'active' AND ${visibleInScope(scope, 'org', 'o')} ${region}
    ORDER BY o.region_code, o.id`.execute(db);
  return r.rows;
}

export async function regionNames(db: Executor, codes: string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = await db.selectFrom('region').select(['code', 'name']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}
export const deleteFunding = async (tx: Executor, id: string, version: number) =>
  Number((await tx.deleteFrom('support_funding').where('id', '=', id).where('version', '=', version).executeTakeFirst()).numDeletedRows) > 0;
export const deleteSite = async (tx: Executor, id: string, version: number) =>
  Number((await tx.deleteFrom('activity_site').where('id', '=', id).where('version', '=', version).executeTakeFirst()).numDeletedRows) > 0;
