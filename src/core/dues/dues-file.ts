import { AppError } from '../../domain/errors.js';
import { csvRows, type SheetRow } from '../import/csv-rows.js';
import { detectFile } from '../import/detect-file.js';
import type { FileHeader } from '../import/read-enterprise-file.js';
import { HEADER_SEARCH_ROWS } from '../import/header.js';
import { xlsxRows } from '../import/xlsx-rows.js';

/**
 * A payment file (a bank's or payment platform's export, or a sheet typed by the branch): XLSX, or
 * CSV in UTF-8 / GBK (GB18030). The header is the first of the first 30 rows naming 姓名, the ID
 * number and the amount; titles and dates above it are skipped. Row numbers are Excel's.
 */
export type DuesColumn = 'name' | 'idNumber' | 'amount' | 'paidOn' | 'month';
export const DUES_COLUMN_LABEL: Record<DuesColumn, string> = { name: '姓名', idNumber: '身份证号', amount: '金额', paidOn: '缴费日期', month: '所属月份' };
const ALIASES: Record<DuesColumn, string[]> = {
  name: ['姓名', '党员姓名', '缴费人', '户名'],
  idNumber: ['身份证号', '公民身份号码', '身份证号码', '证件号码', '身份证'],
  amount: ['金额', '金额（元）', '金额(元)', '缴费金额', '实缴金额', '交纳金额', '党费金额', '交易金额'],
  paidOn: ['缴费日期', '交费日期', '交纳日期', '日期', '交易日期', '缴费时间', '交易时间'],
  month: ['所属月份', '党费月份', '月份', '交纳月份', '所属期'],
};
const clean = (s: string) => s.replace(/[\s\u3000*＊]/g, '');

export function planColumns(cells: readonly string[]): Array<DuesColumn | null> {
  const seen = new Set<DuesColumn>();
  return cells.map((c) => {
    const k = (Object.keys(ALIASES) as DuesColumn[]).find((key) => !seen.has(key) && ALIASES[key].some((a) => clean(a) === clean(c)));
    if (k) seen.add(k);
    return k ?? null;
  });
}

/** `raw`: the row's cells as in the file (the error report gives them back). */
export type DuesFileRow = { row: number; values: Partial<Record<DuesColumn, string>>; raw: string[] };
export type DuesFile = { headerRow: number; headers: string[]; plan: Array<DuesColumn | null>; format: 'csv' | 'xlsx'; encoding: FileHeader['encoding']; rows: DuesFileRow[] };
export const MAX_ROWS = 50_000;

/** The whole file's rows (a payment file is one organisation's months: capped at 50 000 rows). */
export async function readDuesFile(path: string): Promise<DuesFile> {
  const file = await detectFile(path);
  const batches: AsyncGenerator<SheetRow[]> = file.format === 'xlsx' ? xlsxRows(path) : csvRows(path, file.encoding, file.delimiter);
  let plan: Array<DuesColumn | null> | null = null;
  let headerRow = 0;
  let headers: string[] = [];
  let seen = 0;
  const rows: DuesFileRow[] = [];
  for await (const batch of batches) {
    for (const r of batch) {
      if (!plan) {
        if (++seen > HEADER_SEARCH_ROWS) break;
        const p = planColumns(r.cells);
        if (p.includes('name') && p.includes('idNumber') && p.includes('amount')) { plan = p; headerRow = r.row; headers = r.cells.map((c) => (c ?? '').trim()); }
        continue;
      }
      if (r.cells.every((c) => (c ?? '').trim() === '')) continue;
      const values: Partial<Record<DuesColumn, string>> = {};
      plan.forEach((k, i) => { if (k) values[k] = (r.cells[i] ?? '').trim(); });
      rows.push({ row: r.row, values, raw: r.cells.map((c) => c ?? '') });
      if (rows.length > MAX_ROWS) throw new AppError('VALIDATION_FAILED', `文件超过${MAX_ROWS}行，请按党组织分开导入`, [{ field: 'file', code: 'TOO_MANY_ROWS' }]);
    }
    if (!plan && seen > HEADER_SEARCH_ROWS) break;
  }
  if (!plan) {
    await batches.return(undefined);
    throw new AppError('FILE_NO_HEADER', `未找到表头：前${HEADER_SEARCH_ROWS}行中没有一行同时包含“姓名”“身份证号（公民身份号码）”“金额”。可选的列：缴费日期、所属月份`);
  }
  if (!rows.length) throw new AppError('FILE_EMPTY', '文件中没有缴费记录');
  return { headerRow, headers, plan, format: file.format, encoding: file.encoding, rows };
}

/** “12.5”, “12.50元”, “¥1,012.00” → fen; null when not an amount with at most two decimals. */
export function parseYuan(text: string): number | null {
  const t = text.replace(/[,，\s¥￥元]/g, '');
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

const pad = (n: string) => n.padStart(2, '0');
/** 2026-11-05, 2026/11/5, 2026年11月5日, 20261105, with a time after it → YYYY-MM-DD. */
export function parseDay(text: string): string | null {
  const t = text.trim().split(/[\sT]/)[0];
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m) return null;
  const s = `${m[1]}-${pad(m[2])}-${pad(m[3])}`;
  const d = new Date(`${s}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s ? null : s;
}

/** 2026-11, 2026/11, 2026年11月, 202611 → YYYY-MM. */
export function parseMonth(text: string): string | null {
  const t = text.trim();
  const m = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(t) ?? /^(\d{4})(\d{2})$/.exec(t);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return null;
  return `${m[1]}-${pad(m[2])}`;
}
