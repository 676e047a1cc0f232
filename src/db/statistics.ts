import { sql } from 'kysely';
import type { Executor } from './schema.js';

/**
 * Planner statistics. PostgreSQL's autovacuum analyses a table once about a tenth of it has changed;
 * embedded PGlite runs no autovacuum at all, so a table filled after its last ANALYZE (or never
 * analysed) is planned as if it were empty or tiny — nested loops over a million rows (docs/architecture.md,
 * "Planner statistics"). Bulk writers call `analyseTables` when they finish, and the embedded engine
 * analyses at start-up every table whose size has outgrown its statistics, as autovacuum would.
 */
export async function analyseTables(db: Executor, tables: readonly string[]): Promise<void> {
  for (const t of tables) await sql`ANALYZE ${sql.table(t)}`.execute(db);
}

/**
 * Tables never analysed, or now more than twice the pages (and 8 more) their statistics describe —
 * autovacuum's threshold in spirit (50 rows + 10%, counted in pages since PGlite keeps no row counts).
 */
export async function staleTables(db: Executor): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
      AND (c.reltuples < 0 OR pg_relation_size(c.oid) / current_setting('block_size')::int > 2 * c.relpages + 8)
    ORDER BY 1`.execute(db);
  return rows.map((r) => r.name);
}

export async function analyseStale(db: Executor): Promise<string[]> {
  const stale = await staleTables(db);
  await analyseTables(db, stale);
  return stale;
}
