import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import ExcelJS from 'exceljs';
import { formatDateUtc } from '../../domain/normalize.js';
import type { ByteProgress, SheetRow } from './csv-rows.js';

/**
 * The first worksheet of an XLSX file through ExcelJS's streaming reader: shared strings are
 * cached (they are needed to resolve cells), rows are not. Styles are cached because that is how
 * ExcelJS knows a number cell is a date. Row numbers are Excel's own (`row.number`), so blank rows
 * the file leaves out still count.
 */

const BATCH = 512;

/** Text of one cell value as ExcelJS models it (strings, numbers, dates, rich text, formulas…). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : formatDateUtc(value);
  if (typeof value === 'object') {
    const v = value as { richText?: Array<{ text?: string }>; result?: unknown; formula?: string; sharedFormula?: string; text?: unknown; error?: string };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text ?? '').join('');
    if ('result' in v || v.formula !== undefined || v.sharedFormula !== undefined) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text); // hyperlink cells: { text, hyperlink }
    if (typeof v.error === 'string') return v.error;
  }
  return String(value);
}

/** row.values is sparse and 1-based; cells become a dense 0-based string array. */
function rowCells(values: unknown): string[] {
  if (!Array.isArray(values)) return [];
  const cells = new Array<string>(Math.max(0, values.length - 1));
  for (let i = 1; i < values.length; i++) cells[i - 1] = cellText(values[i]);
  return cells;
}

function byteCounter(onBytes?: ByteProgress): Transform {
  let bytes = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      onBytes?.(bytes);
      done(null, chunk);
    },
  });
}

/**
 * ExcelJS 4.4's streaming reader decodes each zlib chunk on its own (utils/browser-buffer-decode),
 * so a Chinese character split across chunks becomes U+FFFD — about one row in 400 of a Chinese
 * ledger (exceljs issues #2084, #2316). It passes strings through untouched, so we hand it text
 * decoded with a streaming decoder: the shared-strings entry gets setEncoding('utf8'), worksheet
 * chunk iterators are wrapped. If a future ExcelJS renames these internals the patch is skipped
 * and damaged cells still surface as ENCODING_INVALID row errors, never as silently wrong text.
 */
type ReaderInternals = {
  _parseWorksheet?: (iterator: AsyncIterable<Buffer | string>, sheetNo: string) => unknown;
  _parseSharedStrings?: (entry: { setEncoding?: (enc: BufferEncoding) => unknown }) => unknown;
};

async function* utf8Chunks(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

function decodeWholeCharacters(reader: ExcelJS.stream.xlsx.WorkbookReader): void {
  const internals = reader as unknown as ReaderInternals;
  const parseWorksheet = internals._parseWorksheet;
  const parseSharedStrings = internals._parseSharedStrings;
  if (typeof parseWorksheet === 'function') {
    internals._parseWorksheet = (iterator, sheetNo) => parseWorksheet.call(reader, utf8Chunks(iterator), sheetNo);
  }
  if (typeof parseSharedStrings === 'function') {
    internals._parseSharedStrings = (entry) => {
      entry.setEncoding?.('utf8');
      return parseSharedStrings.call(reader, entry);
    };
  }
}

/** Batches of rows of the first worksheet. */
export async function* xlsxRows(path: string, onBytes?: ByteProgress): AsyncGenerator<SheetRow[]> {
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  const input = file.pipe(byteCounter(onBytes));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  decodeWholeCharacters(reader);
  try {
    for await (const worksheet of reader) {
      let batch: SheetRow[] = [];
      for await (const row of worksheet) {
        batch.push({ row: row.number, cells: rowCells(row.values) });
        if (batch.length >= BATCH) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
      break; // only the first worksheet: exports put the ledger first, notes after
    }
  } finally {
    file.destroy();
    input.destroy();
  }
}
