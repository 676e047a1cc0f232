import { openDatabase, type Database } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';

// One migrated in-memory cluster per worker process, dumped once and loaded by every test database the
// worker opens after it: ≈ 1 s instead of ≈ 3 s (initdb in WebAssembly, then every migration) for each
// of the few hundred databases the suites open. The dump is never written to; each database loads its
// own copy. The worker keeps it across files on purpose (vitest `isolate: false`): it holds no record.
let template: Promise<Blob> | undefined;

async function build(): Promise<Blob> {
  const database = await openDatabase({});
  try {
    await migrate(database.db);
    return await database.dumpDataDir!();
  } finally {
    await database.close();
  }
}

/** A fresh, migrated in-memory PGlite database, loaded from the worker's template. */
export async function openMigratedPglite(): Promise<Database> {
  if (process.env.LX_TEST_PGLITE_TEMPLATE === '0') {
    // The slow way, to rule the template out when hunting a failure.
    const fresh = await openDatabase({});
    await migrate(fresh.db);
    return fresh;
  }
  template ??= build().catch((err) => {
    template = undefined;
    throw err;
  });
  const database = await openDatabase({ template: await template });
  // A no-op unless a migration was added after the template was built (never within one run).
  await migrate(database.db);
  return database;
}
