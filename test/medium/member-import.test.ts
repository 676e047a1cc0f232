import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { generateKeyringText, parseKeyring } from '../../src/core/crypto/keyring.js';
import { blindIndex, decryptPii } from '../../src/core/crypto/pii-cipher.js';
import { generateMembers } from '../../src/core/generator/members.js';
import { writeMemberFile } from '../../src/core/generator/members-file.js';
import { csvLine } from '../../src/core/generator/write-file.js';
import { importMembers, type MemberImportDeps } from '../../src/core/member-import/member-import.service.js';
import { writeMemberErrorReport } from '../../src/core/member-import/member-error-report.js';
import { idCheckChar } from '../../src/domain/id-number.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { actorWith, COMMUNITY_A1, COUNTY, seedEnterprise, seedRegions, TOWN_A, TOWN_B } from '../helpers/org-fixtures.js';
import ExcelJS from 'exceljs';

const townA = actorWith('township_officer', { regionPrefixes: ['330106001'] }, 'townA');
const townB = actorWith('township_officer', { regionPrefixes: ['330106002'] }, 'townB');
const county = actorWith('org_admin', { regionPrefixes: ['330106'] }, 'county');
const YEAR = 2026;
const TODAY = '2026-06-01';
const HEADER = ['姓名', '性别', '公民身份号码', '民族', '出生日期', '学历', '人员类别', '入党日期', '转正日期', '所在党支部', '工作单位', '工作岗位', '联系电话'];

const idNo = (body17: string) => body17 + idCheckChar(body17);

