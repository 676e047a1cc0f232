import { describe, expect, it } from 'vitest';
import { idCheckChar } from '../../src/domain/id-number.js';
import { secretaryHoursOn } from '../../src/domain/rules/training-catalogue.js';
import { expenseCapFen, expenseSourceFor, MANAGEMENT_EXPENSE_SOURCE } from '../../src/domain/support.js';
import { checkTaRow, isTaHeader, planTaColumns } from '../../src/domain/training-import.js';

/**
 * The pure parts of docs/training.md "Attendance import" and "Settings": which file column is which,
 * one 签到表 row's checks (学时 whole, at most the session's, blank = the session's; an ID number or a
 * phone), and the province's figures cited before the defaults' sources.
 */
const ID = '44030519800101001' + idCheckChar('44030519800101001');

describe('签到表 columns', () => {
  it('reads the headers officials write, the first of two same-named columns winning', () => {
    expect(planTaColumns(['序号', '姓名', '公民身份号码', '联系电话', '认定学时', '姓名'])).toEqual([null, 'name', 'idNumber', 'phone', 'hours', null]);
    expect(isTaHeader(['姓名', '手机号码'])).toBe(true);
    expect(isTaHeader(['第一期书记培训班签到表'])).toBe(false);
    expect(isTaHeader(['姓名', '学时'])).toBe(false);
  });
});

describe('one 签到表 row', () => {
  it.each<[string, Record<string, string>, string[] | { hours: number }]>([
    ['blank 学时: the session’s', { name: '王建国', idNumber: ID }, { hours: 8 }],
    ['fewer 学时: left early', { name: '王建国', idNumber: ID, hours: '６' }, { hours: 6 }],
    ['a phone alone names the person', { name: '李秀英', phone: '138-0000-1111' }, { hours: 8 }],
    ['more than the session', { name: '王建国', idNumber: ID, hours: '9' }, ['学时:TOO_MANY']],
    ['a half 学时', { name: '王建国', idNumber: ID, hours: '3.5' }, ['学时:HOURS_INVALID']],
    ['neither ID number nor phone', { name: '王建国' }, ['身份证号:ID_OR_PHONE_REQUIRED']],
    ['a wrong check character', { name: '王建国', idNumber: ID.slice(0, 17) + (ID.endsWith('1') ? '2' : '1') }, ['身份证号:ID_CHECK_CHAR']],
    ['no name, a bad phone', { phone: '12ab' }, ['姓名:REQUIRED', '手机号:PHONE_INVALID']],
  ])('%s', (_, raw, want) => {
    const r = checkTaRow(raw, 8, '2025-06-30');
    if (Array.isArray(want)) expect(r.ok ? [] : r.errors.map((e) => `${e.column}:${e.code}`)).toEqual(want);
    else expect(r.ok && r.facts.hours).toBe(want.hours);
  });
});

describe('the province’s own figures', () => {
  it('a set secretary 学时 is cited first; the default keeps its own source', () => {
    expect(secretaryHoursOn('2025-01-01', 60)).toMatchObject({ hours: 60, source: expect.stringMatching(/^本辖区设置：书记每年培训不少于60学时/) });
    expect(secretaryHoursOn('2025-01-01', 56)!.source).toMatch(/^本平台工作规则/);
  });
  it('the expense cap and its source follow the ratio', () => {
    expect(expenseCapFen(100_000_000, 200)).toBe(2_000_000);
    expect(expenseSourceFor(100)).toBe(MANAGEMENT_EXPENSE_SOURCE);
    expect(expenseSourceFor(150)).toMatch(/^本辖区设置：按职工年度工资薪金总额的1.5%计算列支上限/);
  });
});
