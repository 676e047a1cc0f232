import { isTaHeader, planTaColumns, type TaColumnKey } from '../../domain/training-import.js';
import { HEADER_SEARCH_ROWS } from '../import/header.js';
import { readSmallSheet, type SheetSpec, type SmallSheet, type SmallSheetRow } from '../import/small-sheet.js';

/**
 * A session's 签到表, read whole: a session has at most a few hundred people (MAX_ROWS). The header
 * names 姓名 and the ID number or the phone (a title such as “XX培训班签到表” may sit above it).
 */
export type TaFileRow = SmallSheetRow<TaColumnKey>;
export type TaFile = SmallSheet<TaColumnKey>;

export const MAX_ROWS = 2_000;

export const ATTENDANCE_SHEET: SheetSpec<TaColumnKey> = {
  isHeader: isTaHeader,
  plan: planTaColumns,
  maxRows: MAX_ROWS,
  noHeader: `未找到表头：前${HEADER_SEARCH_ROWS}行中没有一行同时包含“姓名”和“身份证号”（或“手机号”）。可下载签到表模板对照填写`,
};

export const readAttendanceFile = (path: string): Promise<TaFile> => readSmallSheet(path, ATTENDANCE_SHEET);
