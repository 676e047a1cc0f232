import { sql } from 'kysely';
import type { Executor } from '../../db/schema.js';

/**
 * Bulk loads without row-by-row upkeep (docs/decisions/0002-bulk-import.md). Building an index
 * once over a million rows takes about a second and checking a foreign key once is one anti-join;
 * doing both row by row during the load takes many times that. So an import that at least doubles
 * the ledger drops the ledger's secondary indexes — not the primary key, not the unique credit
 * code — and its foreign keys, and restores them when it ends, whether it succeeds or fails.
 * Definitions are kept in deferred_ddl first, in the same transaction as the drop, so an import
 * that dies leaves a record from which recoverStaleImports (and every start) restores them.
 */
export type DeferredTable = 'enterprise';
type Deferred = { name: string; kind: 'index' | 'foreign_key'; definition: string; drop: string };

async function deferrable(tx: Executor, table: DeferredTable): Promise<Deferred[]> {
  const indexes = await sql<{ name: string; definition: string }>`SELECT i.indexname AS name, i.indexdef AS definition
    FROM pg_indexes i
    WHERE i.schemaname = current_schema() AND i.tablename = ${table}
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = to_regclass(quote_ident(i.indexname)))
    ORDER BY i.indexname`.execute(tx);
  const keys = await sql<{ name: string; definition: string }>`SELECT conname AS name, pg_get_constraintdef(oid) AS definition
    FROM pg_constraint WHERE conrelid = to_regclass(${table}) AND contype = 'f' ORDER BY conname`.execute(tx);
  return [
    ...indexes.rows.map((r) => ({ name: r.name, kind: 'index' as const, definition: r.definition, drop: `DROP INDEX "${r.name}"` })),
    ...keys.rows.map((r) => ({
      name: r.name, kind: 'foreign_key' as const,
      definition: `ALTER TABLE "${table}" ADD CONSTRAINT "${r.name}" ${r.definition}`,
      drop: `ALTER TABLE "${table}" DROP CONSTRAINT "${r.name}"`,
    })),
  ];
}

export async function deferTableUpkeep(db: Executor, table: DeferredTable, importId: string): Promise<string[]> {
  return db.transaction().execute(async (tx) => {
    const items = await deferrable(tx, table);
    for (const d of items) {
      await tx.insertInto('deferred_ddl').values({ name: d.name, table_name: table, kind: d.kind, definition: d.definition, import_id: importId }).execute();
      // Names and definitions come from the catalog itself.
      await sql.raw(d.drop).execute(tx);
    }
    return items.map((d) => d.name);
  });
}

const exists = async (tx: Executor, kind: 'index' | 'foreign_key', name: string): Promise<boolean> => {
  const r = kind === 'index'
    ? await sql`SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ${name}`.execute(tx)
    : await sql`SELECT 1 FROM pg_constraint WHERE conname = ${name}`.execute(tx);
  return r.rows.length > 0;
};

/**
 * Restores everything deferred by `importId` (or by any import, when null), indexes first, each in
 * its own transaction. Re-adding a foreign key checks every row in one pass.
 */
export async function restoreDeferred(db: Executor, importId: string | null): Promise<string[]> {
  let q = db.selectFrom('deferred_ddl').select(['name', 'kind', 'definition']).orderBy('kind', 'desc').orderBy('name');
  if (importId !== null) q = q.where('import_id', '=', importId);
  const rows = await q.execute();
  for (const row of rows) {
    await db.transaction().execute(async (tx) => {
      if (!(await exists(tx, row.kind, row.name))) await sql.raw(row.definition).execute(tx);
      await tx.deleteFrom('deferred_ddl').where('name', '=', row.name).execute();
    });
  }
  return rows.map((r) => r.name);
}

/** What imports that are no longer running (killed, failed or stale) left dropped. */
export async function restoreAbandoned(db: Executor, staleMs: number): Promise<string[]> {
  const stale = new Date(Date.now() - staleMs);
  const abandoned = await db.selectFrom('deferred_ddl as d')
    .leftJoin('import_batch as b', 'b.id', 'd.import_id')
    .select('d.import_id').distinct()
    .where((eb) => eb.or([eb('b.id', 'is', null), eb('b.status', '<>', 'running'), eb('b.heartbeat_at', '<', stale)]))
    .execute();
  const restored: string[] = [];
  for (const { import_id } of abandoned) restored.push(...(await restoreDeferred(db, import_id)));
  return restored;
}
