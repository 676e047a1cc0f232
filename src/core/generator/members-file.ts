import fs from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { MEMBER_FAULT_CODE, ROSTER_COLUMNS, type GeneratedMember, type MemberFaultKind } from './members.js';
import { csvLine, type FileEncoding, type FileFormat } from './write-file.js';

/**
 * Writes a generated roster as the national system exports it: a title line, the header, one row
 * per member (streaming, so a million rows take constant memory). The result lists every faulty
 * row by its Excel row number and every row the import must reject (a repeat rejects its original
 * too), so a test can assert the import refuses exactly those.
 */
export type MemberFaultRecord = { row: number; kind: MemberFaultKind; code: string; duplicateOfRow: number | null };
export type MemberFileResult = { path: string; rows: number; headerRow: number; faults: MemberFaultRecord[]; rejectedRows: number[] };

export const ROSTER_TITLE = '党员信息（全国党员管理信息系统导出）';
const HEADER_ROW = 2;

const cellsOf = (m: GeneratedMember) => ROSTER_COLUMNS.map((c) => m.cells[c.key]);

export async function writeMemberFile(
  path: string, items: Iterable<GeneratedMember>, opts: { format: FileFormat; encoding?: FileEncoding; onProgress?: (rows: number) => void },
): Promise<MemberFileResult> {
  const faults: MemberFaultRecord[] = [];
  let rows = 0;
  const note = (m: GeneratedMember) => {
    rows++;
    if (rows % 10000 === 0) opts.onProgress?.(rows);
    if (m.fault) {
      faults.push({ row: HEADER_ROW + 1 + m.index, kind: m.fault, code: MEMBER_FAULT_CODE[m.fault], duplicateOfRow: m.duplicateOf === null ? null : HEADER_ROW + 1 + m.duplicateOf });
    }
  };
  if (opts.format === 'xlsx') {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: false });
    const sheet = wb.addWorksheet('党员信息');
    sheet.addRow([ROSTER_TITLE]).commit();
    sheet.addRow(ROSTER_COLUMNS.map((c) => c.label)).commit();
    for (const m of items) {
      sheet.addRow(cellsOf(m)).commit(); // every cell text: an 18-digit number would lose digits in Excel
      note(m);
    }
    sheet.commit();
    await wb.commit();
  } else {
    const out = fs.createWriteStream(path);
    const encode = (text: string): Buffer => (opts.encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : Buffer.from(text, 'utf8'));
    let buffer = csvLine([ROSTER_TITLE]) + csvLine(ROSTER_COLUMNS.map((c) => c.label));
    for (const m of items) {
      buffer += csvLine(cellsOf(m));
      note(m);
      if (buffer.length > 1 << 16) {
        if (!out.write(encode(buffer))) await once(out, 'drain');
        buffer = '';
      }
    }
    out.end(encode(buffer));
    await once(out, 'finish');
  }
  opts.onProgress?.(rows);
  const rejected = new Set<number>();
  for (const f of faults) {
    rejected.add(f.row);
    if (f.duplicateOfRow !== null) rejected.add(f.duplicateOfRow);
  }
  return { path, rows, headerRow: HEADER_ROW, faults, rejectedRows: [...rejected].sort((a, b) => a - b) };
}

/** Organisation names from a text file: one a line; blank lines and lines starting with # skipped. */
export function readOrgNames(path: string): string[] {
  return fs.readFileSync(path, 'utf8').split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
}
