import fs from 'node:fs';
import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/errors.js';
import { planMemberColumns } from '../../domain/member-row.js';
import { maskIdNumber, maskIdNumbersInText, maskPhone } from '../crypto/mask.js';
import { writeErrorReport, type RejectedRow } from '../import/error-report.js';
import { streamRowErrors, type RowErrorRecord } from '../import/import-batch.repository.js';
import { openMemberFile } from './read-member-file.js';

/**
 * The rejected rows of a roster import as an XLSX with 原行号 and 错误原因: errors from
 * import_row_error, cells from reading the file again. ID numbers and phones are masked like every
 * other export, and 出生日期 is hidden (it is what a masked ID number hides); the importer still holds
 * the original file, and 原行号 finds the row in it.
 */
export async function writeMemberErrorReport(database: Database, importId: string, file: string, outPath: string): Promise<number> {
  const byRow = new Map<number, RowErrorRecord[]>();
  for await (const page of streamRowErrors(database.db, importId)) {
    for (const e of page) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e]);
  }
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', '导入文件已不存在，无法生成错误报告');
  const opened = await openMemberFile(file);
  const plan = planMemberColumns(opened.header.headers);
  const mask = (cells: string[]) => cells.map((c, i) => {
    if (!c) return c;
    if (plan[i] === 'idNumber') return maskIdNumber(c.trim());
    if (plan[i] === 'phone') return maskPhone(c.trim());
    if (plan[i] === 'birthDate') return '[已隐去]'; // beside a masked ID number it would undo the mask
    return maskIdNumbersInText(c);
  });
  async function* rejected(): AsyncGenerator<RejectedRow> {
    for await (const batch of opened.rows) {
      for (const r of batch) {
        const errors = byRow.get(r.row);
        if (errors) yield { row: r.row, raw: mask(r.raw), errors };
      }
    }
  }
  const header = { headerRow: opened.header.headerRow, headers: opened.header.headers, mapped: {}, unmapped: [], format: opened.header.format, encoding: null };
  return writeErrorReport(outPath, header, rejected());
}
