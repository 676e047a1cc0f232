import { createReadStream } from 'node:fs';
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

export type RecordBatch = { data: Buffer | null; records: RawRecord[] };

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
  constructor(private readonly decoder: RecordDecoder, private readonly delimiter: ',' | '\t') {}

  split(data: Buffer, from: number, last: boolean, out: RawRecord[]): number {
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
        out.push({ row: ++this.row, start: s, end, cells: null });
        s = lf + 1;
        continue;
      }
      const parsed = this.parseSpecial(data, s, lf, last);
      if (!parsed) return s;
      for (const p of parsed.records) out.push(p);
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

/** Batches of raw records of a CSV/TSV file whose lines end in LF or CRLF. */
export async function* csvRecordBatches(
  path: string, encoding: TextEncoding, delimiter: ',' | '\t', onBytes?: ByteProgress, chunkBytes = 1 << 20,
): AsyncGenerator<RecordBatch> {
  const decoder = new RecordDecoder(encoding, delimiter);
  const splitter = new RecordSplitter(decoder, delimiter);
  const stream = createReadStream(path, { highWaterMark: chunkBytes });
  let carry: Buffer | null = null;
  let bytes = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const data: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
      let from = 0;
      if (bytes === 0 && encoding === 'utf-8-bom' && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) from = 3;
      bytes += chunk.length;
      onBytes?.(bytes);
      const records: RawRecord[] = [];
      const rest = splitter.split(data, from, false, records);
      carry = rest < data.length ? Buffer.from(data.subarray(rest)) : null;
      if (records.length) yield { data, records };
    }
    if (carry) {
      const records: RawRecord[] = [];
      splitter.split(carry, 0, true, records);
      if (records.length) yield { data: carry, records };
    }
  } finally {
    stream.destroy();
  }
}
