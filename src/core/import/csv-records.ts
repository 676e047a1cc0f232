import { open } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { CsvParser, type ByteProgress, type SheetRow } from './csv-rows.js';
import type { TextEncoding } from './detect-file.js';

/**
 * The CSV reader's fast half: records found in the raw bytes, decoded only when asked. A record
 * with no quote and no stray CR — nearly all of them — is one line: its cells are a split of its
 * decoded text, and its bytes can be hashed before anything is decoded, so a re-import can skip
 * an unchanged row for the price of finding its line break. Records with quotes or CRs are parsed
 * by CsvParser, the same RFC 4180 rules as csv-rows.ts (a quote-aware line may span line breaks).
 *
 * Safe for UTF-8 and GB18030 alike: neither encodes a multi-byte character with a byte below 0x30,
 * so LF, CR, quote, comma and tab bytes are always the characters themselves.
 */
export type RawRecord = {
  row: number;
  /** Byte range in the batch's data; -1 when the record came out of a multi-record parse (hash its cells). */
  start: number;
  end: number;
  /** Already parsed (quoted or CR records); null means "split the decoded line". */
  cells: string[] | null;
};

/** `base`: the file offset of `data[0]`, so a record's bytes can be read again later. */
export type RecordBatch = { data: Buffer | null; base: number; records: RawRecord[] };

/**
 * Takes records as the splitter finds them (line-skipper.ts: known lines are counted, or set
 * aside until the ledger's hashes arrive); a record the sink takes is not listed in the batch, so
 * a skipped line costs no object. Returns false to leave the record in the batch.
 */
export interface RecordSink {
  /** `cells`: the record's fields when it held quotes (its bytes alone do not split by the delimiter). */
  bytes(data: Buffer, start: number, end: number, row: number, base: number, cells: string[] | null): boolean;
  cells(cells: string[], row: number): boolean;
}

/** Where a reader's sink is plugged in once the header (and so the hash seed) is known. */
export type SinkRef = { sink: RecordSink | null };

const LF = 10;
const CR = 13;
const QUOTE = 34;

export class RecordDecoder {
  private readonly delimiter: string;
  constructor(private readonly encoding: TextEncoding, delimiter: ',' | '\t') {
    this.delimiter = delimiter;
  }

  text(data: Buffer, start: number, end: number): string {
    return this.encoding === 'gb18030' ? iconv.decode(data.subarray(start, end), 'gb18030') : data.toString('utf8', start, end);
  }

  cells(data: Buffer | null, r: RawRecord): string[] {
    if (r.cells) return r.cells;
    return this.text(data!, r.start, r.end).split(this.delimiter);
  }
}

/**
 * Splits one buffer into records from `from`; returns where the unfinished tail starts (the caller
 * carries it into the next read). `last` = no more bytes will come: the tail is a record too.
 */
export class RecordSplitter {
  private row = 0;
  constructor(
    private readonly decoder: RecordDecoder, private readonly delimiter: ',' | '\t', private readonly ref: SinkRef = { sink: null },
  ) {}

  split(data: Buffer, from: number, last: boolean, out: RawRecord[], base = 0): number {
    const sink = this.ref.sink;
    let s = from;
    let nextQuote = data.indexOf(QUOTE, s);
    let nextCr = data.indexOf(CR, s);
    while (s < data.length) {
      let lf = data.indexOf(LF, s);
      if (lf < 0) {
        if (!last) return s;
        lf = data.length;
      }
      const end = lf > s && data[lf - 1] === CR ? lf - 1 : lf;
      if (nextQuote !== -1 && nextQuote < s) nextQuote = data.indexOf(QUOTE, s);
      if (nextCr !== -1 && nextCr < s) nextCr = data.indexOf(CR, s);
      if ((nextQuote === -1 || nextQuote >= end) && (nextCr === -1 || nextCr >= end)) {
        const row = ++this.row;
        if (!sink?.bytes(data, s, end, row, base, null)) out.push({ row, start: s, end, cells: null });
        s = lf + 1;
        continue;
      }
      const parsed = this.parseSpecial(data, s, lf, last);
      if (!parsed) return s;
      for (const p of parsed.records) {
        const taken = sink && (p.start >= 0 ? sink.bytes(data, p.start, p.end, p.row, base, p.cells) : sink.cells(p.cells!, p.row));
        if (!taken) out.push(p);
      }
      s = parsed.next;
    }
    return s;
  }

  /**
   * A record with quotes or CRs: parsed with its line break's CR, if any, so that bare CRs end
   * records exactly as CsvParser ends them; extended past line breaks that sit inside quotes.
   */
  private parseSpecial(data: Buffer, s: number, lf: number, last: boolean): { records: RawRecord[]; next: number } | null {
    for (;;) {
      const parser = new CsvParser(this.delimiter);
      const rows: SheetRow[] = [];
      parser.push(this.decoder.text(data, s, lf), rows);
      if (parser.inQuotes && lf < data.length) {
        const more = data.indexOf(LF, lf + 1);
        if (more < 0 && !last) return null;
        lf = more < 0 ? data.length : more;
        continue;
      }
      parser.end(rows);
      const single = rows.length === 1;
      return {
        records: rows.map((r) => ({ row: ++this.row, start: single ? s : -1, end: single ? lf : -1, cells: r.cells })),
        next: lf + 1,
      };
    }
  }
}

/**
 * Batches of raw records of a CSV/TSV file whose lines end in LF or CRLF. Each chunk is read
 * straight into a fresh buffer behind the previous chunk's unfinished line (no copy of the
 * chunk itself); records point into that buffer.
 */
export async function* csvRecordBatches(
  path: string, encoding: TextEncoding, delimiter: ',' | '\t', onBytes?: ByteProgress, chunkBytes = 1 << 20, ref: SinkRef = { sink: null },
): AsyncGenerator<RecordBatch> {
  const decoder = new RecordDecoder(encoding, delimiter);
  const splitter = new RecordSplitter(decoder, delimiter, ref);
  const file = await open(path, 'r');
  let carry: Buffer | null = null;
  let position = 0;
  try {
    for (;;) {
      const carried = carry?.length ?? 0;
      const buffer = Buffer.allocUnsafe(carried + chunkBytes);
      if (carry) carry.copy(buffer, 0);
      const { bytesRead } = await file.read(buffer, carried, chunkBytes, position);
      if (bytesRead === 0) break;
      const data = buffer.subarray(0, carried + bytesRead);
      const base = position - carried;
      let from = 0;
      if (position === 0 && encoding === 'utf-8-bom' && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) from = 3;
      position += bytesRead;
      onBytes?.(position);
      const records: RawRecord[] = [];
      const rest = splitter.split(data, from, false, records, base);
      carry = rest < data.length ? data.subarray(rest) : null;
      // A batch is yielded even when the sink took every record: the reader counts them per batch.
      yield { data, base, records };
    }
    if (carry) {
      const records: RawRecord[] = [];
      splitter.split(carry, 0, true, records, position - carry.length);
      yield { data: carry, base: position - carry.length, records };
    }
  } finally {
    await file.close();
  }
}
