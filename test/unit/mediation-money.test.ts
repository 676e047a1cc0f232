import { describe, expect, it } from 'vitest';
import { fenToCapitals, fenToYuan, fenToYuanText } from '../../src/domain/mediation.js';

describe('amounts in fen shown as 元 and in capitals (人民币大写)', () => {
  it.each([
    [0, '0.00', '零元整'],
    [5, '0.05', '伍分'],
    [50, '0.50', '伍角'],
    [100, '1.00', '壹元整'],
    [1000, '10.00', '壹拾元整'],
    [10005, '100.05', '壹佰元零伍分'],
    [123456, '1234.56', '壹仟贰佰叁拾肆元伍角陆分'],
    [101000, '1010.00', '壹仟零壹拾元整'],
    [1008600, '10086.00', '壹万零捌拾陆元整'],
    [10000000, '100000.00', '壹拾万元整'],
    [1000000500, '10000005.00', '壹仟万零伍元整'],
    [10001000000, '100010000.00', '壹亿零壹万元整'],
    [3500050, '35000.50', '叁万伍仟元伍角'],
  ])('%i fen → %s 元 → %s', (fen, yuan, capitals) => {
    expect(fenToYuan(fen)).toBe(yuan);
    expect(fenToCapitals(fen)).toBe(capitals);
  });
  it('thousands separated for tables; negative and fractional fen refused in capitals', () => {
    expect(fenToYuanText(1234567)).toBe('12,345.67元');
    expect(() => fenToCapitals(-1)).toThrow();
    expect(() => fenToCapitals(1.5)).toThrow();
  });
});
