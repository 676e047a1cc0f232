import { describe, expect, it } from 'vitest';
import { idCheckChar } from '../../src/domain/id-number.js';
import { checkUmRow, dispatchedWarning, isUmHeader, membershipRate, planUmColumns } from '../../src/domain/union-member.js';

const id = (b: string) => b + idCheckChar(b);
const TODAY = '2026-12-04';

describe('union roster rows (会员实名制)', () => {
  it('reads the headers by label and synonym, brackets and * ignored', () => {
    expect(planUmColumns(['*姓名', '身份证号码', '手机号码（本人）', '入会时间', '备注'])).toEqual(['name', 'idNumber', 'phone', 'joinedOn', null]);
    expect(isUmHeader(['姓名', '公民身份号码', '会员证号'])).toBe(true);
    expect(isUmHeader(['姓名', '公民身份号码'])).toBe(false);
  });

  it('a good row: gender from the ID number, 是否劳务派遣 and 会籍状态 read', () => {
    const r = checkUmRow({ name: ' 王芳 ', idNumber: id('44030519900307122'), joinedOn: '2019年3月1日', dispatched: '是', dispatchEmployer: '派遣公司', status: '保留会籍' }, TODAY);
    expect(r).toMatchObject({ ok: true, facts: { name: '王芳', gender: 'female', joinedOn: '2019-03-01', dispatched: true, dispatchEmployer: '派遣公司', status: 'retained' } });
  });

  it('every problem of a row, each with its column, in Chinese', () => {
    const r = checkUmRow({ name: '', idNumber: id('44030519900307122'), gender: '男', joinedOn: '2027-01-01', dispatched: '否', dispatchEmployer: '派遣公司', status: '退会' }, TODAY);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => `${e.column}:${e.code}`)).toEqual([
      '姓名:REQUIRED', '性别:GENDER_MISMATCH', '入会日期:DATE_IN_FUTURE', '派遣单位:NOT_DISPATCHED', '会籍状态:STATUS_INVALID',
    ]);
  });

  it('入会日期 on today is accepted, the day after is not (boundary)', () => {
    expect(checkUmRow({ name: '甲', idNumber: id('44030519900307122'), joinedOn: TODAY }, TODAY).ok).toBe(true);
    expect(checkUmRow({ name: '甲', idNumber: id('44030519900307122'), joinedOn: '2026-12-05' }, TODAY).ok).toBe(false);
  });
});

describe('劳务派遣 warning and 入会率', () => {
  it('warns by the setting, never for a worker who is not dispatched', () => {
    expect(dispatchedWarning('placing', { dispatched: false, employerCovered: false, agencyCovered: false })).toBeNull();
    expect(dispatchedWarning('placing', { dispatched: true, employerCovered: true, agencyCovered: false })).toBeNull();
    expect(dispatchedWarning('placing', { dispatched: true, employerCovered: false, agencyCovered: true })).toContain('用工单位');
    expect(dispatchedWarning('employing', { dispatched: true, employerCovered: true, agencyCovered: false })).toContain('派遣单位');
    expect(dispatchedWarning('employing', { dispatched: true, employerCovered: false, agencyCovered: true })).toBeNull();
  });

  it('rate in percent with one decimal; none without employees', () => {
    expect(membershipRate(3, 40)).toBe(7.5);
    expect(membershipRate(90, 100)).toBe(90);
    expect(membershipRate(2, 3)).toBe(66.7);
    expect(membershipRate(5, 0)).toBeNull();
  });
});
