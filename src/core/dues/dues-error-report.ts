import type { DuesImportResult } from '../../contracts/dues.js';
import { maskIdNumber, maskIdNumbersInText } from '../crypto/mask.js';
import { writeErrorReport, type RejectedRow } from '../import/error-report.js';
import type { DuesFile } from './dues-file.js';

/**
 * The rejected rows of a payment file as an XLSX (the shared import error report: the file's own
 * header and cells, then 原行号 and 错误原因). ID numbers are masked as in every other export, like
 * the roster's report; the importer still holds the original file, and 原行号 finds the row in it.
 */
export async function writeDuesErrorReport(outPath: string, file: DuesFile, errors: DuesImportResult['errors']): Promise<number> {
  const byRow = new Map<number, RejectedRow['errors'][number][]>();
  for (const e of errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), { row: e.row, column: e.column ?? null, code: e.code, message: e.message }]);
  const mask = (cells: string[]) => cells.map((c, i) => (!c ? c : file.plan[i] === 'idNumber' ? maskIdNumber(c.trim()) : maskIdNumbersInText(c)));
  const rejected: RejectedRow[] = file.rows.flatMap((r) => {
    const rowErrors = byRow.get(r.row);
    return rowErrors ? [{ row: r.row, raw: mask(r.raw), errors: rowErrors }] : [];
  });
  const header = { headerRow: file.headerRow, headers: file.headers, mapped: {}, unmapped: [], format: file.format, encoding: file.encoding };
  return writeErrorReport(outPath, header, rejected);
}
