import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { analyseStale, staleTables } from '../../src/db/statistics.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';

/**
 * Planner statistics (src/db/statistics.ts): PGlite runs no autovacuum, so the platform analyses a
 * table that has outgrown its statistics — never analysed, or more than twice the pages it was
 * analysed at. Without it a table filled by an import is planned as empty.
 */
describe(`planner statistics on ${testEngine()}`, () => {
  let database: Database;
  beforeAll(async () => { database = await createTestDatabase(); });
  afterAll(async () => { await database?.close(); });

  const reltuples = async (t: string) =>
    (await sql<{ n: number }>`SELECT reltuples::float8 AS n FROM pg_class WHERE relname = ${t} AND relnamespace = 'public'::regnamespace`.execute(database.db)).rows[0].n;

  it('analyses a table never analysed, then one that has grown, and leaves the rest alone', async () => {
    const db = database.db;
    await sql`CREATE TABLE stat_probe (id int PRIMARY KEY, label text NOT NULL) WITH (autovacuum_enabled = false)`.execute(db);
    expect(await staleTables(db)).toContain('stat_probe');
    const first = await analyseStale(db);
    expect(first).toContain('stat_probe');
    expect(await staleTables(db)).toEqual([]);
    expect(await reltuples('stat_probe')).toBe(0);

    await sql`INSERT INTO stat_probe SELECT g, repeat('两新', 20) FROM generate_series(1, 20000) g`.execute(db);
    expect(await staleTables(db)).toEqual(['stat_probe']);
    expect(await analyseStale(db)).toEqual(['stat_probe']);
    expect(await reltuples('stat_probe')).toBeGreaterThan(15_000);
    expect(await staleTables(db)).toEqual([]);

    // A tenth more is not yet stale: the threshold is growth, not every write.
    await sql`INSERT INTO stat_probe SELECT g, 'x' FROM generate_series(20001, 22000) g`.execute(db);
    expect(await staleTables(db)).toEqual([]);
    await sql`DROP TABLE stat_probe`.execute(db);
  });
});
