import { loadConfig, type Config } from '../config.js';
import type { Database } from '../db/database.js';

// Each command loads what it uses when it runs (the engine, the services), not at start: every CLI
// process — `--help`, `rules check`, each call of a script — used to load the whole platform first.

/**
 * Runs a CLI command against the configured database. On the embedded engine this takes the data
 * directory's lock, so a CLI run while the server holds it stops with DATA_DIR_LOCKED (see README).
 */
export async function withDatabase<T>(fn: (database: Database, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const { openConfiguredDatabase } = await import('../bootstrap.js');
  const database = await openConfiguredDatabase(config, 'liangxin CLI');
  try {
    return await fn(database, config);
  } finally {
    await database.close();
  }
}
