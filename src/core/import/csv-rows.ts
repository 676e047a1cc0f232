import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';
import type { TextEncoding } from './detect-file.js';

/**
 * Streaming RFC 4180 reader: quotes, doubled quotes, line breaks inside quotes, CRLF/LF/CR.
 * Lenient where Excel is lenient (a stray quote inside an unquoted field is kept as text; an
 * unterminated quote runs to the end of the file). Rows come out in batches, one batch per
 * decoded chunk, so a million-row file costs a few hundred awaits, not a million.
 */

/** One record; `row` is the record's number as Excel shows it when it opens the file (1-based). */
export type SheetRow = { row: number; cells: string[] };

// Parser states as plain numbers: compared once per character run, so kept cheap.
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3;
type State = typeof FIELD_START | typeof UNQUOTED | typeof QUOTED | typeof QUOTE_IN_QUOTED;

const QUOTE = 34;
const LF = 10;
const CR = 13;

export class CsvParser {
  private readonly delim: number;
  private state: State = FIELD_START;
  private field = '';
  private cells: string[] = [];
  private record = 0;
  private skipLf = false;

  constructor(delimiter: ',' | '\t') {
    this.delim = delimiter.charCodeAt(0);
  }

  /** Parses one chunk of text, appending the records it completes to `out`. */
  push(text: string, out: SheetRow[]): void {
    let i = 0;
    const n = text.length;
    if (this.skipLf && n > 0) {
      this.skipLf = false;
      if (text.charCodeAt(0) === LF) i = 1;
    }
    while (i < n) {
      if (this.state === QUOTED) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          this.field += text.slice(i);
          return;
        }
        this.field += text.slice(i, q);
        this.state = QUOTE_IN_QUOTED;
        i = q + 1;
      } else if (this.state === QUOTE_IN_QUOTED) {
        if (text.charCodeAt(i) === QUOTE) {
          this.field += '"';
          this.state = QUOTED;
          i++;
        } else this.state = UNQUOTED;
      } else if (this.state === FIELD_START && text.charCodeAt(i) === QUOTE) {
        this.state = QUOTED;
        i++;
      } else i = this.scanUnquoted(text, i, out);
    }
  }

  /** True while inside a quoted field: a line break here belongs to the field. */
  get inQuotes(): boolean {
    return this.state === QUOTED;
  }

  /** Flushes the last record when the file does not end with a line break. */
  end(out: SheetRow[]): void {
    if (this.state !== FIELD_START || this.field !== '' || this.cells.length > 0) this.endRecord(out);
  }

  private scanUnquoted(text: string, start: number, out: SheetRow[]): number {
    const n = text.length;
    const d = this.delim;
    let j = start;
    let c = 0;
    while (j < n) {
      c = text.charCodeAt(j);
      if (c === d || c === LF || c === CR) break;
      j++;
    }
    if (j > start) this.field = this.field === '' ? text.slice(start, j) : this.field + text.slice(start, j);
    if (j === n) {
      this.state = UNQUOTED;
      return n;
    }
    if (c === d) {
      this.cells.push(this.field);
      this.field = '';
      this.state = FIELD_START;
      return j + 1;
    }
    this.endRecord(out);
    if (c === CR) {
      if (j + 1 === n) this.skipLf = true;
      else if (text.charCodeAt(j + 1) === LF) return j + 2;
    }
    return j + 1;
  }

  private endRecord(out: SheetRow[]): void {
    this.cells.push(this.field);
    this.record++;
    out.push({ row: this.record, cells: this.cells });
    this.cells = [];
    this.field = '';
    this.state = FIELD_START;
  }
}

export type ByteProgress = (bytesRead: number) => void;

/** Decoded text chunks of a file; the BOM is dropped; counts raw bytes for progress. */
export async function* decodeFile(path: string, encoding: TextEncoding, onBytes?: ByteProgress): AsyncGenerator<string> {
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  const decoder =
    encoding === 'gb18030'
      ? iconv.getDecoder('gb18030')
      : (() => {
          const td = new TextDecoder('utf-8'); // drops a leading BOM; bad bytes → U+FFFD (row error)
          return { write: (b: Buffer) => td.decode(b, { stream: true }), end: () => td.decode() };
        })();
  let bytes = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      onBytes?.(bytes);
      const text = decoder.write(chunk);
      if (text) yield text;
    }
    const rest = decoder.end();
    if (rest) yield rest;
  } finally {
    stream.destroy();
  }
}

/** Batches of records of a CSV/TSV file. */
export async function* csvRows(
  path: string,
  encoding: TextEncoding,
  delimiter: ',' | '\t',
  onBytes?: ByteProgress,
): AsyncGenerator<SheetRow[]> {
  const parser = new CsvParser(delimiter);
  for await (const text of decodeFile(path, encoding, onBytes)) {
    const out: SheetRow[] = [];
    parser.push(text, out);
    if (out.length > 0) yield out;
  }
  const last: SheetRow[] = [];
  parser.end(last);
  if (last.length > 0) yield last;
}
