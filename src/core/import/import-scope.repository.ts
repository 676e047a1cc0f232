import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/schema.js';
import type { Scope } from '../access/scope.js';
import { inScope, stageTable, type Range } from './import-stage.repository.js';

/**
 * OUT_OF_SCOPE rows of one batch, in three steps, so that a row never tells the importer more than
 * their scope shows (docs/import.md "Scope"):
 *
 * 1. a row whose enterprise the importer cannot see — new, or existing outside the scope — is judged
 *    by the file alone (its own region, park and association, as a new enterprise would be placed):
 *    outside the scope it gets exactly the error a new enterprise gets, so the answer does not
 *    depend on whether the credit code exists;
 * 2. such a row whose file places it inside the scope but whose enterprise exists elsewhere cannot be
 *    taken over ("该企业不在您的管辖范围内"). Only here does existence show, and it must: creating
 *    the enterprise a second time is not possible;
 * 3. a row of a visible enterprise whose result — the record as the import would leave it (region
 *    kept for a manual placement) — falls outside the scope names that region.
 */
export async function rejectOutOfScope(db: Executor, importId: string, range: Range, scope: Scope): Promise<void> {
  if (scope.all) return;
  const t = sql.table(stageTable(importId));
  const batch = sql`s2.seq BETWEEN ${range.lo} AND ${range.hi} AND s2.status = 'ok'`;
  const invisible = sql`NOT EXISTS (SELECT 1 FROM enterprise e WHERE e.credit_code = s2.credit_code AND (${inScope(scope)}) IS TRUE)`;
  await rejectByResult(db, t, sql`SELECT s2.seq, NULL::bigint AS id, s2.region_code, p.id AS park_id, a.id AS association_id
    FROM ${t} s2 LEFT JOIN park p ON p.name = s2.park_name LEFT JOIN association a ON a.name = s2.association_name
    WHERE ${batch} AND ${invisible}`, scope);
  await sql`UPDATE ${t} s2 SET status = 'rejected', error_column = '统一社会信用代码', error_code = 'OUT_OF_SCOPE',
      error_message = '该企业不在您的管辖范围内，不能通过导入修改'
    WHERE ${batch} AND ${invisible} AND EXISTS (SELECT 1 FROM enterprise x WHERE x.credit_code = s2.credit_code)`.execute(db);
  await rejectByResult(db, t, sql`SELECT s2.seq, cur.id,
      CASE WHEN cur.placement = 'manual' AND NOT s2.explicit_region THEN cur.region_code ELSE s2.region_code END AS region_code,
      p.id AS park_id, a.id AS association_id
    FROM ${t} s2 JOIN enterprise cur ON cur.credit_code = s2.credit_code
    LEFT JOIN park p ON p.name = s2.park_name LEFT JOIN association a ON a.name = s2.association_name
    WHERE ${batch} AND NOT s2.same_hash`, scope);
}

/** Rejects the rows whose result (`results`: seq, id, region_code, park_id, association_id) is outside the scope. */
async function rejectByResult(db: Executor, t: ReturnType<typeof sql.table>, results: RawBuilder<unknown>, scope: Scope): Promise<void> {
  await sql`UPDATE ${t} s SET status = 'rejected', error_column = '属地区划代码', error_code = 'OUT_OF_SCOPE',
      error_message = CASE WHEN e.region_code IS NULL THEN '无法认定属地，不能导入到您的管辖范围之外'
        ELSE '属地 ' || e.region_code || ' 不在您的管辖范围内' END
    FROM (${results}) e
    WHERE s.seq = e.seq AND (${inScope(scope)}) IS NOT TRUE`.execute(db);
}
