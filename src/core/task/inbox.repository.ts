import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../db/schema.js';
import { asColumn, enterpriseInScopeSql, ownedInScope, visibleInScope } from '../access/party-org-scope.js';
import type { Scope } from '../access/scope.js';
import { taskFilters, visibleTaskIds } from './inbox-visible.js';

/**
 * Inbox reads. Every query carries `KindScopes`: for each kind the reader's role handles, the scope
 * of the action that kind needs. A task is seen when its record is visible under that scope (a
 * record of another street linked to one of mine included) and actionable only when the record is
 * owned there — the two checks of docs/organisations.md, "Who sees and who manages".
 */
export type KindScope = { kind: string; anchor: 'enterprise' | 'party_org' | 'union_org' | 'region'; scope: Scope };
export type InboxWhere = {
  kinds: KindScope[];
  view: 'mine' | 'role' | 'overdue' | 'all';
  userId: string | null;
  today: string;
  state?: 'open' | 'done' | 'cancelled';
  kind?: string;
  regionPrefix?: string;
  /** One task (its detail, 指派, 撤销): the same visibility as the lists. */
  id?: string;
};

const FALSE = sql<SqlBool>`FALSE`;
const anyOf = (parts: RawBuilder<SqlBool>[]) => (parts.length ? sql<SqlBool>`(${sql.join(parts, sql` OR `)})` : FALSE);

// The kind's anchor (the task's enterprise, organisation or union) is tested under that record's own
// rules; a workflow task about a transfer or a notice is seen and acted on as its organisation is.
function subjectIn(k: KindScope, mode: 'visible' | 'owned'): RawBuilder<SqlBool> {
  const test = mode === 'visible' ? visibleInScope : ownedInScope;
  // A street's own task (待确认归属街道): its region under the grant's regions; nothing links to it.
  if (k.anchor === 'region') return sql<SqlBool>`(t.kind = ${k.kind} AND ${regionTaskInScope(k.scope)})`;
  const inScope = k.anchor === 'enterprise' ? enterpriseInScopeSql(k.scope, 'e') ?? FALSE
    : k.anchor === 'party_org' ? test(k.scope, 'org', 'o') : test(k.scope, 'union', 'un');
  return sql<SqlBool>`(t.kind = ${k.kind} AND ${inScope})`;
}

/** A region-anchored task (subject_table 'region') lies under one of the scope's region prefixes (parks and associations hold no street). */
export function regionTaskInScope(scope: Scope): RawBuilder<SqlBool> {
  if (scope.all) return sql<SqlBool>`t.subject_table = 'region'`;
  return anyOf(scope.regionPrefixes.map((p) => sql<SqlBool>`(t.subject_table = 'region' AND t.region_code LIKE ${`${p}%`})`));
}

/** The predicate as first written (one test per task): kept as the definition the reads are checked against. */
export const taskVisible = (kinds: KindScope[]) => anyOf(kinds.map((k) => subjectIn(k, 'visible')));
export const taskActionable = (kinds: KindScope[]) => anyOf(kinds.map((k) => subjectIn(k, 'owned')));

/** Tasks with their anchors under the aliases the scope predicates read (e, o, un). */
export const tasksWithAnchors = (db: Executor) => db.selectFrom('task as t')
  .leftJoin('enterprise as e', 'e.id', 't.enterprise_id')
  .leftJoin('party_org as o', 'o.id', 't.party_org_id')
  .leftJoin('union_org as un', 'un.id', 't.union_org_id');

// The visible tasks passing the list's filters come from indexed reads (inbox-visible.ts): the same
// set as `taskVisible`, without testing it on every task of the province.
function base(db: Executor, w: InboxWhere) {
  const ids = visibleTaskIds(w.kinds, taskFilters(w));
  return tasksWithAnchors(db).where(ids ? sql<SqlBool>`t.id IN (${ids})` : FALSE);
}

/** One keyset page, soonest due first (then id); `after` resumes after that row. */
export async function inboxRows(db: Executor, w: InboxWhere, after: { key: string; id: string } | undefined, limit: number) {
  let q = base(db, w)
    .leftJoin('app_user as u', 'u.id', 't.assignee_user_id')
    .select(['t.id', 't.kind', 't.subject_table', 't.subject_id', 't.region_code', 't.state', 't.due_on', 't.opened_at', 't.closed_at',
      't.closed_by', 't.source_rule_id', 't.version', 'u.display_name as assignee', 't.enterprise_id', 't.party_org_id', 't.union_org_id',
      't.link_path'])
    .select(sql<string>`coalesce(t.subject_label, e.name, o.name, un.name, '')`.as('subject_name'))
    .select(asColumn(taskActionable(w.kinds)).as('actionable'));
  if (after) q = q.where(sql<SqlBool>`(t.due_on, t.id) > (${after.key}::date, ${after.id}::bigint)`);
  return q.orderBy('t.due_on').orderBy('t.id').limit(limit).execute();
}

export async function inboxTotal(db: Executor, w: InboxWhere): Promise<number> {
  const r = await base(db, w).select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Counts per state and kind of what the reader's role sees (open and overdue per kind). */
export async function inboxCountRows(db: Executor, w: InboxWhere) {
  return base(db, { ...w, view: 'all', state: undefined })
    .select(['t.kind', 't.state'])
    .select(sql<string>`count(*)`.as('n'))
    .select(sql<string>`count(*) FILTER (WHERE t.state = 'open' AND t.due_on < ${w.today}::date)`.as('overdue'))
    .groupBy(['t.kind', 't.state']).execute();
}

/** Overdue open tasks by street (first 9 digits of the region code) × kind. */
export async function overdueByStreetRows(db: Executor, w: InboxWhere) {
  return base(db, { ...w, view: 'overdue' })
    .select(sql<string>`substr(coalesce(t.region_code, ''), 1, 9)`.as('street'))
    .select('t.kind')
    .select(sql<string>`count(*)`.as('n'))
    .groupBy([sql`substr(coalesce(t.region_code, ''), 1, 9)`, 't.kind']).execute();
}

export async function streetNames(db: Executor, streets: string[]): Promise<Map<string, string>> {
  if (!streets.length) return new Map();
  const rows = await db.selectFrom('region').select(['code', 'name']).where('code', 'in', streets.map((s) => s.padEnd(12, '0'))).execute();
  return new Map(rows.map((r) => [r.code.slice(0, 9), r.name]));
}
