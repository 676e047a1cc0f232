import { parseIdNumber } from './id-number.js';
import { normalizeText, parseDate, toHalfWidth } from './normalize.js';

/**
 * Real-name union members (docs/unions.md, "会员实名制"): statuses and their Chinese names, where a
 * dispatched worker (劳务派遣工) belongs, the membership rate, and the checks one roster row must pass
 * on its own (the import adds what needs the database: the person, other memberships, the 工作单位).
 */
export const UNION_MEMBER_STATUSES = ['active', 'retained', 'transferred', 'left'] as const;
export type UnionMemberStatus = (typeof UNION_MEMBER_STATUSES)[number];
export const UNION_MEMBER_STATUS_LABEL: Record<UnionMemberStatus, string> = {
  active: '在会', retained: '保留会籍', transferred: '已转出', left: '已退会',
};
/** Live memberships: a person holds at most one (union_member_person_live_key). */
export const LIVE_STATUSES: readonly UnionMemberStatus[] = ['active', 'retained'];

/** Where a dispatched worker joins: the union of the enterprise that places them (用工单位) or of the agency (用人单位). */
export type DispatchedJoinAt = 'placing' | 'employing';
export const DISPATCHED_JOIN_AT_LABEL: Record<DispatchedJoinAt, string> = {
  placing: '在用工单位（实际工作单位）工会入会', employing: '在劳务派遣单位工会入会',
};
export const DISPATCHED_JOIN_AT_DEFAULT: DispatchedJoinAt = 'placing';

/**
 * The warning an add or an import row carries when a dispatched worker is put in a union the
 * setting does not point to (the setting guides, it does not refuse: a written agreement between
 * the agency and the placing enterprise may say otherwise — 《劳务派遣暂行规定》, 全总《关于组织劳务派遣工加入工会的规定》).
 * `employerCovered`: the union covers the worker's 工作单位 today; `agencyCovered`: it covers an
 * enterprise named like the 派遣单位.
 */
export function dispatchedWarning(
  at: DispatchedJoinAt, m: { dispatched: boolean; employerCovered: boolean; agencyCovered: boolean },
): string | null {
  if (!m.dispatched) return null;
  if (at === 'placing' && !m.employerCovered) return '按本辖区设置，劳务派遣工一般在用工单位（实际工作单位）工会入会，该工会不覆盖其工作单位，请核实是否另有约定';
  if (at === 'employing' && !m.agencyCovered) return '按本辖区设置，劳务派遣工一般在劳务派遣单位工会入会，该工会不覆盖其派遣单位，请核实是否另有约定';
  return null;
}

/** 入会率: members ÷ employees, one decimal of a percent; null when there are no employees to divide by. */
export function membershipRate(members: number, employees: number): number | null {
  if (employees <= 0) return null;
  return Math.round((members / employees) * 1000) / 10;
}

// ---------------------------------------------------------------- import rows

export const UM_COLUMN_KEYS = [
  'name', 'gender', 'idNumber', 'phone', 'joinedOn', 'cardNumber', 'employer', 'dispatched', 'dispatchEmployer', 'status',
] as const;
export type UmColumnKey = (typeof UM_COLUMN_KEYS)[number];

export const UM_COLUMNS: Record<UmColumnKey, { label: string; synonyms: readonly string[]; required?: true }> = {
  name: { label: '姓名', synonyms: ['会员姓名'], required: true },
  gender: { label: '性别', synonyms: [] },
  idNumber: { label: '公民身份号码', synonyms: ['身份证号码', '身份证号', '公民身份证号码', '证件号码', '居民身份证号码'], required: true },
  phone: { label: '手机号', synonyms: ['手机号码', '联系电话', '电话', '手机'] },
  joinedOn: { label: '入会日期', synonyms: ['入会时间', '加入工会日期'] },
  cardNumber: { label: '会员证号', synonyms: ['会员证号码', '会员卡号', '会员证编号'] },
  employer: { label: '工作单位', synonyms: ['所在单位', '用工单位', '单位名称'] },
  dispatched: { label: '是否劳务派遣', synonyms: ['劳务派遣', '是否派遣'] },
  dispatchEmployer: { label: '派遣单位', synonyms: ['劳务派遣单位', '用人单位'] },
  status: { label: '会籍状态', synonyms: ['会员状态', '状态'] },
};

const headerKey = (h: string) => toHalfWidth(h).replace(/[\s*＊※:：]/g, '').replace(/[(（][^)）]*[)）]/g, '').toLowerCase();
const BY_HEADER = new Map<string, UmColumnKey>();
for (const k of UM_COLUMN_KEYS) for (const s of [UM_COLUMNS[k].label, ...UM_COLUMNS[k].synonyms]) BY_HEADER.set(headerKey(s), k);

/** Per file column, the roster column it fills (the first of two same-named columns wins). */
export function planUmColumns(headers: readonly string[]): Array<UmColumnKey | null> {
  const taken = new Set<UmColumnKey>();
  return headers.map((h) => {
    const k = BY_HEADER.get(headerKey(h ?? '')) ?? null;
    if (!k || taken.has(k)) return null;
    taken.add(k);
    return k;
  });
}

