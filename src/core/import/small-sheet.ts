import ExcelJS from 'exceljs';
import fs from 'node:fs';
import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/errors.js';
import { maskIdNumber, maskIdNumbersInText, maskPhone } from '../crypto/mask.js';
import { csvRows, type SheetRow } from './csv-rows.js';
import { detectFile } from './detect-file.js';
import { writeErrorReport, type RejectedRow } from './error-report.js';
import { HEADER_SEARCH_ROWS } from './header.js';
import { streamRowErrors, type RowErrorRecord } from './import-batch.repository.js';
import { xlsxRows } from './xlsx-rows.js';

/**
 * The small people imports — a session's 签到表, a union's roster — share their file handling: the
 * file (XLSX, or CSV in UTF-8 / GB18030) is read whole (a few thousand rows at most), its header is
 * the first of the first 30 rows the import recognises (a title may sit above it), row numbers are
 * the ones Excel shows; the error report is the rejected rows read again from the kept upload with
 * ID numbers and phones masked like every export, so the fixed report imports as is.
 */
export type SheetSpec<K extends string> = {
  isHeader: (cells: readonly string[]) => boolean;
  plan: (cells: readonly string[]) => Array<K | null>;
  maxRows: number;
  /** The FILE_NO_HEADER message: which columns the header must name. */
  noHeader: string;
};
export type SmallSheetRow<K extends string> = { row: number; values: Partial<Record<K, string>>; raw: string[] };
export type SmallSheet<K extends string> = { headerRow: number; headers: string[]; format: 'xlsx' | 'csv'; rows: SmallSheetRow<K>[] };

export async function readSmallSheet<K extends string>(path: string, spec: SheetSpec<K>): Promise<SmallSheet<K>> {
  const file = await detectFile(path);
  const batches: AsyncIterable<SheetRow[]> = file.format === 'xlsx' ? xlsxRows(path) : csvRows(path, file.encoding, file.delimiter);
  let header: SheetRow | null = null;
  let seen = 0;
  let plan: Array<K | null> = [];
  const rows: SmallSheetRow<K>[] = [];
  for await (const batch of batches) {
    for (const r of batch) {
      if (!header) {
        if (++seen > HEADER_SEARCH_ROWS) break;
        if (spec.isHeader(r.cells)) {
          header = r;
          plan = spec.plan(r.cells);
        }
        continue;
      }
      if (r.cells.every((c) => (c ?? '').trim() === '')) continue;
      if (rows.length >= spec.maxRows) {
        throw new AppError('VALIDATION_FAILED', `一次最多导入 ${spec.maxRows} 行，请分批导入`, [{ field: 'file', code: 'TOO_MANY_ROWS', message: `超过 ${spec.maxRows} 行` }]);
      }
      const values: Partial<Record<K, string>> = {};
      plan.forEach((k, i) => { if (k) values[k] = r.cells[i] ?? ''; });
      rows.push({ row: r.row, values, raw: r.cells });
    }
    if (!header && seen > HEADER_SEARCH_ROWS) break;
  }
  if (!header) throw new AppError('FILE_NO_HEADER', spec.noHeader);
  return { headerRow: header.row, headers: header.cells, format: file.format, rows };
}

/** The rejected rows of an import as an XLSX with 原行号 and 错误原因; ID numbers and phones masked. */
export async function writeMaskedErrorReport<K extends string>(
  database: Database, importId: string, file: string, outPath: string, spec: SheetSpec<K>,
): Promise<number> {
  const byRow = new Map<number, RowErrorRecord[]>();
  for await (const page of streamRowErrors(database.db, importId)) for (const e of page) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e]);
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', '导入文件已不存在，无法生成错误报告');
  const read = await readSmallSheet(file, spec);
  const plan: Array<string | null> = spec.plan(read.headers);
  const mask = (cells: string[]) => cells.map((c, i) => {
    if (!c) return c;
    if (plan[i] === 'idNumber') return maskIdNumber(c.trim());
    if (plan[i] === 'phone') return maskPhone(c.trim());
    return maskIdNumbersInText(c);
  });
  const rejected: RejectedRow[] = read.rows.filter((r) => byRow.has(r.row)).map((r) => ({ row: r.row, raw: mask(r.raw), errors: byRow.get(r.row)! }));
  const header = { headerRow: read.headerRow, headers: read.headers, mapped: {}, unmapped: [], format: read.format, encoding: null };
  return writeErrorReport(outPath, header, rejected);
}

export type TemplateColumn = { label: string; width: number; note: string; text?: boolean };

/** A blank template: the columns (text columns keep an 18-digit number and leading zeros as typed) and a 填写说明 sheet. */
export async function smallSheetTemplate(sheetName: string, columns: TemplateColumn[], overall: string, noteWidth = 12): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(sheetName);
  sheet.columns = columns.map((c) => ({ header: c.label, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  columns.forEach((c, i) => { if (c.text) sheet.getColumn(i + 1).numFmt = '@'; });
  const notes = wb.addWorksheet('填写说明');
  notes.columns = [{ header: '列', width: noteWidth }, { header: '填写要求', width: 70 }];
  for (const c of columns) notes.addRow([c.label, c.note]);
  notes.addRow(['整体', overall]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
