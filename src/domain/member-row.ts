import { parseIdNumber } from './id-number.js';
import type { MemberCategory } from './member.js';
import { normalizeText, parseDate, toHalfWidth } from './normalize.js';

/**
 * One row of a roster exported by the national member information system (全国党员管理信息系统):
 * the columns it carries, their spellings, and the checks a row must pass on its own (pure; the
 * import adds what needs the database: the organisation, the 工作单位, duplicates). docs/import.md,
 * "党员名册", lists the columns and the error codes.
 */
export const MEMBER_COLUMN_KEYS = [
  'name', 'gender', 'idNumber', 'ethnicity', 'birthDate', 'education', 'category', 'joinedOn', 'confirmedOn',
  'orgName', 'post', 'phone', 'employer',
] as const;
export type MemberColumnKey = (typeof MEMBER_COLUMN_KEYS)[number];

/** The label the error report and messages use, then the spellings real exports carry. */
export const MEMBER_COLUMNS: Record<MemberColumnKey, { label: string; synonyms: readonly string[]; required?: true }> = {
  name: { label: '姓名', synonyms: ['党员姓名', '名字'], required: true },
  gender: { label: '性别', synonyms: [] },
  idNumber: { label: '公民身份号码', synonyms: ['身份证号码', '身份证号', '公民身份证号码', '身份证件号码', '证件号码', '居民身份证号码'], required: true },
  ethnicity: { label: '民族', synonyms: [] },
  birthDate: { label: '出生日期', synonyms: ['出生年月', '出生年月日'] },
  education: { label: '学历', synonyms: ['文化程度', '最高学历', '全日制学历', '学历学位'] },
  category: { label: '人员类别', synonyms: ['党员类别', '党员类型', '类别', '人员类型'], required: true },
  joinedOn: { label: '入党日期', synonyms: ['入党时间', '加入党组织日期', '入党年月'] },
  confirmedOn: { label: '转正日期', synonyms: ['转正时间', '转为正式党员日期', '转正年月'] },
  orgName: { label: '所在党支部', synonyms: ['所在党组织', '所在支部', '党支部', '党组织名称', '所在党支部名称', '组织关系所在党组织'], required: true },
  post: { label: '工作岗位', synonyms: ['岗位', '职务', '工作岗位（职务）'] },
  phone: { label: '联系电话', synonyms: ['手机号码', '手机号', '联系方式', '电话', '手机'] },
  employer: { label: '工作单位', synonyms: ['现工作单位', '所在单位', '单位名称', '工作单位名称'] },
};

const BRACKETED = /[(（【[][^)）】\]]*[)）】\]]/g;
const headerKey = (h: string) => toHalfWidth(h).replace(/[\s*＊※:：]/g, '').toLowerCase();

const BY_HEADER = new Map<string, MemberColumnKey>();
for (const key of MEMBER_COLUMN_KEYS) {
  const c = MEMBER_COLUMNS[key];
  for (const s of [c.label, ...c.synonyms]) {
    BY_HEADER.set(headerKey(s), key);
    BY_HEADER.set(headerKey(s).replace(BRACKETED, ''), key);
  }
}

/** The column a header cell names, or null. Brackets ("联系电话（手机）") and "*" markers are ignored. */
export function memberColumnOf(header: string): MemberColumnKey | null {
  const k = headerKey(header);
  return BY_HEADER.get(k) ?? BY_HEADER.get(k.replace(BRACKETED, '')) ?? null;
}

/** Per file column, the member column it fills (the first of two same-named columns wins). */
export function planMemberColumns(headers: readonly string[]): Array<MemberColumnKey | null> {
  const taken = new Set<MemberColumnKey>();
  return headers.map((h) => {
    const key = memberColumnOf(h);
    if (!key || taken.has(key)) return null;
    taken.add(key);
    return key;
  });
}

/** A header row names the person (姓名 and the ID number) and at least one more roster column. */
export function isMemberHeader(cells: readonly string[]): boolean {
  const keys = new Set(planMemberColumns(cells).filter((k): k is MemberColumnKey => k !== null));
  return keys.has('name') && keys.has('idNumber') && keys.size >= 3;
}

export const missingMemberColumns = (cells: readonly string[]): string[] => {
  const keys = new Set(planMemberColumns(cells));
  return MEMBER_COLUMN_KEYS.filter((k) => MEMBER_COLUMNS[k].required && !keys.has(k)).map((k) => MEMBER_COLUMNS[k].label);
};

export type MemberRowFacts = {
  name: string;
  gender: 'male' | 'female';
  idNumber: string;
  birthDate: string;
  ethnicity: string | null;
  education: string | null;
  category: MemberCategory;
  joinedOn: string | null;
  confirmedOn: string | null;
  orgName: string;
  post: string | null;
  phone: string | null;
  employer: string | null;
};

export type MemberRowError = { column: string; code: string; message: string };
export type MemberRowResult = { ok: true; facts: MemberRowFacts } | { ok: false; errors: MemberRowError[] };

const CATEGORY: Record<string, MemberCategory> = { 正式党员: 'full', 正式: 'full', 预备党员: 'probationary', 预备: 'probationary' };
const GENDER: Record<string, 'male' | 'female'> = { 男: 'male', 男性: 'male', 女: 'female', 女性: 'female' };
const LIMITS: Partial<Record<MemberColumnKey, number>> = { name: 100, ethnicity: 20, education: 30, post: 100, employer: 200, orgName: 200 };
const PHONE = /^\+?\d{5,20}$/;

