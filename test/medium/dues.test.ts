import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { systemActor } from '../../src/core/access/actor.js';
import { loadKeyring, type Keyring } from '../../src/core/crypto/keyring.js';
import { importDuesPayments } from '../../src/core/dues/dues-import.service.js';
import { saveDuesSettings } from '../../src/core/dues/dues-settings.js';
import { getDuesStatement, getMyDues } from '../../src/core/dues/dues-statement.js';
import { listDuesLedger } from '../../src/core/dues/dues.query.js';
import { addDuesReduction, computeDuesMonth, recordDuesPayment, setDuesBasis } from '../../src/core/dues/dues.service.js';
import { addMember } from '../../src/core/member/member.service.js';
import { createOrg } from '../../src/core/party-org/party-org.service.js';
import { duesFor } from '../../src/domain/rules/member-dues.js';
import { idCheckChar } from '../../src/domain/id-number.js';
import { AppError } from '../../src/domain/errors.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { actorWith, seedRegions, TOWN_A, TOWN_B } from '../helpers/org-fixtures.js';

/**
 * A month of dues through the real writers (docs/dues.md), two streets: branch A (street A) and
 * branch B (street B). 王建国 was a member of B until 2026-08 and paid there; he moved to A. Street
 * A sees his earlier months (they are his), records nothing on them; street B sees its own months.
 */
const admin = systemActor('tester');
const townA = actorWith('township_officer', { regionPrefixes: ['330106001'] }, 'townA');
const townB = actorWith('township_officer', { regionPrefixes: ['330106002'] }, 'townB');
const idNo = (body: string) => body + idCheckChar(body);
const ID = { li: idNo('33010619800101123'), wang: idNo('33010619750505456'), zhao: idNo('33010619900909789'), farmer: idNo('33010619600606111') };

const codeOf = (p: Promise<unknown>) => p.then(() => 'OK', (e: unknown) => {
  if (e instanceof AppError) return e.details[0]?.code ?? e.code;
  throw e;
});

