import { AppError } from '../../domain/errors.js';
import { parseIdNumber } from '../../domain/id-number.js';
import type { Keyring } from '../crypto/keyring.js';
import { blindIndex, encryptPii } from '../crypto/pii-cipher.js';
import type { PersonValues } from './person.repository.js';

export type PersonFacts = {
  name: string;
  idNumber: string | null;
  phone: string | null;
  gender: 'male' | 'female' | null;
  birthDate: string | null;
};

/** Full-width digits, spaces and dashes dropped; a leading + kept. Mobile or landline, 5–20 digits. */
export function normalisePhone(input: string): string {
  const v = input.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[\s\-()（）]/g, '');
  if (!/^\+?\d{5,20}$/.test(v)) {
    throw new AppError('VALIDATION_FAILED', '联系电话格式不正确', [{ field: 'phone', code: 'format', message: '应为手机号或固定电话号码' }]);
  }
  return v;
}

/** Validates the ID number (GB 11643; 15-digit converted) and fills gender and birth date from it. */
export function checkPersonFacts(f: PersonFacts): PersonFacts {
  const out = { ...f, name: f.name.trim(), phone: f.phone ? normalisePhone(f.phone) : null };
  // The table's own bound (person_name_check): imports reach here without the API's contract.
  if (out.name.length < 1 || out.name.length > 100) {
    throw new AppError('VALIDATION_FAILED', '姓名应为1至100个字', [{ field: 'name', code: 'NAME_LENGTH', message: '姓名应为1至100个字' }]);
  }
  if (!f.idNumber) return { ...out, idNumber: null };
  const parsed = parseIdNumber(f.idNumber);
  if (!parsed.ok) {
    throw new AppError('INVALID_ID_NUMBER', parsed.message, [{ field: 'idNumber', code: parsed.problem, message: parsed.message }]);
  }
  for (const [field, given, derived] of [['gender', f.gender, parsed.gender], ['birthDate', f.birthDate, parsed.birthDate]] as const) {
    if (given && given !== derived) {
      throw new AppError('VALIDATION_FAILED', '性别或出生日期与身份证号码不一致', [{ field, code: 'mismatch', message: `身份证号码显示为 ${derived}` }]);
    }
  }
  return { ...out, idNumber: parsed.value, gender: parsed.gender, birthDate: parsed.birthDate };
}

/** Encrypts under the current key and computes blind indexes: the only form that reaches SQL. */
export function toPersonValues(keyring: Keyring, f: PersonFacts): PersonValues {
  const hasPii = f.idNumber !== null || f.phone !== null;
  return {
    name: f.name,
    gender: f.gender,
    birth_date: f.birthDate,
    id_number_enc: f.idNumber ? encryptPii(keyring, f.idNumber) : null,
    id_number_index: f.idNumber ? blindIndex(keyring, 'id_number', f.idNumber) : null,
    phone_enc: f.phone ? encryptPii(keyring, f.phone) : null,
    phone_index: f.phone ? blindIndex(keyring, 'phone', f.phone) : null,
    key_id: hasPii ? keyring.current : null,
  };
}

/** The blind index to look an ID number up by, or null when it is not a valid number. */
export function idNumberIndexOf(keyring: Keyring, idNumber: string): string | null {
  const parsed = parseIdNumber(idNumber);
  return parsed.ok ? blindIndex(keyring, 'id_number', parsed.value) : null;
}
