import ExcelJS from 'exceljs';
import type { FileHeader } from './read-enterprise-file.js';
import type { RowError } from './row-to-facts.js';

/**
 * The rejected rows back as an XLSX a person can fix and re-import: the file's own header, the
 * row's original cells, then 原行号 and 错误原因 ("列名：消息；…"). Extra columns are ignored by
 * the importer (unmapped headers), so the fixed file imports as is. Streams: one row in memory.
 */

export type RejectedRow = { row: number; raw: readonly string[]; errors: readonly RowError[] };

export const ROW_NUMBER_HEADER = '原行号';
export const REASON_HEADER = '错误原因';

export function describeErrors(errors: readonly RowError[]): string {
  return errors.map((e) => (e.column ? `${e.column}：${e.message}` : e.message)).join('；');
}

/** Writes the report; returns how many rows it holds. */
export async function writeErrorReport(
  path: string,
  header: FileHeader,
  rejected: AsyncIterable<RejectedRow> | Iterable<RejectedRow>,
): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('错误行');
  // A re-imported report already has 原行号/错误原因: replace them rather than stacking copies.
  const keep = header.headers.flatMap((h, i) => (h === ROW_NUMBER_HEADER || h === REASON_HEADER ? [] : [i]));
  sheet.columns = [
    ...keep.map((i) => header.headers[i]).map((h) => ({ header: h, width: Math.min(40, Math.max(10, h.length * 2 + 4)) })),
    { header: ROW_NUMBER_HEADER, width: 8 },
    { header: REASON_HEADER, width: 60 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let count = 0;
  for await (const r of rejected) {
    const cells: Array<string | number> = keep.map((i) => r.raw[i] ?? '');
    // Raw text stays text: a credit code or "0012" must not turn into a number.
    sheet.addRow([...cells, r.row, describeErrors(r.errors)]).commit();
    count++;
  }
  sheet.commit();
  await workbook.commit();
  return count;
}
