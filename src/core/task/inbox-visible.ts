import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { enterpriseInScopeSql, ownedInScope } from '../access/party-org-scope.js';
import { regionTaskInScope, type KindScope } from './inbox.repository.js';

/**
 * Which tasks a reader sees, as a UNION of indexed reads (issue 17 item 9, docs/benchmarks.md "Work
 * inbox"). It is the same set as `taskVisible` — for each kind, its anchor visible under the kind's
 * scope — taken apart term by term, so each term is a read PostgreSQL can answer from an index:
 *
 *   own place   the anchors in scope by their own region (park, association, organisation subtree,
 *               listed enterprises) → their tasks, by `task_enterprise_idx` / `task_party_org_idx` /
 *               `task_union_org_idx`; an enterprise's tasks under a region prefix directly by
 *               `task_enterprise_region_idx` (the enterprise's place carried on the task, 0072);
 *   links       organisations and unions covering an enterprise in scope (rule 4 of
 *               party-org-scope.ts) → their tasks: under a region prefix by the link's own copy of
 *               the enterprise's place (`*_coverage_region_idx`), otherwise enterprise by enterprise.
 *
 * The own-place terms read the anchor's current region, not `task.region_code`: that column is the
 * subject's place at the last refresh (a workflow task's may be another record's), so filtering on it
 * would change who sees what between two refreshes. `enterprise_region` is not that column: triggers
 * keep it equal to the enterprise's place now, in the mover's transaction. Kinds with the same anchor and scope share one
 * read. Every read carries the list's own filters (state, view, kind, street, one id), so a list of
 * open tasks never walks the closed ones that pile up.
 */
type Group = { anchor: KindScope['anchor']; scope: KindScope['scope']; kinds: string[] };

function groups(kinds: KindScope[]): Group[] {
  const out = new Map<string, Group>();
  for (const k of kinds) {
    const key = `${k.anchor}|${JSON.stringify(k.scope)}`;
    const g = out.get(key) ?? { anchor: k.anchor, scope: k.scope, kinds: [] };
    g.kinds.push(k.kind);
    out.set(key, g);
  }
  return [...out.values()];
}

const ANCHOR = {
  region: { column: 'region_code', table: 'region', link: null },
  enterprise: { column: 'enterprise_id', table: 'enterprise', link: null },
  party_org: { column: 'party_org_id', table: 'party_org', link: { table: 'party_org_coverage', owner: 'org_id' } },
  union_org: { column: 'union_org_id', table: 'union_org', link: { table: 'union_coverage', owner: 'union_id' } },
} as const;

/** The scope without its region prefixes: the terms still read anchor by anchor (parks, associations, subtrees, listed enterprises). */
const withoutRegions = (scope: KindScope['scope']): KindScope['scope'] => ({ ...scope, regionPrefixes: [] });
const prefixOf = (p: string) => `${p}%`;

/**
 * The anchor-id sets of one group that are not a region range: each a subquery of ids, one per term of
 * the predicate. Region prefixes of an enterprise scope are read from the enterprise's place carried
 * on the task and on each link (0072, `enterprise_region`) — see `visibleTasks`.
 */
function anchorSets(g: Group): RawBuilder<unknown>[] {
  const a = ANCHOR[g.anchor];
  const rest = withoutRegions(g.scope);
  if (g.anchor === 'enterprise') {
    const own = enterpriseInScopeSql(rest, 'a');
    return own ? [sql`SELECT a.id FROM enterprise a WHERE ${own}`] : [];
  }
  const own = ownedInScope(g.scope, g.anchor === 'party_org' ? 'org' : 'union', 'a');
  const out: RawBuilder<unknown>[] = [sql`SELECT a.id FROM ${sql.table(a.table)} a WHERE ${own}`];
  const ent = enterpriseInScopeSql(rest, 'ce');
  if (ent && a.link) {
    // The scope's other enterprises, then each one's current links by the coverage table's current-link index.
    out.push(sql`SELECT DISTINCT lk.id FROM enterprise ce CROSS JOIN LATERAL (SELECT l.${sql.ref(a.link.owner)} AS id FROM ${sql.table(a.link.table)} l
      WHERE l.enterprise_id = ce.id AND l.until IS NULL OFFSET 0) lk WHERE ${ent}`);
  }
  // Organisations and unions linked now to an enterprise placed under a prefix: one range of the link's index.
  for (const p of a.link ? g.scope.regionPrefixes : []) {
    out.push(sql`SELECT DISTINCT l.${sql.ref(a.link!.owner)} AS id FROM ${sql.table(a.link!.table)} l
      WHERE l.until IS NULL AND l.enterprise_region LIKE ${prefixOf(p)}`);
  }
  return out;
}

