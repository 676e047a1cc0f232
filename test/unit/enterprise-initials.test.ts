import fc from 'fast-check';
import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { enterpriseInitials } from '../../src/core/enterprise/name-initials.js';

describe('enterpriseInitials', () => {
  it.each([
    ['北京华通科技有限公司', 'bjhtkjyxgs'],
    ['重庆银行股份有限公司', 'cqyhgfyxgs'],
    ['长沙市长城贸易有限公司', 'csszcmyyxgs'],
    ['深圳市ABC电子有限公司', 'szsabcdzyxgs'],
    ['北京3D打印（中国）有限公司', 'bj3ddyzgyxgs'],
    ['', ''],
  ])('%s → %s', (name, expected) => {
    expect(enterpriseInitials(name)).toBe(expected);
  });

  it('agrees with whole-name conversion on common name characters, and is lower-case a–z0–9', () => {
    const chars = [...'北京深圳科技贸易有限公司电子网络信息服务中心东华门'];
    fc.assert(fc.property(fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 12 }), (arr) => {
      const name = arr.join('');
      const got = enterpriseInitials(name);
      expect(got).toMatch(/^[a-z0-9]*$/);
      expect(got).toBe(pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase());
    }));
  });
});
