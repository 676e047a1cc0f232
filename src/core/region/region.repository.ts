import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../../db/schema.js';

/** Region dictionary SQL. The dictionary is public reference data: no scope filter applies. */
export type RegionRow = { code: string; level: number; name: string; parentCode: string | null; initials: string; prefix: string };

const COLUMNS = ['code', 'level', 'name', 'parent_code as parentCode', 'initials', 'prefix'] as const;

export async function getRegion(db: Executor, code: string): Promise<RegionRow | undefined> {
  return db.selectFrom('region').select(COLUMNS).where('code', '=', code).executeTakeFirst();
}

export async function listChildren(db: Executor, parentCode: string): Promise<RegionRow[]> {
  return db.selectFrom('region').select(COLUMNS).where('parent_code', '=', parentCode).orderBy('code').execute();
}

export async function listByLevel(db: Executor, level: number): Promise<RegionRow[]> {
  return db.selectFrom('region').select(COLUMNS).where('level', '=', level).orderBy('code').execute();
}

export async function listByPrefixes(db: Executor, prefixes: string[]): Promise<RegionRow[]> {
  if (!prefixes.length) return [];
  return db.selectFrom('region').select(COLUMNS).where('prefix', 'in', prefixes).orderBy('code').execute();
}

/** The chain from the province down to the code itself (at most 5 rows, one recursive query). */
export async function listAncestors(db: Executor, code: string): Promise<RegionRow[]> {
  const rows = await sql<RegionRow>`
    WITH RECURSIVE up AS (
      SELECT code, level, name, parent_code, initials, prefix FROM region WHERE code = ${code}
      UNION ALL
      SELECT r.code, r.level, r.name, r.parent_code, r.initials, r.prefix FROM region r JOIN up ON r.code = up.parent_code
    )
    SELECT code, level, name, parent_code AS "parentCode", initials, prefix FROM up ORDER BY level`.execute(db);
  return rows.rows;
}

/**
 * Search by pinyin initials prefix (when the query is latin letters) or by name substring.
 * The `first` areas lead; then higher levels and shorter names, so "南山" finds 南山区 before 南山村.
 */
