import { describe, expect, it } from 'vitest';
import { auditActionLabel, auditFieldLabel } from '../../src/contracts/audit-labels.js';
import { auditChanges, nameInEntry } from '../../src/core/audit/audit-describe.js';

describe('audit entries read in Chinese', () => {
  it('labels every action with a Chinese name and never echoes an unknown code', () => {
    expect(auditActionLabel('auth.sign_in')).toBe('登录');
    expect(auditActionLabel('party_org.coverage.add')).toBe('党组织覆盖企业');
    expect(auditActionLabel('party_org.something_new')).toBe('党组织操作');
    expect(auditActionLabel('zzz.unknown')).toBe('其他操作');
  });

  it('diffs field by field with Chinese labels and values', () => {
    const changes = auditChanges(
      { name: '北山党支部', setupMode: 'joint', fullMembers: 2, temporary: false, regionCode: '110101001001' },
      { name: '北山党支部', setupMode: 'standalone', fullMembers: 4, temporary: false, regionCode: '110101001001' },
    );
    expect(changes.map((c) => `${c.label}：${c.before} → ${c.after}`)).toEqual(['组建方式：联合组建 → 单独组建', '正式党员：2 → 4']);
  });

  it('a creation lists what was set; nested filters get joined labels; unknown fields are not named raw', () => {
    expect(auditChanges(null, { username: 'li', disabled: false }).map((c) => c.label)).toEqual(['用户名', '已停用']);
    expect(auditFieldLabel('filter.regionPrefix')).toBe('筛选条件·区划');
    expect(auditFieldLabel('someInternalThing')).toBe('其他信息');
  });

  it('keeps masked personal data as it came', () => {
    const [c] = auditChanges(null, { idNumber: '110105********1239' });
    expect(c).toMatchObject({ label: '身份证号', before: '（空）', after: '110105********1239' });
  });

  it('names the record from the entry when it carries a name', () => {
    expect(nameInEntry({ name: '旧名' }, { name: '新名' })).toBe('新名');
    expect(nameInEntry(null, { username: 'wang' })).toBe('wang');
    expect(nameInEntry(null, { rows: 3 })).toBeNull();
  });
});
