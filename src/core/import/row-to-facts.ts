import crypto from 'node:crypto';
import { validateCreditCode } from '../../domain/credit-code.js';
import { ENTERPRISE_FACT_FIELDS, type EnterpriseFactKey, type EnterpriseFacts } from '../../domain/enterprise-facts.js';
import {
  normalizeCode,
  normalizeName,
  normalizeText,
  parseCapital,
  parseCount,
  parseDate,
  parseOperatingStatus,
  parseRegionCode,
  parseSizeClass,
  parseYesNo,
  type Parsed,
} from '../../domain/normalize.js';
import type { ColumnPlan } from './column-map.js';

/**
 * One raw row → normalised EnterpriseFacts, or every error the row has (a person fixes a row once,
 * not once per error). Completely empty rows are skipped (null).
 */

export type RowError = { row: number; column: string | null; code: string; message: string };

export type RowResult =
  | { ok: true; facts: EnterpriseFacts; factsHash: string; warnings: RowError[] }
  | { ok: false; errors: RowError[] };

/** Facts in ENTERPRISE_FACT_FIELDS order: the literal's key order makes the JSON canonical. */
export function emptyFacts(): EnterpriseFacts {
  return {
    creditCode: '', name: '', ownershipType: null, legalRepresentative: null, foundedOn: null,
    operatingStatus: 'active', address: null, employeeCount: null, registeredCapital: null, industry: null,
    sizeClass: null, aboveDesignatedSize: null, memberCount: null, ownerProfile: null, regionCode: null,
    parkName: null, associationName: null,
  };
}

const sha256 = (facts: EnterpriseFacts): string => crypto.createHash('sha256').update(JSON.stringify(facts)).digest('hex');

/**
 * sha256 hex of the canonical facts JSON (keys in ENTERPRISE_FACT_FIELDS order, whatever order the
 * caller built them in); B stores it as enterprise.facts_hash and compares re-imports with it.
 */
export function hashFacts(facts: EnterpriseFacts): string {
  const canonical: Record<string, unknown> = {};
  for (const f of ENTERPRISE_FACT_FIELDS) canonical[f.key] = facts[f.key] ?? null;
  return crypto.createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

type Ctx = { capitalUnit: '万元' | '元'; today: string };
type Issue = { code: string; message: string; warning?: boolean };
type Setter = (f: EnterpriseFacts, text: string, ctx: Ctx) => Issue | null;

const MAX_NAME = 200;
const MAX_TEXT = 500;

const textSetter =
  (key: 'ownershipType' | 'legalRepresentative' | 'industry' | 'ownerProfile', max = MAX_TEXT): Setter =>
  (f, text) => {
    const v = normalizeText(text);
    if (v.length > max) return { code: 'TEXT_TOO_LONG', message: `内容超过${max}个字符` };
    f[key] = v === '' ? null : v;
    return null;
  };

const nameSetter =
  (key: 'name' | 'address' | 'parkName' | 'associationName', max = MAX_TEXT): Setter =>
  (f, text) => {
    const v = normalizeName(text);
    if (v.length > max) return { code: 'TEXT_TOO_LONG', message: `内容超过${max}个字符` };
    if (key === 'name') f.name = v;
    else f[key] = v === '' ? null : v;
    return null;
  };

/** Applies a parser; empty cells leave the default (null / active). */
function parsed<T>(text: string, parse: (s: string) => Parsed<T>, set: (v: T) => void): Issue | null {
  if (text.trim() === '') return null;
  const r = parse(text);
  if (!r.ok) return { code: r.code, message: r.message };
  set(r.value);
  return r.warning ? { ...r.warning, warning: true } : null;
}

function setCreditCode(f: EnterpriseFacts, text: string): Issue | null {
  const code = normalizeCode(text);
  f.creditCode = code;
  if (code === '') return null; // REQUIRED is reported once, after all cells
  const r = validateCreditCode(code);
  if (!r.ok) return { code: r.code, message: r.message };
  return r.warning ? { code: r.warning, message: r.warningMessage ?? '', warning: true } : null;
}

function setFoundedOn(f: EnterpriseFacts, text: string, ctx: Ctx): Issue | null {
  return parsed(text, parseDate, (v) => {
    f.foundedOn = v;
  }) ?? (f.foundedOn !== null && f.foundedOn > ctx.today ? { code: 'DATE_INVALID', message: `成立日期${f.foundedOn}晚于今天` } : null);
}

const SETTERS: Record<EnterpriseFactKey, Setter> = {
  creditCode: setCreditCode,
  name: nameSetter('name', MAX_NAME),
  ownershipType: textSetter('ownershipType'),
  legalRepresentative: textSetter('legalRepresentative', MAX_NAME),
  foundedOn: setFoundedOn,
  operatingStatus: (f, t) => parsed(t, parseOperatingStatus, (v) => (f.operatingStatus = v)),
  address: nameSetter('address'),
  employeeCount: (f, t) => parsed(t, parseCount, (v) => (f.employeeCount = v)),
  registeredCapital: (f, t, ctx) => parsed(t, (s) => parseCapital(s, ctx.capitalUnit), (v) => (f.registeredCapital = v)),
  industry: textSetter('industry'),
  sizeClass: (f, t) => parsed(t, parseSizeClass, (v) => (f.sizeClass = v)),
  aboveDesignatedSize: (f, t) => parsed(t, parseYesNo, (v) => (f.aboveDesignatedSize = v)),
  memberCount: (f, t) => parsed(t, parseCount, (v) => (f.memberCount = v)),
  ownerProfile: textSetter('ownerProfile'),
  regionCode: (f, t) => parsed(t, parseRegionCode, (v) => (f.regionCode = v)),
  parkName: nameSetter('parkName'),
  associationName: nameSetter('associationName'),
};

const isBlank = (cells: readonly string[]): boolean => {
  for (const c of cells) if (c !== '' && c.trim() !== '') return false;
  return true;
};

export type RowConverter = (cells: readonly string[], row: number) => RowResult | null;

/** Builds the converter for one file's header; `today` (YYYY-MM-DD) bounds founding dates. */
export function createRowConverter(headers: readonly string[], plan: ColumnPlan, today: string): RowConverter {
  const columns = plan.byIndex.flatMap((key, index) => (key ? [{ key, index, header: headers[index].trim(), set: SETTERS[key] }] : []));
  const codeHeader = columns.find((c) => c.key === 'creditCode')?.header ?? null;
  const nameHeader = columns.find((c) => c.key === 'name')?.header ?? null;
  const ctx: Ctx = { capitalUnit: plan.capitalUnit, today };
  return (cells, row) => {
    if (isBlank(cells)) return null;
    const facts = emptyFacts();
    const errors: RowError[] = [];
    const warnings: RowError[] = [];
    for (const col of columns) {
      const text = cells[col.index] ?? '';
      if (text.includes('\uFFFD')) {
        errors.push({ row, column: col.header, code: 'ENCODING_INVALID', message: '含有无法识别的字符（文件编码损坏）' });
        continue;
      }
      const issue = col.set(facts, text, ctx);
      if (issue !== null) (issue.warning ? warnings : errors).push({ row, column: col.header, code: issue.code, message: issue.message });
    }
    if (facts.creditCode === '') errors.push({ row, column: codeHeader, code: 'REQUIRED', message: '统一社会信用代码不能为空' });
    if (facts.name === '') errors.push({ row, column: nameHeader, code: 'REQUIRED', message: '企业名称不能为空' });
    if (errors.length > 0) return { ok: false, errors };
    return { ok: true, facts, factsHash: sha256(facts), warnings };
  };
}
