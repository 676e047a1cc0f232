import { CompiledQuery, PostgresQueryCompiler, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import type { Executor } from '../../db/schema.js';
import { DIST_COLUMN, type Kind, type Placement } from './citus-classify.js';

/** Every statement the app sends while the heavy pages are read: compiled by Kysely, as PostgreSQL gets it. */
export class QueryCapture implements KyselyPlugin {
  readonly statements: CompiledQuery[] = [];
  private readonly compiler = new PostgresQueryCompiler();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.statements.push(this.compiler.compileQuery(args.node, args.queryId));
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

type PlanNode = Record<string, unknown> & { Plans?: PlanNode[] };
const COND_KEYS = ['Filter', 'Index Cond', 'Recheck Cond', 'Hash Cond', 'Merge Cond', 'Join Filter'];
const REGION = /\b(region_code|region_prefix|publisher_region_code|province_code)\b/;

export type QueryVerdict = {
  label: string;
  relations: Array<{ table: string; kind: Kind }>;
  /** Distributed tables scanned with no region condition on that scan. */
  unfiltered: string[];
  /** Joins between distributed tables whose condition names no region/province column. */
  idOnlyJoins: number;
  explained: boolean;
};

function relationsOf(n: PlanNode, into: string[] = []): string[] {
  if (typeof n['Relation Name'] === 'string') into.push(n['Relation Name']);
  for (const c of n.Plans ?? []) relationsOf(c, into);
  return into;
}
const condsOf = (n: PlanNode) => COND_KEYS.map((k) => n[k]).filter((v): v is string => typeof v === 'string');

function walk(n: PlanNode, kinds: Map<string, Kind>, acc: { unfiltered: Set<string>; idOnlyJoins: number }): void {
  const rel = n['Relation Name'];
  if (typeof rel === 'string' && kinds.get(rel) === 'distributed' && !condsOf(n).some((c) => REGION.test(c))) acc.unfiltered.add(rel);
  if (/Join|Nested Loop/.test(String(n['Node Type'])) && (n.Plans?.length ?? 0) >= 2) {
    const sides = n.Plans!.slice(0, 2).map((p) => relationsOf(p).some((r) => kinds.get(r) === 'distributed'));
    // A nested loop's condition sits on its inner side's index scan.
    const conds = [...condsOf(n), ...condsOf(n.Plans![1]!)];
    if (sides[0] && sides[1] && !conds.some((c) => REGION.test(c))) acc.idOnlyJoins++;
  }
  for (const c of n.Plans ?? []) walk(c, kinds, acc);
}

/**
 * EXPLAIN each captured SELECT with its parameters and read the plan: which tables it touches, which
 * distributed scans carry a region condition (after the change: a province filter, so one shard),
 * and which joins of two distributed tables are on ids alone (after the change: they must also
 * match province_code to stay on one node).
 */
export async function judgeQuery(db: Executor, label: string, q: CompiledQuery, placements: Placement[]): Promise<QueryVerdict> {
  const kinds = new Map(placements.map((p) => [p.table, p.kind]));
  try {
    const res = await db.executeQuery<{ 'QUERY PLAN': unknown }>(CompiledQuery.raw(`EXPLAIN (FORMAT JSON) ${q.sql}`, [...q.parameters]));
    const raw = res.rows[0]!['QUERY PLAN'];
    const plan = ((typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{ Plan: PlanNode }>)[0]!.Plan;
    const acc = { unfiltered: new Set<string>(), idOnlyJoins: 0 };
    walk(plan, kinds, acc);
    const relations = [...new Set(relationsOf(plan))].sort().map((t) => ({ table: t, kind: kinds.get(t) ?? 'local' }));
    return { label, relations, unfiltered: [...acc.unfiltered].sort(), idOnlyJoins: acc.idOnlyJoins, explained: true };
  } catch {
    return { label, relations: [], unfiltered: [], idOnlyJoins: 0, explained: false };
  }
}

export const isHeavySelect = (q: CompiledQuery) => /^\s*(select|with)\b/i.test(q.sql) && !/\bpg_|information_schema|schema_migration/.test(q.sql);
export { DIST_COLUMN };
