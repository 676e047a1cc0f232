import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../db/schema.js';
import { asColumn, enterpriseInScopeSql, ownedInScope, visibleInScope } from '../access/party-org-scope.js';
import type { Scope } from '../access/scope.js';
import { taskFilters, visibleTaskIds, visibleTasks } from './inbox-visible.js';

/**
 * Inbox reads. Every query carries `KindScopes`: for each kind the reader's role handles, the scope
 * of the action that kind needs. A task is seen when its record is visible under that scope (a
 * record of another street linked to one of mine included) and actionable only when the record is
 * owned there — the two checks of docs/organisations.md, "Who sees and who manages".
 */
export type KindScope = {
  kind: string; anchor: 'enterprise' | 'party_org' | 'union_org' | 'region'; scope: Scope;
  /**
   * The reader's roles that hold the kind's action, each with its own grants' scope: a task assigned
   * to a role (assignee_role) is actionable only through that role, inside that role's scope.
   */
  roleScopes: Array<{ role: string; scope: Scope }>;
};
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
  // A street's own task (待确认归属街道): its region under the grant's regions; nothing links to it.
  if (k.anchor === 'region') return sql<SqlBool>`(t.kind = ${k.kind} AND ${regionTaskInScope(k.scope)})`;
  if (mode === 'visible') return sql<SqlBool>`(t.kind = ${k.kind} AND ${anchorIn(k, k.scope, visibleInScope)})`;
  // Managing also needs the task's role, when it names one, and that role's own scope: a request
  // waiting at 区 is seen by the street and the community below it, decided by the district alone
  // (docs/approvals.md, "Tasks"); a 街道 level by the township officers of that street only.
  return sql<SqlBool>`(t.kind = ${k.kind} AND ((t.assignee_role IS NULL AND ${anchorIn(k, k.scope, ownedInScope)}) OR ${throughRole(k, ownedInScope)}))`;
}

/** The task names one of the reader's roles and its anchor passes `test` under that role's own grants. */
const throughRole = (k: KindScope, test: typeof visibleInScope) =>
  anyOf(k.roleScopes.map((r) => sql<SqlBool>`(t.assignee_role = ${r.role} AND ${anchorIn(k, r.scope, test)})`));

function anchorIn(k: KindScope, scope: Scope, test: typeof visibleInScope): RawBuilder<SqlBool> {
  if (k.anchor === 'enterprise') return enterpriseInScopeSql(scope, 'e') ?? FALSE;
  return k.anchor === 'party_org' ? test(scope, 'org', 'o') : test(scope, 'union', 'un');
}

/** The task names no role, or one the reader holds over its record (seen under that role's own grants). */
function roleHeld(k: KindScope): RawBuilder<SqlBool> {
  if (k.anchor === 'region') return sql<SqlBool>`(t.assignee_role IS NULL OR t.assignee_role = ANY(${k.roleScopes.map((r) => r.role)}::text[]))`;
  return sql<SqlBool>`(t.assignee_role IS NULL OR ${throughRole(k, visibleInScope)})`;
}

/** A region-anchored task (subject_table 'region') lies under one of the scope's region prefixes (parks and associations hold no street). */
export function regionTaskInScope(scope: Scope): RawBuilder<SqlBool> {
  if (scope.all) return sql<SqlBool>`t.subject_table = 'region'`;
  return anyOf(scope.regionPrefixes.map((p) => sql<SqlBool>`(t.subject_table = 'region' AND t.region_code LIKE ${`${p}%`})`));
}

/** The predicate as first written (one test per task): kept as the definition the reads are checked against. */
export const taskVisible = (kinds: KindScope[]) => anyOf(kinds.map((k) => subjectIn(k, 'visible')));
export const taskActionable = (kinds: KindScope[]) => anyOf(kinds.map((k) => subjectIn(k, 'owned')));
/** Why a task is 仅可查看: its role (not held over this record), or a link. */
const taskRoleHeld = (kinds: KindScope[]) => anyOf(kinds.map((k) => sql<SqlBool>`(t.kind = ${k.kind} AND ${roleHeld(k)})`));

/** Tasks with their anchors under the aliases the scope predicates read (e, o, un). */
export const tasksWithAnchors = (db: Executor) => db.selectFrom('task as t')
  .leftJoin('enterprise as e', 'e.id', 't.enterprise_id')
  .leftJoin('party_org as o', 'o.id', 't.party_org_id')
  .leftJoin('union_org as un', 'un.id', 't.union_org_id');

// The visible tasks passing the list's filters come from indexed reads (inbox-visible.ts): the same
// set as `taskVisible`, without testing it on every task of the province. The reads return index
// columns only; a task's other columns, its anchor's name and 可办理 are read for the rows shown.
type After = { key: string; id: string } | undefined;
const afterSql = (after: After, alias: string) => (after
  ? sql<SqlBool>`(${sql.ref(`${alias}.due_on`)}, ${sql.ref(`${alias}.id`)}) > (${after.key}::date, ${after.id}::bigint)` : null);

