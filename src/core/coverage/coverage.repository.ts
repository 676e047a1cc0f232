import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { DB, Executor } from '../../db/schema.js';
import type { EnterpriseCoverageTable } from '../../db/tables/coverage.js';
import { childLength as childLengthOf, REGION_LENGTHS, type MetricDef, type MetricId } from '../../domain/metrics.js';
import type { Scope } from '../access/scope.js';
import { coverageInScope } from './coverage-scope.js';
import { COVERAGE_ROW_COLUMNS, coverageRowsAt } from './coverage-rows.sql.js';
import { measureOfPart, pairSql, partSql } from './metric-sql.js';

/**
 * SQL of the figures: aggregates and drill-down lists over coverage rows — the precomputed
 * `enterprise_coverage` for today, or rows recomputed from history for another date. Every query
 * carries the access layer's scope and the same filter function, so a figure and its list agree.
 */
export type CoverageSource = { kind: 'current' } | { kind: 'at'; date: string };
export type CoverageFilters = {
  regionPrefix?: string; parkId?: string; associationId?: string;
  industry?: string; sizeClass?: string; aboveDesignatedSize?: boolean;
};
export type GroupBy = 'none' | 'region' | 'park' | 'association' | 'industry' | 'size';

type Row = { e: EnterpriseCoverageTable };
type Q = SelectQueryBuilder<DB & Row, 'e', object>;

function from(db: Executor, src: CoverageSource): Q {
  const body = src.kind === 'current' ? sql`SELECT * FROM enterprise_coverage` : coverageRowsAt(src.date);
  return db.selectFrom(sql<EnterpriseCoverageTable>`(${body})`.as('e')) as unknown as Q;
}

/** The one filter of figures and lists: scope, place, dimension. '' means "unknown" (NULL). */
function filtered(q: Q, scope: Scope, f: CoverageFilters): Q {
  let out = q.where(coverageInScope(scope));
  if (f.regionPrefix) out = out.where('e.region_code', 'like', `${f.regionPrefix}%`);
  if (f.parkId) out = out.where('e.park_id', '=', f.parkId);
  if (f.associationId) out = out.where('e.association_id', '=', f.associationId);
  if (f.industry !== undefined) out = f.industry === '' ? out.where('e.industry', 'is', null) : out.where('e.industry', '=', f.industry);
  if (f.sizeClass !== undefined) out = f.sizeClass === '' ? out.where('e.size_class', 'is', null) : out.where('e.size_class', '=', f.sizeClass);
  if (f.aboveDesignatedSize !== undefined) out = out.where('e.above_designated_size', '=', f.aboveDesignatedSize);
  return out;
}

function groupKey(by: GroupBy, childLength: number): RawBuilder<string | null> {
  switch (by) {
    case 'none': return sql<string>`''`;
    case 'region': return sql<string | null>`left(e.region_code, ${sql.lit(childLength)})`;
    case 'park': return sql<string | null>`e.park_id::text`;
    case 'association': return sql<string | null>`e.association_id::text`;
    case 'industry': return sql<string | null>`e.industry`;
    case 'size': return sql<string | null>`e.size_class`;
  }
}

export type AggregateRow = { key: string | null; enterprises: number } & Record<string, string | number | null>;

/** True when the pre-summed region table answers the query: today, unrestricted, by region only. */
const summable = (src: CoverageSource, scope: Scope, f: CoverageFilters, by: GroupBy): boolean =>
  src.kind === 'current' && scope.all && (by === 'none' || by === 'region') &&
  f.parkId === undefined && f.associationId === undefined && f.industry === undefined && f.sizeClass === undefined && f.aboveDesignatedSize === undefined;

/** One pass: numerator and denominator of every metric, per group. */
export async function aggregate(
  db: Executor, src: CoverageSource, scope: Scope, f: CoverageFilters, defs: MetricDef[], by: GroupBy, childLength = 12,
): Promise<AggregateRow[]> {
  if (summable(src, scope, f, by)) return aggregateSums(db, f.regionPrefix, defs, by, childLength);
  const key = groupKey(by, childLength);
  const cols = defs.flatMap((d) => [pairSql(d, 'numerator').as(`n_${d.id}`), pairSql(d, 'denominator').as(`d_${d.id}`)]);
  let q = filtered(from(db, src), scope, f).select([key.as('key'), sql<number>`count(*)::int`.as('enterprises'), ...cols]);
  if (by !== 'none') q = q.groupBy(key).orderBy(key);
  return (await q.execute()) as AggregateRow[];
}

/** The same pairs added up from coverage_region_sum: the rows of the node's child level under it. */
async function aggregateSums(db: Executor, prefix: string | undefined, defs: MetricDef[], by: GroupBy, groupLength: number): Promise<AggregateRow[]> {
  const level = by === 'region' ? groupLength : childLengthOf(prefix?.length ?? 0) ?? 12;
  const cols = sql.join(defs.flatMap((d) => [`n_${d.id}`, `d_${d.id}`].map((c) => sql`coalesce(sum(${sql.ref(`e.${c}`)}), 0)::bigint AS ${sql.ref(c)}`)));
  const under = prefix ? sql`AND e.region_code LIKE ${`${prefix}%`}` : sql``;
  const group = by === 'none' ? sql`` : sql`GROUP BY 1 ORDER BY 1`;
  const r = await sql<AggregateRow>`SELECT ${groupKey(by, level)} AS key, coalesce(sum(e.enterprises), 0)::int AS enterprises, ${cols}
    FROM coverage_region_sum e WHERE e.len = ${level} ${under} ${group}`.execute(db);
  return r.rows;
}

