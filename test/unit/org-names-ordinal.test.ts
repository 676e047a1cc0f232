import { describe, expect, it } from 'vitest';
import { createNameBook, ordinal } from '../../src/core/generator/org-names.js';

// A province plan gives one stem (非公企业联合党支部) thousands of times: every ordinal must be a
// distinct Chinese numeral, or the name book never finds a free name (the inbox bench stalled at 10,000).
describe('ordinal names past a thousand', () => {
  it('reads as Chinese numerals and never repeats up to 200,000', () => {
    expect([2, 11, 23, 1000, 1002, 1010, 1100, 10005, 12000].map(ordinal))
      .toEqual(['第二', '第十一', '第二十三', '第一千', '第一千零二', '第一千零一十', '第一千一百', '第一万零五', '第一万二千']);
    const seen = new Set<string>();
    for (let i = 1; i <= 200_000; i++) seen.add(ordinal(i));
    expect(seen.size).toBe(200_000);
    expect([...seen].some((s) => /[0-9a-z]/.test(s))).toBe(false);
  });

  it('gives 3,000 names to one stem without a repeat', () => {
    const book = createNameBook([]);
    const names = Array.from({ length: 3000 }, () => book.unique('', '联合党支部', ['非公企业']));
    expect(new Set(names).size).toBe(3000);
  });
});
