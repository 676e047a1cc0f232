import { AppError } from '../../domain/errors.js';
import { isUmHeader, planUmColumns, UM_COLUMN_KEYS, UM_COLUMNS, type UmColumnKey } from '../../domain/union-member.js';
import { csvRows, type SheetRow } from '../import/csv-rows.js';
import { detectFile } from '../import/detect-file.js';
import { HEADER_SEARCH_ROWS } from '../import/header.js';
import { xlsxRows } from '../import/xlsx-rows.js';

/**
 * A union's roster file (XLSX, or CSV in UTF-8 / GB18030), read whole: a union's roster is a few
 * thousand rows at most (MAX_ROWS). The header is the first of the first 30 rows naming 姓名, the ID
 * number and one more roster column (a title may sit above it). Row numbers are the ones Excel shows.
 */
export type UmFileRow = { row: number; values: Partial<Record<UmColumnKey, string>>; raw: string[] };
export type UmFile = { headerRow: number; headers: string[]; format: 'xlsx' | 'csv'; rows: UmFileRow[] };

export const MAX_ROWS = 20_000;
const REQUIRED = UM_COLUMN_KEYS.filter((k) => UM_COLUMNS[k].required).map((k) => UM_COLUMNS[k].label);

export async function readUnionMemberFile(path: string): Promise<UmFile> {
  const file = await detectFile(path);
  const batches: AsyncIterable<SheetRow[]> = file.format === 'xlsx' ? xlsxRows(path) : csvRows(path, file.encoding, file.delimiter);
  let header: SheetRow | null = null;
  let seen = 0;
  let plan: Array<UmColumnKey | null> = [];
  const rows: UmFileRow[] = [];
  for await (const batch of batches) {
    for (const r of batch) {
      if (!header) {
        if (++seen > HEADER_SEARCH_ROWS) break;
        if (isUmHeader(r.cells)) {
          header = r;
          plan = planUmColumns(r.cells);
        }
        continue;
      }
      if (r.cells.every((c) => (c ?? '').trim() === '')) continue;
      if (rows.length >= MAX_ROWS) throw new AppError('VALIDATION_FAILED', `一次最多导入 ${MAX_ROWS} 行，请分批导入`, [{ field: 'file', code: 'TOO_MANY_ROWS', message: `超过 ${MAX_ROWS} 行` }]);
      const values: Partial<Record<UmColumnKey, string>> = {};
      plan.forEach((k, i) => { if (k) values[k] = r.cells[i] ?? ''; });
      rows.push({ row: r.row, values, raw: r.cells });
    }
    if (!header && seen > HEADER_SEARCH_ROWS) break;
  }
  if (!header) throw new AppError('FILE_NO_HEADER', `未找到表头：前${HEADER_SEARCH_ROWS}行中没有一行同时包含“姓名”“公民身份号码”及其他名册列。必需的列：${REQUIRED.join('、')}`);
  return { headerRow: header.row, headers: header.cells, format: file.format, rows };
}