const label = (k: MemberColumnKey) => MEMBER_COLUMNS[k].label;
const err = (k: MemberColumnKey, code: string, message: string): MemberRowError => ({ column: label(k), code, message });

/** 198503 / 1985-03 / 1985年3月 (exports often give months only): the first of the month. */
function parseMemberDate(v: string): ReturnType<typeof parseDate> {
  const s = toHalfWidth(v).trim();
  const month = /^(\d{4})(?:[-/.年](\d{1,2})月?|(\d{2}))$/.exec(s);
  if (month) return parseDate(`${month[1]}-${month[2] ?? month[3]}-01`);
  return parseDate(s);
}

function dateOf(values: Partial<Record<MemberColumnKey, string>>, k: MemberColumnKey, errors: MemberRowError[], today: string): string | null {
  const v = values[k] ?? '';
  if (v === '') return null;
  const p = parseMemberDate(v);
  if (!p.ok) {
    errors.push(err(k, 'DATE_INVALID', `${label(k)}“${v}”无法识别，请写作 2019-03-01 或 2019年3月1日`));
    return null;
  }
  if (p.value > today) {
    errors.push(err(k, 'DATE_IN_FUTURE', `${label(k)} ${p.value} 晚于今天`));
    return null;
  }
  return p.value;
}

/** Normalised values (normalizeText) of one row → its facts, or every problem of the row. */
export function checkMemberRow(raw: Partial<Record<MemberColumnKey, string>>, today: string): MemberRowResult {
  const values: Partial<Record<MemberColumnKey, string>> = {};
  for (const k of MEMBER_COLUMN_KEYS) values[k] = normalizeText(raw[k] ?? '');
  const errors: MemberRowError[] = [];
  for (const k of MEMBER_COLUMN_KEYS) {
    if (MEMBER_COLUMNS[k].required && !values[k]) errors.push(err(k, 'REQUIRED', `${label(k)}不能为空`));
    const max = LIMITS[k];
    if (max && (values[k] ?? '').length > max) errors.push(err(k, 'TOO_LONG', `${label(k)}不能超过${max}个字`));
  }
  const id = values.idNumber ? parseIdNumber(values.idNumber, new Date(`${today}T12:00:00Z`)) : null;
  if (id && !id.ok) errors.push(err('idNumber', id.problem === 'check_char' ? 'ID_CHECK_CHAR' : id.problem === 'birth_date' ? 'ID_BIRTH_DATE' : 'ID_FORMAT', id.message));
  const birthDate = dateOf(values, 'birthDate', errors, today);
  if (id?.ok && birthDate && birthDate !== id.birthDate) {
    errors.push(err('birthDate', 'BIRTH_DATE_MISMATCH', '出生日期与公民身份号码不一致，请核对')); // no dates: beside a masked ID number they would undo the mask
  }
  const gender = values.gender ? GENDER[values.gender] : undefined;
  if (values.gender && !gender) errors.push(err('gender', 'GENDER_INVALID', `性别应为“男”或“女”，不是“${values.gender}”`));
  if (id?.ok && gender && gender !== id.gender) errors.push(err('gender', 'GENDER_MISMATCH', `性别与公民身份号码不一致（号码显示为${id.gender === 'male' ? '男' : '女'}）`));
  const category = values.category ? CATEGORY[values.category.replace(/\s/g, '')] : undefined;
  if (values.category && !category) errors.push(err('category', 'CATEGORY_INVALID', `人员类别应为“正式党员”或“预备党员”，不是“${values.category}”`));
  const joinedOn = dateOf(values, 'joinedOn', errors, today);
  const confirmedOn = dateOf(values, 'confirmedOn', errors, today);
  if (category === 'probationary' && confirmedOn) errors.push(err('confirmedOn', 'PROBATIONARY_CONFIRMED', '预备党员不应有转正日期：已转正的请把人员类别改为“正式党员”'));
  if (joinedOn && confirmedOn && confirmedOn <= joinedOn) errors.push(err('confirmedOn', 'CONFIRMED_BEFORE_JOINED', `转正日期 ${confirmedOn} 应晚于入党日期 ${joinedOn}`));
  if (id?.ok && joinedOn && joinedOn <= id.birthDate) errors.push(err('joinedOn', 'JOINED_BEFORE_BIRTH', `入党日期 ${joinedOn} 早于出生日期`));
  const phone = values.phone ? values.phone.replace(/[\s\-()（）]/g, '') : null;
  if (phone && !PHONE.test(phone)) errors.push(err('phone', 'PHONE_INVALID', '联系电话应为手机号或固定电话号码'));
  if (errors.length || !id?.ok || !category) return { ok: false, errors };
  return {
    ok: true,
    facts: {
      name: values.name as string, gender: id.gender, idNumber: id.value, birthDate: id.birthDate,
      ethnicity: values.ethnicity || null, education: values.education || null, category, joinedOn, confirmedOn,
      orgName: values.orgName as string, post: values.post || null, phone, employer: values.employer || null,
    },
  };
}
