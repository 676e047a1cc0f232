import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Database } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { copyLine } from '../../src/db/copy.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';

describe(`database on ${testEngine()}`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.close());

  it('migrations are applied once and re-running applies nothing', async () => {
    const again = await migrate(database.db);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toBeGreaterThan(0);
  });

  it('COPY loads rows with tabs, newlines, backslashes and nulls intact', async () => {
    await sql`CREATE TABLE copy_probe (a int, b text)`.execute(database.db);
    const rows: Array<[number, string | null]> = [[1, 'tab\there'], [2, 'line\nbreak'], [3, 'back\\slash'], [4, null], [5, '中文']];
    await database.copyLines('copy_probe', ['a', 'b'], rows.map((r) => copyLine(r)));
    const got = await sql<{ a: number; b: string | null }>`SELECT a, b FROM copy_probe ORDER BY a`.execute(database.db);
    expect(got.rows.map((r) => [r.a, r.b])).toEqual(rows);
  });

  it('a failed transaction leaves nothing behind', async () => {
    await expect(
      database.db.transaction().execute(async (tx) => {
        await tx.insertInto('park').values({ name: '测试园区' }).execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const parks = await database.db.selectFrom('park').selectAll().execute();
    expect(parks).toHaveLength(0);
  });
});
