import { isValidIdNumber } from '../../domain/id-number.js';

/**
 * Masking for display: UI, API, exports and audit before/after. The clear value is shown only to
 * an actor holding `pii.view` who asks for it, and that view is audited (src/core/person).
 */
export function maskIdNumber(v: string): string {
  if (v.length >= 15) return v.slice(0, 6) + '*'.repeat(v.length - 10) + v.slice(-4);
  return maskMiddle(v, 1, 1);
}

export function maskPhone(v: string): string {
  const digits = v.replace(/[\s-]/g, '');
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return maskMiddle(digits, 0, Math.min(4, Math.floor(digits.length / 3)));
}

/** 张三 → 张*, 欧阳娜娜 → 欧***: the surname stays so people can still tell records apart. */
export function maskName(v: string): string {
  const chars = [...v];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
}

function maskMiddle(v: string, keepHead: number, keepTail: number): string {
  if (v.length <= keepHead + keepTail) return '*'.repeat(v.length);
  return v.slice(0, keepHead) + '*'.repeat(v.length - keepHead - keepTail) + v.slice(v.length - keepTail);
}

const ID_FIELDS = new Set(['idnumber', 'idcard', 'idcardnumber', 'idno', 'identitynumber', 'citizenid', '身份证号', '身份证号码']);
const PHONE_FIELDS = new Set(['phone', 'phonenumber', 'mobile', 'mobilephone', 'telephone', 'tel', 'cellphone', '手机', '手机号', '手机号码', '联系电话', '电话']);
const SECRET_FIELDS = new Set(['password', 'passwordhash', 'totpsecret', 'token', 'csrftoken', 'secret']);
// The birth date is the 8 digits a masked ID number hides: shown beside one, it undoes the mask.
const BIRTH_FIELDS = new Set(['birthdate', 'dateofbirth', 'birthday', 'dob', '出生日期', '出生年月']);
const fieldKey = (k: string): string => k.toLowerCase().replace(/[_\-\s]/g, '');

// An 18-char candidate anywhere in free text; masked only when its check char is right.
const ID_IN_TEXT = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;

/** Masks any valid ID number embedded in free text (notes, error messages, imported cells). */
export const maskIdNumbersInText = (text: string): string =>
  text.replace(ID_IN_TEXT, (m) => (isValidIdNumber(m) ? maskIdNumber(m) : m));

/**
 * Deep copy of a before/after value with personal fields masked: fields named like idNumber /
 * id_number / phone / mobile are masked, birth dates hidden, ciphertext (`*_enc`) and blind indexes (`*_index`) are
 * replaced, secrets are removed, and valid ID numbers in any other string are masked too.
 */
export function maskPersonalFields(value: unknown): unknown {
  return maskValue(value, null);
}

function maskValue(value: unknown, field: string | null): unknown {
  if (Array.isArray(value)) return value.map((v) => maskValue(v, field));
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, maskValue(v, k)]));
  }
  if (field !== null) {
    const f = fieldKey(field);
    if (SECRET_FIELDS.has(f)) return value == null ? value : '[已隐去]';
    if (BIRTH_FIELDS.has(f)) return value == null ? value : '[已隐去]';
    if (/(_enc|Enc)$/.test(field) || /(idnumber|phone)(index|hmac)$/.test(f)) return value == null ? value : '[密文]';
    if (typeof value === 'string' && ID_FIELDS.has(f)) return maskIdNumber(value);
    if (typeof value === 'string' && PHONE_FIELDS.has(f)) return maskPhone(value);
  }
  return typeof value === 'string' ? maskIdNumbersInText(value) : value;
}
