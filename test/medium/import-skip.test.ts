import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '../../src/core/access/actor.js';
import { prepareFileImport } from '../../src/core/import/import-file.service.js';
import type { Database } from '../../src/db/database.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { code, seedRegions, userActor } from '../factories/enterprise.js';

/**
 * Re-imports skip rows whose raw line the ledger already holds (enterprise.source_row_hash) without
 * parsing them. These tests pin that the skip changes nothing a user can see: the counts, the
 * repeat rules, the scope rule and the stored facts are what a full parse would give.
 */
describe(`re-import skips unchanged lines on ${testEngine()}`, () => {
  let database: Database;
  const admin = systemActor('test');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-skip-'));
  const HEADER = '统一社会信用代码,企业名称,从业人数,属地区划代码';
  const line = (n: number, employees = 10 + n, region = n <= 6 ? '110101001000' : '110102001000') =>
    `${code(n)},北京测试${n}号科技有限公司,${employees},${region}`;
  const base = Array.from({ length: 8 }, (_, i) => line(i + 1));

  let fileNo = 0;
  async function importLines(lines: string[], opts: { actor?: Actor; encoding?: 'gb18030'; header?: string } = {}) {
    const file = path.join(tmp, `f${++fileNo}.csv`);
    const text = [opts.header ?? HEADER, ...lines].join('\r\n') + '\r\n';
    fs.writeFileSync(file, opts.encoding ? iconv.encode(text, opts.encoding) : text);
    const prepared = await prepareFileImport(database, opts.actor ?? admin, { path: file, fileName: path.basename(file), source: 'skip', dryRun: false });
    return prepared.run();
  }
  const versions = async () =>
    Object.fromEntries((await database.db.selectFrom('enterprise').select(['credit_code', 'version', 'employee_count']).execute())
      .map((r) => [r.credit_code, [r.version, r.employee_count]]));
  const storedHashes = async () =>
    (await database.db.selectFrom('enterprise').select(['credit_code', 'source_row_hash']).orderBy('credit_code').execute())
      .map((r) => `${r.credit_code}:${r.source_row_hash ? Buffer.from(r.source_row_hash).toString('hex') : '-'}`);

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedRegions(database.db);
    const first = await importLines(base);
    expect(first).toMatchObject({ rows: 8, created: 8, rejected: 0 });
  });
  afterAll(async () => {
    await database?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('stores one 8-byte source hash per imported enterprise', async () => {
    const rows = await database.db.selectFrom('enterprise').select('source_row_hash').execute();
    expect(rows).toHaveLength(8);
    expect(rows.every((r) => r.source_row_hash?.length === 8)).toBe(true);
    expect(new Set(rows.map((r) => Buffer.from(r.source_row_hash!).toString('hex'))).size).toBe(8);
  });

  it("records the file's SHA-256 (computed on a worker thread) on the batch and in the audit", async () => {
    const r = await importLines(base);
    const file = path.join(tmp, `f${fileNo}.csv`);
    const expected = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    const batch = await database.db.selectFrom('import_batch').select('file_sha256').where('id', '=', r.importId).executeTakeFirstOrThrow();
    expect(batch.file_sha256).toBe(expected);
    const audit = await database.db.selectFrom('audit_event').select('after').where('entity', '=', 'import_batch')
      .where('entity_id', '=', r.importId).executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ sha256: expected });
  });

  it('reports an identical file as unchanged and writes nothing', async () => {
    const before = { v: await versions(), h: await storedHashes() };
    const r = await importLines(base);
    expect(r).toMatchObject({ rows: 8, created: 0, updated: 0, unchanged: 8, merged: 0, rejected: 0 });
    expect({ v: await versions(), h: await storedHashes() }).toEqual(before);
  });

  it('does not even parse a known line (a damaged stored facts hash stays as it is)', async () => {
    // Were the line parsed, the facts hash comparison would find the difference and rewrite it.
    await database.db.updateTable('enterprise').set({ facts_hash: 'damaged' }).where('credit_code', '=', code(2)).execute();
    expect(await importLines(base)).toMatchObject({ rows: 8, unchanged: 8, updated: 0 });
    const row = await database.db.selectFrom('enterprise').select('facts_hash').where('credit_code', '=', code(2)).executeTakeFirstOrThrow();
    expect(row.facts_hash).toBe('damaged');
    // A line that differs in one byte is parsed: the hash is repaired without a new version.
    const changed = [...base];
    changed[1] = changed[1]!.replace('有限公司,', '有限公司 ,');
    expect(await importLines(changed)).toMatchObject({ rows: 8, unchanged: 8, updated: 0 });
    const repaired = await database.db.selectFrom('enterprise').select(['facts_hash', 'version']).where('credit_code', '=', code(2)).executeTakeFirstOrThrow();
    expect(repaired).toMatchObject({ version: 1 });
    expect(repaired.facts_hash).not.toBe('damaged');
    expect(await importLines(base)).toMatchObject({ rows: 8, unchanged: 8 });
  });

  it('skips known rows of an XLSX file by their cells', async () => {
    const file = path.join(tmp, 'skip.xlsx');
    const write = async (rows: string[]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('名录');
      ws.addRow(HEADER.split(','));
      for (const r of rows) ws.addRow(r.split(','));
      await wb.xlsx.writeFile(file);
    };
    const run = async () => (await prepareFileImport(database, admin, { path: file, fileName: 'skip.xlsx', source: 'skip', dryRun: false })).run();
    await write(base);
    expect(await run()).toMatchObject({ rows: 8, unchanged: 8, updated: 0 }); // cells hash differently from CSV bytes: parsed, re-hashed
    await database.db.updateTable('enterprise').set({ facts_hash: 'damaged' }).where('credit_code', '=', code(6)).execute();
    expect(await run()).toMatchObject({ rows: 8, unchanged: 8, updated: 0 });
    const row = await database.db.selectFrom('enterprise').select('facts_hash').where('credit_code', '=', code(6)).executeTakeFirstOrThrow();
    expect(row.facts_hash).toBe('damaged'); // skipped unread
    await importLines(base.map((l) => l.replace('有限公司,', '有限公司 ,'))); // repair: parsed again, hash rewritten
    await importLines(base);
  });

  it('parses only the changed line, and a changed line is updated', async () => {
    const changed = [...base];
    changed[2] = line(3, 99);
    const r = await importLines(changed);
    expect(r).toMatchObject({ rows: 8, created: 0, updated: 1, unchanged: 7, rejected: 0, updatedFacts: { employeeCount: 1 } });
    expect((await versions())[code(3)]).toEqual([2, 99]);
    base[2] = line(3, 99);
  });

  it('counts an identical repeat of a skipped line as merged', async () => {
    const r = await importLines([...base, base[0]!]);
    expect(r).toMatchObject({ rows: 9, created: 0, updated: 0, unchanged: 8, merged: 1, rejected: 0 });
  });

  it('rejects a skipped line and a different line of the same credit code, naming both rows, in either order', async () => {
    for (const order of ['old-first', 'new-first'] as const) {
      const before = await versions();
      const other = line(5, 777);
      const lines = order === 'old-first' ? [...base, other] : [other, ...base];
      const r = await importLines(lines);
      expect(r).toMatchObject({ rows: 9, created: 0, updated: 0, unchanged: 7, rejected: 2 });
      const rows = r.errors.map((e) => [e.row, e.code]).sort();
      const oldRow = order === 'old-first' ? 6 : 7;
      const newRow = order === 'old-first' ? 10 : 2;
      expect(rows).toEqual([[oldRow, 'DUPLICATE_CONFLICT'], [newRow, 'DUPLICATE_CONFLICT']].sort());
      expect(r.errors.find((e) => e.row === newRow)?.message).toContain(`第 ${oldRow} 行`);
      expect(await versions()).toEqual(before);
    }
  });

  it('merges a reworded line with the same facts into its skipped twin', async () => {
    // Same facts, different bytes: the name's trailing space is trimmed away.
    const twin = line(4).replace('有限公司,', '有限公司 ,');
    expect(twin).not.toBe(base[3]);
    const r = await importLines([...base, twin]);
    expect(r).toMatchObject({ rows: 9, updated: 0, unchanged: 8, merged: 1, rejected: 0 });
  });

  it('re-reads lines whose bytes changed but facts did not, then skips them next time', async () => {
    const reordered = base.map((l) => l.split(',')).map(([c, n, e, r]) => [n, c, r, e].join(','));
    const before = await versions();
    const hashesBefore = await storedHashes();
    const r = await importLines(reordered, { header: '企业名称,统一社会信用代码,属地区划代码,从业人数' });
    expect(r).toMatchObject({ rows: 8, created: 0, updated: 0, unchanged: 8, rejected: 0 });
    expect(await versions()).toEqual(before); // no version, no history
    const hashesAfter = await storedHashes();
    expect(hashesAfter.filter((h, i) => h !== hashesBefore[i])).toHaveLength(8);
    // The same reordered file again: every line is now known (nothing staged, hashes kept).
    const again = await importLines(reordered, { header: '企业名称,统一社会信用代码,属地区划代码,从业人数' });
    expect(again).toMatchObject({ rows: 8, unchanged: 8 });
    expect(await storedHashes()).toEqual(hashesAfter);
  });

  it('treats the same text in another encoding as unread bytes but unchanged facts', async () => {
    const r = await importLines(base, { encoding: 'gb18030' });
    expect(r).toMatchObject({ rows: 8, created: 0, updated: 0, unchanged: 8, rejected: 0 });
    const back = await importLines(base);
    expect(back).toMatchObject({ rows: 8, unchanged: 8 });
  });

  it('still rejects an unchanged line of an enterprise outside the importer scope', async () => {
    const township = userActor('900', 'township_officer', ['110101001']);
    const r = await importLines(base, { actor: township });
    // 1–6 are in 东华门街道 (skipped as known); 7 and 8 are in another county.
    expect(r).toMatchObject({ rows: 8, unchanged: 6, rejected: 2 });
    expect(r.errors.map((e) => [e.row, e.code]).sort()).toEqual([[8, 'OUT_OF_SCOPE'], [9, 'OUT_OF_SCOPE']]);
  });
});
