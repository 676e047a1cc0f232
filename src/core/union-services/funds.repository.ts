import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../db/schema.js';
import { NEXT_VERSION } from '../../db/versioned.js';
import type { Scope } from '../access/scope.js';
import { ownedInScope, visibleInScope } from '../access/party-org-scope.js';

/**
 * 工会经费 lines (0043 union_funds_month). The status is computed in SQL exactly as the pure rule
 * `fundsStatus` does (src/domain/union-services.ts) so filters, sums and rows agree; the rows' own
 * status is then taken from the pure rule. Lists and roll-ups read the unions seen under union.read.
 */
export type FundsRow = {
  id: string; union_id: string; union_name: string; region_code: string | null; street_name: string | null; month: string;
  payroll_fen: string; payroll_own: boolean; due_fen: string; due_on: string; paid_fen: string; paid_on: string | null; version: number;
};
export type FundsFilter = { from: string; to: string; region?: string; status?: string; unionId?: string };

export const statusSql = (today: string) => sql<string>`CASE
  WHEN m.paid_fen >= m.due_fen THEN CASE WHEN m.paid_on > m.due_on THEN 'paidLate' ELSE 'paid' END
  WHEN ${today}::date <= m.due_on THEN CASE WHEN m.paid_fen > 0 THEN 'partlyPaid' ELSE 'notDue' END
  ELSE 'arrears' END`;

function where(scope: Scope, f: FundsFilter, today: string): RawBuilder<SqlBool> {
  const parts: RawBuilder<unknown>[] = [visibleInScope(scope, 'union', 'u'), sql`m.month >= ${f.from}::date`, sql`m.month < ${f.to}::date`];
  if (f.region) parts.push(sql`u.region_code LIKE ${`${f.region}%`}`);
  if (f.unionId) parts.push(sql`m.union_id = ${f.unionId}`);
  if (f.status) parts.push(sql`${statusSql(today)} = ${f.status}`);
  return sql<SqlBool>`(${sql.join(parts, sql` AND `)})`;
}
const FROM = sql`union_funds_month m JOIN union_org u ON u.id = m.union_id`;

export async function pageFunds(db: Executor, scope: Scope, f: FundsFilter, today: string, offset: number, limit: number): Promise<FundsRow[]> {
  const r = await sql<FundsRow>`
    SELECT m.id::text, m.union_id::text, u.name AS union_name, u.region_code, st.name AS street_name, m.month, m.payroll_fen::text, m.payroll_own,
      m.due_fen::text, m.due_on, m.paid_fen::text, m.paid_on, m.version
    FROM ${FROM} LEFT JOIN region st ON st.code = rpad(left(u.region_code, 9), 12, '0')
    WHERE ${where(scope, f, today)} ORDER BY m.month DESC, u.name, m.id OFFSET ${offset} LIMIT ${limit}`.execute(db);
  return r.rows;
}

export type FundsSumRow = {
  region: string; name: string | null; unions: number; lines: number; due_fen: string; paid_fen: string; arrears_fen: string; arrears_lines: number;
  on_time_lines: number; late_lines: number; not_due_lines: number; partly_paid_lines: number;
};
const SUMS = (today: string) => sql`count(DISTINCT m.union_id)::int AS unions, count(*)::int AS lines, coalesce(sum(m.due_fen), 0)::text AS due_fen,
  coalesce(sum(m.paid_fen), 0)::text AS paid_fen,
  coalesce(sum(m.due_fen - m.paid_fen) FILTER (WHERE ${statusSql(today)} = 'arrears'), 0)::text AS arrears_fen,
  count(*) FILTER (WHERE ${statusSql(today)} = 'arrears')::int AS arrears_lines,
  count(*) FILTER (WHERE ${statusSql(today)} = 'paid')::int AS on_time_lines, count(*) FILTER (WHERE ${statusSql(today)} = 'paidLate')::int AS late_lines,
  count(*) FILTER (WHERE ${statusSql(today)} = 'notDue')::int AS not_due_lines, count(*) FILTER (WHERE ${statusSql(today)} = 'partlyPaid')::int AS partly_paid_lines`;

export async function sumFunds(db: Executor, scope: Scope, f: FundsFilter, today: string): Promise<FundsSumRow> {
  const r = await sql<FundsSumRow>`SELECT '' AS region, NULL AS name, ${SUMS(today)} FROM ${FROM} WHERE ${where(scope, f, today)}`.execute(db);
  return r.rows[0]!;
}

/** By street (the union's region code, 9 digits); unions with no region (an association's) under ''. */
export async function fundsByStreet(db: Executor, scope: Scope, f: FundsFilter, today: string): Promise<FundsSumRow[]> {
  const r = await sql<FundsSumRow>`
    WITH s AS (SELECT coalesce(left(u.region_code, 9), '') AS region, ${SUMS(today)} FROM ${FROM} WHERE ${where(scope, f, today)} GROUP BY 1)
    SELECT s.*, st.name FROM s LEFT JOIN region st ON st.code = rpad(s.region, 12, '0') WHERE true ORDER BY s.region`.execute(db);
  return r.rows;
}

export async function findFundsLine(db: Executor, id: string) {
  return db.selectFrom('union_funds_month').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateFundsLine(tx: Executor, id: string, version: number, set: Record<string, unknown>) {
  return tx.updateTable('union_funds_month').set({ ...set, ...NEXT_VERSION }).where('id', '=', id).where('version', '=', version)
    .returningAll().executeTakeFirst();
}

/** Active unions the scope manages by own place, founded by the month's end, with their default payroll (fen). */
export async function unionsToBill(db: Executor, scope: Scope, monthEnd: string) {
  const r = await sql<{ id: string; region_code: string | null; payroll_fen: string | null }>`
    SELECT u.id::text, u.region_code, (u.monthly_payroll * 100)::bigint::text AS payroll_fen FROM union_org u
    WHERE u.status = 'active' AND (u.founded_on IS NULL OR u.founded_on <= ${monthEnd}::date) AND coalesce(${ownedInScope(scope, 'union', 'u')}, FALSE)
    ORDER BY u.id`.execute(db);
  return r.rows;
}

export async function insertFundsLines(tx: Executor, rows: Array<{ union_id: string; month: string; payroll_fen: number; payroll_own: boolean; due_fen: number; due_on: string }>): Promise<number> {
  if (!rows.length) return 0;
  const r = await tx.insertInto('union_funds_month').values(rows).onConflict((oc) => oc.columns(['union_id', 'month']).doNothing()).returning('id').execute();
  return r.length;
}
