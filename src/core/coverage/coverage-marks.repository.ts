import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/schema.js';
import { REGION_LENGTHS, type MetricDef } from '../../domain/metrics.js';
import { COVERAGE_ROW_COLUMNS, coverageRowsAt } from './coverage-rows.sql.js';
import { pairSql } from './metric-sql.js';

/**
 * The incremental side of the precomputed rows: the marks the triggers of 0069_coverage_marks.sql
 * leave (which enterprises' rows a committed change can move), and the rows and region sums of just
 * those enterprises recomputed. SQL only; the choice between this and a full rebuild is
 * coverage-refresh.ts's.
 */

/** Whether the rows are today's and no committed change awaits them — one statement, one snapshot. */
export async function coverageFreshness(db: Executor): Promise<{ asOf: string | null; marked: boolean }> {
  const r = await sql<{ as_of: string | null; marked: boolean }>`SELECT s.as_of::text AS as_of,
      EXISTS (SELECT 1 FROM coverage_mark) AS marked FROM coverage_state s WHERE s.id = 1`.execute(db);
  const row = r.rows[0];
  return { asOf: row?.as_of ?? null, marked: row?.marked === true };
}

/**
 * Takes (deletes) every committed mark and returns the marked enterprises, or null for "everything":
 * a NULL mark, or more than `limit` enterprises. A mark committed after this statement's snapshot
 * stays for the next refresh, so nothing is lost between reading the marks and recomputing.
 */
export async function takeMarks(tx: Executor, limit: number): Promise<string[] | null> {
  const r = await sql<{ everything: boolean | null; ids: string[] | null }>`WITH gone AS (DELETE FROM coverage_mark RETURNING enterprise_id)
    SELECT bool_or(enterprise_id IS NULL) OR count(DISTINCT enterprise_id) > ${limit} AS everything,
           array_agg(DISTINCT enterprise_id::text) FILTER (WHERE enterprise_id IS NOT NULL) AS ids
      FROM gone`.execute(tx);
  const row = r.rows[0];
  if (row?.everything) return null;
  return row?.ids ?? [];
}

/** Drops every mark: a full rebuild reads everything committed before its rows. */
export async function clearMarks(tx: Executor): Promise<void> {
  await sql`DELETE FROM coverage_mark`.execute(tx);
}

/**
 * Recomputes the rows of `ids` as of `date` and moves the region sums by the difference: the old
 * rows' pairs subtracted, the new rows' added, groups left empty removed — the same pair SQL as
 * the full rebuild, so both give the same sums (test/medium/coverage-incremental.test.ts).
 */
export async function replaceCoverageRowsOf(tx: Executor, date: string, ids: readonly string[], defs: MetricDef[]): Promise<void> {
  if (ids.length === 0) return;
  const list = sql`${[...ids]}::bigint[]`;
  await addRegionSums(tx, list, -1, defs);
  await sql`DELETE FROM enterprise_coverage WHERE id = ANY(${list})`.execute(tx);
  const cols = sql.join(COVERAGE_ROW_COLUMNS.map((c) => sql.ref(c)));
  await sql`INSERT INTO enterprise_coverage (${cols}) SELECT ${cols} FROM (${coverageRowsAt(date, ids)}) r`.execute(tx);
  await addRegionSums(tx, list, 1, defs);
  await sql`DELETE FROM coverage_region_sum WHERE enterprises = 0`.execute(tx);
}

/** Adds `sign` × the pairs of the listed enterprises' current rows to their region nodes at every level. */
async function addRegionSums(tx: Executor, list: RawBuilder<unknown>, sign: 1 | -1, defs: MetricDef[]): Promise<void> {
  const names = defs.flatMap((d) => [`n_${d.id}`, `d_${d.id}`]);
  const pairs = sql.join(defs.flatMap((d) => [pairSql(d, 'numerator'), pairSql(d, 'denominator')]).map((p) => sql`${sql.lit(sign)} * ${p}`));
  const set = sql.join(['enterprises', ...names].map((c) => sql`${sql.ref(c)} = coverage_region_sum.${sql.ref(c)} + excluded.${sql.ref(c)}`));
  await sql`INSERT INTO coverage_region_sum (len, region_code, enterprises, ${sql.join(names.map((c) => sql.ref(c)))})
    SELECT l.len::smallint, left(e.region_code, l.len), ${sql.lit(sign)} * count(*)::int, ${pairs}
      FROM enterprise_coverage e CROSS JOIN unnest(${[...REGION_LENGTHS]}::int[]) AS l(len)
     WHERE e.id = ANY(${list})
     GROUP BY 1, 2
    ON CONFLICT (len, (coalesce(region_code, ''))) DO UPDATE SET ${set}`.execute(tx);
}
