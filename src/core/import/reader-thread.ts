import type { ColumnMapping } from './column-map.js';
import type { ApplyItem, ItemSource } from './import-items.js';
import { knownRowsFromParts, type KnownRows } from './known-rows.js';
import type { FromReader, ReaderThreadData, ToReader } from './reader-thread.worker.js';
import { reviveError, startTsWorker, wantThread } from './ts-worker.js';

/**
 * An enterprise file read on a worker thread (decision 0002 §10): reading, hashing, decoding,
 * normalising and validating a row is ~20 µs of CPU, and on the main thread it took turns with
 * placing, encoding and COPYing the rows; on its own thread it runs beside them, on the second core.
 * The items are those of the in-thread reader, in the same order (the worker runs that reader), so
 * the import behaves the same; FILE_* refusals come back as the same AppError. The worker also holds
 * the table of known source hashes the reader hit: `knownAfterRead` gives it back for the counts and
 * the repeats of skipped lines.
 *
 * Small files are read in-thread (a worker costs ~0.7 s of CPU to start: the TypeScript loader and
 * the reader's modules), and so is every file on a two-core machine: see `useReaderThread`. Items
 * cross as structured clones (~7 µs an item, both ends together, here): JSON in a transferred
 * buffer measured three times that.
 */
export type ThreadReadOptions = {
  mapping?: ColumnMapping;
  today?: string;
  chunkBytes?: number;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
};

/** Items per message, and messages the worker may have sent ahead of the main thread. */
const BATCH_ITEMS = 2000;
const CREDIT = 3;

/**
 * Files from this size are read on a thread, on a machine with a core to spare: the database
 * server needs one and the main thread another, so on two cores the thread only competes with them
 * (measured: docs/benchmarks.md, "Reader thread"). LX_IMPORT_READER_THREAD=on|off forces it either
 * way (tests, benchmarks).
 */
export const READER_THREAD_FROM_BYTES = 4 * 1024 * 1024;
export const READER_THREAD_FROM_CPUS = 3;

export function useReaderThread(sizeBytes: number): boolean {
  return wantThread('LX_IMPORT_READER_THREAD', sizeBytes >= READER_THREAD_FROM_BYTES, READER_THREAD_FROM_CPUS);
}

export type ThreadItems = ItemSource & { knownAfterRead(): KnownRows | null };

export function readEnterpriseFileOnThread(path: string, opts: ThreadReadOptions = {}): ThreadItems {
  let known: Promise<KnownRows> | null = null;
  let finalKnown: KnownRows | null = null;
  async function* items(): AsyncGenerator<ApplyItem> {
    const readerThread: ReaderThreadData = {
      path, mapping: opts.mapping, today: opts.today, chunkBytes: opts.chunkBytes, skip: known !== null, batchItems: BATCH_ITEMS, credit: CREDIT,
    };
    // The worker runs the very TypeScript reader of the in-thread path (ts-worker.ts boots it).
    const worker = startTsWorker(new URL('./reader-thread.worker.ts', import.meta.url), { readerThread });
    const inbox: FromReader[] = [];
    let failure: Error | null = null;
    let exited = false;
    let notify: (() => void) | null = null;
    const wake = () => {
      notify?.();
      notify = null;
    };
    worker.on('message', (m: FromReader) => {
      inbox.push(m);
      wake();
    });
    worker.on('error', (err) => {
      failure = err;
      wake();
    });
    worker.on('exit', () => {
      exited = true;
      wake();
    });
    const send = (m: ToReader) => worker.postMessage(m);
    known?.then(
      (k) => send({ type: 'known', parts: k.parts() }),
      (err: unknown) => send({ type: 'known-failed', error: { app: false, code: 'INTERNAL', message: String(err), details: [] } }),
    );
    try {
      for (;;) {
        const m = inbox.shift();
        if (!m) {
          if (failure) throw failure;
          if (exited) throw new Error('读取线程意外退出');
          await new Promise<void>((r) => (notify = r));
          continue;
        }
        if (m.type === 'error') throw reviveError(m.error);
        if (m.type === 'done') {
          finalKnown = m.known ? knownRowsFromParts(m.known) : null;
          return;
        }
        // Taking a batch lets the worker send one more: it reads the next while this one is staged.
        send({ type: 'credit' });
        opts.onProgress?.(m.bytesRead, m.totalBytes);
        yield* m.items as ApplyItem[];
      }
    } finally {
      await worker.terminate();
    }
  }
  return {
    [Symbol.asyncIterator]: () => items(),
    skipKnown: (k) => {
      known = k;
    },
    knownAfterRead: () => finalKnown,
  };
}
