import type { RowHash } from './row-hash.js';

/**
 * The source-row hashes of the ledger's enterprises in the importer's scope, as a flat
 * open-addressing table (16 bytes a slot, ~32 MB at a million enterprises, instead of a Set of
 * strings at several times that). A file row whose hash is here is the same line that produced
 * the enterprise's current facts: the reader skips it and only records that it was seen (first
 * row number and how many times), which the import needs for its counts and for repeats.
 */
export class KnownRows {
  private readonly hi: Int32Array;
  private readonly lo: Int32Array;
  /** 0 = empty slot; otherwise the first file row that hit it (or -1 when not hit yet). */
  private readonly firstRow: Int32Array;
  private readonly hits: Int32Array;
  private readonly mask: number;
  readonly size: number;

  constructor(hashes: Uint8Array, parts?: KnownRowsParts) {
    if (parts) {
      // A table handed over between threads (reader-thread.ts): the same arrays, hits and all.
      ({ hi: this.hi, lo: this.lo, firstRow: this.firstRow, hits: this.hits, size: this.size } = parts);
      this.mask = this.hi.length - 1;
      return;
    }
    this.size = Math.floor(hashes.length / 8);
    let capacity = 16;
    while (capacity < this.size * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.hi = new Int32Array(capacity);
    this.lo = new Int32Array(capacity);
    this.firstRow = new Int32Array(capacity);
    this.hits = new Int32Array(capacity);
    const b = hashes;
    for (let at = 0; at + 8 <= b.length; at += 8) {
      const hi = (b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!;
      const lo = (b[at + 4]! << 24) | (b[at + 5]! << 16) | (b[at + 6]! << 8) | b[at + 7]!;
      const i = this.slot(hi, lo);
      this.hi[i] = hi;
      this.lo[i] = lo;
      this.firstRow[i] = -1;
    }
  }

  private slot(hi: number, lo: number): number {
    let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & this.mask;
    while (this.firstRow[i] !== 0 && (this.hi[i] !== hi || this.lo[i] !== lo)) i = (i + 1) & this.mask;
    return i;
  }

  private slotOf(h: RowHash): number {
    return this.slot(h.hi, h.lo);
  }

  /** True when the hash is known; then the row is counted as seen. */
  hit(h: RowHash, row: number): boolean {
    if (this.size === 0) return false;
    const i = this.slotOf(h);
    if (this.firstRow[i] === 0) return false;
    if (this.firstRow[i] === -1) this.firstRow[i] = row;
    this.hits[i]!++;
    return true;
  }

  /** The first row that hit the hash and how often it was hit (0 when never). */
  seen(h: RowHash): { row: number; count: number } {
    if (this.size === 0) return { row: 0, count: 0 };
    const i = this.slotOf(h);
    return this.firstRow[i]! > 0 ? { row: this.firstRow[i]!, count: this.hits[i]! } : { row: 0, count: 0 };
  }

  /** The arrays behind the table (reader-thread.ts hands the table from thread to thread). */
  parts(): KnownRowsParts {
    return { hi: this.hi, lo: this.lo, firstRow: this.firstRow, hits: this.hits, size: this.size };
  }

  /** Distinct hashes hit, and the hits beyond the first of each (identical repeats: merged). */
  tally(): { distinct: number; repeats: number } {
    let distinct = 0;
    let repeats = 0;
    for (let i = 0; i < this.hits.length; i++) {
      if (this.hits[i]! > 0) {
        distinct++;
        repeats += this.hits[i]! - 1;
      }
    }
    return { distinct, repeats };
  }
}

/** The table's arrays, to pass it to another thread (structured clone copies them, or a transfer moves them). */
export type KnownRowsParts = { hi: Int32Array; lo: Int32Array; firstRow: Int32Array; hits: Int32Array; size: number };

export const knownRowsFromParts = (parts: KnownRowsParts): KnownRows => new KnownRows(new Uint8Array(0), parts);

/** An empty table: a first import, or an engine path that never skips. */
export const NO_KNOWN_ROWS = (): KnownRows => new KnownRows(new Uint8Array(0));
