import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/schema.js';
import type { SnapshotScopeKind } from '../../db/tables/coverage.js';
import { REGION_LENGTHS, type MetricDef } from '../../domain/metrics.js';
import { coverageRowsAt } from './coverage-rows.sql.js';
import { pairSql } from './metric-sql.js';

/**
 * Month-end snapshots in two statements (docs/benchmarks.md, Coverage, has the profile):
 *
 * 1. the rows as of the month's last day (`coverageRowsAt`) are aggregated in ONE pass with two
 *    GROUPING SETS into a small temporary table: the metric pairs per full region code, and per
 *    (park, association, industry, size class) — tens of thousands of groups, not 1M rows;
 * 2. every grouping (all, each region level, park, association, industry, size) adds up those
 *    pairs and is unpivoted into metric_snapshot in one INSERT.
 *
 * Pairs are integer sums, so summing the per-code sums of the codes under a node equals summing the
 * node's rows: the region levels come from the per-code groups, 'all' from every code group
 * (including the unplaced, NULL one). test/medium/coverage-snapshot.test.ts compares the result
 * with the per-grouping aggregation over the rows and with the figures.
 */
type GroupSet = 'code' | 'place';
type Grouping = { kind: SnapshotScopeKind; from: GroupSet; key: RawBuilder<string>; where: RawBuilder<boolean> };

/**
 * The two grouping sets of step 1. The non-region dimensions share one set: their combinations are
 * few (industries × sizes, plus the parks and associations, which most enterprises lack), and one
 * set costs a hash lookup per row where four would cost four.
 */
const SETS: Record<GroupSet, string[]> = { code: ['region_code'], place: ['park_id', 'association_id', 'industry', 'size_class'] };
const DIMENSIONS = [...SETS.code, ...SETS.place];

function regionGrouping(len: number, prev: number): Grouping {
  // Only rows placed BELOW the parent level: a county-level enterprise is not a township's.
  const deeper = prev === 0 ? sql<boolean>`TRUE` : sql<boolean>`substr(e.region_code, ${sql.lit(prev + 1)}, ${sql.lit(len - prev)}) <> ${sql.lit('0'.repeat(len - prev))}`;
  return { kind: 'region', from: 'code', key: sql<string>`rpad(left(e.region_code, ${sql.lit(len)}), 12, '0')`, where: sql<boolean>`e.region_code IS NOT NULL AND ${deeper}` };
}

const GROUPINGS: Grouping[] = [
  { kind: 'all', from: 'code', key: sql<string>`''`, where: sql<boolean>`TRUE` },
  ...REGION_LENGTHS.map((len, i) => regionGrouping(len, i === 0 ? 0 : REGION_LENGTHS[i - 1]!)),
  { kind: 'park', from: 'place', key: sql<string>`e.park_id::text`, where: sql<boolean>`e.park_id IS NOT NULL` },
  { kind: 'association', from: 'place', key: sql<string>`e.association_id::text`, where: sql<boolean>`e.association_id IS NOT NULL` },
  { kind: 'industry', from: 'place', key: sql<string>`coalesce(e.industry, '')`, where: sql<boolean>`TRUE` },
  { kind: 'size', from: 'place', key: sql<string>`coalesce(e.size_class, '')`, where: sql<boolean>`TRUE` },
];

const pairNames = (defs: MetricDef[]) => defs.flatMap((d) => [`n_${d.id}`, `d_${d.id}`]);

/** Step 1: the pairs per region code and per place combination, from one scan of the rows at `date`. */
async function groupRows(tx: Executor, date: string, defs: MetricDef[]): Promise<void> {
  const ref = (c: string) => sql.ref(`e.${c}`);
  const cols = sql.join(DIMENSIONS.map(ref));
  const sets = sql.join(Object.values(SETS).map((set) => sql`(${sql.join(set.map(ref))})`));
  // The sets share no column, so GROUPING(region_code) = 0 marks exactly the 'code' set's groups.
  const pairs = sql.join(defs.flatMap((d) => [sql`${pairSql(d, 'numerator')} AS ${sql.ref(`n_${d.id}`)}`, sql`${pairSql(d, 'denominator')} AS ${sql.ref(`d_${d.id}`)}`]));
  await sql`CREATE TEMP TABLE lx_snapshot_groups ON COMMIT DROP AS
    SELECT CASE WHEN GROUPING(e.region_code) = 0 THEN 'code' ELSE 'place' END AS dim, ${cols}, ${pairs}
      FROM (${coverageRowsAt(date)}) e GROUP BY GROUPING SETS (${sets})`.execute(tx);
}

