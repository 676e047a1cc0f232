import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/database.js';

/** A new database named `<prefix>_<time>` on the bench's PostgreSQL server: its URL and the database, opened (not migrated). */
export async function freshPgDatabase(serverUrl: string, prefix: string): Promise<{ url: string; database: Database }> {
  const name = `${prefix}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = serverUrl.replace(/\/postgres$/, `/${name}`);
  return { url, database: await openDatabase({ databaseUrl: url }) };
}
