import { parseIdNumber } from './id-number.js';
import { normalizeText, toHalfWidth } from './normalize.js';

/**
 * A training session's 签到表 as officials keep it in Excel (docs/training.md, "Attendance import"):
 * 姓名, then the ID number or a phone to tell namesakes apart, and optionally 学时 (blank: the
 * session's). The pure part: which file column is which, and what one row must pass on its own; the
 * import adds what needs the database (the person, whether the importer may name them).
 */
export const TA_COLUMN_KEYS = ['name', 'idNumber', 'phone', 'hours'] as const;
export type TaColumnKey = (typeof TA_COLUMN_KEYS)[number];

export const TA_COLUMNS: Record<TaColumnKey, { label: string; synonyms: readonly string[] }> = {
  name: { label: '姓名', synonyms: ['参训人员', '参训人', '学员姓名'] },
  idNumber: { label: '身份证号', synonyms: ['公民身份号码', '身份证号码', '身份证', '证件号码', '居民身份证号码'] },
  phone: { label: '手机号', synonyms: ['手机号码', '联系电话', '电话', '手机'] },
  hours: { label: '学时', synonyms: ['认定学时', '培训学时', '参训学时'] },
};

const headerKey = (h: string) => toHalfWidth(h).replace(/[\s*＊※:：]/g, '').replace(/[(（][^)）]*[)）]/g, '').toLowerCase();
const BY_HEADER = new Map<string, TaColumnKey>();
for (const k of TA_COLUMN_KEYS) for (const s of [TA_COLUMNS[k].label, ...TA_COLUMNS[k].synonyms]) BY_HEADER.set(headerKey(s), k);

/** Per file column, the attendance column it fills (the first of two same-named columns wins). */
export function planTaColumns(headers: readonly string[]): Array<TaColumnKey | null> {
  const taken = new Set<TaColumnKey>();
  return headers.map((h) => {
    const k = BY_HEADER.get(headerKey(h ?? '')) ?? null;
    if (!k || taken.has(k)) return null;
    taken.add(k);
    return k;
  });
}

/** A header row names 姓名 and the ID number or the phone. */
export function isTaHeader(cells: readonly string[]): boolean {
  const keys = new Set(planTaColumns(cells));
  return keys.has('name') && (keys.has('idNumber') || keys.has('phone'));
}

export type TaRowFacts = { name: string; idNumber: string | null; phone: string | null; hours: number };
export type TaRowError = { column: string; code: string; message: string };
export type TaRowResult = { ok: true; facts: TaRowFacts } | { ok: false; errors: TaRowError[] };

const err = (k: TaColumnKey, code: string, message: string): TaRowError => ({ column: TA_COLUMNS[k].label, code, message });
const PHONE = /^\+?\d{5,20}$/;

/**
 * One row → its facts or every problem with its column. 学时 are whole numbers (docs/training.md:
 * a half 学时 is not recorded), at most the session's; blank means the whole session.
 */
export function checkTaRow(raw: Partial<Record<TaColumnKey, string>>, sessionHours: number, today: string): TaRowResult {
  const v = Object.fromEntries(TA_COLUMN_KEYS.map((k) => [k, normalizeText(raw[k] ?? '')])) as Record<TaColumnKey, string>;
  const errors: TaRowError[] = [];
  if (!v.name) errors.push(err('name', 'REQUIRED', '姓名不能为空'));
  else if (v.name.length > 100) errors.push(err('name', 'TOO_LONG', '姓名不能超过100个字'));
  let idNumber: string | null = null;
  if (v.idNumber) {
    const id = parseIdNumber(v.idNumber, new Date(`${today}T12:00:00Z`));
    if (id.ok) idNumber = id.value;
    else errors.push(err('idNumber', id.problem === 'check_char' ? 'ID_CHECK_CHAR' : id.problem === 'birth_date' ? 'ID_BIRTH_DATE' : 'ID_FORMAT', id.message));
  }
  const phone = v.phone ? toHalfWidth(v.phone).replace(/[\s\-()（）]/g, '') : null;
  if (phone && !PHONE.test(phone)) errors.push(err('phone', 'PHONE_INVALID', '手机号应为手机号码或固定电话号码'));
  if (!v.idNumber && !v.phone) errors.push(err('idNumber', 'ID_OR_PHONE_REQUIRED', '请填写身份证号或手机号，用于确认是哪一位'));
  let hours = sessionHours;
  if (v.hours) {
    const n = Number(toHalfWidth(v.hours));
    if (!Number.isInteger(n) || n < 0) errors.push(err('hours', 'HOURS_INVALID', `学时应为不小于0的整数，不是“${v.hours}”`));
    else if (n > sessionHours) errors.push(err('hours', 'TOO_MANY', `认定学时不能多于本期培训的${sessionHours}学时`));
    else hours = n;
  }
  return errors.length ? { ok: false, errors } : { ok: true, facts: { name: v.name, idNumber, phone, hours } };
}
