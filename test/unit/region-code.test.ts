import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normaliseRegionPrefix, regionCodeOfPrefix } from '../../src/domain/region-code.js';

const ok = (input: string) => {
  const r = normaliseRegionPrefix(input);
  return r.ok ? r.prefix : r.problem;
};

describe('region codes mean the region they name', () => {
  it.each([
    ['440305003000', '440305003'], // a street's 12-digit code: the street, not its own code alone
    ['440305003001', '440305003001'],
    ['440305000000', '440305'],
    ['440300000000', '4403'],
    ['440000000000', '44'],
    ['440305003', '440305003'],
    ['440305000', '440305'],
    ['440305', '440305'],
    ['440300', '4403'],
    ['4403', '4403'],
    ['44', '44'],
    [' 440305 ', '440305'],
  ])('%s → %s', (input, expected) => expect(ok(input)).toBe(expected));

  it.each([['44030', 'length'], ['4403050030001', 'length'], ['44a3', 'format'], ['', 'format'], ['000000', 'format']])(
    'refuses %s (%s)', (input, problem) => expect(ok(input)).toBe(problem));

  it('is idempotent and names the same 12-digit region as its input', () => {
    const level = fc.constantFrom(2, 4, 6, 9, 12);
    fc.assert(fc.property(fc.stringMatching(/^[1-9]\d{11}$/), level, (code, l) => {
      const r = normaliseRegionPrefix(code.slice(0, l));
      if (!r.ok) return;
      expect(normaliseRegionPrefix(r.prefix)).toEqual(r);
      expect(regionCodeOfPrefix(r.prefix)).toBe(code.slice(0, l).padEnd(12, '0'));
    }));
  });
});
