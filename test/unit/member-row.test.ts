import { describe, expect, it } from 'vitest';
import { generateMembers } from '../../src/core/generator/members.js';
import { idCheckChar, parseIdNumber } from '../../src/domain/id-number.js';
import { checkMemberRow, isMemberHeader, missingMemberColumns, planMemberColumns, type MemberColumnKey } from '../../src/domain/member-row.js';

const TODAY = '2026-06-01';
const ID = (b: string) => b + idCheckChar(b);
const GOOD = ID('11010519900307123'); // born 1990-03-07, male
const base: Partial<Record<MemberColumnKey, string>> = {
  name: '王芳', gender: '男', idNumber: GOOD, birthDate: '1990-03-07', category: '正式党员', joinedOn: '2012-07-01', confirmedOn: '2013-07-01', orgName: '某党支部', phone: '138 0013 8000',
};
const codes = (v: Partial<Record<MemberColumnKey, string>>) => {
  const r = checkMemberRow({ ...base, ...v }, TODAY);
  return r.ok ? [] : r.errors.map((e) => e.code);
};

describe('a roster row on its own (src/domain/member-row.ts)', () => {
  it('accepts a good row and normalises it', () => {
    const r = checkMemberRow({ ...base, idNumber: GOOD.toLowerCase(), joinedOn: '201207', confirmedOn: '2013年7月' }, TODAY);
    expect(r).toMatchObject({ ok: true, facts: { idNumber: GOOD, gender: 'male', birthDate: '1990-03-07', category: 'full', joinedOn: '2012-07-01', confirmedOn: '2013-07-01', phone: '13800138000' } });
  });

  it.each([
    [{ name: '' }, 'REQUIRED'],
    [{ orgName: '' }, 'REQUIRED'],
    [{ idNumber: GOOD.slice(0, 17) + (GOOD[17] === '1' ? '2' : '1') }, 'ID_CHECK_CHAR'],
    [{ idNumber: '1101051990' }, 'ID_FORMAT'],
    [{ idNumber: ID('11010519901307123') }, 'ID_BIRTH_DATE'],
    [{ birthDate: '1990-03-08' }, 'BIRTH_DATE_MISMATCH'],
    [{ gender: '女' }, 'GENDER_MISMATCH'],
    [{ gender: '未知' }, 'GENDER_INVALID'],
    [{ category: '入党积极分子' }, 'CATEGORY_INVALID'],
    [{ category: '预备党员' }, 'PROBATIONARY_CONFIRMED'],
    [{ confirmedOn: '2012-07-01' }, 'CONFIRMED_BEFORE_JOINED'],
    [{ joinedOn: '1989-01-01', confirmedOn: '' }, 'JOINED_BEFORE_BIRTH'],
    [{ joinedOn: '2012-13-40' }, 'DATE_INVALID'],
    [{ confirmedOn: '2030-01-01' }, 'DATE_IN_FUTURE'],
    [{ phone: '电话不详' }, 'PHONE_INVALID'],
  ] as Array<[Partial<Record<MemberColumnKey, string>>, string]>)('%o → %s', (v, code) => {
    expect(codes(v)).toContain(code);
  });

  it('finds the header by synonyms and names missing required columns', () => {
    expect(isMemberHeader(['党员信息导出'])).toBe(false);
    const header = ['序号', '姓名', '性别', '身份证号码', '党员类别', '所在党组织', '联系电话（手机）'];
    expect(isMemberHeader(header)).toBe(true);
    expect(planMemberColumns(header)).toEqual([null, 'name', 'gender', 'idNumber', 'category', 'orgName', 'phone']);
    expect(missingMemberColumns(['姓名', '公民身份号码', '民族'])).toEqual(['人员类别', '所在党支部']);
  });
});

describe('the roster generator', () => {
  const rows = [...generateMembers({ count: 3000, seed: 5, orgs: ['甲', '乙'], year: 2026 })];
  it('is deterministic, with distinct valid ID numbers agreeing with 出生日期 and 性别, ages 18–80, rows that pass', () => {
    expect([...generateMembers({ count: 3000, seed: 5, orgs: ['甲', '乙'], year: 2026 })]).toEqual(rows);
    expect(new Set(rows.map((r) => r.cells.idNumber)).size).toBe(rows.length);
    for (const { cells } of rows) {
      const id = parseIdNumber(cells.idNumber);
      expect(id.ok && id.birthDate === cells.birthDate && (id.gender === 'male') === (cells.gender === '男')).toBe(true);
      const age = 2026 - Number(cells.birthDate.slice(0, 4));
      expect(age).toBeGreaterThanOrEqual(19);
      expect(age).toBeLessThanOrEqual(80);
      expect(checkMemberRow(cells, TODAY).ok).toBe(true);
    }
  });

  it('injects each kind of fault, and only faulty rows fail on their own', () => {
    const faulty = [...generateMembers({ count: 300, seed: 5, orgs: ['甲'], year: 2026, withFaults: true })];
    const kinds = new Set(faulty.filter((r) => r.fault).map((r) => r.fault));
    expect(kinds.size).toBe(6);
    for (const r of faulty) {
      const alone = r.fault && r.fault !== 'duplicate_id' && r.fault !== 'unknown_org';
      expect(checkMemberRow(r.cells, TODAY).ok).toBe(!alone);
    }
  });
});
