import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { generateKeyringText, parseKeyring } from '../../src/core/crypto/keyring.js';
import { correctEnterprise } from '../../src/core/enterprise/enterprise-correct.service.js';
import { prepareFileImport } from '../../src/core/import/import-file.service.js';
import type { Database } from '../../src/db/database.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { code, seedRegions } from '../factories/enterprise.js';

/**
 * Issue 17 item 5: a registration import never overwrites a fact it does not carry (党员人数, 业主身份
 * absent from the file), and a corrected fact stays until the source file itself changes that
 * column's value for the enterprise. Real files through the real reader and writer, both engines.
 */
describe(`a registration import keeps corrections and facts it does not carry on ${testEngine()}`, () => {
  let database: Database;
  const admin = systemActor('test');
  const keyring = parseKeyring(generateKeyringText(), 'env', null);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-keep-'));
  let n = 0;
  const FULL = '统一社会信用代码,企业名称,从业人数,党员人数,业主身份,住所,属地区划代码';
  const SHORT = '统一社会信用代码,企业名称,从业人数,住所,属地区划代码';

  async function importText(header: string, lines: string[]) {
    const file = path.join(tmp, `f${++n}.csv`);
    fs.writeFileSync(file, [header, ...lines].join('\r\n') + '\r\n');
    const prepared = await prepareFileImport(database, admin, { path: file, fileName: path.basename(file), source: 'keep', dryRun: false });
    return prepared.run();
  }
  const row = async (c: string) => database.db.selectFrom('enterprise')
    .select(['id', 'employee_count', 'member_count', 'owner_profile', 'address', 'version']).where('credit_code', '=', c).executeTakeFirstOrThrow();
  const correct = async (c: string, values: Record<string, unknown>, reason = '实地走访核实') => {
    const r = await row(c);
    return correctEnterprise({ db: database.db, keyring: () => keyring }, admin, r.id, { version: r.version, reason, values });
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedRegions(database.db);
    const r = await importText(FULL, [
      `${code(1)},北京保留一号科技有限公司,50,3,党员,北京市东城区东华门街道一号,110101001000`,
      `${code(2)},北京保留二号科技有限公司,20,1,群众,北京市东城区东华门街道二号,110101001000`,
    ]);
    expect(r).toMatchObject({ created: 2, rejected: 0 });
  }, 300_000);
  afterAll(async () => {
    await database?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('a file without 党员人数 and 业主身份 leaves them as they are, while it still updates what it carries', async () => {
    const r = await importText(SHORT, [
      `${code(1)},北京保留一号科技有限公司,50,北京市东城区东华门街道一号（新址）,110101001000`,
      `${code(2)},北京保留二号科技有限公司,20,北京市东城区东华门街道二号,110101001000`,
    ]);
    expect(r).toMatchObject({ updated: 1, rejected: 0 });
    expect(r.updatedFacts).toEqual({ address: 1 });
    expect(await row(code(1))).toMatchObject({ member_count: 3, owner_profile: '党员', address: '北京市东城区东华门街道一号（新址）' });
    expect(await row(code(2))).toMatchObject({ member_count: 1, owner_profile: '群众' });
    const history = await database.db.selectFrom('enterprise_change').select('changes').where('enterprise_id', '=', (await row(code(1))).id).execute();
    expect(history.map((h) => Object.keys(h.changes as object))).toEqual([['address']]);
  });

  it('a corrected employee count survives re-imports that still carry the old value, with history of the correction', async () => {
    const detail = await correct(code(1), { employeeCount: 62 });
    expect(detail.employeeCount).toBe(62);
    expect(detail.history?.[0]).toMatchObject({ kind: 'corrected', source: 'manual', reason: '实地走访核实', changes: { employeeCount: [50, 62] } });
    expect(detail.corrections).toEqual([expect.objectContaining({ fact: 'employeeCount', label: '从业人数', source: 'manual' })]);
    // Same file as before but another column changed: the row is parsed and written, the count is not.
    const r = await importText(FULL, [
      `${code(1)},北京保留一号科技有限公司,50,3,党员,北京市东城区东华门街道一号（又新址）,110101001000`,
    ]);
    expect(r).toMatchObject({ updated: 1 });
    expect(r.updatedFacts).toEqual({ address: 1 });
    expect(await row(code(1))).toMatchObject({ employee_count: 62, member_count: 3 });
  });

  it('a file whose value for that column changes for this enterprise wins, and the correction is no longer held', async () => {
    const r = await importText(FULL, [
      `${code(1)},北京保留一号科技有限公司,70,3,党员,北京市东城区东华门街道一号（又新址）,110101001000`,
    ]);
    expect(r).toMatchObject({ updated: 1, updatedFacts: { employeeCount: 1 } });
    expect(await row(code(1))).toMatchObject({ employee_count: 70 });
    const held = await database.db.selectFrom('enterprise_fact_override').selectAll().where('enterprise_id', '=', (await row(code(1))).id).execute();
    expect(held).toEqual([]);
  });

  it('a corrected 党员人数 is kept by a file that says what the source said, and a dry run drops nothing', async () => {
    await correct(code(2), { memberCount: 4, ownerProfile: '党员' });
    const dry = await (await prepareFileImport(database, admin, {
      path: await writeFile(FULL, [`${code(2)},北京保留二号科技有限公司,21,1,群众,北京市东城区东华门街道二号,110101001000`]),
      fileName: 'dry.csv', source: 'keep', dryRun: true,
    })).run();
    expect(dry).toMatchObject({ updated: 1 });
    expect(await database.db.selectFrom('enterprise_fact_override').select('fact').where('enterprise_id', '=', (await row(code(2))).id).orderBy('fact').execute())
      .toEqual([{ fact: 'memberCount' }, { fact: 'ownerProfile' }]);
    const r = await importText(FULL, [`${code(2)},北京保留二号科技有限公司,21,1,群众,北京市东城区东华门街道二号,110101001000`]);
    expect(r.updatedFacts).toEqual({ employeeCount: 1 });
    expect(await row(code(2))).toMatchObject({ employee_count: 21, member_count: 4, owner_profile: '党员' });
  });

  async function writeFile(header: string, lines: string[]): Promise<string> {
    const file = path.join(tmp, `f${++n}.csv`);
    fs.writeFileSync(file, [header, ...lines].join('\r\n') + '\r\n');
    return file;
  }
});
