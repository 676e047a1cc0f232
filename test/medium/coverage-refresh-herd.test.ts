import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FiguresQuery } from '../../src/contracts/coverage-metrics.js';
import { systemActor } from '../../src/core/access/actor.js';
import { getFigures } from '../../src/core/coverage/coverage-figures.service.js';
import { ensureFresh } from '../../src/core/coverage/coverage-refresh.js';
import { coverageState, lockRefresh, sourceVersion } from '../../src/core/coverage/coverage.repository.js';
import type { Database } from '../../src/db/database.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { seedCoverageWorld } from '../helpers/coverage-world.js';

/**
 * Found by the load bench (docs/benchmarks.md, "Load"): after an edit, every figures reader that
 * found the rows stale queued on the refresh lock and then rebuilt the whole ledger again, one after
 * another, each holding a pooled connection — under steady edits the pool ran dry and the server
 * stalled. Readers queued behind a rebuild that began after their own check are served by it: after
 * one change, ten readers at once rebuild once, and the rows include the change.
 */
describe(`readers of stale coverage rows share one rebuild on ${testEngine()}`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedCoverageWorld(database.db, 30);
    await ensureFresh(database.db);
  }, 120_000);
  afterAll(async () => database?.close());

  it('ten concurrent readers after one change: one rebuild, rows as of the change', async () => {
    await sql`UPDATE enterprise SET employee_count = coalesce(employee_count, 0) + 1 WHERE id = (SELECT min(id) FROM enterprise)`.execute(database.db);
    const changed = await sourceVersion(database.db);
    const results = await Promise.all(Array.from({ length: 10 }, () => ensureFresh(database.db)));
    expect(results.filter((r) => r.refreshed)).toHaveLength(1);
    const state = await coverageState(database.db);
    expect(BigInt(state.source_version)).toBeGreaterThanOrEqual(BigInt(changed));
    expect(await ensureFresh(database.db)).toMatchObject({ refreshed: false });
  });

  // A pool of one (PGlite) cannot hold the lock in one transaction and read in another.
  it.skipIf(testEngine() === 'pglite')('a reader finding a refresh under way serves today’s rows at once instead of waiting', async () => {
    await sql`UPDATE enterprise SET employee_count = coalesce(employee_count, 0) + 1 WHERE id = (SELECT min(id) FROM enterprise)`.execute(database.db);
    const before = await coverageState(database.db);
    const during = await database.db.transaction().execute(async (tx) => {
      await lockRefresh(tx);
      return ensureFresh(database.db);
    });
    expect(during).toMatchObject({ refreshed: false, pending: true });
    // The figures say so (the dashboard shows 统计正在更新); without a refresh under way they do not.
    const figures = await database.db.transaction().execute(async (tx) => {
      await lockRefresh(tx);
      return getFigures(database.db, systemActor('test'), FiguresQuery.parse({ groupBy: 'none' }));
    });
    expect(figures.refreshing).toBe(true);
    expect((await coverageState(database.db)).source_version).toBe(before.source_version);
    // Once the lock is free the next reader refreshes the change.
    expect(await ensureFresh(database.db)).toMatchObject({ refreshed: true, mode: 'incremental' });
    expect((await getFigures(database.db, systemActor('test'), FiguresQuery.parse({ groupBy: 'none' }))).refreshing).toBeUndefined();
  });
});
