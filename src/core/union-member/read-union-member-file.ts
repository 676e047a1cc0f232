import { isUmHeader, planUmColumns, UM_COLUMN_KEYS, UM_COLUMNS, type UmColumnKey } from '../../domain/union-member.js';
import { HEADER_SEARCH_ROWS } from '../import/header.js';
import { readSmallSheet, type SheetSpec, type SmallSheet, type SmallSheetRow } from '../import/small-sheet.js';

/**
 * A union's roster file, read whole: a union's roster is a few thousand rows at most (MAX_ROWS). The
 * header names 姓名, the ID number and one more roster column (a title may sit above it).
 */
export type UmFileRow = SmallSheetRow<UmColumnKey>;
export type UmFile = SmallSheet<UmColumnKey>;

export const MAX_ROWS = 20_000;
const REQUIRED = UM_COLUMN_KEYS.filter((k) => UM_COLUMNS[k].required).map((k) => UM_COLUMNS[k].label);

export const UNION_ROSTER_SHEET: SheetSpec<UmColumnKey> = {
  isHeader: isUmHeader,
  plan: planUmColumns,
  maxRows: MAX_ROWS,
  noHeader: `未找到表头：前${HEADER_SEARCH_ROWS}行中没有一行同时包含“姓名”“公民身份号码”及其他名册列。必需的列：${REQUIRED.join('、')}`,
};

export const readUnionMemberFile = (path: string): Promise<UmFile> => readSmallSheet(path, UNION_ROSTER_SHEET);
