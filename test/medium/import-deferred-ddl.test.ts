import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { deferTableUpkeep, restoreAbandoned } from '../../src/core/import/deferred-ddl.js';
import { applyEnterpriseItems, beginImport, type ApplyOptions } from '../../src/core/import/import-enterprises.service.js';
import type { Database } from '../../src/db/database.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { asAsync, facts, rowItem, seedRegions } from '../factories/enterprise.js';

/**
 * A load that at least doubles the ledger drops its secondary indexes and builds them once at the
 * end (deferred-indexes.ts). Whatever happens, the ledger must end with exactly the indexes the
 * migrations define.
 */
describe(`deferred ledger indexes on ${testEngine()}`, () => {
  let database: Database;
  const admin = systemActor('test');
  let original: string[] = [];
  const indexes = async () =>
    (await sql<{ d: string }>`SELECT indexdef AS d FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'enterprise' ORDER BY indexname`
      .execute(database.db)).rows.map((r) => r.d);
  const foreignKeys = async () =>
    (await sql<{ d: string }>`SELECT conname || ' ' || pg_get_constraintdef(oid) AS d FROM pg_constraint
      WHERE conrelid = 'enterprise'::regclass AND contype = 'f' AND convalidated ORDER BY conname`.execute(database.db)).rows.map((r) => r.d);
  const schema = async () => ({ indexes: await indexes(), foreignKeys: await foreignKeys() });
  const deferredRows = async () => (await database.db.selectFrom('deferred_ddl').select('name').execute()).length;
  let originalKeys: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedRegions(database.db);
    original = await indexes();
    originalKeys = await foreignKeys();
    expect(original.length).toBeGreaterThan(5);
    expect(originalKeys.length).toBe(3); // region, park, association
  });
  afterAll(async () => database?.close());

  async function run(from: number, n: number, o: ApplyOptions = {}) {
    const id = await beginImport(database, admin, { fileName: 'bulk.csv', fileSha256: 'b'.repeat(64), source: 'test', dryRun: false });
    const items = Array.from({ length: n }, (_, i) => rowItem(i + 2, facts(from + i)));
    return { id, result: applyEnterpriseItems(database, admin, id, asAsync(items), { batchSize: 10, ...o }) };
  }

  it('loads a first import without secondary indexes and foreign keys, and restores them at the end', async () => {
    const during: Array<[number, number]> = [];
    const { result } = await run(1, 30, { bulkLoadFrom: 20, afterBatch: async () => void during.push([(await indexes()).length, (await foreignKeys()).length]) });
    expect(await result).toMatchObject({ created: 30 });
    expect(during).toEqual([[2, 0], [2, 0], [2, 0]]); // primary key and unique credit code only
    expect(await schema()).toEqual({ indexes: original, foreignKeys: originalKeys });
    expect(await deferredRows()).toBe(0);
  });

  it('finds a row that breaks a deferred foreign key when it restores the key', async () => {
    const id = await beginImport(database, admin, { fileName: 'bad.csv', fileSha256: 'c'.repeat(64), source: 'test', dryRun: false });
    await deferTableUpkeep(database.db, 'enterprise', id);
    await database.db.updateTable('enterprise').set({ region_code: '999999999999' }).where('credit_code', '=', facts(1).creditCode).execute();
    await expect(restoreAbandoned(database.db, 0)).rejects.toThrow(/foreign key|外键/);
    await database.db.updateTable('enterprise').set({ region_code: '110101001000' }).where('credit_code', '=', facts(1).creditCode).execute();
    await restoreAbandoned(database.db, 0);
    expect(await schema()).toEqual({ indexes: original, foreignKeys: originalKeys });
  });

  it('keeps the indexes when the load would not double the ledger', async () => {
    const during: number[] = [];
    const { result } = await run(101, 25, { bulkLoadFrom: 20, afterBatch: async () => void during.push((await indexes()).length) });
    expect(await result).toMatchObject({ created: 25 });
    expect(during.every((n) => n === original.length)).toBe(true);
  });

  it('builds them again when the import fails half way', async () => {
    const { result } = await run(201, 60, {
      bulkLoadFrom: 20,
      afterBatch: (i) => {
        if (i === 1) throw new Error('simulated crash');
      },
    });
    await expect(result).rejects.toThrow('simulated crash');
    expect(await schema()).toEqual({ indexes: original, foreignKeys: originalKeys });
    expect(await deferredRows()).toBe(0);
  });

  it('rebuilds what a killed import left dropped, but not while that import still runs', async () => {
    const id = await beginImport(database, admin, { fileName: 'killed.csv', fileSha256: 'k'.repeat(64), source: 'test', dryRun: false });
    const dropped = await deferTableUpkeep(database.db, 'enterprise', id);
    expect(dropped.length).toBe(original.length - 2 + originalKeys.length);
    expect(await restoreAbandoned(database.db, 60_000)).toEqual([]); // running, fresh heartbeat
    expect((await indexes()).length).toBe(2);
    expect((await restoreAbandoned(database.db, 0)).sort()).toEqual([...dropped].sort()); // now stale
    expect(await schema()).toEqual({ indexes: original, foreignKeys: originalKeys });
    expect(await deferredRows()).toBe(0);
  });
});