/** A header row names 姓名, the ID number and one more roster column. */
export function isUmHeader(cells: readonly string[]): boolean {
  const keys = new Set(planUmColumns(cells).filter((k) => k !== null));
  return keys.has('name') && keys.has('idNumber') && keys.size >= 3;
}

export type UmRowFacts = {
  name: string; gender: 'male' | 'female'; idNumber: string; phone: string | null; joinedOn: string | null;
  cardNumber: string | null; employer: string | null; dispatched: boolean; dispatchEmployer: string | null;
  status: 'active' | 'retained';
};
export type UmRowError = { column: string; code: string; message: string };
export type UmRowResult = { ok: true; facts: UmRowFacts } | { ok: false; errors: UmRowError[] };

const GENDER: Record<string, 'male' | 'female'> = { 男: 'male', 男性: 'male', 女: 'female', 女性: 'female' };
const YES_NO: Record<string, boolean> = { 是: true, 否: false, y: true, n: false, yes: true, no: false, '1': true, '0': false, 派遣: true };
const STATUS: Record<string, 'active' | 'retained'> = { 在会: 'active', 会员: 'active', 正常: 'active', 保留会籍: 'retained', 保留: 'retained' };
const LIMITS: Partial<Record<UmColumnKey, number>> = { name: 100, cardNumber: 40, employer: 200, dispatchEmployer: 200 };
const PHONE = /^\+?\d{5,20}$/;

const err = (k: UmColumnKey, code: string, message: string): UmRowError => ({ column: UM_COLUMNS[k].label, code, message });

/** One row's values (as read) → its facts, or every problem of the row with its column. */
export function checkUmRow(raw: Partial<Record<UmColumnKey, string>>, today: string): UmRowResult {
  const v: Partial<Record<UmColumnKey, string>> = {};
  for (const k of UM_COLUMN_KEYS) v[k] = normalizeText(raw[k] ?? '');
  const errors: UmRowError[] = [];
  for (const k of UM_COLUMN_KEYS) {
    if (UM_COLUMNS[k].required && !v[k]) errors.push(err(k, 'REQUIRED', `${UM_COLUMNS[k].label}不能为空`));
    const max = LIMITS[k];
    if (max && (v[k] ?? '').length > max) errors.push(err(k, 'TOO_LONG', `${UM_COLUMNS[k].label}不能超过${max}个字`));
  }
  const id = v.idNumber ? parseIdNumber(v.idNumber, new Date(`${today}T12:00:00Z`)) : null;
  if (id && !id.ok) errors.push(err('idNumber', id.problem === 'check_char' ? 'ID_CHECK_CHAR' : id.problem === 'birth_date' ? 'ID_BIRTH_DATE' : 'ID_FORMAT', id.message));
  const gender = v.gender ? GENDER[v.gender] : undefined;
  if (v.gender && !gender) errors.push(err('gender', 'GENDER_INVALID', `性别应为“男”或“女”，不是“${v.gender}”`));
  if (id?.ok && gender && gender !== id.gender) errors.push(err('gender', 'GENDER_MISMATCH', `性别与公民身份号码不一致（号码显示为${id.gender === 'male' ? '男' : '女'}）`));
  const phone = v.phone ? v.phone.replace(/[\s\-()（）]/g, '') : null;
  if (phone && !PHONE.test(phone)) errors.push(err('phone', 'PHONE_INVALID', '手机号应为手机号码或固定电话号码'));
  let joinedOn: string | null = null;
  if (v.joinedOn) {
    const p = parseDate(v.joinedOn);
    if (!p.ok) errors.push(err('joinedOn', 'DATE_INVALID', `入会日期“${v.joinedOn}”无法识别，请写作 2019-03-01 或 2019年3月1日`));
    else if (p.value > today) errors.push(err('joinedOn', 'DATE_IN_FUTURE', `入会日期 ${p.value} 晚于今天`));
    else if (id?.ok && p.value <= id.birthDate) errors.push(err('joinedOn', 'JOINED_BEFORE_BIRTH', `入会日期 ${p.value} 早于出生日期`));
    else joinedOn = p.value;
  }
  const dispatchedText = (v.dispatched ?? '').toLowerCase();
  const dispatched = dispatchedText === '' ? false : YES_NO[dispatchedText];
  if (dispatched === undefined) errors.push(err('dispatched', 'YES_NO_INVALID', `是否劳务派遣应为“是”或“否”，不是“${v.dispatched}”`));
  if (v.dispatchEmployer && dispatched === false) errors.push(err('dispatchEmployer', 'NOT_DISPATCHED', '填写了派遣单位，但“是否劳务派遣”不是“是”'));
  const status = v.status ? STATUS[v.status.replace(/\s/g, '')] : 'active';
  if (!status) errors.push(err('status', 'STATUS_INVALID', `会籍状态应为“在会”或“保留会籍”，不是“${v.status}”（转出、退会请在系统中办理）`));
  if (errors.length || !id?.ok || dispatched === undefined || !status) return { ok: false, errors };
  return {
    ok: true,
    facts: {
      name: v.name as string, gender: id.gender, idNumber: id.value, phone, joinedOn, cardNumber: v.cardNumber || null,
      employer: v.employer || null, dispatched, dispatchEmployer: dispatched ? v.dispatchEmployer || null : null, status,
    },
  };
}
