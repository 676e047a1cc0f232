import ExcelJS from 'exceljs';
import fs from 'node:fs';
import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/errors.js';
import { planUmColumns, UM_COLUMN_KEYS, UM_COLUMNS } from '../../domain/union-member.js';
import { maskIdNumber, maskIdNumbersInText, maskPhone } from '../crypto/mask.js';
import { writeErrorReport, type RejectedRow } from '../import/error-report.js';
import { streamRowErrors, type RowErrorRecord } from '../import/import-batch.repository.js';
import { readUnionMemberFile } from './read-union-member-file.js';

/**
 * The files around a union roster import: the blank template (the ten columns and how to fill them)
 * and the error report — the rejected rows as read again from the kept upload, with 原行号 and 错误原因,
 * ID numbers and phones masked like every export. The fixed report imports as is.
 */
const NOTES: Record<string, string> = {
  姓名: '必填', 性别: '男 / 女，可不填（按身份证号码认定）', 公民身份号码: '必填，18位；同一人（如党员）按此号码认定为同一人员',
  手机号: '可不填', 入会日期: '如 2019-03-01；不能晚于今天', 会员证号: '可不填；本工会内不能重复',
  工作单位: '本工会覆盖的台账企业请写全称或统一社会信用代码；其他单位照写名称', 是否劳务派遣: '是 / 否，不填为否',
  派遣单位: '劳务派遣工填写派遣单位名称', 会籍状态: '在会 / 保留会籍，不填为在会；转出、退会请在系统中办理',
};

export async function unionMemberTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('会员名册');
  sheet.columns = UM_COLUMN_KEYS.map((k) => ({ header: UM_COLUMNS[k].label, width: k === 'idNumber' ? 22 : k === 'employer' || k === 'dispatchEmployer' ? 30 : 12 }));
  sheet.getRow(1).font = { bold: true };
  // Text columns, so Excel keeps an 18-digit number and leading zeros as typed.
  for (const k of ['idNumber', 'phone', 'cardNumber'] as const) sheet.getColumn(UM_COLUMN_KEYS.indexOf(k) + 1).numFmt = '@';
  const notes = wb.addWorksheet('填写说明');
  notes.columns = [{ header: '列', width: 16 }, { header: '填写要求', width: 70 }];
  for (const k of UM_COLUMN_KEYS) notes.addRow([UM_COLUMNS[k].label, NOTES[UM_COLUMNS[k].label] ?? '']);
  notes.addRow(['整体', '任一行有错误时整个文件不导入，请下载错误报告修改后重新导入；可先“试运行”检查。']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function writeUnionMemberErrorReport(database: Database, importId: string, file: string, outPath: string): Promise<number> {
  const byRow = new Map<number, RowErrorRecord[]>();
  for await (const page of streamRowErrors(database.db, importId)) for (const e of page) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e]);
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', '导入文件已不存在，无法生成错误报告');
  const read = await readUnionMemberFile(file);
  const plan = planUmColumns(read.headers);
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
