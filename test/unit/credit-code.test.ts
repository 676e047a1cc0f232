import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CREDIT_CODE_CHARSET,
  countyOfCreditCode,
  creditCodeCheckChar,
  orgCodeCheckChar,
  validateCreditCode,
} from '../../src/domain/credit-code.js';

// Values from domain-rules.md §7.1 (worked example and the "more test values" table).
describe('validateCreditCode — §7.1 table', () => {
  const cases: Array<[string, string, boolean, string | undefined, string | undefined]> = [
    // code, why, ok, error code, warning
    ['91110105MA01H8T23X', 'worked example (check X = 29)', true, undefined, undefined],
    ['91110000600037341L', 'python-stdnum test value', true, undefined, undefined],
    ['81440305MA7Q2K5W2C', '工会 (type 81) code', true, undefined, undefined],
    ['91110108MA01H02110', 'weighted sum ≡ 0 mod 31 → check 0', true, undefined, undefined],
    ['91110105MA01H8T241', 'tampered body but matching USCC check → org-code warning only', true, undefined, 'ORG_CODE_CHECK'],
    ['91110105MA01H8T24X', 'tampered body, old check char', false, 'CREDIT_CODE_CHECK', undefined],
    ['91110105MA01H8T23', '17 chars', false, 'CREDIT_CODE_LENGTH', undefined],
    ['91110105MA01H8T23XX', '19 chars', false, 'CREDIT_CODE_LENGTH', undefined],
    ['', 'empty', false, 'CREDIT_CODE_LENGTH', undefined],
    ['91110105MA01H8TI3X', 'I is not in the charset', false, 'CREDIT_CODE_CHARSET', undefined],
    ['91110105MO01H8T23X', 'O is not in the charset', false, 'CREDIT_CODE_CHARSET', undefined],
    ['91110105ma01h8t23x', 'lower case is not normalised here', false, 'CREDIT_CODE_CHARSET', undefined],
  ];
  it.each(cases)('%s (%s)', (code, _why, ok, errorCode, warning) => {
    const r = validateCreditCode(code);
    expect(r.ok).toBe(ok);
    if (r.ok) expect(r.warning).toBe(warning);
    else expect(r.code).toBe(errorCode);
    expect(r.message.length).toBeGreaterThan(0);
  });

  it('accepts letters in positions 1–2 (pitfall 1: A…, N…, Y… authorities)', () => {
    for (const prefix of ['A1', 'N2', 'Y1']) {
      const body = `${prefix}110105MA01H8T23`;
      const code = body + creditCodeCheckChar(body);
      expect(validateCreditCode(code)).toMatchObject({ ok: true });
    }
  });
});

describe('check characters', () => {
  it('computes the worked example step by step', () => {
    expect(orgCodeCheckChar('MA01H8T2')).toBe('3'); // 415 mod 11 = 8 → 3
    expect(creditCodeCheckChar('91110105MA01H8T23')).toBe('X'); // 1614 mod 31 = 2 → 29 → X
    expect(creditCodeCheckChar('91110108MA01H0211')).toBe('0'); // remainder 0 → '0', not index 31
  });

  it('maps GB 11714 remainders 10 → X and 11 → 0 (pitfall 2)', () => {
    // Search small bodies for each remainder case so the test does not rely on hand arithmetic.
    const found = new Map<string, string>();
    for (let n = 0; n < 2000 && found.size < 11; n++) {
      const body = String(10_000_000 + n);
      found.set(orgCodeCheckChar(body), body);
    }
    expect([...found.keys()].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']);
    // Independent recomputation for the two edge cases.
    const weights = [3, 7, 9, 10, 5, 8, 4, 2];
    for (const check of ['X', '0']) {
      const body = found.get(check) ?? '';
      const sum = [...body].reduce((s, ch, i) => s + Number(ch) * weights[i], 0);
      expect(11 - (sum % 11)).toBe(check === 'X' ? 10 : 11);
    }
  });

  it('uses the full alphabet for GB 11714 (J = 19, not 18)', () => {
    // Σ = 19×3 + 0… = 57; 57 mod 11 = 2; 11 − 2 = 9.
    expect(orgCodeCheckChar('J0000000')).toBe('9');
  });

  it('rejects wrong input lengths loudly (programming errors, not data errors)', () => {
    expect(() => creditCodeCheckChar('123')).toThrow(RangeError);
    expect(() => orgCodeCheckChar('123')).toThrow(RangeError);
  });
});

describe('countyOfCreditCode', () => {
  it.each([
    ['91110105MA01H8T23X', '110105'],
    ['81440305MA7Q2K5W2C', '440305'],
    ['9111AB05MA01H8T23X', null],
    ['9111', null],
  ])('%s → %s', (code, county) => expect(countyOfCreditCode(code)).toBe(county));
});

// Property tests: generate valid codes from arbitrary bodies in the USCC charset.
const ORG_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'; // org-code body chars that also fit the USCC set
const charOf = (set: string) => fc.integer({ min: 0, max: set.length - 1 }).map((i) => set[i]);
const validCode = fc
  .tuple(
    fc.array(charOf(CREDIT_CODE_CHARSET), { minLength: 2, maxLength: 2 }),
    fc.array(charOf('0123456789'), { minLength: 6, maxLength: 6 }),
    fc.array(charOf(ORG_CHARS), { minLength: 8, maxLength: 8 }),
  )
  .map(([head, county, org]) => {
    const orgBody = org.join('');
    const first17 = head.join('') + county.join('') + orgBody + orgCodeCheckChar(orgBody);
    return first17 + creditCodeCheckChar(first17);
  });

describe('properties', () => {
  it('every generated valid code passes without warning', () => {
    fc.assert(
      fc.property(validCode, (code) => {
        expect(validateCreditCode(code)).toEqual({ ok: true, message: '有效' });
      }),
      { numRuns: 1000 },
    );
  });

  it('every single-character change of the check char fails with CREDIT_CODE_CHECK', () => {
    fc.assert(
      fc.property(validCode, (code) => {
        for (const ch of CREDIT_CODE_CHARSET) {
          if (ch === code[17]) continue;
          const r = validateCreditCode(code.slice(0, 17) + ch);
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.code).toBe('CREDIT_CODE_CHECK');
        }
      }),
      { numRuns: 200 },
    );
  });

  it('every single-character change of the body is caught (weights are units mod 31)', () => {
    fc.assert(
      fc.property(validCode, fc.integer({ min: 0, max: 16 }), charOf(CREDIT_CODE_CHARSET), (code, pos, ch) => {
        fc.pre(code[pos] !== ch);
        const tampered = code.slice(0, pos) + ch + code.slice(pos + 1);
        expect(validateCreditCode(tampered)).toMatchObject({ ok: false, code: 'CREDIT_CODE_CHECK' });
      }),
      { numRuns: 1000 },
    );
  });
});
