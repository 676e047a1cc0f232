import ExcelJS from 'exceljs';
import fs from 'node:fs';
import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/errors.js';
import { planTaColumns, TA_COLUMN_KEYS, TA_COLUMNS } from '../../domain/training-import.js';
import { maskIdNumber, maskIdNumbersInText, maskPhone } from '../crypto/mask.js';
import { writeErrorReport, type RejectedRow } from '../import/error-report.js';
import { streamRowErrors, type RowErrorRecord } from '../import/import-batch.repository.js';
import { readAttendanceFile } from './read-attendance-file.js';

/**
 * The files around a 签到表 import: the blank template (four columns and how to fill them) and the
 * error report — the rejected rows read again from the kept upload, with 原行号 and 错误原因, ID
 * numbers and phones masked like every export. The fixed report imports as is.
 */
const NOTES: Record<string, string> = {
  姓名: '必填，与系统中登记的姓名一致',
  身份证号: '填写身份证号或手机号之一，用于确认是哪一位；建议填写身份证号',
  手机号: '未填身份证号时必填；同一手机号对应多名同名人员时请改填身份证号',
  学时: '可不填，不填为本期培训的学时；中途离开的按实际认定，整数，不能多于本期学时',
};

export async function attendanceTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('签到表');
  sheet.columns = TA_COLUMN_KEYS.map((k) => ({ header: TA_COLUMNS[k].label, width: k === 'idNumber' ? 22 : k === 'phone' ? 16 : 12 }));
  sheet.getRow(1).font = { bold: true };
  // Text columns, so Excel keeps an 18-digit number and a phone as typed.
  for (const k of ['idNumber', 'phone'] as const) sheet.getColumn(TA_COLUMN_KEYS.indexOf(k) + 1).numFmt = '@';
  const notes = wb.addWorksheet('填写说明');
  notes.columns = [{ header: '列', width: 12 }, { header: '填写要求', width: 70 }];
  for (const k of TA_COLUMN_KEYS) notes.addRow([TA_COLUMNS[k].label, NOTES[TA_COLUMNS[k].label] ?? '']);
  notes.addRow(['整体', '只能登记您有权查看的人员；任一行有错误时整个文件不导入，请下载错误报告修改后重新导入；导入只增加或更新文件中的人员，已登记的其他人员保留。']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function writeAttendanceErrorReport(database: Database, importId: string, file: string, outPath: string): Promise<number> {
  const byRow = new Map<number, RowErrorRecord[]>();
  for await (const page of streamRowErrors(database.db, importId)) for (const e of page) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e]);
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', '导入文件已不存在，无法生成错误报告');
  const read = await readAttendanceFile(file);
  const plan = planTaColumns(read.headers);
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
