import type { OperatingStatus, SizeClass } from '../db/tables/foundation.js';

/**
 * Pure normalisers for imported cell text (docs/import.md "Normalisation"). Each parser returns
 * either a value or a stable error code with a Chinese message; none throws on bad input.
 * Regexes are module constants: these run once per cell of million-row files.
 */

export type Parsed<T> = { ok: true; value: T; warning?: { code: string; message: string } } | { ok: false; code: string; message: string };

const FULL_WIDTH = /[\uFF01-\uFF5E\u3000\u00A0]/;
const SPACE_RUN = /\s+/g;
// Control characters are never content; they come from broken exports (and the facts hash uses two).
const CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/g;
const OPEN_PAREN = /\s*\(\s*/g;
const CLOSE_PAREN = /\s*\)\s*/g;

/** Full-width ASCII (！–～) and the ideographic / no-break spaces to their half-width forms. */
export function toHalfWidth(s: string): string {
  if (!FULL_WIDTH.test(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000 || c === 0xa0) out += ' ';
    else out += s[i];
  }
  return out;
}

/** Half-width, control characters dropped, trimmed, inner whitespace runs (incl. line breaks) collapsed to one space. */
export function normalizeText(s: string): string {
  CONTROL.lastIndex = 0;
  const t = (CONTROL.test(s) ? toHalfWidth(s).replace(CONTROL, '') : toHalfWidth(s)).trim();
  return t.length === 0 ? t : t.replace(SPACE_RUN, ' ');
}

/**
 * Names and addresses: like normalizeText, but round brackets become the full-width （） that
 * enterprise-name registration uses, so "某某(北京)有限公司" and "某某（北京）有限公司" are one name.
 */
export function normalizeName(s: string): string {
  const t = normalizeText(s);
  if (t.indexOf('(') < 0 && t.indexOf(')') < 0) return t;
  return t.replace(OPEN_PAREN, '（').replace(CLOSE_PAREN, '）');
}

/** Codes: half-width, upper case, every space removed (people paste "9111 0000 …"). */
export function normalizeCode(s: string): string {
  return toHalfWidth(s).replace(SPACE_RUN, '').toUpperCase();
}

// ---------------------------------------------------------------------------------------------
// Dates

const DATE_YMD = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const DATE_COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const EXCEL_SERIAL = /^\d{5}(?:\.\d+)?$/;
const MS_PER_DAY = 86_400_000;
// Excel's 1900 date system counts a non-existent 1900-02-29 (serial 60); every serial after it is
// one day ahead, so day 0 is effectively 1899-12-30 for the serials we accept (≥ 10000).
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** YYYY-MM-DD from UTC components (ExcelJS hands out dates as UTC midnight). */
export function formatDateUtc(d: Date): string {
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

function ymd(y: number, m: number, d: number): Parsed<string> {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2100 || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) {
    return { ok: false, code: 'DATE_INVALID', message: `日期“${y}-${m}-${d}”不存在` };
  }
  return { ok: true, value: `${y}-${pad2(m)}-${pad2(d)}` };
}

/**
 * 2019-03-01, 2019/3/1, 2019.03.01, 2019年3月1日, 20190301, "2019-03-01 00:00:00", Excel serials
 * (5 digits, optional fraction: 10000 = 1927-05-18 … 73050 = 2100-01-01) and JS Dates.
 * Four-digit numbers are NOT taken as serials: "2019" is far more likely a bare year than 1905-07-11.
 */
