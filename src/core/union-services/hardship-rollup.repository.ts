import { sql } from 'kysely';
import type { Executor } from '../../db/schema.js';
import type { Scope } from '../access/scope.js';
import { FROM, hardshipFilter, inYear, REVIEW_DUE } from './hardship.repository.js';

/**
 * 帮扶 files counted by street (the union's region code, 9 digits; a union with no region under '').
 * The same filter as the list (`hardshipFilter`), so each count equals the rows of its drill-down.
 */
export type HardshipCountRow = {
  region: string; name: string | null; unions: number; files: number; applied: number; approved: number; deep: number; relative: number;
  accident: number; closed: number; rejected: number; overdue: number; paid_files: number; paid_fen: string;
};

export async function hardshipByStreet(db: Executor, scope: Scope, q: { region?: string; year: number }, today: string): Promise<HardshipCountRow[]> {
  const r = await sql<HardshipCountRow>`
    WITH s AS (
      SELECT coalesce(left(u.region_code, 9), '') AS region, count(DISTINCT f.union_id)::int AS unions, count(*)::int AS files,
        count(*) FILTER (WHERE f.status = 'applied')::int AS applied, count(*) FILTER (WHERE f.status = 'approved')::int AS approved,
        count(*) FILTER (WHERE f.status = 'approved' AND f.level = 'deep')::int AS deep,
        count(*) FILTER (WHERE f.status = 'approved' AND f.level = 'relative')::int AS relative,
        count(*) FILTER (WHERE f.status = 'approved' AND f.level = 'accident')::int AS accident,
        count(*) FILTER (WHERE f.status = 'closed')::int AS closed, count(*) FILTER (WHERE f.status = 'rejected')::int AS rejected,
        count(*) FILTER (WHERE f.status = 'approved' AND ${REVIEW_DUE} < ${today}::date)::int AS overdue,
        count(*) FILTER (WHERE EXISTS (SELECT 1 FROM union_hardship_payment y WHERE y.file_id = f.id AND ${inYear(q.year)}))::int AS paid_files,
        coalesce(sum((SELECT sum(y.amount_fen) FROM union_hardship_payment y WHERE y.file_id = f.id AND ${inYear(q.year)})), 0)::text AS paid_fen
      FROM ${FROM} WHERE ${hardshipFilter(scope, { region: q.region }, today)} GROUP BY 1)
    SELECT s.*, st.name FROM s LEFT JOIN region st ON st.code = rpad(s.region, 12, '0') WHERE true ORDER BY s.region`.execute(db);
  return r.rows;
}
