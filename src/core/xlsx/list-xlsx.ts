import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Executor } from '../../db/schema.js';
import { regionPathNames } from '../region/region.repository.js';

/**
 * One shape for every "export exactly the rows of this list" download (ledger, drill-down, work
 * lists, organisations, unions, instructors): a streamed workbook with a bold header row, rows
 * written page by page (memory holds one page), region codes followed by their names (looked up
 * once per page), and the audit entry written before the file's last bytes go out — so the record
 * exists by the time the client holds a complete file.
 */
export type Cell = string | number | null;

/** A region code's full name path (广东省 › 深圳市 › 南山区); '' when absent or unknown. */
export type RegionNameOf = (code: string | null | undefined) => string;

export type ListColumn<T> = { header: string; width: number; cell: (row: T, regionName: RegionNameOf) => Cell };

export type ListXlsxSpec<T> = {
  sheet: string;
  columns: ListColumn<T>[];
  /** The list's rows in its own order, page after page. */
  pages: AsyncIterable<T[]>;
  /** Region codes a row shows, so their names can be looked up per page. */
  regionCodes?: (row: T) => Array<string | null | undefined>;
  /** Stops after this many rows (a page may overshoot it by less than one page). */
  maxRows?: number;
  /** Runs after the last row, before the workbook is closed: the audit entry. */
  beforeClose?: (rows: number) => Promise<void>;
};

export async function writeListXlsx<T>(db: Executor, out: Writable, spec: ListXlsxSpec<T>): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(spec.sheet);
  ws.columns = spec.columns.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  let count = 0;
  for await (const rows of spec.pages) {
    const codes = spec.regionCodes ? rows.flatMap((r) => spec.regionCodes!(r).filter((c): c is string => !!c)) : [];
    const names = codes.length ? await regionPathNames(db, [...new Set(codes)]) : new Map<string, string>();
    const regionName: RegionNameOf = (code) => (code ? names.get(code) ?? '' : '');
    for (const r of rows) ws.addRow(spec.columns.map((c) => c.cell(r, regionName) ?? '')).commit();
    count += rows.length;
    if (spec.maxRows !== undefined && count >= spec.maxRows) break;
  }
  ws.commit();
  await spec.beforeClose?.(count);
  await wb.commit();
  return count;
}

/** The two columns every export puts for a region: the code, and beside it the name people read. */
export function regionColumns<T>(codeOf: (row: T) => string | null | undefined, headers: [string, string] = ['属地区划代码', '属地名称']): ListColumn<T>[] {
  return [
    { header: headers[0], width: 14, cell: (r) => codeOf(r) ?? '' },
    { header: headers[1], width: 36, cell: (r, name) => name(codeOf(r)) },
  ];
}

/**
 * Pages of a keyset list read through its own list query (`fetch(after, limit)` returns up to
 * `limit + 1` rows ordered by id, as the list endpoints do), so an export has exactly the list's rows.
 */
export async function* keysetPages<T extends { id: string }>(fetch: (after: string | undefined, limit: number) => Promise<T[]>, size = 500): AsyncGenerator<T[]> {
  for (let after: string | undefined; ;) {
    const rows = await fetch(after, size);
    const page = rows.slice(0, size);
    if (page.length) yield page;
    if (rows.length <= size) return;
    after = page[page.length - 1]!.id;
  }
}

/** Collects a streamed workbook into one buffer (for callers that send a finished file). */
export async function xlsxBuffer(write: (out: Writable) => Promise<unknown>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => { out.on('end', resolve); out.on('error', reject); });
  await write(out);
  await done;
  return Buffer.concat(chunks);
}
