import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';

export const testEngine = (): 'pglite' | 'postgres' => (inject('pgUrl') ? 'postgres' : 'pglite');

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database on
 * the run's real PostgreSQL server when LX_TEST_ENGINE=postgres.
 */
export async function createTestDatabase(): Promise<Database> {
  const adminUrl = inject('pgUrl');
  if (!adminUrl) {
    const database = await openDatabase({});
    await migrate(database.db);
    return database;
  }
  const name = `lx_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const database = await openDatabase({ databaseUrl: adminUrl.replace(/\/postgres$/, `/${name}`), poolSize: 10 });
  await migrate(database.db);
  return database;
}