export type DrillRow = {
  id: string; name: string; credit_code: string; region_code: string | null; region_name: string | null;
  status: string; full_members: number; employees: number; union_members: number; size_class: string | null; industry: string | null;
  members_from_roster: boolean; union_members_from_roster: boolean;
};

/** The enterprises one side of a metric counts, by id (keyset), with the measure they add. */
export async function drill(
  db: Executor, src: CoverageSource, scope: Scope, f: CoverageFilters, def: MetricDef, part: 'numerator' | 'denominator',
  page: { afterId?: string; limit: number },
): Promise<DrillRow[]> {
  let q = filtered(from(db, src), scope, f).where(partSql(def, part));
  if (page.afterId) q = q.where('e.id', '>', page.afterId);
  const rows = await q.innerJoin('enterprise as x', 'x.id', 'e.id').leftJoin('region as r', 'r.code', 'e.region_code')
    .select(['e.id', 'x.name', 'x.credit_code', 'e.region_code', 'r.name as region_name', 'e.status', 'e.full_members', 'e.employees',
      'e.union_members', 'e.size_class', 'e.industry', 'e.members_from_roster', 'e.union_members_from_roster'])
    .orderBy('e.id').limit(page.limit).execute();
  return rows as DrillRow[];
}

/** How many enterprises the list holds (the figure's own count for a count metric). */
export async function drillCount(
  db: Executor, src: CoverageSource, scope: Scope, f: CoverageFilters, def: MetricDef, part: 'numerator' | 'denominator',
): Promise<number> {
  const row = await filtered(from(db, src), scope, f).where(partSql(def, part))
    .select(sql<number>`count(*)::int`.as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export const drillMeasure = (def: MetricDef, part: 'numerator' | 'denominator', r: DrillRow): number => {
  const m = measureOfPart(def, part);
  return m === 'count' ? 1 : Number(r[m]);
};

export type MetricColumns = { numerator: string; denominator: string };
export const metricColumns = (id: MetricId): MetricColumns => ({ numerator: `n_${id}`, denominator: `d_${id}` });

// ---- the precomputed rows for today ----

export async function sourceVersion(db: Executor): Promise<string> {
  const r = await sql<{ v: string }>`SELECT CASE WHEN is_called THEN last_value ELSE 0 END::text AS v FROM coverage_source_seq`.execute(db);
  return r.rows[0]?.v ?? '0';
}

export async function coverageState(db: Executor) {
  return db.selectFrom('coverage_state').select(['as_of', 'source_version', 'refreshed_at']).where('id', '=', 1).executeTakeFirstOrThrow();
}

/** Serialises refreshes: two writers would otherwise both insert the same ids. */
export async function lockRefresh(tx: Executor): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(7100061)`.execute(tx);
}

/** The refresh lock if free now, else false (held to the transaction's end when taken). */
export async function tryLockRefresh(tx: Executor): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`SELECT pg_try_advisory_xact_lock(7100061) AS ok`.execute(tx);
  return r.rows[0]?.ok === true;
}

export async function replaceCoverageRows(tx: Executor, date: string, version: string, defs: MetricDef[]): Promise<number> {
  await sql`DELETE FROM enterprise_coverage`.execute(tx);
  const cols = sql.join(COVERAGE_ROW_COLUMNS.map((c) => sql.ref(c)));
  const r = await sql`INSERT INTO enterprise_coverage (${cols}) SELECT ${cols} FROM (${coverageRowsAt(date)}) r`.execute(tx);
  await replaceRegionSums(tx, defs);
  await tx.updateTable('coverage_state').set({ as_of: date, source_version: version, refreshed_at: new Date() }).where('id', '=', 1).execute();
  return Number(r.numAffectedRows ?? 0);
}

/** Re-sums the rows per region node of every level with the figures' own pair SQL, so both paths count alike. */
async function replaceRegionSums(tx: Executor, defs: MetricDef[]): Promise<void> {
  await sql`DELETE FROM coverage_region_sum`.execute(tx);
  const names = sql.join(defs.flatMap((d) => [sql.ref(`n_${d.id}`), sql.ref(`d_${d.id}`)]));
  const pairs = sql.join(defs.flatMap((d) => [pairSql(d, 'numerator'), pairSql(d, 'denominator')]));
  for (const len of REGION_LENGTHS) {
    await sql`INSERT INTO coverage_region_sum (len, region_code, enterprises, ${names})
      SELECT ${len}::smallint, left(e.region_code, ${sql.lit(len)}), count(*)::int, ${pairs} FROM enterprise_coverage e GROUP BY 2`.execute(tx);
  }
}

/** Rows as of a date, raw, for the equality test against the rule engine. */
export async function coverageRowsFor(db: Executor, date: string, ids: string[]) {
  const r = await sql<{ id: string; status: string; active: boolean }>`SELECT r.id::text AS id, r.status, r.active
    FROM (${coverageRowsAt(date)}) r WHERE r.id = ANY(${ids}::bigint[]) ORDER BY r.id`.execute(db);
  return r.rows;
}