/** The columns a read may return: all in the anchor indexes (migration 0068), so the reads are index-only. */
export type TaskKey = 'id' | 'due_on' | 'kind' | 'state' | 'assignee_user_id' | 'region_code';

/**
 * `SELECT t.id …` of every visible task passing `filters` (conditions on alias t), or null when the
 * reader sees none. A scope over all regions reads the kinds' tasks directly.
 */
export function visibleTaskIds(kinds: KindScope[], filters: RawBuilder<SqlBool>[]): RawBuilder<{ id: string }> | null {
  return visibleTasks(kinds, filters, ['id']) as RawBuilder<{ id: string }> | null;
}

/**
 * The visible tasks passing `filters` with the given key columns (`id` first), one row per task: a
 * task reached by two reads (its organisation is in my street and covers my enterprise) gives the same
 * row twice, which the UNION folds. The lists count and cut a page from these rows before reading
 * any task's other columns.
 */
export function visibleTasks(kinds: KindScope[], filters: RawBuilder<SqlBool>[], keys: TaskKey[]): RawBuilder<Record<TaskKey, unknown>> | null {
  const cols = sql.join(keys.map((k) => sql.ref(`t.${k}`)));
  const outer = sql.join(keys.map((k) => sql.ref(`x.${k}`)));
  const reads: RawBuilder<unknown>[] = [];
  for (const g of groups(kinds)) {
    const where = [sql<SqlBool>`t.kind = ANY(${g.kinds}::text[])`, ...filters];
    const column = sql.ref(`t.${ANCHOR[g.anchor].column}`);
    // A street's own task: by its region code (few rows: one per street and kind).
    if (g.anchor === 'region') {
      reads.push(sql`SELECT ${cols} FROM task t WHERE ${regionTaskInScope(g.scope)} AND ${sql.join(where, sql` AND `)}`);
      continue;
    }
    if (g.scope.all) {
      reads.push(sql`SELECT ${cols} FROM task t WHERE ${sql.join(where, sql` AND `)}`);
      continue;
    }
    // An enterprise's tasks under a region prefix: one range of task_enterprise_region_idx, not a probe per enterprise.
    if (g.anchor === 'enterprise') {
      for (const p of g.scope.regionPrefixes) {
        reads.push(sql`SELECT ${cols} FROM task t WHERE t.enterprise_region LIKE ${prefixOf(p)} AND ${sql.join(where, sql` AND `)}`);
      }
    }
    // Each anchor's tasks by the task's anchor index: OFFSET 0 keeps the lateral read from being
    // flattened into a join, which the planner would answer by scanning every task of the province.
    for (const set of anchorSets(g)) {
      reads.push(sql`SELECT ${outer} FROM (${set}) s CROSS JOIN LATERAL (SELECT ${cols} FROM task t WHERE ${column} = s.id AND ${sql.join(where, sql` AND `)} OFFSET 0) x`);
    }
  }
  return reads.length ? sql<Record<TaskKey, unknown>>`${sql.join(reads, sql` UNION `)}` : null;
}

/** The filters every read carries, on alias t. */
export function taskFilters(w: {
  id?: string; view: 'mine' | 'role' | 'overdue' | 'all'; userId: string | null; today: string;
  state?: 'open' | 'done' | 'cancelled'; kind?: string; regionPrefix?: string;
}): RawBuilder<SqlBool>[] {
  const out: RawBuilder<SqlBool>[] = [];
  if (w.id) out.push(sql<SqlBool>`t.id = ${w.id}::bigint`);
  if (w.view === 'mine') out.push(w.userId ? sql<SqlBool>`t.assignee_user_id = ${w.userId}::bigint` : sql<SqlBool>`FALSE`);
  if (w.view === 'overdue') out.push(sql<SqlBool>`t.state = 'open'`, sql<SqlBool>`t.due_on < ${w.today}::date`);
  else if (w.state) out.push(sql<SqlBool>`t.state = ${w.state}`);
  if (w.kind) out.push(sql<SqlBool>`t.kind = ${w.kind}`);
  if (w.regionPrefix) out.push(sql<SqlBool>`t.region_code LIKE ${w.regionPrefix + '%'}`);
  return out;
}

