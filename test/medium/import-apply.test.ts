import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Database } from '../../src/db/database.js';
import { systemActor, type Actor } from '../../src/core/access/actor.js';
import {
  applyEnterpriseItems, beginImport, recoverStaleImports, type ApplyOptions,
} from '../../src/core/import/import-enterprises.service.js';
import type { ApplyItem } from '../../src/core/import/import-items.js';
import { stageTable } from '../../src/core/import/import-stage.repository.js';
import { stageTableExists } from '../../src/core/import/import-batch.repository.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { asAsync, code, facts, rejectedItem, rowItem, seedRegions, userActor } from '../factories/enterprise.js';

describe(`import apply on ${testEngine()}`, () => {
  let database: Database;
  const admin = systemActor('test');
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedRegions(database.db);
  });
  afterAll(async () => database?.close());

  async function run(items: ApplyItem[], o: ApplyOptions & { dryRun?: boolean; actor?: Actor } = {}) {
    const actor = o.actor ?? admin;
    const id = await beginImport(database, actor, { fileName: 't.xlsx', fileSha256: 'f'.repeat(64), source: 'test', dryRun: !!o.dryRun });
    return applyEnterpriseItems(database, actor, id, asAsync(items), o);
  }
  const createdBy = async (importId: string) =>
    Number((await database.db.selectFrom('enterprise').select((eb) => eb.fn.countAll().as('n')).where('created_import_id', '=', importId).executeTakeFirstOrThrow()).n);
  const count = async (table: 'enterprise' | 'enterprise_change' | 'audit_event') =>
    Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const byCode = (c: string) => database.db.selectFrom('enterprise').selectAll().where('credit_code', '=', c).executeTakeFirstOrThrow();
  const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

  describe('first import, re-import, changes', () => {
    const base = range(1, 5).map((n) => facts(n));
    const items = () => [...base.map((f, i) => rowItem(i + 2, f)), rejectedItem(7)];

    it('a first import creates every valid row, reports the rejected one and audits each written batch and the file', async () => {
      const audits = await count('audit_event');
      const r = await run(items(), { batchSize: 2 });
      expect(r).toMatchObject({ rows: 6, created: 5, updated: 0, unchanged: 0, rejected: 1, merged: 0 });
      expect(r.errors).toEqual([{ row: 7, column: '统一社会信用代码', code: 'CREDIT_CODE_CHECK', message: '校验码不正确' }]);
      expect(await count('enterprise')).toBe(5);
      // A creation is recorded on the enterprise (created_import_id), not as a history row each.
      expect(await count('enterprise_change')).toBe(0);
      expect(await createdBy(r.importId)).toBe(5);
      expect(await count('audit_event')).toBe(audits + 4);
      const entries = await database.db.selectFrom('audit_event').select(['action', 'after']).where('entity_id', '=', r.importId).orderBy('seq').execute();
      expect(entries.map((a) => a.action)).toEqual(['enterprise.import_batch', 'enterprise.import_batch', 'enterprise.import_batch', 'enterprise.import']);
      expect(entries[0]!.after).toMatchObject({ file: 't.xlsx', sha256: 'f'.repeat(64), seq: 1, created: 2, updated: 0 });
      const e = await byCode(code(1));
      expect(e).toMatchObject({ name: '北京测试1号科技有限公司', region_code: '110101001000', placement: 'placed', employee_count: 11 });
      expect(e.initials).toBe('bjcs1hkjyxgs');
    });

    it('re-importing the same rows changes nothing and adds no history', async () => {
      const before = await byCode(code(3));
      const r = await run(items());
      expect(r).toMatchObject({ rows: 6, created: 0, updated: 0, unchanged: 5, rejected: 1 });
      expect(await count('enterprise')).toBe(5);
      expect(await count('enterprise_change')).toBe(0);
      const after = await byCode(code(3));
      expect(after.version).toBe(before.version);
      expect(after.updated_at).toEqual(before.updated_at);
    });

    it('a re-import with changes reports exactly the changed facts and the newly deregistered', async () => {
      const changed = [...base];
      changed[0] = { ...base[0], employeeCount: 99 };
      changed[1] = { ...base[1], operatingStatus: 'deregistered', address: '北京市东城区景山街道1号' };
      const r = await run(changed.map((f, i) => rowItem(i + 2, f)));
      expect(r).toMatchObject({ created: 0, updated: 2, unchanged: 3, rejected: 0 });
      expect(r.updatedFacts).toEqual({ employeeCount: 1, operatingStatus: 1, address: 1 });
      expect(r.deregistered.map((d) => d.creditCode)).toEqual([code(2)]);
      const history = await database.db.selectFrom('enterprise_change').select(['kind', 'changes'])
        .where('kind', '=', 'updated').orderBy('id').execute();
      expect(history.map((h) => h.changes)).toEqual([
        { employeeCount: [11, 99] },
        { operatingStatus: ['active', 'deregistered'], address: ['北京市东城区东华门街道2号', '北京市东城区景山街道1号'] },
      ]);
      expect((await byCode(code(1))).version).toBe(2);
      // No foreign key guards the history (migration 0012): each row names the enterprise it was written for.
      const mismatched = await sql<{ n: number }>`SELECT count(*)::int AS n FROM enterprise_change ch
        LEFT JOIN enterprise e ON e.id = ch.enterprise_id
        WHERE e.id IS NULL OR NOT (ch.changes -> 'employeeCount' ->> 1 IS NULL OR (ch.changes -> 'employeeCount' ->> 1)::int = e.employee_count)`.execute(database.db);
      expect(mismatched.rows[0]!.n).toBe(0);
    });

    it('facts that differ only in hash are unchanged (no history, no version)', async () => {
      const f = { ...base[2] };
      const r = await run([{ kind: 'row', row: 2, facts: f, factsHash: 'another-spelling' }]);
      expect(r).toMatchObject({ updated: 0, unchanged: 1 });
      expect((await byCode(code(3))).version).toBe(1);
    });
  });

  describe('repeats inside the file', () => {
    it('merges exact repeats and rejects conflicting ones, naming the other rows', async () => {
      const a = facts(101);
      const b = facts(102);
      const r = await run([rowItem(2, a), rowItem(3, b), rowItem(4, a), rowItem(5, { ...b, employeeCount: 1 }), rowItem(9, b)]);
      expect(r).toMatchObject({ rows: 5, created: 1, merged: 1, rejected: 3 });
      expect(r.errors.map((e) => [e.row, e.code])).toEqual([[3, 'DUPLICATE_CONFLICT'], [5, 'DUPLICATE_CONFLICT'], [9, 'DUPLICATE_CONFLICT']]);
      expect(r.errors[0].message).toContain('5、9');
      expect(r.errors[1].message).toContain('3、9');
      const none = await database.db.selectFrom('enterprise').select('id').where('credit_code', '=', code(102)).execute();
      expect(none).toHaveLength(0);
    });
  });

  describe('dry run', () => {
    it('reports what would change and writes nothing to the ledger', async () => {
      const before = { e: await count('enterprise'), h: await count('enterprise_change') };
      const r = await run([rowItem(2, facts(201)), rowItem(3, { ...facts(1), employeeCount: 5 })], { dryRun: true });
      expect(r).toMatchObject({ dryRun: true, created: 1, updated: 1, updatedFacts: { employeeCount: 1 } });
      expect({ e: await count('enterprise'), h: await count('enterprise_change') }).toEqual(before);
      const batch = await database.db.selectFrom('import_batch').select('status').where('id', '=', r.importId).executeTakeFirstOrThrow();
      expect(batch.status).toBe('dry_run');
    });
  });

  describe('a crash between batches', () => {
    it('leaves whole batches only; a re-run completes with no duplicates', async () => {
      const rows = range(301, 7).map((n, i) => rowItem(i + 2, facts(n)));
      await expect(run(rows, { batchSize: 3, afterBatch: (i) => { if (i === 0) throw new Error('killed'); } })).rejects.toThrow('killed');
      const failed = await database.db.selectFrom('import_batch').select(['id', 'status']).orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(failed.status).toBe('failed');
      expect(await stageTableExists(database.db, stageTable(failed.id))).toBe(false);
      const partial = await database.db.selectFrom('enterprise').select('id').where('credit_code', 'like', '91110101MA0003%').execute();
      expect(partial).toHaveLength(3);
      // The batch it kept was audited in its own transaction; the file's entry never came.
      const audited = await database.db.selectFrom('audit_event').select(['action', 'after']).where('entity_id', '=', failed.id).execute();
      expect(audited).toEqual([{ action: 'enterprise.import_batch', after: expect.objectContaining({ seq: 1, created: 3 }) }]);
      const r = await run(rows, { batchSize: 3 });
      expect(r).toMatchObject({ created: 4, unchanged: 3 });
      const all = await database.db.selectFrom('enterprise').select('credit_code').where('credit_code', 'like', '91110101MA0003%').execute();
      expect(all).toHaveLength(7);
    });

    it('a killed import (no heartbeat) is marked failed and its stage dropped', async () => {
      const id = await beginImport(database, admin, { fileName: 'k.csv', fileSha256: 'k', source: 'test', dryRun: false });
      await sql`CREATE UNLOGGED TABLE ${sql.table(stageTable(id))} (x int)`.execute(database.db);
      expect(await recoverStaleImports(database.db, -1000)).toContain(id);
      expect(await stageTableExists(database.db, stageTable(id))).toBe(false);
    });
  });

  describe('scope', () => {
    const township = () => userActor('900', 'township_officer', ['110101001']);

    it('rejects rows placed outside the importer scope and rows it cannot place', async () => {
      const r = await run([
        rowItem(2, facts(401)),
        rowItem(3, facts(402, { regionCode: '110102001000' })),
        rowItem(4, facts(403, { regionCode: null, address: null })),
      ], { actor: township() });
      expect(r).toMatchObject({ created: 1, rejected: 2 });
      expect(r.errors.map((e) => [e.row, e.code])).toEqual([[3, 'OUT_OF_SCOPE'], [4, 'OUT_OF_SCOPE']]);
    });

    it('never updates an existing enterprise outside the scope, nor moves one out of it', async () => {
      await run([rowItem(2, facts(404, { regionCode: '110101002000' }))]);
      const r = await run([
        rowItem(2, facts(404, { regionCode: '110101002000', employeeCount: 1 })),
        rowItem(3, facts(401, { regionCode: '110101002000' })),
      ], { actor: township() });
      expect(r).toMatchObject({ updated: 0, rejected: 2 });
      expect((await byCode(code(404))).employee_count).toBe(414);
      expect((await byCode(code(401))).region_code).toBe('110101001000');
    });

    it('refuses an actor without the import right', async () => {
      await expect(run([rowItem(2, facts(405))], { actor: userActor('901', 'instructor', ['11']) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });
  });

  describe('placement, parks and associations', () => {
    it('keeps a manual placement when the file names no region, and creates parks by name', async () => {
      await run([rowItem(2, facts(501, { regionCode: null, address: '北京市东城区建设路501号' }))]);
      const e = await byCode(code(501));
      expect(e).toMatchObject({ placement: 'pending', region_code: '110101000000' });
      await database.db.updateTable('enterprise').set({ placement: 'manual', region_code: '110101002000' }).where('id', '=', e.id).execute();
      const r = await run([rowItem(2, facts(501, { regionCode: null, address: '北京市东城区建设路501号', employeeCount: 3, parkName: '中关村东城园' }))]);
      expect(r).toMatchObject({ updated: 1, parksCreated: ['中关村东城园'] });
      expect(r.updatedFacts).toEqual({ employeeCount: 1, parkName: 1 });
      const after = await byCode(code(501));
      expect(after).toMatchObject({ placement: 'manual', region_code: '110101002000' });
      expect(after.park_id).not.toBeNull();
    });
  });
});