/** The rows shown, in the list's order: the task, its assignee, its anchor's name, and 可办理 for these rows only. */
async function rowsOf(db: Executor, w: InboxWhere, ids: string[]) {
  if (!ids.length) return [];
  return tasksWithAnchors(db)
    .leftJoin('app_user as u', 'u.id', 't.assignee_user_id')
    .select(['t.id', 't.kind', 't.subject_table', 't.subject_id', 't.region_code', 't.state', 't.due_on', 't.opened_at', 't.closed_at',
      't.closed_by', 't.source_rule_id', 't.version', 'u.display_name as assignee', 't.enterprise_id', 't.party_org_id', 't.union_org_id',
      't.link_path', 't.assignee_role'])
    .select(sql<string>`coalesce(t.subject_label, e.name, o.name, un.name, '')`.as('subject_name'))
    .select(asColumn(taskActionable(w.kinds)).as('actionable'))
    .select(asColumn(taskRoleHeld(w.kinds)).as('role_held'))
    .where(sql<SqlBool>`t.id = ANY(${ids}::bigint[])`)
    .orderBy('t.due_on').orderBy('t.id').execute();
}

/**
 * One keyset page, soonest due first (then id); `after` resumes after that row. Each read carries
 * the keyset condition, so it skips what earlier pages showed; the union is cut to `limit`.
 */
export async function inboxRows(db: Executor, w: InboxWhere, after: After, limit: number) {
  const cut = afterSql(after, 't');
  const v = visibleTasks(w.kinds, [...taskFilters(w), ...(cut ? [cut] : [])], ['id', 'due_on']);
  if (!v) return [];
  const r = await sql<{ id: string }>`SELECT v.id::text AS id FROM (${v}) v ORDER BY v.due_on, v.id LIMIT ${limit}`.execute(db);
  return rowsOf(db, w, r.rows.map((x) => x.id));
}

/**
 * A page and the list's total from one pass over the visible tasks: the total counts every page,
 * so the whole visible set is read anyway (index-only) — both are cut from it in one statement.
 */
export async function inboxPageRows(db: Executor, w: InboxWhere, after: After, limit: number) {
  const v = visibleTasks(w.kinds, taskFilters(w), ['id', 'due_on']);
  if (!v) return { rows: [], total: 0 };
  const r = await sql<{ total: string; ids: string[] }>`WITH v AS MATERIALIZED (${v})
    SELECT (SELECT count(*) FROM v) AS total,
      ARRAY(SELECT v.id::text FROM v WHERE ${afterSql(after, 'v') ?? sql`TRUE`} ORDER BY v.due_on, v.id LIMIT ${limit}) AS ids`.execute(db);
  const one = r.rows[0]!;
  return { rows: await rowsOf(db, w, one.ids), total: Number(one.total) };
}

export async function inboxTotal(db: Executor, w: InboxWhere): Promise<number> {
  const v = visibleTaskIds(w.kinds, taskFilters(w));
  if (!v) return 0;
  const r = await sql<{ n: string }>`SELECT count(*) AS n FROM (${v}) v`.execute(db);
  return Number(r.rows[0]!.n);
}

/**
 * Counts per state and kind of what the reader's role sees (open and overdue per kind), and of the
 * open ones how many are assigned to the reader (我的) — one pass over the same reads.
 */
export async function inboxCountRows(db: Executor, w: InboxWhere) {
  const v = visibleTasks(w.kinds, taskFilters({ ...w, view: 'all', state: undefined }), ['id', 'kind', 'state', 'due_on', 'assignee_user_id']);
  if (!v) return [];
  const mine = w.userId ? sql<SqlBool>`v.state = 'open' AND v.assignee_user_id = ${w.userId}::bigint` : sql<SqlBool>`FALSE`;
  const r = await sql<{ kind: string; state: 'open' | 'done' | 'cancelled'; n: string; overdue: string; mine: string }>`SELECT v.kind, v.state, count(*) AS n,
      count(*) FILTER (WHERE v.state = 'open' AND v.due_on < ${w.today}::date) AS overdue, count(*) FILTER (WHERE ${mine}) AS mine
    FROM (${v}) v GROUP BY v.kind, v.state`.execute(db);
  return r.rows;
}

/** Overdue open tasks by street (first 9 digits of the region code) × kind. */
export async function overdueByStreetRows(db: Executor, w: InboxWhere) {
  const v = visibleTasks(w.kinds, taskFilters({ ...w, view: 'overdue' }), ['id', 'kind', 'region_code']);
  if (!v) return [];
  const street = sql<string>`substr(coalesce(v.region_code, ''), 1, 9)`;
  const r = await sql<{ street: string; kind: string; n: string }>`SELECT ${street} AS street, v.kind, count(*) AS n
    FROM (${v}) v GROUP BY ${street}, v.kind`.execute(db);
  return r.rows;
}

export async function streetNames(db: Executor, streets: string[]): Promise<Map<string, string>> {
  if (!streets.length) return new Map();
  const rows = await db.selectFrom('region').select(['code', 'name']).where('code', 'in', streets.map((s) => s.padEnd(12, '0'))).execute();
  return new Map(rows.map((r) => [r.code.slice(0, 9), r.name]));
}
