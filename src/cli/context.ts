import { openConfiguredDatabase } from '../bootstrap.js';
import { loadConfig, type Config } from '../config.js';
import type { Database } from '../db/database.js';

/**
 * Runs a CLI command against the configured database. On the embedded engine this takes the data
 * directory's lock, so a CLI run while the server holds it stops with DATA_DIR_LOCKED (see README).
 */
export async function withDatabase<T>(fn: (database: Database, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config, 'liangxin CLI');
  try {
    return await fn(database, config);
  } finally {
    await database.close();
  }
}
