import fs from 'node:fs';
import type { EnterpriseFactKey, EnterpriseFacts } from '../../domain/enterprise-facts.js';
import { AppError } from '../../domain/errors.js';
import { planColumns, type ColumnMapping, type ColumnPlan } from './column-map.js';
import { csvRecordBatches, RecordDecoder, type RawRecord, type RecordBatch, type SinkRef } from './csv-records.js';
import { csvRows, type SheetRow } from './csv-rows.js';
import { detectFile, type DetectedFile, type TextEncoding } from './detect-file.js';
import { HEADER_SEARCH_ROWS, findHeaderIndex, missingColumnsError, noHeaderError } from './header.js';
import type { KnownRows } from './known-rows.js';
import { startTrace } from './import-trace.js';
import { LineSkipper, readLinesBack } from './line-skipper.js';
import { fingerprintSeed, hashBytes, hashCells, type RowHash } from './row-hash.js';
import { createRowConverter, type RowError } from './row-to-facts.js';

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
  /** Bytes per read of a CSV (tests use tiny ones to cut records at every place). */
  chunkBytes?: number;
};

export type ReadItem =
  | { kind: 'row'; row: number; facts: EnterpriseFacts; factsHash: string; sourceHash: RowHash; raw: string[]; warnings: RowError[] }
  | { kind: 'rejected'; row: number; errors: RowError[]; raw: string[] }
  /** Rows whose source hash the ledger already holds (see skipKnown): counted, never parsed. */
  | { kind: 'skipped'; rows: number };

/** A file row as read (what the error report and the tests look at). */
export type RowItem = Exclude<ReadItem, { kind: 'skipped' }>;

export type FileHeader = {
  headerRow: number;
  headers: string[];
  mapped: Record<string, EnterpriseFactKey>;
  unmapped: string[];
  format: 'csv' | 'xlsx';
  encoding: 'utf-8' | 'utf-8-bom' | 'gb18030' | null;
};

export type OpenedFile = {
  header: FileHeader;
  items: AsyncIterable<ReadItem>;
  /**
   * Before iterating: rows whose source hash is in `known` are only counted (a 'skipped' item per
   * batch). The reading starts at once; lines found before the hashes arrive wait for them.
   */
  skipKnown(known: Promise<KnownRows>): void;
  /** Lets go of the file when its items will not be read here (a reader thread reads it again). */
  close(): Promise<void>;
};

/**
 * Bumped whenever normalisation changes what facts a line yields: stored source hashes then stop
 * matching, so the next import parses every row again instead of trusting the old facts.
 */
export const SOURCE_HASH_VERSION = 'lx-source-1';

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

/** A CSV written with bare CR line ends (old Mac) goes through the streaming parser, unhashed by bytes. */
function endsLinesWithLf(path: string): boolean {
  const fd = fs.openSync(path, 'r');
  try {
    const head = Buffer.alloc(1 << 16);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    return head.subarray(0, n).includes(10) || !head.subarray(0, n).includes(13);
  } finally {
    fs.closeSync(fd);
  }
}

/** ExcelJS loads only for a workbook: it is half a second of CPU, which a reader thread would pay for every CSV. */
async function* xlsxRowsLazily(path: string, onBytes?: (b: number) => void): AsyncGenerator<SheetRow[]> {
  const { xlsxRows } = await import('./xlsx-rows.js');
  yield* xlsxRows(path, onBytes);
}

async function* parsedBatches(rows: AsyncGenerator<SheetRow[]>): AsyncGenerator<RecordBatch> {
  for await (const batch of rows) yield { data: null, base: 0, records: batch.map((r) => ({ row: r.row, start: -1, end: -1, cells: r.cells })) };
}

/** `sink` is non-null only for the byte-level CSV path, the one a LineSkipper can sit in. */
function recordBatches(path: string, file: DetectedFile, opts: ReadOptions): { batches: AsyncGenerator<RecordBatch>; sink: SinkRef | null } {
  const onBytes = opts.onProgress ? (b: number) => opts.onProgress?.(b, file.size) : undefined;
  if (file.format === 'xlsx') return { batches: parsedBatches(xlsxRowsLazily(path, onBytes)), sink: null };
  if (!endsLinesWithLf(path)) return { batches: parsedBatches(csvRows(path, file.encoding, file.delimiter, onBytes)), sink: null };
  const sink: SinkRef = { sink: null };
  return { batches: csvRecordBatches(path, file.encoding, file.delimiter, onBytes, opts.chunkBytes, sink), sink };
}

type PendingRecord = { data: Buffer | null; base: number; record: RawRecord };