describe(`member roster import on ${testEngine()}`, { timeout: 300_000 }, () => {
  let database: Database;
  let deps: MemberImportDeps;
  let dir: string;
  const org: Record<string, string> = {};
  let enterpriseId = '';

  async function newOrg(name: string, region: string, mode: 'standalone' | 'joint' = 'standalone'): Promise<string> {
    const { id } = await database.db.insertInto('party_org').values({ name, org_type: 'branch', setup_mode: mode, region_code: region })
      .returning('id').executeTakeFirstOrThrow();
    await database.db.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
    return id;
  }
  function csv(name: string, rows: string[][]): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, ['党员信息导出', HEADER.join(','), ...rows.map((r) => csvLine(r).trimEnd())].join('\r\n'));
    return file;
  }
  const row = (id: string, orgName: string, extra: Partial<Record<string, string>> = {}) => {
    const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
    const v: Record<string, string> = {
      姓名: '张伟', 性别: Number(id[16]) % 2 ? '男' : '女', 公民身份号码: id, 民族: '汉族', 出生日期: birth, 学历: '大学本科',
      人员类别: '正式党员', 入党日期: '2010-07-01', 转正日期: '2011-07-01', 所在党支部: orgName, 工作单位: '', 工作岗位: '职员', 联系电话: '13800138000', ...extra,
    };
    return HEADER.map((h) => v[h] ?? '');
  };
  const members = async () => Number((await database.db.selectFrom('party_member').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const events = async () => Number((await database.db.selectFrom('party_member_event').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedRegions(database.db);
    const keyring = parseKeyring(generateKeyringText(), 'env', null);
    deps = { database, keyring: () => keyring };
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-member-import-'));
    org.a1 = await newOrg('北山甲支部', COMMUNITY_A1);
    org.a2 = await newOrg('北山乙支部', TOWN_A);
    org.b = await newOrg('西溪支部', TOWN_B);
    org.joint = await newOrg('跨街联合支部', TOWN_B, 'joint');
    await newOrg('同名支部', TOWN_A);
    await newOrg('同名支部', COMMUNITY_A1);
    enterpriseId = await seedEnterprise(database.db, { name: '北山测试科技有限公司', regionCode: COMMUNITY_A1 });
    // The joint branch of street B covers an enterprise of street A: street A sees it, never manages it.
    await database.db.insertInto('party_org_coverage').values({ org_id: org.joint, enterprise_id: enterpriseId, mode: 'joint', since: '2024-01-01' }).execute();
  }, 300_000);
  afterAll(async () => {
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports a generated roster (people sealed, region from the organisation, history, roster_since, audit); a re-run changes nothing', async () => {
    const gen = await writeMemberFile(path.join(dir, 'clean.xlsx'), generateMembers({ count: 40, seed: 7, orgs: ['北山甲支部', '北山乙支部'], year: YEAR }), { format: 'xlsx' });
    const first = await importMembers(deps, townA, gen.path, { today: TODAY });
    expect(first).toMatchObject({ applied: true, rows: 40, created: 40, updated: 0, unchanged: 0, rejected: 0, merged: 0, organisations: 2, rosterStarted: 2 });
    expect(await members()).toBe(40);
    expect(await events()).toBe(40);
    const people = await database.db.selectFrom('party_member as m').innerJoin('person as p', 'p.id', 'm.person_id').innerJoin('party_org as o', 'o.id', 'm.org_id')
      .select(['p.id_number_enc', 'p.id_number_index', 'p.phone_enc', 'p.region_code', 'o.region_code as org_region', 'm.source', 'p.ethnicity']).execute();
    for (const p of people) {
      expect(p.id_number_enc).not.toMatch(/\d{17}/);
      expect(blindIndex(deps.keyring(), 'id_number', decryptPii(deps.keyring(), p.id_number_enc ?? ''))).toBe(p.id_number_index);
      expect(p.id_number_index).toMatch(/^[0-9a-f]{64}$/);
      expect(p.phone_enc).toBeTruthy();
      expect(p.region_code).toBe(p.org_region);
      expect(p.source).toBe('import');
      expect(p.ethnicity).toBeTruthy();
    }
    const orgs = await database.db.selectFrom('party_org').select(['id', 'roster_since']).where('id', 'in', [org.a1, org.a2]).execute();
    expect(orgs.map((o) => o.roster_since)).toEqual([TODAY, TODAY]);
    const audit = await database.db.selectFrom('audit_event').select(['action', 'after']).where('entity_id', '=', first.importId).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].action).toBe('member.import');
    // The file's SHA-256 is hex and may hold 18 digits in a row by chance: the ID-number check skips it.
    const { sha256, ...rest } = audit[0].after as Record<string, unknown>;
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rest)).not.toMatch(/\d{17}[\dX]/);

    const again = await importMembers(deps, townA, gen.path, { today: '2026-07-01' });
    expect(again).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 40, rejected: 0, rosterStarted: 0 });
    expect(await members()).toBe(40);
    expect(await events()).toBe(40);
    const version = await database.db.selectFrom('party_member').select('version').where('version', '>', 1).execute();
    expect(version).toHaveLength(0);
  });

  it('updates a member of the same organisation with the changed fields in history; resolves 工作单位 to the ledger', async () => {
    const id = idNo('33010619850315123');
    const f1 = csv('one.csv', [row(id, '北山甲支部', { 工作单位: '别家公司' })]);
    expect(await importMembers(deps, townA, f1, { today: TODAY })).toMatchObject({ created: 1, rejected: 0 });
    const f2 = csv('one-changed.csv', [row(id, '北山甲支部', { 工作单位: '北山测试科技有限公司', 工作岗位: '车间主任', 联系电话: '13900139000' })]);
    const r = await importMembers(deps, townA, f2, { today: TODAY });
    expect(r).toMatchObject({ created: 0, updated: 1, unchanged: 0, rejected: 0 });
    const m = await database.db.selectFrom('party_member as m').innerJoin('person as p', 'p.id', 'm.person_id')
      .select(['m.id', 'm.post', 'm.enterprise_id', 'm.employer_name', 'm.version', 'p.version as pv', 'p.id_number_enc', 'p.phone_enc']).where('p.id_number_index', '=', blindIndex(deps.keyring(), 'id_number', id)).executeTakeFirstOrThrow();
    expect(m).toMatchObject({ enterprise_id: enterpriseId, employer_name: null, version: 2, pv: 2 });
    // Sealed values belong to their row (the seal step reads the file again and matches by position).
    expect(decryptPii(deps.keyring(), m.id_number_enc ?? '')).toBe(id);
    expect(decryptPii(deps.keyring(), m.phone_enc ?? '')).toBe('13900139000');
    const ev = await database.db.selectFrom('party_member_event').select(['kind', 'data']).where('member_id', '=', m.id).orderBy('id').execute();
    expect(ev.map((e) => e.kind)).toEqual(['created', 'updated']);
    const changes = (ev[1].data as { changes: Record<string, unknown> }).changes;
    expect(Object.keys(changes).sort()).toEqual(['employerName', 'enterpriseId', 'phone', 'post']);
    expect(changes.phone).toEqual({ changed: true });
    expect((await importMembers(deps, townA, f2, { today: TODAY })).unchanged).toBe(1);
  });

  it('a faulty roster: exactly the faulty rows are rejected with their codes, and nothing is applied (dry run too)', async () => {
    const gen = await writeMemberFile(path.join(dir, 'faulty.csv'), generateMembers({ count: 60, seed: 11, orgs: ['北山乙支部'], year: YEAR, withFaults: true }), { format: 'csv', encoding: 'gb18030' });
    expect(gen.faults.map((f) => f.kind).sort()).toEqual(['bad_check_char', 'birth_date_mismatch', 'confirmed_before_joined', 'duplicate_id', 'probationary_confirmed', 'unknown_org']);
    const before = { members: await members(), events: await events() };
    for (const dryRun of [true, false]) {
      const r = await importMembers(deps, townA, gen.path, { today: TODAY, dryRun });
      expect(r.applied).toBe(false);
      const rejectedRows = [...new Set(r.errors.map((e) => e.row))].sort((a, b) => a - b);
      expect(rejectedRows).toEqual(gen.rejectedRows);
      expect(r.rejected).toBe(gen.rejectedRows.length);
      for (const f of gen.faults) {
        expect(r.errors.filter((e) => e.row === f.row).map((e) => e.code)).toContain(f.code);
        if (f.duplicateOfRow) {
          const original = r.errors.find((e) => e.row === f.duplicateOfRow && e.code === 'DUPLICATE_IN_FILE');
          expect(original?.message).toContain(`第 ${f.row} 行`);
        }
      }
      expect(r.errors.every((e) => e.column && /[\u4e00-\u9fa5]/.test(e.message))).toBe(true);
      expect({ members: await members(), events: await events() }).toEqual(before);
      const batch = await database.db.selectFrom('import_batch').select(['status', 'kind']).where('id', '=', r.importId).executeTakeFirstOrThrow();
      expect(batch).toEqual({ status: 'failed', kind: 'members' });
    }
    const last = await database.db.selectFrom('import_batch').select('id').where('kind', '=', 'members').orderBy('id', 'desc').executeTakeFirstOrThrow();
    const out = path.join(dir, 'errors.xlsx');
    expect(await writeMemberErrorReport(database, last.id, gen.path, out)).toBe(gen.rejectedRows.length);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const text = JSON.stringify(wb.worksheets[0].getSheetValues());
    expect(text).toContain('错误原因');
    expect(text).not.toMatch(/\d{17}[\dX]/); // ID numbers are masked in the report
  });

  it('a dry run of a clean file counts what would happen and writes nothing', async () => {
    const gen = await writeMemberFile(path.join(dir, 'dry.csv'), generateMembers({ count: 15, seed: 99, orgs: ['北山乙支部'], year: YEAR }), { format: 'csv' });
    const before = await members();
    const r = await importMembers(deps, townA, gen.path, { today: TODAY, dryRun: true });
    expect(r).toMatchObject({ dryRun: true, applied: false, created: 15, rejected: 0 });
    expect(await members()).toBe(before);
  });

  it('a person is in one organisation: another street is refused without naming what it cannot see; one who sees names it', async () => {
    const id = idNo('33010619700101001');
    expect((await importMembers(deps, townA, csv('p1.csv', [row(id, '北山甲支部')]), { today: TODAY })).created).toBe(1);
    const blind = await importMembers(deps, townB, csv('p2.csv', [row(id, '西溪支部')]), { today: TODAY });
    expect(blind.errors).toEqual([expect.objectContaining({ row: 3, column: '公民身份号码', code: 'MEMBER_OF_OTHER_ORG' })]);
    expect(blind.errors[0].message).toContain('已在其他党组织');
    expect(blind.errors[0].message).not.toContain('北山');
    const seen = await importMembers(deps, county, csv('p3.csv', [row(id, '西溪支部')]), { today: TODAY });
    expect(seen.errors[0].code).toBe('MEMBER_OF_OTHER_ORG');
    expect(seen.errors[0].message).toContain('北山甲支部');
    expect(seen.errors[0].message).toContain('西溪支部');
  });

  it('cross-street: street A cannot load into street B, not even a joint branch it sees through a link; unknown and ambiguous names', async () => {
    const file = csv('cross.csv', [
      row(idNo('33010619800101002'), '西溪支部'),
      row(idNo('33010619800101003'), '跨街联合支部'),
      row(idNo('33010619800101004'), '没有这个支部'),
      row(idNo('33010619800101005'), '同名支部'),
    ]);
    const r = await importMembers(deps, townA, file, { today: TODAY });
    expect(r.errors.map((e) => [e.row, e.code])).toEqual([[3, 'ORG_UNKNOWN'], [4, 'ORG_UNKNOWN'], [5, 'ORG_UNKNOWN'], [6, 'ORG_AMBIGUOUS']]);
    const text = (name: string) => r.errors.find((e) => e.message.includes(name))?.message.replace(name, 'X');
    expect(text('西溪支部')).toBe(text('没有这个支部'));
    expect(text('跨街联合支部')).toBe(text('没有这个支部'));
    const own = await importMembers(deps, townB, csv('own.csv', [row(idNo('33010619800101002'), '跨街联合支部')]), { today: TODAY });
    expect(own).toMatchObject({ created: 1, rejected: 0 });
    const countyWide = await importMembers(deps, county, csv('county.csv', [row(idNo('33010619800101006'), '西溪支部')]), { today: TODAY });
    expect(countyWide.created).toBe(1);
    expect(COUNTY).toBe('330106000000');
  });
});
