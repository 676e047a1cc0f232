import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Executor } from '../../db/schema.js';
import type { AnnualReportTable } from '../../db/tables/annual-report.js';
import { NEXT_VERSION } from '../../db/versioned.js';
import type { ReportState } from '../../domain/annual-report.js';
import { asColumn, ownedInScope, visibleInScope } from '../access/party-org-scope.js';
import type { Scope } from '../access/scope.js';
import type { Keyset } from '../keyset-cursor.js';
import { orgMemberCounts } from '../member/roster-counts.sql.js';

/** Kysely only (docs/annual-report.md): the annual report rows, their history and the year's list. */
export type ReportRow = Selectable<AnnualReportTable>;

export async function findReport(db: Executor, orgId: string, year: number, lock = false): Promise<ReportRow | undefined> {
  let q = db.selectFrom('annual_report').selectAll().where('org_id', '=', orgId).where('year', '=', year);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function insertReport(tx: Executor, values: Insertable<AnnualReportTable>): Promise<ReportRow> {
  return tx.insertInto('annual_report').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Optimistic: only when the stored version is still `version`; undefined when it moved on. */
export async function updateReport(tx: Executor, id: string, version: number, set: Updateable<AnnualReportTable>): Promise<ReportRow | undefined> {
  return tx.updateTable('annual_report').set({ ...set, ...NEXT_VERSION }).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

export async function addEvent(tx: Executor, reportId: string, kind: string, actorId: string | null, comment: string | null = null): Promise<void> {
  await tx.insertInto('annual_report_event').values({ report_id: reportId, kind, actor_id: actorId, comment }).execute();
}

export async function eventsOf(db: Executor, reportId: string) {
  return db.selectFrom('annual_report_event as e').leftJoin('app_user as u', 'u.id', 'e.actor_id')
    .select(['e.kind', 'e.at', 'e.comment', 'u.display_name as by']).where('e.report_id', '=', reportId).orderBy('e.id').execute();
}

export type ReportListRow = {
  org_id: string; org_name: string; org_type: string; region_code: string | null; status: ReportState | null;
  submitted_at: Date | null; figures: unknown; roster_full_members: number; roster_probationary_members: number; admitted: number | string; owned: boolean;
  sort_key: string;
};
export type ReportListFilter = { year: number; region?: string; state?: ReportState };

/** The list's order as one text key (area, then name) so a page resumes after (key, id). */
const SORT_KEY = sql<string>`coalesce(o.region_code, '') || ' ' || o.name`;

function reportRows(db: Executor, scope: Scope, q: ReportListFilter) {
  const parts = [sql`o.status = 'active'`, visibleInScope(scope, 'org', 'o')];
  if (q.region) parts.push(sql`o.region_code LIKE ${`${q.region}%`}`);
  if (q.state) parts.push(q.state === 'none' ? sql`r.id IS NULL` : sql`r.status = ${q.state}`);
  return db.selectFrom('party_org as o')
    .leftJoin('annual_report as r', (j) => j.onRef('r.org_id', '=', 'o.id').on('r.year', '=', q.year))
    .where(sql<boolean>`${sql.join(parts, sql` AND `)}`);
}

/**
 * One page of every active organisation the scope sees, with its report of the year (if any),
 * today's roster counts and the year's admissions (支部大会接收), after the keyset `after`; the
 * counts by state below use the same filter, so the list's total and its export agree.
 */
export async function listReports(db: Executor, scope: Scope, q: ReportListFilter, page: { after?: Keyset; limit: number }): Promise<ReportListRow[]> {
  let query = reportRows(db, scope, q)
    .select(['o.id as org_id', 'o.name as org_name', 'o.org_type', 'o.region_code', 'r.status', 'r.submitted_at', 'r.figures'])
    .select(orgMemberCounts('o')).select(asColumn(ownedInScope(scope, 'org', 'o')).as('owned'))
    .select(sql<number>`(SELECT count(*) FROM recruitment_case rc WHERE rc.org_id = o.id AND rc.meeting_on BETWEEN ${`${q.year}-01-01`}::date AND ${`${q.year}-12-31`}::date)`.as('admitted'))
    .select(SORT_KEY.as('sort_key'));
  if (page.after) query = query.where(sql<boolean>`(${SORT_KEY}, o.id) > (${page.after.key}, ${page.after.id}::bigint)`);
  return query.orderBy(SORT_KEY).orderBy('o.id').limit(page.limit).execute() as unknown as Promise<ReportListRow[]>;
}

/** How many of the filter's organisations are in each state (no report yet: 'none'). */
export async function countReportsByState(db: Executor, scope: Scope, q: ReportListFilter): Promise<Array<{ state: ReportState; n: number }>> {
  const rows = await reportRows(db, scope, q).select([sql<ReportState>`coalesce(r.status, 'none')`.as('state'), sql<number>`count(*)::int`.as('n')])
    .groupBy(sql`coalesce(r.status, 'none')`).execute();
  return rows.map((r) => ({ state: r.state, n: Number(r.n) }));
}
