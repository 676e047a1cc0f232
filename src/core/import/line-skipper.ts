import fs from 'node:fs';
import { AppError } from '../../domain/errors.js';
import type { RecordSink } from './csv-records.js';
import type { KnownRows } from './known-rows.js';
import { hashBytes, hashCells, type RowHash } from './row-hash.js';

/**
 * Skips the lines whose source hash the ledger already holds, without waiting for the ledger to
 * send those hashes (docs/decisions/0002-bulk-import.md §8). Until they arrive, every line found
 * is only hashed and set aside by position — 24 bytes a line, no buffer kept; the server collects
 * the hashes on its own core meanwhile. When they are in, the set-aside lines are sorted out in
 * file order: known ones counted, the others read again from the file by position and parsed.
 * After that each line is looked up as soon as it is found.
 */
export type SetAsideLine =
  | { row: number; hash: RowHash; cells: string[] }
  | { row: number; hash: RowHash; cells: null; offset: number; length: number };

export class LineSkipper implements RecordSink {
  private known: KnownRows | null = null;
  /** Lines found while the hashes were on their way, in file order (structure of arrays). */
  private n = 0;
  private hi = new Int32Array(1024);
  private lo = new Int32Array(1024);
  private rows = new Int32Array(1024);
  private lengths = new Int32Array(1024);
  private offsets = new Float64Array(1024);
  /** Cells of set-aside records that held quotes (parsed already; rare), by set-aside index. */
  private readonly setAsideCells = new Map<number, string[]>();
  /** Lines counted as known since the last takeSkipped(). */
  private skipped = 0;

  constructor(private readonly seed: RowHash) {}

  /** True while lines wait to be sorted out (the hashes were not in when they were found). */
  get waiting(): boolean {
    return this.n > 0;
  }

  /** Whether lines are looked up as found (the hashes are in and nothing is set aside). */
  get looksUp(): boolean {
    return this.known !== null && this.n === 0;
  }

  /** The ledger's hashes are in: from the next batch on, lines are looked up as they are found. */
  arrive(known: KnownRows): void {
    this.known = known;
  }

  takeSkipped(): number {
    const n = this.skipped;
    this.skipped = 0;
    return n;
  }

  bytes(data: Buffer, start: number, end: number, row: number, base: number, cells: string[] | null): boolean {
    const hash = hashBytes(data, start, end, this.seed);
    if (this.looksUp) return this.lookUp(hash, row);
    // A quoted record keeps its parsed cells: read back, its bytes would not split by the delimiter.
    if (cells) this.setAsideCells.set(this.n, cells);
    this.setAside(hash, row, base + start, end - start);
    return true;
  }

  cells(cells: string[], row: number): boolean {
    const hash = hashCells(cells, this.seed);
    if (this.looksUp) return this.lookUp(hash, row);
    this.setAsideCells.set(this.n, cells);
    this.setAside(hash, row, -1, 0);
    return true;
  }

  private lookUp(hash: RowHash, row: number): boolean {
    if (!this.known!.hit(hash, row)) return false;
    this.skipped++;
    return true;
  }

  private setAside(hash: RowHash, row: number, offset: number, length: number): void {
    if (this.n === this.hi.length) this.grow();
    const i = this.n++;
    this.hi[i] = hash.hi;
    this.lo[i] = hash.lo;
    this.rows[i] = row;
    this.offsets[i] = offset;
    this.lengths[i] = length;
  }

  private grow(): void {
    const size = this.hi.length * 2;
    const grown = <T extends Int32Array | Float64Array>(a: T, make: new (n: number) => T): T => {
      const b = new make(size);
      b.set(a);
      return b;
    };
    this.hi = grown(this.hi, Int32Array);
    this.lo = grown(this.lo, Int32Array);
    this.rows = grown(this.rows, Int32Array);
    this.lengths = grown(this.lengths, Int32Array);
    this.offsets = grown(this.offsets, Float64Array);
  }

  /**
   * The set-aside lines that are not known, in file order, at most `slice` lines' worth at a time
   * (so a file of all-new lines is not read back into memory at once). Needs the hashes.
   */
  *unknownSetAside(slice = 10_000): Generator<SetAsideLine[]> {
    const known = this.known!;
    let out: SetAsideLine[] = [];
    for (let i = 0; i < this.n; i++) {
      const hash = { hi: this.hi[i]!, lo: this.lo[i]! };
      const row = this.rows[i]!;
      if (known.hit(hash, row)) {
        this.skipped++;
        continue;
      }
      const cells = this.setAsideCells.get(i);
      out.push(cells ? { row, hash, cells } : { row, hash, cells: null, offset: this.offsets[i]!, length: this.lengths[i]! });
      if (out.length >= slice) {
        yield out;
        out = [];
      }
    }
    if (out.length) yield out;
    this.n = 0;
    this.setAsideCells.clear();
    this.hi = new Int32Array(16);
    this.lo = new Int32Array(16);
    this.rows = new Int32Array(16);
    this.lengths = new Int32Array(16);
    this.offsets = new Float64Array(16);
  }
}

/** Nearby lines are read in one go when the gap between them is at most this. */
const MAX_GAP = 16 << 10;
const MAX_READ = 1 << 20;

/**
 * The bytes of set-aside lines, read again from the file: neighbours within MAX_GAP share one
 * read of at most MAX_READ bytes. Returns each line's buffer and range, in the given order.
 * Synchronous on purpose: ten thousand small reads from the page cache take tens of milliseconds
 * this way, and several times that as promises through the thread pool.
 */
export function readLinesBack(fd: number, lines: ReadonlyArray<{ offset: number; length: number }>): Array<{ data: Buffer; start: number; end: number }> {
  const out: Array<{ data: Buffer; start: number; end: number }> = [];
  let i = 0;
  while (i < lines.length) {
    const first = lines[i]!.offset;
    let j = i + 1;
    let last = first + lines[i]!.length;
    while (j < lines.length && lines[j]!.offset - last <= MAX_GAP && lines[j]!.offset + lines[j]!.length - first <= MAX_READ) {
      last = lines[j]!.offset + lines[j]!.length;
      j++;
    }
    const data = Buffer.allocUnsafe(last - first);
    const bytesRead = fs.readSync(fd, data, 0, data.length, first);
    if (bytesRead < data.length) throw new AppError('FILE_CHANGED', '导入文件在读取过程中被改动或截短，本次导入未完成，请重新导入');
    for (let k = i; k < j; k++) out.push({ data, start: lines[k]!.offset - first, end: lines[k]!.offset - first + lines[k]!.length });
    i = j;
  }
  return out;
}
