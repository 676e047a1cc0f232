import type { Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { migrate } from './db/migrate.js';

/** Opens the configured database (PGlite in DATA_DIR, or DATABASE_URL) and brings its schema up to date. */
export async function openConfiguredDatabase(config: Config, purpose: string): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, purpose });
  try {
    await migrate(database.db);
    return database;
  } catch (err) {
    await database.close();
    throw err;
  }
}
