import type { FkEdge, TableInfo } from './backup.repository.js';

/**
 * Tables in dependency order: each after the tables it references (names break ties, so every run
 * gives one order). Loads run with triggers and foreign-key checks off (table-copy.ts), so a cycle
 * (a 党小组 and its 组长 among the members) needs no special case: its tables follow in name order.
 */
export function dependencyOrder(tables: TableInfo[], edges: FkEdge[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const needs = new Map<string, Set<string>>(tables.map((t) => [t.name, new Set<string>()]));
  for (const e of edges) {
    if (e.table !== e.references && byName.has(e.table) && byName.has(e.references)) needs.get(e.table)!.add(e.references);
  }
  const done = new Set<string>();
  const out: TableInfo[] = [];
  const names = [...byName.keys()].sort();
  while (out.length < names.length) {
    const ready = names.find((n) => !done.has(n) && [...needs.get(n)!].every((m) => done.has(m)))
      // a cycle: take the first remaining table by name
      ?? names.find((n) => !done.has(n))!;
    done.add(ready);
    out.push(byName.get(ready)!);
  }
  return out;
}
