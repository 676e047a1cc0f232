import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { systemActor } from '../../src/core/access/actor.js';
import { generateKeyringText, parseKeyring } from '../../src/core/crypto/keyring.js';
import { runOrgImport, type OrgImportDeps } from '../../src/core/org-import/org-import.service.js';
import { templateXlsx } from '../../src/core/org-import/template-writer.js';
import { TEMPLATES, type OrgImportKind } from '../../src/core/org-import/templates.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { actorWith, COMMUNITY_A1, seedEnterprise, seedRegions, TOWN_A, TOWN_B } from '../helpers/org-fixtures.js';

const admin = systemActor('tester');
const ID1 = '110105199003071239';
const ID2 = '11010519491231002X';

async function xlsx(dir: string, name: string, kind: OrgImportKind, rows: Array<Record<string, string>>, title = true): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  if (title) ws.addRow(['某区党组织名册（2025年）']);
  const cols = TEMPLATES[kind];
  ws.addRow(cols.map((c) => c.label));
  for (const r of rows) ws.addRow(cols.map((c) => r[c.key] ?? ''));
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

describe(`organisation imports on ${testEngine()}`, () => {
  let database: Database;
  let deps: OrgImportDeps;
  let dir: string;
  const codes: string[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedRegions(database.db);
    const keyring = parseKeyring(generateKeyringText(), 'env', null);
    deps = { db: database.db, keyring: () => keyring };
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-org-import-'));
    for (const m of [1, 2, 0]) {
      const id = await seedEnterprise(database.db, { regionCode: COMMUNITY_A1, memberCount: m });
      codes.push((await database.db.selectFrom('enterprise').select('credit_code').where('id', '=', id).executeTakeFirstOrThrow()).credit_code);
    }
  });
  afterAll(async () => {
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports organisations with parents and coverage; bad rows are rejected with row, column and code; a re-run changes nothing', async () => {
    const rows: Array<Record<string, string>> = [
      { name: '北山街道综合党委', orgType: '基层党委', setupMode: '单独组建', regionCode: TOWN_A, foundedOn: '2020/5/1', fullMembers: '30' },
      { name: '北山社区联合党支部', orgType: '党支部', setupMode: '联合组建', parent: '北山街道综合党委', regionCode: COMMUNITY_A1, foundedOn: '2021年3月1日', fullMembers: '3', covered: `${codes[0]}、${codes[1]}` },
      { name: '坏行', orgType: '党小组', setupMode: '单独组建', regionCode: TOWN_A, foundedOn: '2021-13-01' },
      { name: '找不到企业党支部', orgType: '党支部', setupMode: '单独组建', regionCode: TOWN_A, foundedOn: '2021-01-01', covered: '91330106NOTEXIST00' },
    ];
    const file = await xlsx(dir, 'orgs.xlsx', 'orgs', rows);
    const dry = await runOrgImport(deps, admin, 'orgs', file, { dryRun: true });
    expect(dry).toMatchObject({ rows: 4, created: 2, rejected: 2, dryRun: true });
    expect(await database.db.selectFrom('party_org').select('id').execute()).toHaveLength(0);
    const report = path.join(dir, 'errors.xlsx');
    const first = await runOrgImport(deps, admin, 'orgs', file, { reportPath: report });
    expect(first).toMatchObject({ created: 2, updated: 0, unchanged: 0, rejected: 2 });
    expect(first.errors.map((e) => [e.row, e.column, e.code])).toEqual(expect.arrayContaining([
      [5, '组织类别', 'VALUE_UNKNOWN'], [5, '成立日期', 'DATE_INVALID'], [6, '覆盖企业统一社会信用代码', 'ENTERPRISE_NOT_FOUND'],
    ]));
    expect(fs.existsSync(report)).toBe(true);
    const joint = await database.db.selectFrom('party_org').selectAll().where('name', '=', '北山社区联合党支部').executeTakeFirstOrThrow();
    expect(joint.founded_on).toBe('2021-03-01');
    expect(joint.path.split('.')).toHaveLength(2);
    expect(await database.db.selectFrom('party_org_coverage').select('id').where('org_id', '=', joint.id).execute()).toHaveLength(2);
    const again = await runOrgImport(deps, admin, 'orgs', file);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2, rejected: 2 });
    const changed = await xlsx(dir, 'orgs2.xlsx', 'orgs', [{ ...rows[1]!, fullMembers: '4', covered: `${codes[0]}、${codes[1]}、${codes[2]}` }]);
    expect(await runOrgImport(deps, admin, 'orgs', changed)).toMatchObject({ updated: 1 });
    const history = await database.db.selectFrom('party_org_event').select('kind').where('org_id', '=', joint.id).orderBy('id').execute();
    expect(history.map((h) => h.kind)).toEqual(['created', 'coverage_added', 'coverage_added', 'adjusted', 'coverage_added']);
  });

  it('positions find people by ID number (encrypted), one secretary at a time, idempotent', async () => {
    const file = await xlsx(dir, 'pos.xlsx', 'positions', [
      { orgName: '北山社区联合党支部', personName: '张三', idNumber: ID1, position: '书记', since: '2021-03-01', until: '2024-03-01' },
      { orgName: '北山社区联合党支部', personName: '李四', idNumber: ID2, position: '书记', since: '2024-03-01' },
      { orgName: '北山社区联合党支部', personName: '王五', idNumber: '110105199003071230', position: '委员', since: '2024-03-01' },
      { orgName: '不存在的党支部', personName: '赵六', idNumber: ID1, position: '委员', since: '2024-03-01' },
    ], false);
    const r = await runOrgImport(deps, admin, 'positions', file);
    expect(r).toMatchObject({ created: 2, rejected: 2 });
    expect(r.errors.map((e) => e.code)).toEqual(['INVALID_ID_NUMBER', 'ORG_NOT_FOUND']);
    const people = await database.db.selectFrom('person').selectAll().execute();
    expect(JSON.stringify(people)).not.toContain(ID1);
    expect(await runOrgImport(deps, admin, 'positions', file)).toMatchObject({ created: 0, unchanged: 2 });
  });

  it('unions and instructor assignments import; scope applies to imports too', async () => {
    const u = await xlsx(dir, 'unions.xlsx', 'unions', [
      { name: '北山联合工会', kind: '联合工会', regionCode: COMMUNITY_A1, foundedOn: '2022-01-01', members: '40', femaleMembers: '12', hasCommittee: '是', covered: codes[0]! },
      { name: '女会员过多工会', kind: '独立工会', regionCode: TOWN_A, members: '3', femaleMembers: '5' },
    ]);
    expect(await runOrgImport(deps, admin, 'unions', u)).toMatchObject({ created: 1, rejected: 1 });
    const a = await xlsx(dir, 'assign.xlsx', 'assignments', [
      { personName: '孙指导', idNumber: ID2, kind: '党建指导员', regionCode: TOWN_A, creditCode: codes[2]!, since: '2024-01-01' },
    ]);
    expect(await runOrgImport(deps, admin, 'assignments', a)).toMatchObject({ created: 1 });
    expect(await runOrgImport(deps, admin, 'assignments', a)).toMatchObject({ unchanged: 1 });
    const townB = actorWith('township_officer', { regionPrefixes: ['330106002'] });
    const outside = await xlsx(dir, 'orgs-b.xlsx', 'orgs', [{ name: '越权党支部', orgType: '党支部', setupMode: '单独组建', regionCode: TOWN_A }]);
    expect((await runOrgImport(deps, townB, 'orgs', outside)).errors[0]?.code).toBe('OUT_OF_SCOPE');
    const inside = await xlsx(dir, 'orgs-b2.xlsx', 'orgs', [{ name: '西溪党支部', orgType: '党支部', setupMode: '单独组建', regionCode: TOWN_B }]);
    expect(await runOrgImport(deps, townB, 'orgs', inside)).toMatchObject({ created: 1 });
  });

  it('the template has every column, and an empty file says which headers are missing', async () => {
    const buf = await templateXlsx('orgs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(1).values).toContain('党组织名称*');
    const file = path.join(dir, 'template.xlsx');
    fs.writeFileSync(file, buf);
    expect(await runOrgImport(deps, admin, 'orgs', file)).toMatchObject({ rows: 0, created: 0 });
    const bad = await xlsx(dir, 'bad.xlsx', 'positions', []);
    await expect(runOrgImport(deps, admin, 'orgs', bad)).rejects.toMatchObject({ code: 'FILE_NO_HEADER' });
  });
});
