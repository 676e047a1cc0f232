import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { openMigratedPglite } from './pglite-template.js';

export const testEngine = (): 'pglite' | 'postgres' => (inject('pgUrl') ? 'postgres' : 'pglite');

// The API and medium files share one worker's module cache (vitest.config.ts, `isolate: false`), so a
// database a file forgets to close would outlive it and hold its memory or its server connections
// for the rest of the run: every one opened here is closed after its file (test/helpers/close-databases.ts).
const open = new Set<Database>();

function tracked(database: Database): Database {
  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (open.delete(wrapped), database.close());
    return closing;
  };
  const wrapped: Database = { ...database, close };
  open.add(wrapped);
  return wrapped;
}

/** Closes what the file left open (an afterAll of every API and medium file). */
export async function closeOpenDatabases(): Promise<void> {
  await Promise.all([...open].map((d) => d.close()));
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database on
 * the run's real PostgreSQL server when LX_TEST_ENGINE=postgres.
 */
export async function createTestDatabase(): Promise<Database> {
  const adminUrl = inject('pgUrl');
  if (!adminUrl) {
    return tracked(await openMigratedPglite());
  }
  const name = `lx_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const database = tracked(await openDatabase({ databaseUrl: adminUrl.replace(/\/postgres$/, `/${name}`), poolSize: 10 }));
  await migrate(database.db);
  return database;
}