export function parseDate(input: string | number | Date): Parsed<string> {
  if (input instanceof Date) {
    return Number.isNaN(input.getTime()) ? { ok: false, code: 'DATE_INVALID', message: '日期无效' } : { ok: true, value: formatDateUtc(input) };
  }
  const s = typeof input === 'number' ? String(input) : toHalfWidth(input).trim();
  let m = DATE_YMD.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = DATE_COMPACT.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  if (EXCEL_SERIAL.test(s)) {
    const d = new Date(EXCEL_EPOCH_UTC + Math.floor(Number(s)) * MS_PER_DAY);
    return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  return { ok: false, code: 'DATE_INVALID', message: `无法识别的日期“${s}”，请写作 2019-03-01 或 2019年3月1日` };
}

// ---------------------------------------------------------------------------------------------
// Numbers

const THOUSANDS = /,/g;
const COUNT = /^(\d+)(?:\.0+)?\s*(?:人|名|个)?$/;
const APPROX = /^(约|大约|近|超过|不足|不到|少于|多于|\d+\s*[-~至]\s*\d+)/;

/**
 * Head counts: "50", "50人", "1,200", "50.0" (Excel numbers). Approximate or ranged values ("约50",
 * "10-20") are rejected rather than guessed: the count decides coverage rules (§1.1).
 */
export function parseCount(input: string): Parsed<number> {
  const s = toHalfWidth(input).trim().replace(THOUSANDS, '');
  const m = COUNT.exec(s);
  if (m) {
    const n = Number(m[1]);
    if (n <= 2_000_000_000) return { ok: true, value: n };
  }
  if (APPROX.test(s)) return { ok: false, code: 'COUNT_INVALID', message: `人数“${input.trim()}”不是确切数字，请填写整数` };
  return { ok: false, code: 'COUNT_INVALID', message: `人数“${input.trim()}”应为非负整数` };
}

const CAPITAL = /^(\d+(?:\.\d+)?)\s*(亿|万|千|百)?\s*(元|人民币|元人民币|人民币元)?\s*(美元|港元|港币|欧元|日元|英镑|澳门元|新台币)?\s*$/;
const CAPITAL_PREFIX_CURRENCY = /^(人民币|美元|港元|港币|欧元|日元|英镑)\s*/;
const SCALE_TO_WAN: Record<string, number> = { 亿: 10_000, 万: 1, 千: 0.1, 百: 0.01 };

/**
 * Decimal text without float noise, at most 4 decimals: the column is numeric(18,4) (4 decimals of
 * 万元 = 1 元), so what we hash is exactly what the ledger stores and exports.
 */
function decimalText(n: number): string {
  return String(Number(n.toFixed(4)));
}

/** numeric(18,4) holds < 10^14; anything near that is a typo, not a capital. */
const MAX_CAPITAL_WAN = 1e13;

/**
 * Registered capital as 万元 decimal text. "100" and "100万元" → "100"; "1000000元" → "100";
 * "1.5亿" → "15000". A bare number is read in the column's unit (万元 unless the header says 元).
 * Foreign currency ("50万美元") keeps the amount in 万 of that currency and adds a CAPITAL_CURRENCY
 * warning: converting at an unknown date's rate would invent data.
 */
export function parseCapital(input: string, bareUnit: '万元' | '元' = '万元'): Parsed<string> {
  const raw = toHalfWidth(input).trim().replace(THOUSANDS, '');
  let prefixCurrency = '';
  const s = raw.replace(CAPITAL_PREFIX_CURRENCY, (_, c: string) => {
    prefixCurrency = c;
    return '';
  });
  const m = CAPITAL.exec(s);
  if (!m) return { ok: false, code: 'CAPITAL_INVALID', message: `注册资本“${input.trim()}”无法识别，请填写以万元为单位的数字` };
  const amount = Number(m[1]);
  const scale = m[2];
  const currency = m[4] ?? (prefixCurrency && prefixCurrency !== '人民币' ? prefixCurrency : '');
  let wan: number;
  if (scale) wan = amount * SCALE_TO_WAN[scale];
  else if (m[3] || currency) wan = amount / 10_000; // "1000000元", "500000美元": the unit is one yuan/dollar
  else wan = bareUnit === '元' ? amount / 10_000 : amount;
  if (!(wan < MAX_CAPITAL_WAN)) return { ok: false, code: 'CAPITAL_INVALID', message: `注册资本“${input.trim()}”超出合理范围` };
  const value = decimalText(wan);
  if (currency) {
    return { ok: true, value, warning: { code: 'CAPITAL_CURRENCY', message: `注册资本币种为${currency}，按${value}万${currency}记录，未折算人民币` } };
  }
  return { ok: true, value };
}

// ---------------------------------------------------------------------------------------------
// Vocabularies

const PUNCT = /[\s()（）【】\[\]、,，;；:：/·.。-]/g;
const squeeze = (s: string): string => toHalfWidth(s).replace(PUNCT, '').toLowerCase();

const STATUS_EXACT: Record<string, OperatingStatus> = {
  存续: 'active', 存续在营开业在册: 'active', 存续在营: 'active', 在营: 'active', 开业: 'active', 在业: 'active',
  在册: 'active', 正常: 'active', 登记成立: 'active', 确立: 'active', 设立: 'active', 营业: 'active', 正常经营: 'active',
  active: 'active', 歇业: 'suspended', 停业: 'suspended', 暂停营业: 'suspended', suspended: 'suspended',
  注销: 'deregistered', 已注销: 'deregistered', 注销企业: 'deregistered', deregistered: 'deregistered',
  吊销: 'revoked', 已吊销: 'revoked', 吊销未注销: 'revoked', 吊销营业执照: 'revoked', 撤销: 'revoked', 撤销登记: 'revoked',
  revoked: 'revoked', 迁出: 'moved_out', 已迁出: 'moved_out', 迁往市外: 'moved_out', 迁往省外: 'moved_out', moved_out: 'moved_out',
};

/**
 * Registration statuses as market-regulation exports spell them. Empty means 存续 (the template's
 * rule). "吊销，已注销" is deregistered: the later act wins. Unknown spellings are errors, never
 * guessed into "active".
 */
export function parseOperatingStatus(input: string): Parsed<OperatingStatus> {
  const key = squeeze(input);
  if (key === '') return { ok: true, value: 'active' };
  const exact = STATUS_EXACT[key];
  if (exact) return { ok: true, value: exact };
  if (key.includes('吊销')) return { ok: true, value: key.includes('已注销') ? 'deregistered' : 'revoked' };
  if (key.includes('注销') && !key.includes('未注销')) return { ok: true, value: 'deregistered' };
  if (key.includes('迁出')) return { ok: true, value: 'moved_out' };
  if (key.includes('歇业') || key.includes('停业')) return { ok: true, value: 'suspended' };
  if (key.startsWith('存续') || key.startsWith('在营') || key.startsWith('开业') || key.startsWith('在业')) return { ok: true, value: 'active' };
  return { ok: false, code: 'STATUS_UNKNOWN', message: `无法识别的登记状态“${input.trim()}”，应为存续（在营）、歇业、注销、吊销或迁出` };
}

const SIZE_EXACT: Record<string, SizeClass> = {
  大: 'large', 大型: 'large', 大型企业: 'large', large: 'large', l: 'large',
  中: 'medium', 中型: 'medium', 中型企业: 'medium', medium: 'medium', m: 'medium',
  小: 'small', 小型: 'small', 小型企业: 'small', small: 'small', s: 'small',
  微: 'micro', 微型: 'micro', 微型企业: 'micro', 小微: 'micro', micro: 'micro', xs: 'micro',
};

/** 大型/中型/小型/微型 and short forms; empty is "not known" (null). */
export function parseSizeClass(input: string): Parsed<SizeClass | null> {
  const key = squeeze(input);
  if (key === '') return { ok: true, value: null };
  const v = SIZE_EXACT[key];
  return v ? { ok: true, value: v } : { ok: false, code: 'SIZE_CLASS_UNKNOWN', message: `无法识别的企业规模“${input.trim()}”，应为大型、中型、小型或微型` };
}

const YES = new Set(['是', '有', 'y', 'yes', 'true', '1', '√', '✓', '规上', '规模以上']);
const NO = new Set(['否', '无', '不是', 'n', 'no', 'false', '0', '×', '✗', '规下', '规模以下']);

/** 是/否 and the usual spellings; empty is "not known" (null). */
export function parseYesNo(input: string): Parsed<boolean | null> {
  const key = squeeze(input);
  if (key === '') return { ok: true, value: null };
  if (YES.has(key)) return { ok: true, value: true };
  if (NO.has(key)) return { ok: true, value: false };
  return { ok: false, code: 'YES_NO_INVALID', message: `“${input.trim()}”应为“是”或“否”` };
}

const REGION_CODE = /^(\d{6}|\d{9}|\d{12})$/;

/** 统计用区划代码: 6, 9 or 12 digits, right-padded with zeros to 12 (a prefix names the ancestor). */
export function parseRegionCode(input: string): Parsed<string | null> {
  const s = normalizeCode(input);
  if (s === '') return { ok: true, value: null };
  if (!REGION_CODE.test(s)) return { ok: false, code: 'REGION_CODE_INVALID', message: `区划代码“${input.trim()}”应为6、9或12位数字` };
  return { ok: true, value: s.padEnd(12, '0') };
}
