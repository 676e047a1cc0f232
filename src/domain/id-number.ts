/**
 * 居民身份证号码 — GB 11643-1999, ISO 7064 MOD 11-2 (domain-rules.md §7.2).
 *
 * Decisions:
 * - 18-digit numbers are checked: layout, a real birth date not in the future (and not before
 *   1900), and the check character.
 * - 15-digit legacy numbers (GB 11643-1989, 2-digit year 19yy, no check char) are ACCEPTED and
 *   converted to 18 digits ("19" inserted, check char computed), so one person has one stored form
 *   and one blind index whichever form a file carries.
 * - The area code is NOT checked against the current GB/T 2260 list: retired codes stay valid.
 * - Input is normalised first: spaces dropped, full-width digits and `ｘ/x` accepted.
 */
export const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_TABLE = '10X98765432';

export type IdNumberProblem = 'format' | 'birth_date' | 'check_char';

export type IdNumberResult =
  | { ok: true; value: string; birthDate: string; gender: 'male' | 'female'; converted: boolean }
  | { ok: false; problem: IdNumberProblem; message: string };

/** The check character for the first 17 digits. */
export function idCheckChar(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * ID_WEIGHTS[i];
  return CHECK_TABLE[sum % 11];
}

export function normaliseIdNumber(input: string): string {
  return input
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[ｘxＸ]/g, 'X')
    .replace(/[\s\u3000-]/g, '');
}

export function parseIdNumber(input: string, today: Date = new Date()): IdNumberResult {
  const raw = normaliseIdNumber(input);
  if (/^\d{15}$/.test(raw)) return check18(fromLegacy(raw), today, true);
  if (!/^\d{17}[\dX]$/.test(raw)) {
    return { ok: false, problem: 'format', message: '身份证号码应为18位（末位可为X）或15位数字' };
  }
  return check18(raw, today, false);
}

export const isValidIdNumber = (input: string, today?: Date): boolean => parseIdNumber(input, today).ok;

function fromLegacy(n15: string): string {
  const body = `${n15.slice(0, 6)}19${n15.slice(6)}`;
  return body + idCheckChar(body);
}

function check18(n: string, today: Date, converted: boolean): IdNumberResult {
  const birthDate = `${n.slice(6, 10)}-${n.slice(10, 12)}-${n.slice(12, 14)}`;
  if (!isRealPastDate(birthDate, today)) {
    return { ok: false, problem: 'birth_date', message: `身份证号码中的出生日期 ${birthDate} 不是有效日期` };
  }
  if (idCheckChar(n.slice(0, 17)) !== n[17]) {
    return { ok: false, problem: 'check_char', message: '身份证号码校验位不正确，请核对是否录入有误' };
  }
  const gender = Number(n[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, value: n, birthDate, gender, converted };
}

function isRealPastDate(iso: string, today: Date): boolean {
  const [y, m, d] = iso.split('-').map(Number);
  if (y < 1900) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  const todayUtc = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return date.getTime() <= todayUtc;
}
