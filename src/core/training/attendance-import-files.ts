import { TA_COLUMN_KEYS, TA_COLUMNS } from '../../domain/training-import.js';
import { smallSheetTemplate, writeMaskedErrorReport } from '../import/small-sheet.js';
import type { Database } from '../../db/database.js';
import { ATTENDANCE_SHEET } from './read-attendance-file.js';

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

export const attendanceTemplate = (): Promise<Buffer> => smallSheetTemplate('签到表', TA_COLUMN_KEYS.map((k) => ({
  label: TA_COLUMNS[k].label, width: k === 'idNumber' ? 22 : k === 'phone' ? 16 : 12, note: NOTES[TA_COLUMNS[k].label] ?? '', text: (['idNumber', 'phone'] as readonly string[]).includes(k),
})), '只能登记您有权查看的人员；任一行有错误时整个文件不导入，请下载错误报告修改后重新导入；导入只增加或更新文件中的人员，已登记的其他人员保留。', 12);

export const writeAttendanceErrorReport = (database: Database, importId: string, file: string, outPath: string): Promise<number> =>
  writeMaskedErrorReport(database, importId, file, outPath, ATTENDANCE_SHEET);
