import { sql, type RawBuilder } from 'kysely';
import { DEF_LIST } from '../../src/core/coverage/coverage-figures.service.js';
import { coverageRowsAt } from '../../src/core/coverage/coverage-rows.sql.js';
import { pairSql } from '../../src/core/coverage/metric-sql.js';
import type { Executor } from '../../src/db/schema.js';
import { REGION_LENGTHS } from '../../src/domain/metrics.js';

/**
 * References for the month snapshot's tests, deliberately computed the slow, obvious way:
 *
 * * `perGroupingSnapshot`: the snapshot as it was first written — one aggregate query over the
 *   rows at the date per grouping (all, each region level, park, association, industry, size);
 * * `naiveUnionFacts`: each enterprise's union facts at a date, computed in TypeScript from the
 *   raw tables (the SQL computes them with window sums).
 */
export type SnapshotEntry = { kind: string; key: string; metric: string; numerator: number; denominator: number };

type Grouping = { kind: string; key: RawBuilder<string>; where: RawBuilder<boolean> };

function regionGrouping(len: number, prev: number): Grouping {
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

export const sortEntries = (rows: SnapshotEntry[]): SnapshotEntry[] =>
  [...rows].sort((a, b) => `${a.kind}|${a.key}|${a.metric}`.localeCompare(`${b.kind}|${b.key}|${b.metric}`));

export async function perGroupingSnapshot(db: Executor, date: string): Promise<SnapshotEntry[]> {
  const pairs = sql.join(DEF_LIST.flatMap((d) => [sql`${pairSql(d, 'numerator')} AS ${sql.ref(`n_${d.id}`)}`, sql`${pairSql(d, 'denominator')} AS ${sql.ref(`d_${d.id}`)}`]));
  const out: SnapshotEntry[] = [];
  for (const g of GROUPINGS) {
    const r = await sql<Record<string, string>>`SELECT ${g.key} AS key, ${pairs} FROM (${coverageRowsAt(date)}) e WHERE ${g.where} GROUP BY 1`.execute(db);
    for (const row of r.rows) {
      for (const d of DEF_LIST) {
        out.push({ kind: g.kind, key: row.key!, metric: d.id, numerator: Number(row[`n_${d.id}`]), denominator: Number(row[`d_${d.id}`]) });
      }
    }
  }
  return sortEntries(out);
}

export async function storedSnapshot(db: Executor, period: string): Promise<SnapshotEntry[]> {
  const rows = await db.selectFrom('metric_snapshot').select(['scope_kind', 'scope_key', 'metric', 'numerator', 'denominator'])
    .where('period', '=', period).execute();
  return sortEntries(rows.map((r) => ({ kind: r.scope_kind, key: r.scope_key, metric: r.metric, numerator: Number(r.numerator), denominator: Number(r.denominator) })));
}

export type UnionFacts = { id: string; has_union: boolean; union_members: number; has_contract: boolean };

const inForce = (since: string, until: string | null, d: string) => since <= d && (until === null || until > d);
const day = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

/** Union facts of the enterprises founded by `d` (the rows coverageRowsAt returns), by id. */
export async function naiveUnionFacts(db: Executor, d: string): Promise<UnionFacts[]> {
  const enterprises = await db.selectFrom('enterprise').select(['id', 'employee_count', 'founded_on']).orderBy('id').execute();
  const unions = new Map((await db.selectFrom('union_org').select(['id', 'members']).execute()).map((u) => [String(u.id), u.members]));
  const covers = (await db.selectFrom('union_coverage').select(['union_id', 'enterprise_id', 'since', 'until']).execute())
    .filter((c) => inForce(day(c.since), c.until === null ? null : day(c.until), d));
  const contracts = await db.selectFrom('union_contract').select(['union_id', 'kind', 'starts_on', 'ends_on']).execute();
  const withContract = new Set(contracts.filter((k) => k.kind === 'collective' && day(k.starts_on) <= d && day(k.ends_on) >= d).map((k) => String(k.union_id)));
  const employees = new Map(enterprises.map((e) => [String(e.id), e.employee_count ?? 0]));
  return enterprises.filter((e) => e.founded_on === null || day(e.founded_on) <= d).map((e) => {
    const mine = covers.filter((c) => String(c.enterprise_id) === String(e.id));
    let members = 0;
    for (const c of mine) {
      const roll = covers.filter((x) => String(x.union_id) === String(c.union_id));
      const total = roll.reduce((s, x) => s + employees.get(String(x.enterprise_id))!, 0);
      const unionMembers = BigInt(unions.get(String(c.union_id))!);
      const share = total > 0 ? (unionMembers * BigInt(employees.get(String(e.id))!)) / BigInt(total) : unionMembers / BigInt(roll.length);
      members += Number(share);
    }
    return { id: String(e.id), has_union: mine.length > 0, union_members: members, has_contract: mine.some((c) => withContract.has(String(c.union_id))) };
  });
}

export async function sqlUnionFacts(db: Executor, d: string): Promise<UnionFacts[]> {
  const r = await sql<UnionFacts>`SELECT r.id::text AS id, r.has_union, r.union_members, r.has_contract FROM (${coverageRowsAt(d)}) r ORDER BY r.id`.execute(db);
  return r.rows.map((x) => ({ ...x, union_members: Number(x.union_members) }));
}
