import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/schema.js';
import type { SnapshotScopeKind } from '../../db/tables/coverage.js';
import { REGION_LENGTHS, type MetricDef } from '../../domain/metrics.js';
import { coverageRowsAt } from './coverage-rows.sql.js';
import { pairSql } from './metric-sql.js';

/**
 * Month-end snapshots: the rows as of the month's last day are computed once into a temporary
 * table, then every grouping (all, each region level, park, association, industry, size) is
 * aggregated from it and unpivoted into metric_snapshot as (numerator, denominator) pairs.
 */
type Grouping = { kind: SnapshotScopeKind; key: RawBuilder<string>; where: RawBuilder<boolean> };

function regionGrouping(len: number, prev: number): Grouping {
  // Only rows placed BELOW the parent level: a county-level enterprise is not a township's.
  const deeper = prev === 0 ? sql<boolean>`TRUE` : sql<boolean>`substr(e.region_code, ${sql.lit(prev + 1)}, ${sql.lit(len - prev)}) <> ${sql.lit('0'.repeat(len - prev))}`;
  return { kind: 'region', key: sql<string>`rpad(left(e.region_code, ${sql.lit(len)}), 12, '0')`, where: sql<boolean>`e.region_code IS NOT NULL AND ${deeper}` };
}

const GROUPINGS: Grouping[] = [
  { kind: 'all', key: sql<string>`''`, where: sql<boolean>`TRUE` },
  ...REGION_LENGTHS.map((len, i) => regionGrouping(len, i === 0 ? 0 : REGION_LENGTHS[i - 1]!)),
  { kind: 'park', key: sql<string>`e.park_id::text`, where: sql<boolean>`e.park_id IS NOT NULL` },
  { kind: 'association', key: sql<string>`e.association_id::text`, where: sql<boolean>`e.association_id IS NOT NULL` },
  { kind: 'industry', key: sql<string>`coalesce(e.industry, '')`, where: sql<boolean>`TRUE` },
  { kind: 'size', key: sql<string>`coalesce(e.size_class, '')`, where: sql<boolean>`TRUE` },
];

/** Replaces a period's snapshot; runs inside the caller's transaction. Returns rows written. */
export async function writeSnapshot(tx: Executor, period: string, date: string, defs: MetricDef[]): Promise<number> {
  await tx.deleteFrom('metric_snapshot').where('period', '=', period).execute();
  await sql`CREATE TEMP TABLE lx_snapshot_rows ON COMMIT DROP AS ${coverageRowsAt(date)}`.execute(tx);
  const pairs = sql.join(defs.flatMap((d) => [sql`${pairSql(d, 'numerator')} AS ${sql.ref(`n_${d.id}`)}`, sql`${pairSql(d, 'denominator')} AS ${sql.ref(`d_${d.id}`)}`]));
  const values = sql.join(defs.map((d) => sql`(${sql.lit(d.id)}, g.${sql.ref(`n_${d.id}`)}, g.${sql.ref(`d_${d.id}`)})`));
  let written = 0;
  for (const g of GROUPINGS) {
    const r = await sql`INSERT INTO metric_snapshot (period, scope_kind, scope_key, metric, numerator, denominator)
      SELECT ${period}, ${g.kind}, g.key, v.metric, v.n, v.d
        FROM (SELECT ${g.key} AS key, ${pairs} FROM lx_snapshot_rows e WHERE ${g.where} GROUP BY 1) g
        CROSS JOIN LATERAL (VALUES ${values}) AS v(metric, n, d)`.execute(tx);
    written += Number(r.numAffectedRows ?? 0);
  }
  await sql`DROP TABLE lx_snapshot_rows`.execute(tx);
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
