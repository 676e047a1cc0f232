import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { prepareFileImport } from '../../src/core/import/import-file.service.js';
import { openEnterpriseFile } from '../../src/core/import/read-enterprise-file.js';
import { readEnterpriseFileOnThread } from '../../src/core/import/reader-thread.js';
import type { Database } from '../../src/db/database.js';
import { AppError } from '../../src/domain/errors.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { code, seedRegions } from '../factories/enterprise.js';

/**
 * A large file is read on a worker thread (src/core/import/reader-thread.ts). The import must not
 * be able to tell: the same file imported with the reader on a thread and in-thread, into two
 * databases, gives the same result, the same rejected rows with the same codes and Chinese
 * messages, the same ledger and the same stored hashes — on a first import and on a re-import that
 * skips known lines, with repeats straddling the thread's batches (2,000 items each).
 */
describe(`the reader thread changes nothing an import does on ${testEngine()}`, () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-reader-thread-'));
  const admin = systemActor('test');
  const HEADER = '统一社会信用代码,企业名称,成立日期,从业人数,属地区划代码';
  const ROWS = 4500;
  const line = (n: number, employees = 10 + (n % 90)) =>
    `${code(n)},北京测试${n}号科技有限公司,2019-03-01,${employees},${n % 2 ? '110101001000' : '110102001000'}`;
  const first: string[] = [];
  for (let n = 1; n <= ROWS; n++) {
    if (n === 1500) first.push(`${code(n).slice(0, 17)}X,错误校验码有限公司,2019-03-01,5,110101001000`);
    else if (n === 2600) first.push(`${code(n)},,2019-03-01,5,110101001000`);
    else if (n === 3100) first.push(`${code(n)},北京测试${n}号科技有限公司,2019-13-45,5,110101001000`);
    else first.push(line(n));
  }
  first.push(line(1999)); // an identical repeat across a batch boundary: merged
  first.push(line(2001, 7)); // a conflicting repeat: both rows rejected, naming each other
  const again = first.map((l, i) => (i % 97 === 5 ? line(i + 1, 200 + (i % 50)) : l));
  again.push(line(ROWS + 1), line(3)); // a new enterprise, and a repeat of a line the ledger knows

  const write = (name: string, lines: string[]) => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, [HEADER, ...lines].join('\r\n') + '\r\n');
    return file;
  };
  let inThread: Database;
  let onThread: Database;
  beforeAll(async () => {
    inThread = await createTestDatabase();
    onThread = await createTestDatabase();
    await seedRegions(inThread.db);
    await seedRegions(onThread.db);
  });
  afterAll(async () => {
    await inThread?.close();
    await onThread?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function importBoth(file: string) {
    const results = [];
    for (const [database, mode] of [[inThread, 'off'], [onThread, 'on']] as const) {
      const before = process.env.LX_IMPORT_READER_THREAD;
      process.env.LX_IMPORT_READER_THREAD = mode;
      try {
        const prepared = await prepareFileImport(database, admin, { path: file, fileName: path.basename(file), source: 'thread', dryRun: false });
        const { importId: _id, ...result } = await prepared.run();
        const errors = await database.db.selectFrom('import_row_error').select(['row', 'column', 'code', 'message'])
          .where('import_id', '=', _id).orderBy('row').orderBy('code').execute();
        results.push({ result, errors });
      } finally {
        if (before === undefined) delete process.env.LX_IMPORT_READER_THREAD;
        else process.env.LX_IMPORT_READER_THREAD = before;
      }
    }
    return results;
  }
  const ledger = async (database: Database) =>
    (await database.db.selectFrom('enterprise').select(['credit_code', 'name', 'employee_count', 'founded_on', 'region_code', 'placement', 'facts_hash', 'source_row_hash', 'version'])
      .orderBy('credit_code').execute()).map((r) => ({ ...r, source_row_hash: r.source_row_hash ? Buffer.from(r.source_row_hash).toString('hex') : null }));

  it('imports a first file the same way', async () => {
    const [a, b] = await importBoth(write('first.csv', first));
    expect(a!.result).toMatchObject({ rows: ROWS + 2, rejected: 5, merged: 1 });
    expect(b).toEqual(a);
    expect(a!.errors.map((e) => e.code)).toEqual(expect.arrayContaining(['CREDIT_CODE_CHECK', 'DUPLICATE_CONFLICT']));
    expect(await ledger(onThread)).toEqual(await ledger(inThread));
  });

  it('re-imports a changed file the same way, skipping the known lines', async () => {
    const [a, b] = await importBoth(write('again.csv', again));
    expect(a!.result.created).toBeGreaterThan(0);
    expect(a!.result.updated).toBeGreaterThan(40);
    expect(a!.result.unchanged).toBeGreaterThan(4000);
    expect(b).toEqual(a);
    expect(await ledger(onThread)).toEqual(await ledger(inThread));
  });

  it('refuses a file from the thread with the same AppError (code and Chinese message) as in-thread', async () => {
    // A header without 统一社会信用代码: refused before any row (FILE_MISSING_COLUMNS or the like).
    const file = path.join(tmp, 'missing-column.csv');
    fs.writeFileSync(file, '企业名称,住所,从业人数\r\n北京测试1号科技有限公司,北京市东城区,5\r\n');
    const here = await openEnterpriseFile(file).then(() => null, (e: unknown) => e);
    expect(here).toBeInstanceOf(AppError);
    const there = await (async () => {
      for await (const _ of readEnterpriseFileOnThread(file)) { /* the refusal comes before any item */ }
    })().then(() => null, (e: unknown) => e);
    expect(there).toBeInstanceOf(AppError);
    expect({ code: (there as AppError).code, message: (there as AppError).message }).toEqual({ code: (here as AppError).code, message: (here as AppError).message });
  });
});
