import { sql, type RawBuilder } from 'kysely';
import { DEF_LIST } from '../../src/core/coverage/coverage-figures.service.js';
import { coverageRowsAt } from '../../src/core/coverage/coverage-rows.sql.js';
import { pairSql } from '../../src/core/coverage/metric-sql.js';
import type { Executor } from '../../src/db/schema.js';
import { LIFE_METRIC } from '../../src/domain/life-metric.js';
import { REGION_LENGTHS } from '../../src/domain/metrics.js';

/**
 * References for the month snapshot's tests, deliberately computed the slow, obvious way:
 *
 * * `perGroupingSnapshot`: the snapshot as it was first written — one aggregate query over the
 *   rows at the date per grouping (all, each region level, park, association, industry, size);
 * * `naiveRowFacts`: each enterprise's placement and ledger facts at a date, replayed in TypeScript
 *   from today's columns and the change history (the SQL does it with one GROUP BY);
 * * `naiveUnionFacts`: each enterprise's union facts at a date, computed in TypeScript from the
 *   raw tables, with the employees and union members of that date (the SQL uses window sums).
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

/** The enterprise metrics of a stored month; 组织生活达标率 (life-snapshot.ts) has its own reference. */
export async function storedSnapshot(db: Executor, period: string): Promise<SnapshotEntry[]> {
  const rows = await db.selectFrom('metric_snapshot').select(['scope_kind', 'scope_key', 'metric', 'numerator', 'denominator'])
    .where('period', '=', period).where('metric', '<>', LIFE_METRIC.id).execute();
  return sortEntries(rows.map((r) => ({ kind: r.scope_kind, key: r.scope_key, metric: r.metric, numerator: Number(r.numerator), denominator: Number(r.denominator) })));
}

export type UnionFacts = { id: string; has_union: boolean; union_members: number; has_contract: boolean; has_congress: boolean };

const inForce = (since: string, until: string | null, d: string) => since <= d && (until === null || until > d);
const day = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
/** The first instant after day `d` in China (UTC+8, no daylight saving). */
const afterDay = (d: string): number => Date.parse(`${d}T00:00:00+08:00`) + 86_400_000;

/** The placement and ledger facts of a coverage row (the columns taken from the enterprise). */
export type RowFacts = {
  id: string; region_code: string | null; park_id: string | null; association_id: string | null; industry: string | null;
  size_class: string | null; above_designated_size: boolean; active: boolean; full_members: number; employees: number;
};
type DatedEnterprise = RowFacts & { founded: boolean };

type Change = { changes: Record<string, [unknown, unknown]> };
/** A fact on day `d`: the before-value of the first change (by id) recorded after the day, else `now`. */
function asOf<T>(changes: Change[], key: string, now: T, map: (before: unknown) => T = (b) => b as T): T {
  const first = changes.find((c) => key in c.changes);
  return first ? map(first.changes[key]![0]) : now;
}

/** Every enterprise's facts at day `d`, replayed from enterprise_change in TypeScript, by id. */
export async function naiveEnterpriseFacts(db: Executor, d: string): Promise<Map<string, DatedEnterprise>> {
  const enterprises = await db.selectFrom('enterprise').selectAll().orderBy('id').execute();
  const idOf = async (t: 'park' | 'association') => new Map((await db.selectFrom(t).select(['id', 'name']).execute()).map((r) => [r.name, String(r.id)]));
  const [parks, associations] = [await idOf('park'), await idOf('association')];
  const later = new Map<string, Change[]>();
  for (const c of await db.selectFrom('enterprise_change').select(['enterprise_id', 'changes', 'changed_at']).orderBy('id').execute()) {
    if (new Date(c.changed_at).getTime() < afterDay(d)) continue;
    const list = later.get(String(c.enterprise_id)) ?? [];
    list.push({ changes: c.changes as unknown as Change['changes'] });
    later.set(String(c.enterprise_id), list);
  }
  const num = (b: unknown) => (b === null ? null : Number(b));
  const named = (ids: Map<string, string>) => (b: unknown) => (b === null ? null : ids.get(String(b)) ?? null);
  return new Map(enterprises.map((e) => {
    const ch = later.get(String(e.id)) ?? [];
    const id = String(e.id);
    return [id, {
      id, founded: e.founded_on === null || day(e.founded_on) <= d,
      region_code: asOf(ch, 'regionCode', e.region_code),
      park_id: asOf(ch, 'parkName', e.park_id === null ? null : String(e.park_id), named(parks)),
      association_id: asOf(ch, 'associationName', e.association_id === null ? null : String(e.association_id), named(associations)),
      industry: asOf(ch, 'industry', e.industry),
      size_class: asOf<string | null>(ch, 'sizeClass', e.size_class),
      above_designated_size: asOf(ch, 'aboveDesignatedSize', e.above_designated_size),
      active: asOf(ch, 'operatingStatus', e.operating_status as string) === 'active',
      full_members: asOf(ch, 'memberCount', e.member_count, num) ?? 0,
      employees: asOf(ch, 'employeeCount', e.employee_count, num) ?? 0,
    }];
  }));
}

