import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idCheckChar, isValidIdNumber, parseIdNumber } from '../../src/domain/id-number.js';

const TODAY = new Date('2025-06-30T12:00:00');

describe('GB 11643 ID numbers (domain-rules.md §7.2)', () => {
  it.each([
    ['110105199003071239', true, 'worked example, check 9'],
    ['11010519491231002X', true, "the standard's own example, check X"],
    ['360426199101010071', true, 'python-stdnum test value'],
    ['11010519900307005X', true, 'constructed, check X'],
    ['11010519900307005x', true, 'lower-case x is normalised'],
    ['１１０１０５１９９００３０７１２３９', true, 'full-width digits'],
    ['110105 19900307 1239', true, 'spaces dropped'],
    ['110105199003071238', false, 'wrong check char'],
    ['11010519491231002Y', false, 'letter other than X'],
    ['11010519900230123X', false, '30 February'],
    ['110105189912311234', false, 'before 1900'],
    ['110105203001011234', false, 'birth date in the future'],
    ['11010519900307123', false, '17 digits'],
    ['1101051990030712390', false, '19 digits'],
    ['', false, 'empty'],
    ['999999199003071231', false, 'unknown area but wrong check'],
  ])('%s → %s (%s)', (input, valid) => {
    expect(isValidIdNumber(input, TODAY)).toBe(valid);
  });

  it('does not reject a retired area code (§7.2)', () => {
    const body = '42900119800101123';
    expect(isValidIdNumber(body + idCheckChar(body), TODAY)).toBe(true);
  });

  it('reports which rule failed', () => {
    expect(parseIdNumber('110105199003071238', TODAY)).toMatchObject({ ok: false, problem: 'check_char' });
    expect(parseIdNumber('11010519900230123X', TODAY)).toMatchObject({ ok: false, problem: 'birth_date' });
    expect(parseIdNumber('abc', TODAY)).toMatchObject({ ok: false, problem: 'format' });
  });

  it('converts a 15-digit legacy number to 18 digits', () => {
    expect(parseIdNumber('110105900307123', TODAY)).toEqual({
      ok: true, value: '110105199003071239', birthDate: '1990-03-07', gender: 'male', converted: true,
    });
    expect(parseIdNumber('110105900230123', TODAY)).toMatchObject({ ok: false, problem: 'birth_date' });
  });

  it('derives birth date and gender from an 18-digit number', () => {
    expect(parseIdNumber('11010519491231002X', TODAY)).toMatchObject({ birthDate: '1949-12-31', gender: 'female', converted: false });
  });
});

const validNumber = fc
  .record({
    area: fc.integer({ min: 110000, max: 829999 }),
    day: fc.integer({ min: 0, max: 45_000 }), // days after 1900-01-01, up to ~2023
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ area, day, seq }) => {
    const d = new Date(Date.UTC(1900, 0, 1) + day * 86_400_000);
    const ymd = d.toISOString().slice(0, 10).replace(/-/g, '');
    const body = `${area}${ymd}${String(seq).padStart(3, '0')}`;
    return body + idCheckChar(body);
  });

describe('ID number properties', () => {
  it('every generated valid number passes', () => {
    fc.assert(fc.property(validNumber, (n) => isValidIdNumber(n, TODAY)));
  });

  it('any single-character change fails (MOD 11-2 catches every single substitution)', () => {
    const alphabet = '0123456789X'.split('');
    fc.assert(
      fc.property(validNumber, fc.integer({ min: 0, max: 17 }), fc.constantFrom(...alphabet), (n, pos, ch) => {
        fc.pre(n[pos] !== ch && (pos === 17 || ch !== 'X'));
        const changed = n.slice(0, pos) + ch + n.slice(pos + 1);
        return !isValidIdNumber(changed, TODAY);
      }),
      { numRuns: 2000 },
    );
  });

  it('swapping two different adjacent digits fails', () => {
    fc.assert(
      fc.property(validNumber, fc.integer({ min: 0, max: 15 }), (n, pos) => {
        fc.pre(n[pos] !== n[pos + 1]);
        const swapped = n.slice(0, pos) + n[pos + 1] + n[pos] + n.slice(pos + 2);
        return !isValidIdNumber(swapped, TODAY);
      }),
    );
  });
});
