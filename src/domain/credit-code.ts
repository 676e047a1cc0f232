/**
 * 统一社会信用代码 (USCC), GB 32100-2015 — domain-rules.md §7.1.
 *
 * Layout: [1] registration authority, [2] entity type, [3–8] county code (GB/T 2260),
 * [9–17] the 组织机构代码 (GB 11714, with its own check char at 17), [18] check char.
 * A wrong 18th char is a hard error; a wrong embedded GB 11714 char is only a warning, because
 * not every issued code is known to pass it (§7.1 suggestion).
 */

/** 0–9 and A–Z without I, O, S, V, Z; a character's value is its index. */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** 3^(i−1) mod 31 for positions 1–17. */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** GB 11714 weights over the first 8 chars of the 组织机构代码. */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** USCC value per char code; -1 = not in the charset. */
const USCC_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < CREDIT_CODE_CHARSET.length; i++) USCC_VALUE[CREDIT_CODE_CHARSET.charCodeAt(i)] = i;

/**
 * GB 11714 values use the FULL alphabet (A=10 … Z=35, counting I and O), so J is 19 here but 18
 * in GB 32100 — the tables must not be shared (§7.1 pitfall).
 */
const orgValue = (ch: number): number => {
  if (ch >= 48 && ch <= 57) return ch - 48;
  if (ch >= 65 && ch <= 90) return ch - 55;
  return -1;
};

export type CreditCodeErrorCode = 'CREDIT_CODE_LENGTH' | 'CREDIT_CODE_CHARSET' | 'CREDIT_CODE_CHECK';

export type CreditCodeResult =
  | { ok: true; message: string; warning?: 'ORG_CODE_CHECK'; warningMessage?: string }
  | { ok: false; code: CreditCodeErrorCode; message: string };

/** The 18th char for a 17-char body already in the USCC charset. */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('creditCodeCheckChar needs 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_VALUE[first17.charCodeAt(i)] ?? -1;
    if (v < 0) throw new RangeError(`invalid USCC character ${first17[i]}`);
    sum += v * USCC_WEIGHTS[i];
  }
  // (31 − 0) mod 31 = 0: a zero remainder maps to '0', not to an out-of-range 31 (§7.1 pitfall 2).
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

/** The 9th char of a 组织机构代码 (GB 11714-1997) for its first 8 chars. */
export function orgCodeCheckChar(first8: string): string {
  if (first8.length !== 8) throw new RangeError('orgCodeCheckChar needs 8 characters');
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const v = orgValue(first8.charCodeAt(i));
    if (v < 0) throw new RangeError(`invalid GB 11714 character ${first8[i]}`);
    sum += v * ORG_WEIGHTS[i];
  }
  const check = 11 - (sum % 11);
  if (check === 10) return 'X';
  if (check === 11) return '0';
  return String(check);
}

/** Validates an already normalised code (upper case, half-width, no spaces). */
export function validateCreditCode(code: string): CreditCodeResult {
  if (code.length !== 18) {
    return { ok: false, code: 'CREDIT_CODE_LENGTH', message: `统一社会信用代码应为18位，实际为${code.length}位` };
  }
  for (let i = 0; i < 18; i++) {
    if ((USCC_VALUE[code.charCodeAt(i)] ?? -1) < 0) {
      return {
        ok: false,
        code: 'CREDIT_CODE_CHARSET',
        message: `统一社会信用代码第${i + 1}位“${code[i]}”不是允许的字符（数字及除 I、O、S、V、Z 外的大写字母）`,
      };
    }
  }
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (code[17] !== expected) {
    return { ok: false, code: 'CREDIT_CODE_CHECK', message: `统一社会信用代码校验位错误（第18位应为“${expected}”）` };
  }
  const orgExpected = orgCodeCheckChar(code.slice(8, 16));
  if (code[16] !== orgExpected) {
    return {
      ok: true,
      message: '有效',
      warning: 'ORG_CODE_CHECK',
      warningMessage: `统一社会信用代码中的组织机构代码校验位与 GB 11714 不符（第17位按其算法应为“${orgExpected}”），请核对`,
    };
  }
  return { ok: true, message: '有效' };
}

/** The 6-digit GB/T 2260 county code (positions 3–8), or null when those are not all digits. */
export function countyOfCreditCode(code: string): string | null {
  if (code.length < 8) return null;
  const county = code.slice(2, 8);
  return /^\d{6}$/.test(county) ? county : null;
}
