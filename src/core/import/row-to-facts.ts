import crypto from 'node:crypto';
import { validateCreditCode } from '../../domain/credit-code.js';
import { ENTERPRISE_FACT_FIELDS, type EnterpriseFactKey, type EnterpriseFacts } from '../../domain/enterprise-facts.js';
import {
  normalizeCode,
  normalizeName,
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

/** Facts with every optional fact empty and the status at its default (存续). */
export function emptyFacts(): EnterpriseFacts {
  return {
    creditCode: '', name: '', ownershipType: null, legalRepresentative: null, foundedOn: null,
    operatingStatus: 'active', address: null, employeeCount: null, registeredCapital: null, industry: null,
    sizeClass: null, aboveDesignatedSize: null, memberCount: null, ownerProfile: null, regionCode: null,
    parkName: null, associationName: null,
  };
}

const FACT_KEYS: readonly EnterpriseFactKey[] = ENTERPRISE_FACT_FIELDS.map((f) => f.key);

/**
 * The canonical text of a fact set: every fact in ENTERPRISE_FACT_FIELDS order, null as NUL,
 * separated by U+001F. A third cheaper than JSON.stringify at a million rows; normalised cell
 * text never holds either control character.
 */
function canonicalFacts(facts: EnterpriseFacts): string {
  let s = 'v1';
  for (let i = 0; i < FACT_KEYS.length; i++) {
    const v = facts[FACT_KEYS[i]];
    s += v === null || v === undefined ? '\u001f\u0000' : `\u001f${v}`;
  }
  return s;
}

// One-shot crypto.hash (Node ≥ 20.12) skips the Hash object a million-row file would otherwise churn.
const sha256Hex = (text: string): string =>
  typeof crypto.hash === 'function' ? crypto.hash('sha256', text, 'hex') : crypto.createHash('sha256').update(text).digest('hex');

/**
 * sha256 hex of the canonical facts text; B stores it as enterprise.facts_hash and compares
 * re-imports with it, so any code that has EnterpriseFacts (e.g. from the ledger) must hash with this.
 */
export function hashFacts(facts: EnterpriseFacts): string {
  return sha256Hex(canonicalFacts(facts));
}

type Ctx = { capitalUnit: '万元' | '元'; today: string };

/**
 * Statuses, types, industries, dates and counts repeat across a file: remembering the last few
 * thousand distinct inputs makes the parse per row mostly a Map lookup. Results are immutable.
 */
function memo<T>(fn: (s: string) => T, limit = 4096): (s: string) => T {
  const seen = new Map<string, T>();
  return (s) => {
    let v = seen.get(s);
    if (v === undefined) {
      v = fn(s);
      if (seen.size >= limit) seen.clear();
      seen.set(s, v);
    }
    return v;
  };
}
type Issue = { code: string; message: string; warning?: boolean };
type Setter = (f: EnterpriseFacts, text: string, ctx: Ctx) => Issue | null;

const MAX_NAME = 200;
const MAX_TEXT = 500;

const textSetter = (key: 'ownershipType' | 'legalRepresentative' | 'industry' | 'ownerProfile', max = MAX_TEXT): Setter => {
  // Chinese text uses （）: the same bracket rule as names keeps 企业类型 values as regulators write them.
  const norm = memo(normalizeName);
  return (f, text) => {
    const v = norm(text);
    if (v.length > max) return { code: 'TEXT_TOO_LONG', message: `内容超过${max}个字符` };
    f[key] = v === '' ? null : v;
    return null;
  };
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

/**
 * A setter around a parser, built once per field (not per cell: tsx keeps function names, so every
 * closure made per row would cost a call). Empty cells leave the default (null / active).
 */
function parsedSetter<K extends EnterpriseFactKey>(key: K, parse: (s: string, ctx: Ctx) => Parsed<EnterpriseFacts[K]>): Setter {
  return (f, text, ctx) => {
    if (text === '' || text.trim() === '') return null;
    const r = parse(text, ctx);
    if (!r.ok) return { code: r.code, message: r.message };
    f[key] = r.value;
    return r.warning ? { code: r.warning.code, message: r.warning.message, warning: true } : null;
  };
}

function setCreditCode(f: EnterpriseFacts, text: string): Issue | null {
  const code = normalizeCode(text);
  f.creditCode = code;
  if (code === '') return null; // REQUIRED is reported once, after all cells
  const r = validateCreditCode(code);
  if (!r.ok) return { code: r.code, message: r.message };
  return r.warning ? { code: r.warning, message: r.warningMessage ?? '', warning: true } : null;
}

// Module-level caches: bounded, pure, shared by every file the process reads.
const dateOf = memo((s: string) => parseDate(s));
const statusOf = memo(parseOperatingStatus);
const countOf = memo(parseCount);
const capitalWan = memo((s: string) => parseCapital(s, '万元'));
const capitalYuan = memo((s: string) => parseCapital(s, '元'));
const sizeOf = memo(parseSizeClass);
const yesNoOf = memo(parseYesNo);
const regionOf = memo(parseRegionCode);

const setDate = parsedSetter('foundedOn', dateOf);

function setFoundedOn(f: EnterpriseFacts, text: string, ctx: Ctx): Issue | null {
  const issue = setDate(f, text, ctx);
  if (issue === null && f.foundedOn !== null && f.foundedOn > ctx.today) {
    return { code: 'DATE_INVALID', message: `成立日期${f.foundedOn}晚于今天` };
  }
  return issue;
}

const SETTERS: Record<EnterpriseFactKey, Setter> = {
  creditCode: setCreditCode,
  name: nameSetter('name', MAX_NAME),
  ownershipType: textSetter('ownershipType'),
  legalRepresentative: textSetter('legalRepresentative', MAX_NAME),
  foundedOn: setFoundedOn,
  operatingStatus: parsedSetter('operatingStatus', statusOf),
  address: nameSetter('address'),
  employeeCount: parsedSetter('employeeCount', countOf),
  registeredCapital: parsedSetter('registeredCapital', (s, ctx) => (ctx.capitalUnit === '元' ? capitalYuan(s) : capitalWan(s))),
  industry: textSetter('industry'),
  sizeClass: parsedSetter('sizeClass', sizeOf),
  aboveDesignatedSize: parsedSetter('aboveDesignatedSize', yesNoOf),
  memberCount: parsedSetter('memberCount', countOf),
  ownerProfile: textSetter('ownerProfile'),
  regionCode: parsedSetter('regionCode', regionOf),
  parkName: nameSetter('parkName'),
  associationName: nameSetter('associationName'),
};

const isBlank = (cells: readonly string[]): boolean => {
  for (const c of cells) if (c !== '' && c.trim() !== '') return false;
  return true;
};

const reported = (errors: readonly RowError[], column: string | null): boolean => {
  for (const e of errors) if (e.column === column) return true;
  return false;
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
    // A cell already reported (e.g. ENCODING_INVALID) is not reported again as missing.
    if (facts.creditCode === '' && !reported(errors, codeHeader)) errors.push({ row, column: codeHeader, code: 'REQUIRED', message: '统一社会信用代码不能为空' });
    if (facts.name === '' && !reported(errors, nameHeader)) errors.push({ row, column: nameHeader, code: 'REQUIRED', message: '企业名称不能为空' });
    if (errors.length > 0) return { ok: false, errors };
    return { ok: true, facts, factsHash: hashFacts(facts), warnings };
  };
}
