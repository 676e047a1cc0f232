import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { KnownRows } from '../../src/core/import/known-rows.js';
import { openEnterpriseFile, type ReadItem, type ReadOptions } from '../../src/core/import/read-enterprise-file.js';
import { rowHashHex } from '../../src/core/import/row-hash.js';

/**
 * The reader starts before the ledger's hashes arrive and sets lines aside meanwhile
 * (line-skipper.ts). Whenever they arrive — before the first line, mid-file, after the last — the
 * items, their order and the counts must be exactly those of a reader that had the hashes first.
 */
const dir = mkdtempSync(join(tmpdir(), 'lx-skipper-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

const CODES = ['91110105MA01H8T23X', '91110000600037341L', '81440305MA7Q2K5W2C', '91110108MA01H02110'];
const HEADER = '统一社会信用代码,企业名称,住所,从业人数,登记状态';

/** A file of `rows` lines; some with quoted fields that hold commas and line breaks, some repeated, some invalid. */
function makeFile(rows: number, seed: number, encoding: 'utf-8' | 'gb18030' = 'utf-8'): string {
  const lines = ['企业名录导出', HEADER];
  for (let i = 0; i < rows; i++) {
    const k = (i * 7 + seed) % 11;
    const code = CODES[i % CODES.length]!;
    if (k === 3) lines.push(lines[lines.length - 1]!); // an exact repeat of the line before
    else if (k === 5) lines.push(`${code},"深圳市（${i}）有限公司","南山区,科技园\n${i}号",${i},存续`);
    else if (k === 7) lines.push(`bad-code-${i},无效企业${i},地址${i},${i},存续`);
    else lines.push(`${code},深圳第${i}有限公司,南山区粤海街道${i}号,${i % 300},存续`);
  }
  const path = join(dir, `f${n++}.csv`);
  const text = lines.join('\n') + '\n';
  writeFileSync(path, encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : Buffer.from(text));
  return path;
}

type Seen = { kind: string; row: number; hash?: string; cells?: string };
const describeItem = (i: ReadItem): Seen =>
  i.kind === 'skipped' ? { kind: 'skipped', row: i.rows }
    : i.kind === 'row' ? { kind: 'row', row: i.row, hash: rowHashHex(i.sourceHash), cells: i.raw.join('|') }
      : { kind: 'rejected', row: i.row, cells: i.raw.join('|') };

/** When the hashes come: with the reader (a number: once that many bytes were read), or only when the reader waits for them. */
type Arrival = number | 'when-awaited';

/** A promise-like that settles on its second `then`: the reader's own await at the end of the file. */
function whenAwaited(value: KnownRows): Promise<KnownRows> {
  const waiting: Array<(v: KnownRows) => void> = [];
  let calls = 0;
  const thenable = {
    then(onOk: (v: KnownRows) => unknown, onErr?: (e: unknown) => unknown) {
      return new Promise<KnownRows>((resolve) => {
        waiting.push(resolve);
        if (++calls >= 2) for (const w of waiting.splice(0)) w(value);
      }).then(onOk, onErr);
    },
    catch() {
      return thenable;
    },
  };
  return thenable as unknown as Promise<KnownRows>;
}

async function read(path: string, opts: ReadOptions & { known?: KnownRows; arrive?: Arrival } = {}) {
  let arrive: (() => void) | null = null;
  const gate = new Promise<void>((resolve) => (arrive = resolve));
  const opened = await openEnterpriseFile(path, {
    today: '2025-06-30', chunkBytes: opts.chunkBytes,
    // A byte count past the end arrives with the last read.
    onProgress: (bytes, total) => {
      if (typeof opts.arrive === 'number' && bytes >= Math.min(opts.arrive, total)) arrive!();
    },
  });
  if (opts.known) {
    const known = opts.known;
    if (opts.arrive === undefined) opened.skipKnown(Promise.resolve(known));
    else if (opts.arrive === 'when-awaited') opened.skipKnown(whenAwaited(known));
    else opened.skipKnown(gate.then(() => known));
  }
  const items: Seen[] = [];
  let skipped = 0;
  for await (const item of opened.items) {
    if (item.kind === 'skipped') skipped += item.rows;
    else items.push(describeItem(item));
  }
  return { items, skipped };
}

function hashesOf(items: Seen[], pick: (i: number) => boolean): Uint8Array {
  const chosen = items.filter((x, i) => x.kind === 'row' && pick(i)).map((x) => x.hash!);
  return Buffer.from([...new Set(chosen)].join(''), 'hex');
}

describe('reading before the ledger hashes arrive', () => {
  it('sets lines aside and sorts them out in file order, whenever the hashes come', async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 1, max: 120 }), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 16, max: 700 }),
      fc.oneof(fc.integer({ min: 0, max: 9000 }), fc.constant<Arrival>('when-awaited')), fc.integer({ min: 1, max: 4 }),
      fc.constantFrom<'utf-8' | 'gb18030'>('utf-8', 'gb18030'),
      async (rows, seed, chunkBytes, arrive, every, encoding) => {
        const path = makeFile(rows, seed, encoding);
        const all = await read(path, { chunkBytes });
        const bytes = hashesOf(all.items, (i) => i % every === 0);
        const knownFirst = new KnownRows(bytes);
        const first = await read(path, { chunkBytes, known: knownFirst });
        const knownLate = new KnownRows(bytes);
        const late = await read(path, { chunkBytes, known: knownLate, arrive });
        expect(late).toEqual(first);
        expect(knownLate.tally()).toEqual(knownFirst.tally());
        // And what was skipped is exactly the rows whose hash is known.
        const knownHex = new Set(Buffer.from(bytes).toString('hex').match(/.{16}/g) ?? []);
        expect(first.items).toEqual(all.items.filter((x) => !(x.kind === 'row' && knownHex.has(x.hash!))));
        expect(first.skipped).toBe(all.items.length - first.items.length);
      },
    ), { numRuns: 40 });
  });

  it('reads set-aside lines back by position, across reads of at most a megabyte', async () => {
    const path = makeFile(30_000, 1);
    const all = await read(path);
    const none = new KnownRows(new Uint8Array(0));
    // The hashes arrive only after the whole file was scanned: every line is read back.
    const late = await read(path, { known: none, arrive: 'when-awaited', chunkBytes: 1 << 16 });
    expect(late.items).toEqual(all.items);
    const some = hashesOf(all.items, (i) => i % 2 === 0);
    const first = await read(path, { known: new KnownRows(some) });
    const lateSome = await read(path, { known: new KnownRows(some), arrive: 'when-awaited' });
    expect(lateSome).toEqual(first);
    expect(first.items.length).toBeLessThan(all.items.length * 0.6);
  });

  it('refuses a file cut short while its set-aside lines are read back (FILE_CHANGED)', async () => {
    const path = makeFile(2_000, 3);
    const opened = await openEnterpriseFile(path, {
      today: '2025-06-30', chunkBytes: 4096,
      onProgress: (bytes, total) => {
        if (bytes >= total) truncateSync(path, 1000);
      },
    });
    opened.skipKnown(whenAwaited(new KnownRows(new Uint8Array(0))));
    const drain = async () => {
      for await (const _ of opened.items) void _;
    };
    await expect(drain()).rejects.toMatchObject({ code: 'FILE_CHANGED' });
  });

  it('fails the read, not the process, when the hashes cannot be loaded', async () => {
    const path = makeFile(50, 2);
    const opened = await openEnterpriseFile(path, { today: '2025-06-30', chunkBytes: 64 });
    const failed = Promise.reject(new Error('connection lost'));
    opened.skipKnown(failed);
    const drain = async () => {
      for await (const _ of opened.items) void _;
    };
    await expect(drain()).rejects.toThrow('connection lost');
  });
});
