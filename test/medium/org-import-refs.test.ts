import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { systemActor } from '../../src/core/access/actor.js';
import { generateKeyringText, parseKeyring } from '../../src/core/crypto/keyring.js';
import { idNumberIndexOf } from '../../src/core/person/person-input.js';
import { runOrgImport, type OrgImportDeps } from '../../src/core/org-import/org-import.service.js';
import { rowErrorsOf } from '../../src/core/org-import/row-refs.js';
import { TEMPLATES, type OrgImportKind } from '../../src/core/org-import/templates.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { actorWith, COMMUNITY_A1, seedEnterprise, seedRegions, TOWN_A, TOWN_B } from '../helpers/org-fixtures.js';
import { createOrg } from '../../src/core/party-org/party-org.service.js';

/**
 * Issue 11 (small ones), item 7: every reference in an organisation import row is checked per row —
 * a bad one is a row error (row, column, stable code, Chinese message), never a database error that
 * refuses the file — and people an import creates get a registration region.
 */
const admin = systemActor('tester');
const UNKNOWN = '330106999000'; // well-formed, not in the region dictionary
const HAN = /[\u4e00-\u9fff]/;
const ID_POS = '110105199003071239';
const ID_INS = '11010519491231002X';

describe(`organisation import references on ${testEngine()}`, () => {
  let database: Database;
  let deps: OrgImportDeps;
  let dir: string;
  let creditCode: string;
  const keyring = parseKeyring(generateKeyringText(), 'env', null);

  async function xlsx(name: string, kind: OrgImportKind, rows: Array<Record<string, string>>): Promise<string> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据');
    ws.addRow(TEMPLATES[kind].map((c) => c.label));
    for (const r of rows) ws.addRow(TEMPLATES[kind].map((c) => r[c.key] ?? ''));
    const file = path.join(dir, name);
    await wb.xlsx.writeFile(file);
    return file;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedRegions(database.db);
    deps = { db: database.db, keyring: () => keyring };
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-org-refs-'));
    const id = await seedEnterprise(database.db, { regionCode: COMMUNITY_A1, memberCount: 3 });
    creditCode = (await database.db.selectFrom('enterprise').select('credit_code').where('id', '=', id).executeTakeFirstOrThrow()).credit_code;
  });
  afterAll(async () => {
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const expectRowError = (errors: Array<{ row: number; column: string | null; code: string; message: string }>, row: number, column: string, code: string) => {
    const e = errors.find((x) => x.row === row && x.code === code);
    expect(e, JSON.stringify(errors)).toMatchObject({ row, column, code });
    expect(e!.message).toMatch(HAN);
    expect(e!.message).not.toMatch(/violates|constraint|foreign key|insert or update/i);
  };

  it('orgs and unions: an unknown region code is a row error and the other rows apply', async () => {
    const orgs = await xlsx('orgs.xlsx', 'orgs', [
      { name: '无此区划党支部', orgType: '党支部', setupMode: '单独组建', regionCode: UNKNOWN },
      { name: '有效党支部', orgType: '党支部', setupMode: '单独组建', regionCode: TOWN_A },
      { name: '上级不存在党支部', orgType: '党支部', setupMode: '单独组建', regionCode: TOWN_A, parent: '没有这个党委' },
    ]);
    const r = await runOrgImport(deps, admin, 'orgs', orgs);
    expect(r).toMatchObject({ created: 1, rejected: 2 });
    expectRowError(r.errors, 2, '属地区划代码', 'UNKNOWN_REGION');
    expectRowError(r.errors, 4, '上级党组织', 'ORG_NOT_FOUND');

    const unions = await xlsx('unions.xlsx', 'unions', [
      { name: '无此区划工会', kind: '独立工会', regionCode: UNKNOWN },
      { name: '有效工会', kind: '独立工会', regionCode: TOWN_B },
    ]);
    const u = await runOrgImport(deps, admin, 'unions', unions);
    expect(u).toMatchObject({ created: 1, rejected: 1 });
    expectRowError(u.errors, 2, '属地区划代码', 'UNKNOWN_REGION');
  });

  it('positions: the person created gets the organisation\'s region; an unknown region is a row error', async () => {
    const file = await xlsx('pos.xlsx', 'positions', [
      { orgName: '有效党支部', orgRegion: UNKNOWN, personName: '钱七', idNumber: ID_POS, position: '委员', since: '2024-01-01' },
      { orgName: '有效党支部', personName: '钱七', idNumber: ID_POS, position: '委员', since: '2024-01-01' },
    ]);
    const r = await runOrgImport(deps, admin, 'positions', file);
    expect(r).toMatchObject({ created: 1, rejected: 1 });
    expectRowError(r.errors, 2, '属地区划代码', 'UNKNOWN_REGION');
    const person = await database.db.selectFrom('person').select('region_code')
      .where('id_number_index', '=', idNumberIndexOf(keyring, ID_POS)).executeTakeFirstOrThrow();
    expect(person.region_code).toBe(TOWN_A);
  });

  it('assignments: the person created gets the instructor\'s region; unknown region and enterprise are row errors', async () => {
    const file = await xlsx('assign.xlsx', 'assignments', [
      { personName: '周指导', idNumber: ID_INS, kind: '党建指导员', regionCode: UNKNOWN, creditCode, since: '2024-01-01' },
      { personName: '周指导', idNumber: ID_INS, kind: '党建指导员', regionCode: TOWN_A, creditCode: '91330106NOTEXIST00', since: '2024-01-01' },
      { personName: '周指导', idNumber: ID_INS, kind: '党建指导员', regionCode: TOWN_A, creditCode, since: '2024-01-01' },
    ]);
    const r = await runOrgImport(deps, admin, 'assignments', file);
    expect(r).toMatchObject({ created: 1, rejected: 2 });
    expectRowError(r.errors, 2, '所属区划代码', 'UNKNOWN_REGION');
    expectRowError(r.errors, 3, '企业统一社会信用代码', 'ENTERPRISE_NOT_FOUND');
    const person = await database.db.selectFrom('person').select('region_code')
      .where('id_number_index', '=', idNumberIndexOf(keyring, ID_INS)).executeTakeFirstOrThrow();
    expect(person.region_code).toBe(TOWN_A);
  });

  it('an import links a person named by full ID number even when registered in another street; a secretary adds members by import', async () => {
    const db = database.db;
    const townA = actorWith('township_officer', { regionPrefixes: ['330106001'] }, 'townA');
    const org = await createOrg(db, admin, { name: '北山甲公司党支部', orgType: 'branch', setupMode: 'standalone', regionCode: TOWN_A });
    // 钱七 (ID_POS) was registered in TOWN_A by the row above; register 郑八 in TOWN_B, unseen by street A
    const ID_B = '110105198001010008';
    const other = await runOrgImport(deps, admin, 'positions', await xlsx('b.xlsx', 'positions', [
      { orgName: '有效党支部', personName: '郑八', idNumber: ID_B, position: '委员', since: '2024-01-01' },
    ]));
    expect(other).toMatchObject({ created: 1, rejected: 0 });
    await db.updateTable('person').set({ region_code: TOWN_B }).where('id_number_index', '=', idNumberIndexOf(keyring, ID_B)).execute();
    const r = await runOrgImport(deps, townA, 'positions', await xlsx('a.xlsx', 'positions', [
      { orgName: '北山甲公司党支部', orgRegion: TOWN_A, personName: '郑八', idNumber: ID_B, position: '副书记', since: '2024-02-01' },
    ]));
    expect(r, JSON.stringify(r.errors)).toMatchObject({ created: 1, rejected: 0 });
    expect(await db.selectFrom('person').select('id').where('id_number_index', '=', idNumberIndexOf(keyring, ID_B)).execute()).toHaveLength(1);
    const secretary = actorWith('branch_secretary', { partyOrgIds: [org.id] }, 'secretary');
    const s = await runOrgImport(deps, secretary, 'positions', await xlsx('s.xlsx', 'positions', [
      { orgName: '北山甲公司党支部', orgRegion: TOWN_A, personName: '孙九', idNumber: '110105197506060006', position: '委员', since: '2024-03-01' },
    ]));
    expect(s, JSON.stringify(s.errors)).toMatchObject({ created: 1, rejected: 0 });
  });

  it('a constraint no check foresaw still rejects only the row, in Chinese, without the database text, naming the column it can', () => {
    const pgError = Object.assign(new Error('insert or update on table "x" violates foreign key constraint "x_fk"'), { code: '23503' });
    expect(rowErrorsOf(pgError, 7)).toEqual([{ row: 7, column: null, code: 'REFERENCE_NOT_FOUND', message: '填写的内容不存在，该行未导入' }]);
    expect(rowErrorsOf(Object.assign(new Error('value too long'), { code: '22001' }), 8)?.[0]).toMatchObject({ row: 8, code: 'TOO_LONG' });
    const check = Object.assign(new Error('new row violates check constraint'), { code: '23514', table: 'union_org', constraint: 'union_org_check' });
    expect(rowErrorsOf(check, 5)).toEqual([{ row: 5, column: '女会员数', code: 'VALUE_INVALID', message: '女会员数不能大于会员数，该行未导入' }]);
    expect(rowErrorsOf(Object.assign(new Error('connection terminated'), { code: '08006' }), 9)).toBeNull();
  });
});
