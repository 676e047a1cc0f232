import type { Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { analyseStale } from './db/statistics.js';
import { migrate } from './db/migrate.js';
import { restoreAbandoned } from './core/import/deferred-ddl.js';
import { STALE_IMPORT_MS } from './core/import/import-enterprises.service.js';

/** Opens the configured database (PGlite in DATA_DIR, or DATABASE_URL) and brings its schema up to date. */
export async function openConfiguredDatabase(config: Config, purpose: string): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, purpose });
  try {
    await migrate(database.db);
    // An import killed while the ledger's indexes and foreign keys were dropped must not leave them so.
    await restoreAbandoned(database.db, STALE_IMPORT_MS);
    // PGlite runs no autovacuum: analyse what has outgrown its statistics, as autovacuum would have.
    if (database.engine === 'pglite') await analyseStale(database.db);
    return database;
  } catch (err) {
    await database.close();
    throw err;
  }
}
