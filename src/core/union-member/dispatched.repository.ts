import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../db/schema.js';
import { unionInScope } from '../access/party-org-scope.js';
import type { Scope } from '../access/scope.js';

/**
 * Active real-name members (and the 劳务派遣 among them) per union keeping a roster, for the unions
 * the reader sees under union.read — the same count as the bulletin's (src/core/report/bulletin-union.ts).
 */
export type DispatchedDbRow = { union_id: string; union_name: string; region_code: string | null; street_name: string | null; members: number; dispatched: number };
type Filter = { regionPrefix?: string; onlyDispatched?: 'true' | 'false' };

function where(scope: Scope, f: Filter): RawBuilder<SqlBool> {
  const parts: RawBuilder<unknown>[] = [sql`m.status = 'active'`, sql`u.roster_since IS NOT NULL`, unionInScope(scope)];
  if (f.regionPrefix) parts.push(sql`u.region_code LIKE ${`${f.regionPrefix}%`}`);
  return sql<SqlBool>`(${sql.join(parts, sql` AND `)})`;
}
const having = (f: Filter) => (f.onlyDispatched === 'true' ? sql`HAVING count(*) FILTER (WHERE m.dispatched) > 0` : sql``);
const GROUPED = (scope: Scope, f: Filter) => sql`
  SELECT m.union_id, count(*)::int AS members, count(*) FILTER (WHERE m.dispatched)::int AS dispatched
    FROM union_member m JOIN union_org u ON u.id = m.union_id WHERE ${where(scope, f)} GROUP BY m.union_id ${having(f)}`;

export async function dispatchedPage(db: Executor, scope: Scope, f: Filter, offset: number, limit: number): Promise<DispatchedDbRow[]> {
  const r = await sql<DispatchedDbRow>`
    WITH g AS (${GROUPED(scope, f)})
    SELECT g.union_id::text, u.name AS union_name, u.region_code, st.name AS street_name, g.members, g.dispatched
      FROM g JOIN union_org u ON u.id = g.union_id LEFT JOIN region st ON st.code = rpad(left(u.region_code, 9), 12, '0')
     ORDER BY u.region_code NULLS LAST, u.name, u.id OFFSET ${offset} LIMIT ${limit}`.execute(db);
  return r.rows;
}

export async function dispatchedSums(db: Executor, scope: Scope, f: Filter): Promise<{ unions: number; members: number; dispatched: number }> {
  const r = await sql<{ unions: number; members: string; dispatched: string }>`
    WITH g AS (${GROUPED(scope, f)}) SELECT count(*)::int AS unions, coalesce(sum(members), 0)::text AS members, coalesce(sum(dispatched), 0)::text AS dispatched FROM g`.execute(db);
  const x = r.rows[0]!;
  return { unions: x.unions, members: Number(x.members), dispatched: Number(x.dispatched) };
}