/** The row facts of the enterprises founded by `d`, from TypeScript (above) — compare with `sqlRowFacts`. */
export async function naiveRowFacts(db: Executor, d: string): Promise<RowFacts[]> {
  return [...(await naiveEnterpriseFacts(db, d)).values()].filter((e) => e.founded).map(({ founded: _, ...facts }) => facts);
}

export async function sqlRowFacts(db: Executor, d: string): Promise<RowFacts[]> {
  const r = await sql<RowFacts>`SELECT r.id::text AS id, r.region_code, r.park_id::text AS park_id, r.association_id::text AS association_id,
      r.industry, r.size_class, r.above_designated_size, r.active, r.full_members, r.employees
    FROM (${coverageRowsAt(d)}) r ORDER BY r.id`.execute(db);
  return r.rows;
}

/**
 * Each union's members at day `d`: its active real-name members when it keeps a roster since `d` or
 * earlier (today's roll), else the before-value of its first typed members change dated after the day.
 */
async function naiveUnionMembers(db: Executor, d: string): Promise<Map<string, number>> {
  const events = (await db.selectFrom('union_event').select(['union_id', 'kind', 'at', 'data', 'id']).execute())
    .filter((ev) => ev.kind === 'adjusted' && day(ev.at) > d)
    .sort((a, b) => day(a.at).localeCompare(day(b.at)) || Number(a.id) - Number(b.id));
  const members = new Map((await db.selectFrom('union_org').select(['id', 'members']).execute()).map((u) => [String(u.id), u.members]));
  for (const u of members.keys()) {
    const first = events.find((ev) => String(ev.union_id) === u && 'members' in ((ev.data as { changes?: object }).changes ?? {}));
    if (first) members.set(u, Number((first.data as { changes: { members: [number, number] } }).changes.members[0]));
  }
  const roll = await db.selectFrom('union_member').select(['union_id']).where('status', '=', 'active').execute();
  for (const u of await db.selectFrom('union_org').select(['id', 'roster_since']).execute()) {
    if (u.roster_since !== null && day(u.roster_since) <= d) members.set(String(u.id), roll.filter((m) => String(m.union_id) === String(u.id)).length);
  }
  return members;
}

/** Union facts of the enterprises founded by `d` (the rows coverageRowsAt returns), by id, all facts as of `d`. */
export async function naiveUnionFacts(db: Executor, d: string): Promise<UnionFacts[]> {
  const enterprises = await naiveEnterpriseFacts(db, d);
  const unions = await naiveUnionMembers(db, d);
  const covers = (await db.selectFrom('union_coverage').select(['union_id', 'enterprise_id', 'since', 'until']).execute())
    .filter((c) => inForce(day(c.since), c.until === null ? null : day(c.until), d));
  const contracts = await db.selectFrom('union_contract').select(['union_id', 'kind', 'starts_on', 'ends_on']).execute();
  const withContract = new Set(contracts.filter((k) => k.kind === 'collective' && day(k.starts_on) <= d && day(k.ends_on) >= d).map((k) => String(k.union_id)));
  // A 职代会 / 职工大会 in the year up to `d`: held on (d − 1 year, d].
  const yearBefore = `${Number(d.slice(0, 4)) - 1}${d.slice(4)}`;
  const congresses = await db.selectFrom('union_congress').select(['union_id', 'held_on']).execute();
  const withCongress = new Set(congresses.filter((g) => day(g.held_on) <= d && day(g.held_on) > (yearBefore.endsWith('02-29') ? yearBefore.replace('02-29', '02-28') : yearBefore)).map((g) => String(g.union_id)));
  const employees = (id: unknown) => enterprises.get(String(id))!.employees;
  return [...enterprises.values()].filter((e) => e.founded).map((e) => {
    const mine = covers.filter((c) => String(c.enterprise_id) === e.id);
    let members = 0;
    for (const c of mine) {
      const roll = covers.filter((x) => String(x.union_id) === String(c.union_id));
      const total = roll.reduce((s, x) => s + employees(x.enterprise_id), 0);
      const unionMembers = BigInt(unions.get(String(c.union_id))!);
      const share = total > 0 ? (unionMembers * BigInt(e.employees)) / BigInt(total) : unionMembers / BigInt(roll.length);
      members += Number(share);
    }
    return { id: e.id, has_union: mine.length > 0, union_members: members, has_contract: mine.some((c) => withContract.has(String(c.union_id))),
      has_congress: mine.some((c) => withCongress.has(String(c.union_id))) };
  });
}

export async function sqlUnionFacts(db: Executor, d: string): Promise<UnionFacts[]> {
  const r = await sql<UnionFacts>`SELECT r.id::text AS id, r.has_union, r.union_members, r.has_contract, r.has_congress FROM (${coverageRowsAt(d)}) r ORDER BY r.id`.execute(db);
  return r.rows.map((x) => ({ ...x, union_members: Number(x.union_members) }));
}
