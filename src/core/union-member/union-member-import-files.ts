import { UM_COLUMN_KEYS, UM_COLUMNS } from '../../domain/union-member.js';
import { smallSheetTemplate, writeMaskedErrorReport } from '../import/small-sheet.js';
import type { Database } from '../../db/database.js';
import { UNION_ROSTER_SHEET } from './read-union-member-file.js';

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

export const unionMemberTemplate = (): Promise<Buffer> => smallSheetTemplate('会员名册', UM_COLUMN_KEYS.map((k) => ({
  label: UM_COLUMNS[k].label, width: k === 'idNumber' ? 22 : k === 'employer' || k === 'dispatchEmployer' ? 30 : 12, note: NOTES[UM_COLUMNS[k].label] ?? '', text: (['idNumber', 'phone', 'cardNumber'] as readonly string[]).includes(k),
})), '任一行有错误时整个文件不导入，请下载错误报告修改后重新导入；可先“试运行”检查。', 16);

export const writeUnionMemberErrorReport = (database: Database, importId: string, file: string, outPath: string): Promise<number> =>
  writeMaskedErrorReport(database, importId, file, outPath, UNION_ROSTER_SHEET);
