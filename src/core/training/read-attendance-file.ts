import { AppError } from '../../domain/errors.js';
import { isTaHeader, planTaColumns, type TaColumnKey } from '../../domain/training-import.js';
import { csvRows, type SheetRow } from '../import/csv-rows.js';
import { detectFile } from '../import/detect-file.js';
import { HEADER_SEARCH_ROWS } from '../import/header.js';
import { xlsxRows } from '../import/xlsx-rows.js';

/**
 * A session's 签到表 (XLSX, or CSV in UTF-8 / GB18030), read whole: a session has at most a few
 * hundred people (MAX_ROWS). The header is the first of the first 30 rows naming 姓名 and the ID
 * number or the phone (a title such as “XX培训班签到表” may sit above it). Row numbers are Excel's.
 */
export type TaFileRow = { row: number; values: Partial<Record<TaColumnKey, string>>; raw: string[] };
export type TaFile = { headerRow: number; headers: string[]; format: 'xlsx' | 'csv'; rows: TaFileRow[] };

export const MAX_ROWS = 2_000;

export async function readAttendanceFile(path: string): Promise<TaFile> {
  const file = await detectFile(path);
  const batches: AsyncIterable<SheetRow[]> = file.format === 'xlsx' ? xlsxRows(path) : csvRows(path, file.encoding, file.delimiter);
  let header: SheetRow | null = null;
  let seen = 0;
  let plan: Array<TaColumnKey | null> = [];
  const rows: TaFileRow[] = [];
  for await (const batch of batches) {
    for (const r of batch) {
      if (!header) {
        if (++seen > HEADER_SEARCH_ROWS) break;
        if (isTaHeader(r.cells)) {
          header = r;
          plan = planTaColumns(r.cells);
        }
        continue;
      }
      if (r.cells.every((c) => (c ?? '').trim() === '')) continue;
      if (rows.length >= MAX_ROWS) throw new AppError('VALIDATION_FAILED', `一次最多导入 ${MAX_ROWS} 行，请分批导入`, [{ field: 'file', code: 'TOO_MANY_ROWS', message: `超过 ${MAX_ROWS} 行` }]);
      const values: Partial<Record<TaColumnKey, string>> = {};
      plan.forEach((k, i) => { if (k) values[k] = r.cells[i] ?? ''; });
      rows.push({ row: r.row, values, raw: r.cells });
    }
    if (!header && seen > HEADER_SEARCH_ROWS) break;
  }
  if (!header) throw new AppError('FILE_NO_HEADER', `未找到表头：前${HEADER_SEARCH_ROWS}行中没有一行同时包含“姓名”和“身份证号”（或“手机号”）。可下载签到表模板对照填写`);
  return { headerRow: header.row, headers: header.cells, format: file.format, rows };
}