/** Pulls records until at least HEADER_SEARCH_ROWS are in hand, then looks for the header there. */
async function locateHeader(batches: AsyncGenerator<RecordBatch>, decoder: RecordDecoder | null, mapping?: ColumnMapping) {
  const seen: PendingRecord[] = [];
  while (seen.length < HEADER_SEARCH_ROWS) {
    const next = await batches.next();
    if (next.done) break;
    for (const record of next.value.records) seen.push({ data: next.value.data, base: next.value.base, record });
  }
  const rows: SheetRow[] = seen.map(({ data, record }) => ({ row: record.row, cells: record.cells ?? decoder!.cells(data, record) }));
  const found = findHeaderIndex(rows, mapping);
  return found >= 0 ? { header: rows[found]!, rest: seen.slice(found + 1) } : null;
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
  const decoder = file.format === 'csv' ? new RecordDecoder(file.encoding, file.delimiter) : null;
  const { batches, sink } = recordBatches(path, file, opts);
  let located: Awaited<ReturnType<typeof locateHeader>>;
  try {
    located = await locateHeader(batches, decoder, opts.mapping);
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
  const seed = fingerprintSeed([
    SOURCE_HASH_VERSION, file.format, file.encoding ?? '', file.format === 'csv' ? file.delimiter : '',
    located.header.cells.join('\u001f'), JSON.stringify(plan.byIndex), plan.capitalUnit,
  ]);
  const rest = located.rest;
  let known: KnownRows | null = null;
  let knownPromise: Promise<KnownRows> | null = null;
  let skipper: LineSkipper | null = null;
  const item = (row: number, cells: string[], sourceHash: RowHash): ReadItem | null => {
    const r = convert(cells, row);
    if (r === null) return null;
    if (r.ok) return { kind: 'row', row, facts: r.facts, factsHash: r.factsHash, sourceHash, raw: cells, warnings: r.warnings };
    return { kind: 'rejected', row, errors: r.errors, raw: cells };
  };
  const toItems = function* (data: Buffer | null, records: readonly RawRecord[]): Generator<ReadItem> {
    let skipped = 0;
    for (const record of records) {
      const sourceHash = data && record.start >= 0 ? hashBytes(data, record.start, record.end, seed) : hashCells(record.cells!, seed);
      // Behind a skipper every record left in a batch is already known to be new.
      if (!skipper && known?.hit(sourceHash, record.row)) {
        skipped++;
        continue;
      }
      const it = item(record.row, record.cells ?? decoder!.cells(data, record), sourceHash);
      if (it) yield it;
    }
    skipped += skipper?.takeSkipped() ?? 0;
    if (skipped > 0) yield { kind: 'skipped', rows: skipped };
  };
  /** The lines set aside before the hashes came: known ones counted, the rest read back and parsed. */
  async function* sortOutSetAside(s: LineSkipper): AsyncGenerator<ReadItem> {
    const fd = fs.openSync(path, 'r');
    try {
      for (const lines of s.unknownSetAside()) {
        const back = readLinesBack(fd, lines.flatMap((l) => (l.cells ? [] : [l])));
        let k = 0;
        for (const l of lines) {
          const at = l.cells ? null : back[k++]!;
          const cells = l.cells ?? decoder!.cells(at!.data, { row: l.row, start: at!.start, end: at!.end, cells: null });
          const it = item(l.row, cells, l.hash);
          if (it) yield it;
        }
        const skipped = s.takeSkipped();
        if (skipped > 0) yield { kind: 'skipped', rows: skipped };
      }
    } finally {
      fs.closeSync(fd);
    }
    const skipped = s.takeSkipped();
    if (skipped > 0) yield { kind: 'skipped', rows: skipped };
  }
  const trace = startTrace('reader');
  async function* behindSkipper(s: LineSkipper): AsyncGenerator<ReadItem> {
    for (const p of rest) {
      const r = p.record;
      const taken = p.data && r.start >= 0 ? s.bytes(p.data, r.start, r.end, r.row, p.base, r.cells) : s.cells(r.cells!, r.row);
      if (!taken) yield* toItems(p.data, [r]);
    }
    for (;;) {
      if (s.waiting && known) {
        trace.step('hashes in: sorting out the lines set aside');
        yield* sortOutSetAside(s);
        trace.step('sorted out');
      }
      const next = await batches.next();
      if (next.done) break;
      yield* toItems(next.value.data, next.value.records);
    }
    trace.step('file scanned');
    if (s.waiting) {
      known = await knownPromise!;
      trace.step('hashes in');
      yield* sortOutSetAside(s);
      trace.step('sorted out');
    }
  }
  async function* items(): AsyncGenerator<ReadItem> {
    try {
      if (skipper) {
        yield* behindSkipper(skipper);
        return;
      }
      if (knownPromise) known = await knownPromise;
      for (const p of rest) yield* toItems(p.data, [p.record]);
      for await (const batch of batches) yield* toItems(batch.data, batch.records);
    } catch (err) {
      throw file.format === 'xlsx' ? asFileError(err) : err;
    } finally {
      await batches.return(undefined);
    }
  }
  return {
    header,
    items: items(),
    close: async () => {
      await batches.return(undefined);
    },
    skipKnown: (k) => {
      knownPromise = k;
      if (!sink) return;
      const s = new LineSkipper(seed);
      skipper = s;
      sink.sink = s;
      // The lines found meanwhile are set aside; from the next batch on they are sorted out.
      void k.then((arrived) => {
        known = arrived;
        s.arrive(arrived);
      }, () => undefined);
    },
  };
}
