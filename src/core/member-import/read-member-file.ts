import { AppError } from '../../domain/errors.js';
import {
  isMemberHeader, MEMBER_COLUMN_KEYS, MEMBER_COLUMNS, missingMemberColumns, planMemberColumns, type MemberColumnKey,
} from '../../domain/member-row.js';
import { csvRows, type ByteProgress, type SheetRow } from '../import/csv-rows.js';
import { detectFile, type DetectedFile } from '../import/detect-file.js';
import { HEADER_SEARCH_ROWS } from '../import/header.js';
import { xlsxRows } from '../import/xlsx-rows.js';

/**
 * A roster file (XLSX, or CSV in UTF-8 / GB18030) read as a stream of rows keyed by member column.
 * The header is the first of the first 30 rows naming 姓名, the ID number and one more roster
 * column: the national system's exports put a title and the export date above it. Row numbers are
 * the ones Excel shows.
 */
export type MemberFileRow = { row: number; values: Partial<Record<MemberColumnKey, string>>; raw: string[] };
export type MemberFileHeader = { headerRow: number; headers: string[]; format: 'xlsx' | 'csv' };
export type OpenedMemberFile = { header: MemberFileHeader; rows: AsyncGenerator<MemberFileRow[]> };

const EXPECTED = MEMBER_COLUMN_KEYS.filter((k) => MEMBER_COLUMNS[k].required).map((k) => MEMBER_COLUMNS[k].label).join('、');

function batchesOf(file: DetectedFile, path: string, onBytes?: ByteProgress): AsyncGenerator<SheetRow[]> {
  return file.format === 'xlsx' ? xlsxRows(path, onBytes) : csvRows(path, file.encoding, file.delimiter, onBytes);
}

/** Opens the file and reads up to its header (refusing a file without one); rows stream after. */
export async function openMemberFile(path: string, onBytes?: ByteProgress): Promise<OpenedMemberFile> {
  const file = await detectFile(path);
  const batches = batchesOf(file, path, onBytes);
  let seen = 0;
  let pending: SheetRow[] = [];
  let found: { row: SheetRow; rest: SheetRow[] } | null = null;
  while (!found) {
    const next = await batches.next();
    if (next.done) break;
    pending = next.value;
    for (let i = 0; i < pending.length; i++) {
      if (++seen > HEADER_SEARCH_ROWS) break;
      if (isMemberHeader(pending[i].cells)) {
        found = { row: pending[i], rest: pending.slice(i + 1) };
        break;
      }
    }
    if (seen > HEADER_SEARCH_ROWS) break;
  }
  if (!found) {
    await batches.return(undefined);
    throw new AppError('FILE_NO_HEADER', `未找到表头：前${HEADER_SEARCH_ROWS}行中没有一行同时包含“姓名”“公民身份号码”及其他名册列。必需的列：${EXPECTED}`);
  }
  const missing = missingMemberColumns(found.row.cells);
  if (missing.length) {
    await batches.return(undefined);
    throw new AppError('FILE_NO_HEADER', `表头（第${found.row.row}行）缺少必需的列：${missing.join('、')}`,
      missing.map((column) => ({ row: found.row.row, column, code: 'COLUMN_MISSING', message: `缺少“${column}”列` })));
  }
  const plan = planMemberColumns(found.row.cells);
  const toRows = (batch: SheetRow[]): MemberFileRow[] => {
    const out: MemberFileRow[] = [];
    for (const r of batch) {
      if (r.cells.every((c) => c.trim() === '')) continue;
      const values: Partial<Record<MemberColumnKey, string>> = {};
      plan.forEach((k, i) => { if (k) values[k] = r.cells[i] ?? ''; });
      out.push({ row: r.row, values, raw: r.cells });
    }
    return out;
  };
  const first = found.rest;
  async function* rows(): AsyncGenerator<MemberFileRow[]> {
    if (first.length) yield toRows(first);
    for await (const batch of batches) yield toRows(batch);
  }
  return { header: { headerRow: found.row.row, headers: found.row.cells, format: file.format }, rows: rows() };
}
