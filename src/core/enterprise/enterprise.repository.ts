import { sql, type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool } from 'kysely';
import type { EnterpriseFilter } from '../../contracts/enterprise.js';
import type { DB, Executor } from '../../db/schema.js';
import { enterpriseInScope, type Scope } from '../access/scope.js';
import type { Keyset } from '../keyset-cursor.js';

/**
 * The ledger's queries. Every one starts from `enterprise as e` filtered by the access layer's
 * enterpriseInScope, so an enterprise outside the scope is simply absent (404 upstream).
 */
export type EnterpriseSort = 'name' | 'founded_on' | 'employee_count' | 'updated_at';
export type SortOrder = 'asc' | 'desc';
/** A keyset position: the row's sort key as text (exact for timestamps) and its id. */
export type { Keyset };

type EB = ExpressionBuilder<DB & { e: DB['enterprise'] }, 'e'>;

const SORT_KEY: Record<EnterpriseSort, { expr: RawBuilder<unknown>; type: RawBuilder<unknown> }> = {
  name: { expr: sql`e.name`, type: sql`text` },
  founded_on: { expr: sql`COALESCE(e.founded_on, DATE '0001-01-01')`, type: sql`date` },
  employee_count: { expr: sql`COALESCE(e.employee_count, -1)`, type: sql`integer` },
  updated_at: { expr: sql`e.updated_at`, type: sql`timestamptz` },
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Name substring, pinyin initials anywhere in the name ("gkbh" → 深圳市光康百货…), part of a credit
 * code, or an exact credit code. The leading wildcard cannot use a b-tree index: the name search
 * already scans the table, and the initials and credit-code columns are narrow, so the three tests
 * share that one sequential scan (measured at 100k rows, docs/web.md "Ledger search"). Suffix rows or
 * trigrams would cost an extra table and write path for every import for little gain at this size.
 */
function searchExpr(eb: EB, q: string): Expression<SqlBool> {
  const text = q.trim();
  if (/^[0-9A-Za-z]{18}$/.test(text)) return eb('e.credit_code', '=', text.toUpperCase());
  const byName = eb('e.name', 'like', `%${escapeLike(text)}%`);
  if (!/^[A-Za-z0-9]+$/.test(text)) return byName;
  const parts = [byName, eb('e.initials', 'like', `%${escapeLike(text.toLowerCase())}%`)];
  if (text.length >= 4) parts.push(eb('e.credit_code', 'like', `%${escapeLike(text.toUpperCase())}%`));
  return eb.or(parts);
}

export function filterExpr(filter: EnterpriseFilter) {
  return (eb: EB): Expression<SqlBool> => {
    const parts: Expression<SqlBool>[] = [];
    if (filter.regionPrefix) parts.push(eb('e.region_code', 'like', `${filter.regionPrefix}%`));
    if (filter.parkId) parts.push(eb('e.park_id', '=', filter.parkId));
    if (filter.associationId) parts.push(eb('e.association_id', '=', filter.associationId));
    if (filter.sizeClass) parts.push(eb('e.size_class', '=', filter.sizeClass));
    if (filter.aboveDesignatedSize !== undefined) parts.push(eb('e.above_designated_size', '=', filter.aboveDesignatedSize));
    if (filter.operatingStatus) parts.push(eb('e.operating_status', '=', filter.operatingStatus));
    if (filter.placement) parts.push(eb('e.placement', '=', filter.placement));
    if (filter.q) parts.push(searchExpr(eb, filter.q));
    return eb.and(parts);
  };
}

function scoped(db: Executor, scope: Scope) {
  return db.selectFrom('enterprise as e').where(enterpriseInScope(scope));
}

const LIST_COLUMNS = [
  'e.id', 'e.credit_code', 'e.name', 'e.region_code', 'e.placement', 'e.park_id', 'e.association_id', 'e.size_class',
  'e.above_designated_size', 'e.operating_status', 'e.employee_count', 'e.member_count', 'e.founded_on', 'e.updated_at',
  'e.version',
] as const;

/** `ids`: only these rows (the placement queue's suggested-street filter, decided in memory). */
export type ListParams = { filter: EnterpriseFilter; sort: EnterpriseSort; order: SortOrder; after?: Keyset; limit: number; ids?: readonly string[] };

export async function listEnterprises(db: Executor, scope: Scope, p: ListParams) {
  const key = SORT_KEY[p.sort];
  const dir = p.order === 'desc' ? sql`DESC` : sql`ASC`;
  let q = scoped(db, scope).where(filterExpr(p.filter));
  if (p.ids) q = q.where(sql<SqlBool>`e.id = ANY(${[...p.ids]}::bigint[])`);
  if (p.after) {
    const cmp = p.order === 'desc' ? sql`<` : sql`>`;
    q = q.where(sql<SqlBool>`(${key.expr}, e.id) ${cmp} (CAST(${p.after.key} AS ${key.type}), CAST(${p.after.id} AS bigint))`);
  }
  return q
    .leftJoin('region as r', 'r.code', 'e.region_code')
    .leftJoin('park as p', 'p.id', 'e.park_id')
    .leftJoin('association as a', 'a.id', 'e.association_id')
    .select([...LIST_COLUMNS, 'r.name as region_name', 'p.name as park_name', 'a.name as association_name'])
    .select(sql<string>`(${key.expr})::text`.as('sort_key'))
    .orderBy(sql`${key.expr} ${dir}`)
    .orderBy(sql`e.id ${dir}`)
    .limit(p.limit)
    .execute();
}

export type ListRow = Awaited<ReturnType<typeof listEnterprises>>[number];

export async function countEnterprises(db: Executor, scope: Scope, filter: EnterpriseFilter): Promise<number> {
  const r = await scoped(db, scope).where(filterExpr(filter)).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function findEnterprise(db: Executor, scope: Scope, id: string) {
  return scoped(db, scope)
    .where('e.id', '=', id)
    .leftJoin('region as r', 'r.code', 'e.region_code')
    .leftJoin('park as p', 'p.id', 'e.park_id')
    .leftJoin('association as a', 'a.id', 'e.association_id')
    .selectAll('e')
    .select(['r.name as region_name', 'p.name as park_name', 'a.name as association_name'])
    .executeTakeFirst();
}

export type DetailRow = NonNullable<Awaited<ReturnType<typeof findEnterprise>>>;

export type HistoryRow = {
  id: string; kind: string; import_id: string | null; changed_at: Date; changes: Record<string, [unknown, unknown]>;
  source?: string | null; reason?: string | null; actor_name?: string | null; campaign_name?: string | null;
};

/**
 * The enterprise's history, newest first. Imports record a creation on the enterprise itself
 * (created_import_id, migration 0010) instead of a row per new enterprise; it is listed here as
 * the oldest entry, id "0". Enterprises created before that keep their stored 'created' row.
 */
export async function listHistory(db: Executor, enterpriseId: string): Promise<HistoryRow[]> {
  const rows = await db.selectFrom('enterprise_change as c')
    .leftJoin('app_user as u', 'u.id', 'c.actor_id')
    .leftJoin('survey_campaign as sc', 'sc.id', 'c.survey_campaign_id')
    .select(['c.id', 'c.kind', 'c.import_id', 'c.changed_at', 'c.changes', 'c.source', 'c.reason', 'u.display_name as actor_name', 'sc.name as campaign_name'])
    .where('c.enterprise_id', '=', enterpriseId).orderBy('c.id', 'desc').limit(500).execute();
  // `changes` is jsonb written only by this module as { factKey: [before, after] }.
  const history: HistoryRow[] = rows.map((r) => ({ ...r, changes: r.changes as unknown as HistoryRow['changes'] }));
  if (history.some((h) => h.kind === 'created')) return history;
  const created = await db.selectFrom('enterprise').select(['created_import_id', 'created_at'])
    .where('id', '=', enterpriseId).where('created_import_id', 'is not', null).executeTakeFirst();
  if (created) history.push({ id: '0', kind: 'created', import_id: created.created_import_id, changed_at: created.created_at, changes: {} });
  return history;
}

export async function regionExists(db: Executor, code: string): Promise<boolean> {
  return !!(await db.selectFrom('region').select('code').where('code', '=', code).executeTakeFirst());
}

/**
 * A manual placement: one row locked and changed, its history row written by the caller's tx.
 * Undefined when the row's version is no longer `version`: the lock makes the check and the write
 * one step, so of two writers holding the same version exactly one gets through.
 */
export async function setPlacement(tx: Executor, id: string, version: number, regionCode: string, actorId: string | null) {
  const before = await tx.selectFrom('enterprise').select(['region_code', 'placement', 'version']).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
  if (before.version !== version) return undefined;
  await tx.updateTable('enterprise').set((eb) => ({
    region_code: regionCode, placement: 'manual', version: eb('version', '+', 1), updated_at: new Date(),
  })).where('id', '=', id).execute();
  await tx.insertInto('enterprise_change').values({
    enterprise_id: id, actor_id: actorId, kind: 'placed',
    changes: sql`${JSON.stringify({ regionCode: [before.region_code, regionCode], placement: [before.placement, 'manual'] })}::jsonb`,
  }).execute();
  return before;
}

/**
 * Parks or associations the scope reaches: listed in the grant, or sitting (by their own region)
 * under one of its region prefixes; all of them for an unrestricted scope, none for an empty one.
 */
export async function listPlaces(db: Executor, kind: 'park' | 'association', scope: Scope) {
  const listed = kind === 'park' ? scope.parkIds : scope.associationIds;
  return db.selectFrom(kind).select(['id', 'name', 'region_code'])
    .where((eb) => {
      if (scope.all) return sql<SqlBool>`TRUE`;
      const parts: Expression<SqlBool>[] = scope.regionPrefixes.map((p) => eb('region_code', 'like', `${p}%`));
      if (listed.length) parts.push(eb('id', 'in', listed));
      return parts.length ? eb.or(parts) : sql<SqlBool>`FALSE`;
    })
    .orderBy('name').execute();
}

/** One page of full records for the export, in id order (keyset on id). */
export async function exportPage(db: Executor, scope: Scope, filter: EnterpriseFilter, afterId: string | null, limit: number) {
  let q = scoped(db, scope).where(filterExpr(filter));
  if (afterId) q = q.where('e.id', '>', afterId);
  return q
    .leftJoin('park as p', 'p.id', 'e.park_id')
    .leftJoin('association as a', 'a.id', 'e.association_id')
    .selectAll('e')
    .select(['p.name as park_name', 'a.name as association_name'])
    .orderBy('e.id')
    .limit(limit)
    .execute();
}

export type ExportRow = Awaited<ReturnType<typeof exportPage>>[number];