/** Step 2: every grouping's pairs summed from step 1, unpivoted to one row per metric. */
async function insertGroupings(tx: Executor, period: string, defs: MetricDef[]): Promise<number> {
  const sums = sql.join(pairNames(defs).map((c) => sql`coalesce(sum(${sql.ref(`e.${c}`)}), 0)::bigint AS ${sql.ref(c)}`));
  const parts = GROUPINGS.map((g) => sql`SELECT ${sql.lit(g.kind)} AS kind, ${g.key} AS key, ${sums}
    FROM lx_snapshot_groups e WHERE e.dim = ${sql.lit(g.from)} AND ${g.where} GROUP BY 2`);
  const values = sql.join(defs.map((d) => sql`(${sql.lit(d.id)}, g.${sql.ref(`n_${d.id}`)}, g.${sql.ref(`d_${d.id}`)})`));
  const r = await sql`INSERT INTO metric_snapshot (period, scope_kind, scope_key, metric, numerator, denominator)
    SELECT ${period}, g.kind, g.key, v.metric, v.n, v.d
      FROM (${sql.join(parts, sql` UNION ALL `)}) g
      CROSS JOIN LATERAL (VALUES ${values}) AS v(metric, n, d)`.execute(tx);
  return Number(r.numAffectedRows ?? 0);
}

/** Replaces a period's snapshot; runs inside the caller's transaction. Returns rows written. */
export async function writeSnapshot(tx: Executor, period: string, date: string, defs: MetricDef[]): Promise<number> {
  await tx.deleteFrom('metric_snapshot').where('period', '=', period).execute();
  // A once-a-month batch over every enterprise: hash the ~300k union/instructor rows in memory
  // instead of spilling to disk (4 MB default), and no JIT — at 1M rows its inlining and
  // optimisation compiled for ~1.5 s and the compiled code won back no more than noise.
  await sql`SET LOCAL work_mem = '64MB'`.execute(tx);
  await sql`SET LOCAL jit = off`.execute(tx);
  await groupRows(tx, date, defs);
  const written = await insertGroupings(tx, period, defs);
  await sql`DROP TABLE lx_snapshot_groups`.execute(tx);
  return written;
}

export type SnapshotRow = { period: string; scope_key: string; metric: string; numerator: string; denominator: string };

export async function snapshotRows(db: Executor, kind: SnapshotScopeKind, keys: string[], periods: string[]): Promise<SnapshotRow[]> {
  if (!keys.length || !periods.length) return [];
  return db.selectFrom('metric_snapshot').select(['period', 'scope_key', 'metric', 'numerator', 'denominator'])
    .where('scope_kind', '=', kind).where('scope_key', 'in', keys).where('period', 'in', periods).orderBy('period').execute();
}

/** Child region nodes of a node that have a snapshot in the period (for the bulletin's table). */
export async function childRegionRows(db: Executor, parentPrefix: string, childLen: number, period: string): Promise<SnapshotRow[]> {
  return db.selectFrom('metric_snapshot').select(['period', 'scope_key', 'metric', 'numerator', 'denominator'])
    .where('scope_kind', '=', 'region').where('period', '=', period)
    .where('scope_key', 'like', `${parentPrefix}%`)
    .where(sql<boolean>`substr(scope_key, ${sql.lit(childLen + 1)}) = ${'0'.repeat(12 - childLen)}`)
    .where(sql<boolean>`substr(scope_key, ${sql.lit(parentPrefix.length + 1)}, ${sql.lit(childLen - parentPrefix.length)}) <> ${'0'.repeat(childLen - parentPrefix.length)}`)
    .execute();
}

export async function periodsTaken(db: Executor): Promise<Array<{ period: string; computed_at: Date }>> {
  return db.selectFrom('metric_snapshot').select(['period', sql<Date>`max(computed_at)`.as('computed_at')])
    .where('scope_kind', '=', 'all').groupBy('period').orderBy('period').execute();
}

export async function hasSnapshot(db: Executor, period: string): Promise<boolean> {
  return !!(await db.selectFrom('metric_snapshot').select('period').where('period', '=', period).where('scope_kind', '=', 'all').executeTakeFirst());
}

/**
 * The first day (China time) the ledger held anything: its earliest enterprise or import that was
 * not a dry run. Null for an empty ledger.
 */
export async function ledgerStart(db: Executor): Promise<string | null> {
  const r = await sql<{ d: string | null }>`SELECT (least(
      (SELECT min(created_at) FROM enterprise),
      (SELECT min(started_at) FROM import_batch WHERE NOT dry_run)
    ) AT TIME ZONE 'Asia/Shanghai')::date::text AS d`.execute(db);
  return r.rows[0]?.d ?? null;
}

export async function regionNames(db: Executor, codes: string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = await db.selectFrom('region').select(['code', 'name']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

export async function placeNames(db: Executor, kind: 'park' | 'association', ids: string[]): Promise<Map<string, string>> {
  const list = ids.filter((i) => /^\d+$/.test(i));
  if (!list.length) return new Map();
  const rows = await db.selectFrom(kind).select(['id', 'name']).where('id', 'in', list).execute();
  return new Map(rows.map((r) => [String(r.id), r.name]));
}
