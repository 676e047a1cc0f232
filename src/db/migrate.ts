import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from './schema.js';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export type MigrationResult = { applied: string[]; alreadyApplied: number };

/** The migration files this version knows, in order. */
export const migrationFiles = (): string[] => fs.readdirSync(MIGRATIONS_DIR).filter((f) => /^\d{4}_.+\.sql$/.test(f)).sort();

/**
 * Applies src/db/migrations/NNNN_name.sql in order, each in its own transaction, once. `only`: just
 * these (a restore brings an empty database to its backup's level before loading the rows).
 */
export async function migrate(db: Db, only?: ReadonlySet<string>): Promise<MigrationResult> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migration (
    name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(db);
  const files = migrationFiles().filter((f) => !only || only.has(f));
  const done = new Set(
    (await sql<{ name: string }>`SELECT name FROM schema_migration`.execute(db)).rows.map((r) => r.name),
  );
  const applied: string[] = [];
  for (const file of files) {
    if (done.has(file)) continue;
    const text = fs.readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8');
    await db.transaction().execute(async (tx) => {
      // Serialise concurrent starters on a real server; harmless on PGlite.
      await sql`SELECT pg_advisory_xact_lock(7100001)`.execute(tx);
      const again = await sql`SELECT 1 FROM schema_migration WHERE name = ${file}`.execute(tx);
      if (again.rows.length) return;
      await sql.raw(text).execute(tx);
      await sql`INSERT INTO schema_migration (name) VALUES (${file})`.execute(tx);
      applied.push(file);
    });
  }
  return { applied, alreadyApplied: done.size };
}
