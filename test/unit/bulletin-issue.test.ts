import { describe, expect, it } from 'vitest';
import { chineseDate, defaultCopyTo, defaultDocPrefix, defaultOffice, formatDocNumber, mainToFor, shortName } from '../../src/domain/bulletin-issue.js';

/** The document number, the issuing office and the addressees as Chinese offices write them (GB/T 9704). */
describe('bulletin issue: 文号, 发文机关, 主送', () => {
  it('formats the number with 六角括号 and no leading zeros', () => {
    expect(formatDocNumber('南组通', 2026, 3)).toBe('南组通〔2026〕3号');
    expect(formatDocNumber('深南组通', 2027, 12)).toBe('深南组通〔2027〕12号');
    expect(chineseDate('2026-03-05')).toBe('2026年3月5日');
  });

  it.each([
    ['南山区', 6, '南组通'], ['深圳市', 4, '深组通'], ['广东省', 2, '广组通'], ['北山街道', 9, '北山工通'], ['北山社区', 12, '北山党通'],
  ] as const)('default prefix of %s is %s', (name, len, prefix) => {
    expect(defaultDocPrefix(name, len)).toBe(prefix);
  });

  it('short names drop the level word only', () => {
    expect(shortName('南山区')).toBe('南山');
    expect(shortName('粤海街道')).toBe('粤海');
    expect(shortName('新疆维吾尔自治区')).toBe('新疆');
    expect(shortName('县')).toBe('县');
  });

  it('the issuing office carries its city (and county for a street)', () => {
    expect(defaultOffice(['广东省', '深圳市', '南山区'], 6)).toBe('中共深圳市南山区委组织部');
    expect(defaultOffice(['广东省', '深圳市'], 4)).toBe('中共深圳市委组织部');
    expect(defaultOffice(['广东省'], 2)).toBe('中共广东省委组织部');
    expect(defaultOffice(['广东省', '深圳市', '南山区', '粤海街道'], 9)).toBe('中共深圳市南山区粤海街道工作委员会');
    expect(defaultOffice(['北京市', '海淀区'], 6)).toBe('中共北京市海淀区委组织部');
  });

  it('抄送 goes to the department above', () => {
    expect(defaultCopyTo('深圳市', 4)).toBe('深圳市委组织部');
    expect(defaultCopyTo('南山区', 6)).toBe('南山区委组织部');
    expect(defaultCopyTo('粤海街道', 9)).toBe('粤海街道党工委');
    expect(defaultCopyTo(null, null)).toBe('');
  });

  it.each([
    [['粤海街道', '南头街道'], 9, '各街道党工委'],
    [['沙井镇', '松岗镇'], 9, '各镇党委'],
    [['沙井镇', '粤海街道'], 9, '各镇（街道）党（工）委'],
    [['新安乡', '沙井镇'], 9, '各乡镇党委'],
    [['新安乡', '沙井镇', '粤海街道'], 9, '各乡镇（街道）党（工）委'],
    [['粤海街道', '高新区管委会'], 9, '各街道党工委，各有关单位'],
    [['南山区', '福田区'], 6, '各区委组织部'],
    [['南山区', '大鹏县'], 6, '各区（县）委组织部'],
    [['海淀区', '密云县', '某某市'], 6, '各区（县、市）委组织部'],
    [['深圳市', '延边朝鲜族自治州'], 4, '各市（州）委组织部'],
    [['北山社区居委会', '东村村委会'], 12, '各村（社区）党组织'],
    [['北山社区'], 12, '各社区党组织'],
    [[], 9, '各有关单位'],
    [['随便'], null, '各有关单位'],
  ] as const)('主送 of %j is %s', (children, len, want) => {
    expect(mainToFor([...children], len)).toBe(want);
  });
});
