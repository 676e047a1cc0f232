import type { EnterpriseFactKey, EnterpriseFacts } from '../../domain/enterprise-facts.js';
import { AppError } from '../../domain/errors.js';
import { planColumns, type ColumnMapping, type ColumnPlan } from './column-map.js';
import { csvRows, type SheetRow } from './csv-rows.js';
import { detectFile, type DetectedFile, type TextEncoding } from './detect-file.js';
import { HEADER_SEARCH_ROWS, findHeaderIndex, missingColumnsError, noHeaderError } from './header.js';
import { createRowConverter, type RowError } from './row-to-facts.js';
import { xlsxRows } from './xlsx-rows.js';

/**
 * The entry point of the import's reading half: detect → find the header → stream rows through
 * the converter. Every FILE_* refusal happens inside openEnterpriseFile, before any item exists,
 * so a refused file writes nothing. Memory stays flat: rows are never collected.
 */

export type ReadOptions = {
  mapping?: ColumnMapping;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** YYYY-MM-DD; founding dates after it are rejected. Defaults to the local date. */
  today?: string;
};

export type ReadItem =
  | { kind: 'row'; row: number; facts: EnterpriseFacts; factsHash: string; raw: string[]; warnings: RowError[] }
  | { kind: 'rejected'; row: number; errors: RowError[]; raw: string[] };

export type FileHeader = {
  headerRow: number;
  headers: string[];
  mapped: Record<string, EnterpriseFactKey>;
  unmapped: string[];
  format: 'csv' | 'xlsx';
  encoding: 'utf-8' | 'utf-8-bom' | 'gb18030' | null;
};

export type OpenedFile = { header: FileHeader; items: AsyncIterable<ReadItem> };

const REQUIRED: Array<[EnterpriseFactKey, string]> = [
  ['creditCode', '统一社会信用代码'],
  ['name', '企业名称'],
];

const localToday = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** An XLSX that is a zip but not a readable workbook must still be a FILE_* refusal, not a 500. */
function asFileError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const detail = err instanceof Error ? err.message : String(err);
  return new AppError('FILE_UNSUPPORTED', `文件已损坏或不是有效的 .xlsx 工作簿，请用 Excel 打开后重新保存（${detail.slice(0, 120)}）`);
}

function sheetBatches(path: string, file: DetectedFile, opts: ReadOptions): AsyncGenerator<SheetRow[]> {
  const onBytes = opts.onProgress ? (b: number) => opts.onProgress?.(b, file.size) : undefined;
  return file.format === 'xlsx' ? xlsxRows(path, onBytes) : csvRows(path, file.encoding as TextEncoding, file.delimiter, onBytes);
}

/** Pulls rows until at least HEADER_SEARCH_ROWS are in hand, then looks for the header there. */
async function locateHeader(batches: AsyncGenerator<SheetRow[]>, mapping?: ColumnMapping) {
  let seen: SheetRow[] = [];
  while (seen.length < HEADER_SEARCH_ROWS) {
    const next = await batches.next();
    if (next.done) break;
    seen = seen.length === 0 ? next.value : seen.concat(next.value);
  }
  const found = findHeaderIndex(seen, mapping);
  return found >= 0 ? { header: seen[found], rest: seen.slice(found + 1) } : null;
}

function buildHeader(headerRow: SheetRow, plan: ColumnPlan, file: DetectedFile): FileHeader {
  const missing = REQUIRED.filter(([key]) => !plan.byIndex.includes(key)).map(([, label]) => label);
  if (missing.length > 0) throw missingColumnsError(missing, headerRow.row);
  return {
    headerRow: headerRow.row,
    headers: headerRow.cells.map((c) => c.trim()),
    mapped: plan.mapped,
    unmapped: plan.unmapped,
    format: file.format,
    encoding: file.encoding,
  };
}

export async function openEnterpriseFile(path: string, opts: ReadOptions = {}): Promise<OpenedFile> {
  const file = await detectFile(path);
  const batches = sheetBatches(path, file, opts);
  let located: Awaited<ReturnType<typeof locateHeader>>;
  try {
    located = await locateHeader(batches, opts.mapping);
    if (!located) throw noHeaderError();
  } catch (err) {
    await batches.return(undefined);
    throw file.format === 'xlsx' ? asFileError(err) : err;
  }
  let header: FileHeader;
  let plan: ColumnPlan;
  try {
    plan = planColumns(located.header.cells, opts.mapping);
    header = buildHeader(located.header, plan, file);
  } catch (err) {
    await batches.return(undefined);
    throw err;
  }
  const convert = createRowConverter(header.headers, plan, opts.today ?? localToday());
  const rest = located.rest;
  async function* items(): AsyncGenerator<ReadItem> {
    const toItems = function* (rows: readonly SheetRow[]): Generator<ReadItem> {
      for (const { row, cells } of rows) {
        const r = convert(cells, row);
        if (r === null) continue;
        if (r.ok) yield { kind: 'row', row, facts: r.facts, factsHash: r.factsHash, raw: cells, warnings: r.warnings };
        else yield { kind: 'rejected', row, errors: r.errors, raw: cells };
      }
    };
    try {
      yield* toItems(rest);
      for await (const batch of batches) yield* toItems(batch);
    } catch (err) {
      throw file.format === 'xlsx' ? asFileError(err) : err;
    } finally {
      await batches.return(undefined);
    }
  }
  return { header, items: items() };
}