export async function searchRegions(db: Executor, q: string, opts: { limit: number; within: string[]; first?: string[] }): Promise<RegionRow[]> {
  const latin = /^[a-z]+$/i.test(q);
  let query = db.selectFrom('region').select(COLUMNS);
  query = latin
    ? query.where('initials', 'like', `${escapeLike(q.toLowerCase())}%`)
    : query.where('name', 'like', `%${escapeLike(q)}%`);
  if (opts.within.length) query = query.where((eb) => eb.or(opts.within.map((p) => eb('code', 'like', `${escapeLike(p)}%`))));
  // The searcher's own area first ("yhjd" → their 粤海街道 before other provinces' streets).
  const first = opts.first ?? [];
  if (first.length) query = query.orderBy(sql`CASE WHEN ${sql.join(first.map((p) => sql`code LIKE ${`${escapeLike(p)}%`}`), sql` OR `)} THEN 0 ELSE 1 END`);
  return query.orderBy('level').orderBy(sql`length(name)`).orderBy('code').limit(opts.limit).execute();
}

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function countRegions(db: Executor): Promise<number> {
  const row = await db.selectFrom('region').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Rows of the dictionary for the in-memory placement index, limited to prefixes (empty = all). */
export async function listForIndex(db: Executor, within: string[]): Promise<Array<{ code: string; level: number; name: string; parentCode: string | null }>> {
  let query = db.selectFrom('region').select(['code', 'level', 'name', 'parent_code as parentCode']);
  if (within.length) {
    query = query.where((eb) => eb.or(within.flatMap((p) => [eb('code', 'like', `${escapeLike(p)}%`), eb('prefix', '=', p.slice(0, 2)), eb('prefix', '=', p.slice(0, 4))])));
  }
  // Code order makes sibling order (and so every tie message) independent of the heap's order.
  return query.orderBy('code').execute();
}

type IndexRow = { code: string; level: number; name: string; parentCode: string | null };

/** Provinces, cities and counties for the lazy index; `townships` marks a city with townships directly under it. */
export async function listTopForIndex(db: Executor): Promise<Array<IndexRow & { townships: boolean }>> {
  const rows = await db.selectFrom('region as r')
    .select(['r.code', 'r.level', 'r.name', 'r.parent_code as parentCode'])
    .select((eb) => eb.and([
      eb('r.level', '=', 2),
      eb.exists(eb.selectFrom('region as c').select('c.code').whereRef('c.parent_code', '=', 'r.code').where('c.level', '=', 4)),
    ]).as('townships'))
    .where('r.level', '<=', 3)
    .orderBy('r.code')
    .execute();
  return rows.map((r) => ({ ...r, townships: Boolean(r.townships) }));
}

/**
 * The townships (level ≥ 4 children) of the given counties and their children, plus any of
 * `codes` at level ≥ 4, in code order. Three index-driven branches in one statement; a row may
 * come twice (callers key by code).
 */
export async function listCountySubtrees(db: Executor, counties: string[], codes: string[]): Promise<IndexRow[]> {
  const cols = ['r.code', 'r.level', 'r.name', 'r.parent_code as parentCode'] as const;
  const towns = db.selectFrom('region as r').select(cols).where('r.parent_code', 'in', counties.length ? counties : [''])
    .where('r.level', '>=', 4);
  const villages = db.selectFrom('region as r').innerJoin('region as t', 't.code', 'r.parent_code').select(cols)
    .where('t.parent_code', 'in', counties.length ? counties : ['']).where('t.level', '>=', 4);
  const loose = db.selectFrom('region as r').select(cols).where('r.code', 'in', codes.length ? codes : ['']).where('r.level', '>=', 4);
  const rows = await towns.unionAll(villages).unionAll(loose).execute();
  return rows.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** A private staging table per load, so two loads never share rows. */
export async function createStage(db: Executor): Promise<string> {
  const name = `region_stage_${crypto.randomBytes(5).toString('hex')}`;
  await sql`CREATE UNLOGGED TABLE ${sql.table(name)} (code text, level smallint, name text, parent_code text, initials text, prefix text)`.execute(db);
  return name;
}

export async function dropStage(db: Executor, name: string): Promise<void> {
  await sql`DROP TABLE IF EXISTS ${sql.table(name)}`.execute(db);
}

/**
 * Upserts the staged rows that differ from the dictionary. The anti-join filters identical rows
 * first (a hash join, cheap), so a re-load of the same data writes nothing and is fast.
 * xmax = 0 marks a freshly inserted row.
 */
export async function mergeStage(tx: Executor, stage: string): Promise<{ inserted: number; updated: number; staged: number }> {
  const result = await sql<{ inserted: string; updated: string; staged: string }>`
    WITH changed AS (
      SELECT s.code, s.level, s.name, s.parent_code, s.initials, s.prefix
      FROM ${sql.table(stage)} s LEFT JOIN region r ON r.code = s.code
      WHERE r.code IS NULL
         OR (r.level, r.name, r.parent_code, r.initials, r.prefix)
            IS DISTINCT FROM (s.level, s.name, s.parent_code, s.initials, s.prefix)
    ), up AS (
      INSERT INTO region (code, level, name, parent_code, initials, prefix)
      SELECT code, level, name, parent_code, initials, prefix FROM changed ORDER BY level, code
      ON CONFLICT (code) DO UPDATE SET level = excluded.level, name = excluded.name,
        parent_code = excluded.parent_code, initials = excluded.initials, prefix = excluded.prefix
      RETURNING (xmax = 0) AS fresh
    )
    SELECT count(*) FILTER (WHERE fresh) AS inserted, count(*) FILTER (WHERE NOT fresh) AS updated,
      (SELECT count(*) FROM ${sql.table(stage)}) AS staged
    FROM up`.execute(tx);
  const row = result.rows[0];
  return { inserted: Number(row?.inserted ?? 0), updated: Number(row?.updated ?? 0), staged: Number(row?.staged ?? 0) };
}

/** The normalised prefixes among `prefixes` that name no region in the dictionary. */
export async function unknownPrefixes(db: Executor, prefixes: string[]): Promise<string[]> {
  const wanted = [...new Set(prefixes)];
  if (!wanted.length) return [];
  const rows = await db.selectFrom('region').select('code').where('code', 'in', wanted.map((p) => p.padEnd(12, '0'))).execute();
  const found = new Set(rows.map((r) => r.code));
  return wanted.filter((p) => !found.has(p.padEnd(12, '0')));
}

/**
 * Full names of regions given by normalised prefixes ("广东省 › 深圳市 › 南山区 › 粤海街道"), so a grant or a
 * filter is shown as the place, not the code. One query for every prefix and its ancestors.
 */
export async function regionPathNames(db: Executor, prefixes: string[]): Promise<Map<string, string>> {
  const ends = [2, 4, 6, 9, 12];
  const chains = new Map([...new Set(prefixes)].map((p) => [p, ends.filter((l) => l <= p.length).map((l) => p.slice(0, l).padEnd(12, '0'))]));
  const codes = [...new Set([...chains.values()].flat())];
  if (!codes.length) return new Map();
  const rows = await db.selectFrom('region').select(['code', 'name']).where('code', 'in', codes).execute();
  const name = new Map(rows.map((r) => [r.code, r.name]));
  return new Map([...chains].map(([p, chain]) => [p, [...new Set(chain)].map((c) => name.get(c)).filter(Boolean).join(' › ') || p]));
}

export async function truncateStage(db: Executor, name: string): Promise<void> {
  await sql`TRUNCATE ${sql.table(name)}`.execute(db);
}

/**
 * Whether the dictionary is complete, kept in app_setting so a load cut short (the server stopped
 * mid-way) is finished at the next start instead of being taken for a loaded table.
 */
/** `inserted` / `updated`: running counts of the load in progress (or the last one). */
export type DictionaryMark = { complete: boolean; scope: string[]; at: string; inserted?: number; updated?: number };
const MARK_KEY = 'region.dictionary';

export async function readDictionaryMark(db: Executor): Promise<DictionaryMark | null> {
  const row = await db.selectFrom('app_setting').select('value').where('key', '=', MARK_KEY).executeTakeFirst();
  const v = row?.value as Partial<DictionaryMark> | undefined;
  return v && typeof v.complete === 'boolean' ? { complete: v.complete, scope: v.scope ?? [], at: v.at ?? '', inserted: v.inserted, updated: v.updated } : null;
}

export async function writeDictionaryMark(db: Executor, mark: DictionaryMark): Promise<void> {
  const value = JSON.stringify(mark);
  await db.insertInto('app_setting').values({ key: MARK_KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}
