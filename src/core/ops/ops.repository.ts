import { sql } from 'kysely';
import type { Executor } from '../../db/schema.js';

/** The few reads behind /metrics and /readyz (Kysely only): each is one small indexed query. */

export type ImportBatchCount = { kind: string; status: string; batches: number; rows: number; created: number; updated: number; unchanged: number; rejected: number };

/** Import batches by kind and state, with their row totals (import_batch stays small: one row per file). */
export async function importBatchCounts(db: Executor): Promise<ImportBatchCount[]> {
  const rows = await db.selectFrom('import_batch')
    .select((eb) => [
      'kind', 'status', eb.fn.countAll<string>().as('batches'),
      sql<string>`coalesce(sum(rows_total), 0)`.as('rows'), sql<string>`coalesce(sum(created), 0)`.as('created'),
      sql<string>`coalesce(sum(updated), 0)`.as('updated'), sql<string>`coalesce(sum(unchanged), 0)`.as('unchanged'),
      sql<string>`coalesce(sum(rejected), 0)`.as('rejected'),
    ])
    .groupBy(['kind', 'status']).orderBy('kind').orderBy('status').execute();
  return rows.map((r) => ({
    kind: r.kind, status: r.status, batches: Number(r.batches), rows: Number(r.rows), created: Number(r.created),
    updated: Number(r.updated), unchanged: Number(r.unchanged), rejected: Number(r.rejected),
  }));
}

/** The newest month-end snapshot: its month and when it was computed (the primary key leads with period). */
export async function newestSnapshot(db: Executor): Promise<{ period: string; computedAt: Date } | null> {
  const row = await db.selectFrom('metric_snapshot').select(['period', 'computed_at'])
    .where('scope_kind', '=', 'all').orderBy('period', 'desc').limit(1).executeTakeFirst();
  return row ? { period: row.period, computedAt: new Date(row.computed_at) } : null;
}

/** The audit chain's head (its newest entry) and the newest signed anchor. */
export async function auditHead(db: Executor): Promise<{ seq: number; at: Date } | null> {
  const row = await db.selectFrom('audit_event').select(['seq', 'at']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ? { seq: Number(row.seq), at: new Date(row.at) } : null;
}

export async function newestAnchor(db: Executor): Promise<Date | null> {
  const row = await db.selectFrom('audit_checkpoint').select('created_at').where('kind', '=', 'anchor')
    .orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row ? new Date(row.created_at) : null;
}

/** The migrations this database has applied (empty when the bookkeeping table is absent). */
export async function appliedMigrations(db: Executor): Promise<string[]> {
  const exists = await sql<{ t: string | null }>`SELECT to_regclass('schema_migration')::text AS t`.execute(db);
  if (!exists.rows[0]?.t) return [];
  return (await sql<{ name: string }>`SELECT name FROM schema_migration`.execute(db)).rows.map((r) => r.name);
}

export async function ping(db: Executor): Promise<void> {
  await sql`SELECT 1`.execute(db);
}