describe(`dues on ${testEngine()}`, () => {
  let database: Database;
  let keyring: Keyring;
  let dir: string;
  const ids = { a: '', b: '', li: '', wang: '', zhao: '', farmer: '' };
  const deps = () => ({ db: database.db, keyring });

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-dues-'));
    keyring = loadKeyring({ dataDir: dir, engine: 'pglite' }, () => {});
    const db = database.db;
    await seedRegions(db);
    ids.a = (await createOrg(db, admin, { name: '北山科技党支部', orgType: 'branch', setupMode: 'standalone', regionCode: TOWN_A })).id;
    ids.b = (await createOrg(db, admin, { name: '西溪贸易党支部', orgType: 'branch', setupMode: 'standalone', regionCode: TOWN_B })).id;
    const add = async (orgId: string, name: string, idNumber: string) =>
      (await addMember(deps(), admin, { orgId, name, idNumber, category: 'full', joinedOn: '2010-07-01', confirmedOn: '2011-07-01' })).id;
    ids.li = await add(ids.a, '李红梅', ID.li);
    ids.zhao = await add(ids.a, '赵志强', ID.zhao);
    ids.farmer = await add(ids.a, '孙桂兰', ID.farmer);
    ids.wang = await add(ids.b, '王建国', ID.wang);
    await setDuesBasis(db, townA, ids.li, { fromMonth: '2026-06', category: 'employed', baseFen: 500_000 }); // 5000元 → 1% (inclusive)
    await setDuesBasis(db, townA, ids.zhao, { fromMonth: '2026-06', category: 'employed', baseFen: 1_234_567 }); // 2% → 246.91元
    await setDuesBasis(db, townA, ids.farmer, { fromMonth: '2026-06', category: 'farmer' });
    await setDuesBasis(db, townB, ids.wang, { fromMonth: '2026-06', category: 'retired', baseFen: 500_001 });
    for (const m of ['2026-07', '2026-08']) {
      await computeDuesMonth(db, townB, { month: m, orgId: ids.b });
      const row = (await listDuesLedger(db, townB, { orgId: ids.b, month: m, limit: 50 })).items[0];
      await recordDuesPayment(db, townB, row.id, { version: row.version, amountFen: row.dueFen, paidOn: `${m}-20` });
    }
    await db.updateTable('party_member').set({ org_id: ids.a }).where('id', '=', ids.wang).execute(); // the transfer accepted
  });
  afterAll(async () => {
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('computes a month by the rule in force: brackets inclusive, integer fen, same as the pure rule', async () => {
    const r = await computeDuesMonth(database.db, townA, { month: '2026-11' });
    expect(r.rows).toBe(4);
    const page = await listDuesLedger(database.db, townA, { orgId: ids.a, month: '2026-11', limit: 50 });
    const due = Object.fromEntries(page.items.map((i) => [i.name, i.dueFen]));
    expect(due).toEqual({ 李红梅: 5000, 赵志强: 24691, 孙桂兰: 20, 王建国: 5000 });
    expect(due['赵志强']).toBe(duesFor({ category: 'employed', baseFen: 1_234_567 }, '2026-11').amountFen);
    expect(page.items.find((i) => i.name === '李红梅')!.basis).toBe('月工资收入3000元以上至5000元（含）按1%');
    expect(page.totals).toMatchObject({ members: 4, dueFen: 34711, paidFen: 0, arrearsFen: 34711 });
    expect(JSON.stringify(page)).not.toContain('member.dues');
    expect((await computeDuesMonth(database.db, townA, { month: '2026-11' })).rows).toBe(0); // again: nothing changes
  });

  it('records a payment by hand; a stale version is a conflict; racing payments: one wins', async () => {
    const page = await listDuesLedger(database.db, townA, { orgId: ids.a, month: '2026-11', limit: 50 });
    const li = page.items.find((i) => i.name === '李红梅')!;
    const paid = await recordDuesPayment(database.db, townA, li.id, { version: li.version, amountFen: 5000, paidOn: '2026-11-15' });
    expect(paid).toMatchObject({ paidFen: 5000, paidOn: '2026-11-15', method: 'hand', version: li.version + 1 });
    expect(await codeOf(recordDuesPayment(database.db, townA, li.id, { version: li.version, amountFen: 5000, paidOn: '2026-11-16' }))).toBe('VERSION_CONFLICT');
    const zhao = page.items.find((i) => i.name === '赵志强')!;
    const race = await Promise.allSettled([1, 2].map(() => recordDuesPayment(database.db, townA, zhao.id, { version: zhao.version, amountFen: 24691, paidOn: '2026-11-20' })));
    expect(race.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
    const after = (await listDuesLedger(database.db, townA, { orgId: ids.a, month: '2026-11', limit: 50 })).items.find((i) => i.name === '赵志强')!;
    expect(after.paidFen).toBe(24691);
    const audit = await database.db.selectFrom('audit_event').select('action').where('action', '=', 'dues.pay').execute();
    expect(audit).toHaveLength(4); // two at street B, two here
  });

  it('refuses back payment beyond six months, citing the rules in Chinese', async () => {
    await computeDuesMonth(database.db, townA, { month: '2026-06' });
    const row = (await listDuesLedger(database.db, townA, { orgId: ids.a, month: '2026-06', limit: 50 })).items.find((i) => i.name === '孙桂兰')!;
    const e = await recordDuesPayment(database.db, townA, row.id, { version: row.version, amountFen: 20, paidOn: '2027-01-05' }).catch((x: AppError) => x);
    expect(e).toBeInstanceOf(AppError);
    // A future day is refused first; a day past the limit within the past is the rule's refusal.
    const late = await codeOf(recordDuesPayment(database.db, townA, row.id, { version: row.version, amountFen: 20, paidOn: '2026-12-31' }));
    expect(['DATE_IN_FUTURE', 'BACKPAY_TOO_LATE']).toContain(late);
    const { assertBackPay } = await import('../../src/core/dues/dues.service.js');
    expect(() => assertBackPay('2026-03', '2026-10-01')).toThrow(/关于中国共产党党费收缴、使用和管理的规定/);
    expect(() => assertBackPay('2026-04', '2026-10-31')).not.toThrow();
  });

  it('two streets: A sees the months 王建国 paid at B and manages none of them; B sees its own, manages nothing now', async () => {
    const s = await getDuesStatement(database.db, townA, ids.wang, 2026);
    const jul = s.months.find((m) => m.month === '2026-07')!;
    expect(jul).toMatchObject({ orgName: '西溪贸易党支部', paidFen: 5000 });
    expect(await codeOf(recordDuesPayment(database.db, townA, jul.ledgerId!, { version: 2, amountFen: 1, paidOn: '2026-08-01' }))).toBe('NOT_MANAGED');
    const nov = s.months.find((m) => m.month === '2026-11')!;
    expect(await codeOf(recordDuesPayment(database.db, townB, nov.ledgerId!, { version: 1, amountFen: 5000, paidOn: '2026-11-30' }))).toBe('NOT_FOUND');
    expect((await listDuesLedger(database.db, townB, { orgId: ids.b, month: '2026-07', limit: 50 })).items).toHaveLength(1);
    expect(await codeOf(listDuesLedger(database.db, townB, { orgId: ids.a, month: '2026-11', limit: 50 }))).toBe('NOT_FOUND');
    expect(await codeOf(computeDuesMonth(database.db, townB, { month: '2026-11', orgId: ids.a }))).toBe('NOT_FOUND');
  });

  it('arrears and the six-month rule come from the pure rules; the member sees their own dues', async () => {
    const s = await getDuesStatement(database.db, townA, ids.farmer, 2026);
    expect(s.totals.arrearsFen).toBe(40);
    expect(s.findings.map((f) => f.title).join()).toMatch(/党费/);
    expect(s.findings[0].source).toMatch(/《/);
    const user = await database.db.insertInto('app_user').values({ username: 'sun', display_name: '孙桂兰', password_hash: 'x', person_id: (await database.db.selectFrom('party_member').select('person_id').where('id', '=', ids.farmer).executeTakeFirstOrThrow()).person_id } as never).returning('id').executeTakeFirstOrThrow();
    const me = actorWith('member', {}, 'sun');
    const mine = await getMyDues(database.db, { ...me, userId: user.id }, 2026);
    expect(mine.name).toBe('孙桂兰');
    expect(mine.months.find((m) => m.month === '2026-11')!.dueFen).toBe(20);
  });

  it('an approved reduction recomputes the open unpaid months; an unapproved one changes nothing', async () => {
    await addDuesReduction(database.db, townA, ids.farmer, { fromMonth: '2026-11', amountFen: 0 });
    let row = (await listDuesLedger(database.db, townA, { orgId: ids.a, month: '2026-11', limit: 50 })).items.find((i) => i.name === '孙桂兰')!;
    expect(row.dueFen).toBe(20);
    await addDuesReduction(database.db, townA, ids.farmer, { fromMonth: '2026-11', amountFen: 0, approvedOn: '2026-11-10', approvalRef: '西党〔2026〕5号' });
    row = (await listDuesLedger(database.db, townA, { orgId: ids.a, month: '2026-11', limit: 50 })).items.find((i) => i.name === '孙桂兰')!;
    expect(row).toMatchObject({ dueFen: 0, reduced: true });
    expect(row.basis).toMatch(/^经批准免交/);
  });

  it('imports a GBK CSV and an XLSX payment file: row errors with Excel rows, dry run, all or nothing, re-run changes nothing', async () => {
    const csv = path.join(dir, 'pay.csv');
    const header = '某银行代收党费明细\n姓名,公民身份号码,金额,缴费日期,所属月份\n';
    fs.writeFileSync(csv, iconv.encode(`${header}王建国,${ID.wang},50.00,2026-11-18,2026-11\n李红梅,${ID.li},abc,2026-11-18,2026-11\n`, 'gbk'));
    const bad = await importDuesPayments(deps(), townA, csv, { dryRun: false });
    expect(bad).toMatchObject({ rejected: 1, applied: 0, errors: [{ row: 4, column: '金额', code: 'INVALID_AMOUNT' }] });
    let wang = (await listDuesLedger(database.db, townA, { orgId: ids.a, month: '2026-11', limit: 50 })).items.find((i) => i.name === '王建国')!;
    expect(wang.paidFen).toBe(0);
    const xlsx = path.join(dir, 'pay.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('明细');
    ws.addRow(['党费缴纳明细（2026年11月）']);
    ws.addRow(['姓名', '身份证号', '金额（元）', '缴费日期', '所属月份']);
    ws.addRow(['王建国', ID.wang, '50', '2026/11/18', '2026年11月']);
    await wb.xlsx.writeFile(xlsx);
    expect(await importDuesPayments(deps(), townA, xlsx, { dryRun: true })).toMatchObject({ dryRun: true, rows: 1, rejected: 0, applied: 0 });
    expect(await importDuesPayments(deps(), townA, xlsx, { dryRun: false })).toMatchObject({ rows: 1, applied: 1, unchanged: 0 });
    expect(await importDuesPayments(deps(), townA, xlsx, { dryRun: false })).toMatchObject({ rows: 1, applied: 0, unchanged: 1 });
    wang = (await listDuesLedger(database.db, townA, { orgId: ids.a, month: '2026-11', limit: 50 })).items.find((i) => i.name === '王建国')!;
    expect(wang).toMatchObject({ paidFen: 5000, method: 'import', paidOn: '2026-11-18' });
    // Street B importing a payment for a month owed at A: refused row, nothing written.
    const other = await importDuesPayments(deps(), townB, xlsx, { dryRun: false });
    expect(other.errors[0]).toMatchObject({ row: 3, code: 'MEMBER_NOT_FOUND' });
  });

  it('the return ratio is a local setting; the month totals show it', async () => {
    await saveDuesSettings(database.db, admin, { returnRatioBp: 5000, recalcMode: 'onChange', version: 0 });
    const page = await listDuesLedger(database.db, townA, { orgId: ids.a, month: '2026-11', limit: 50 });
    expect(page.totals).toMatchObject({ paidFen: 5000 + 24691 + 5000, returnedFen: Math.round((5000 + 24691 + 5000) / 2), returnRatioBp: 5000 });
    expect(await codeOf(saveDuesSettings(database.db, townA, { returnRatioBp: 1, recalcMode: 'onChange', version: 1 }))).toBe('UNRESTRICTED_SCOPE_REQUIRED');
    await saveDuesSettings(database.db, admin, { returnRatioBp: 5000, recalcMode: 'yearly', version: 1 });
    expect(await codeOf(setDuesBasis(database.db, townA, ids.li, { fromMonth: '2026-12', category: 'employed', baseFen: 600_000 }))).toBe('YEARLY_RECALC');
  });
});
