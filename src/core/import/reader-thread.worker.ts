import { parentPort, workerData } from 'node:worker_threads';
import type { ColumnMapping } from './column-map.js';
import { knownRowsFromParts, type KnownRows, type KnownRowsParts } from './known-rows.js';
import { openEnterpriseFile, type ReadItem } from './read-enterprise-file.js';
import { reviveError, serialiseError, type SerialisedError } from './ts-worker.js';

/**
 * The reading half of an enterprise import on its own thread (reader-thread.ts is the other end):
 * the very reader the import uses in-thread (read-enterprise-file.ts: detect, header, scan, hash,
 * skip known lines, decode, normalise, validate), so its items, counts and refusals are the same.
 * Items go to the main thread in batches (structured clone), at most `credit` batches ahead of what
 * the main thread has taken (back-pressure: memory stays at a few batches); the known-hash table
 * goes back at the end as transferred buffers.
 */
export type ReaderThreadData = {
  path: string; mapping?: ColumnMapping; today?: string; chunkBytes?: number; skip: boolean; batchItems: number; credit: number;
};
export type ToReader =
  | { type: 'credit' }
  | { type: 'known'; parts: KnownRowsParts }
  | { type: 'known-failed'; error: SerialisedError };
export type FromReader =
  | { type: 'items'; items: unknown[]; bytesRead: number; totalBytes: number }
  | { type: 'done'; known: KnownRowsParts | null }
  | { type: 'error'; error: SerialisedError };

/** Only what the stage reads: the raw cells and warnings stay here (the error report reads the file again). */
function lean(item: ReadItem): unknown {
  if (item.kind === 'row') return { kind: 'row', row: item.row, facts: item.facts, factsHash: item.factsHash, sourceHash: item.sourceHash };
  if (item.kind === 'rejected') return { kind: 'rejected', row: item.row, errors: item.errors };
  return item;
}

async function run(port: NonNullable<typeof parentPort>, data: ReaderThreadData): Promise<void> {
  let credit = data.credit;
  let wake: (() => void) | null = null;
  let table: KnownRows | null = null;
  let settle: { resolve: (k: KnownRows) => void; reject: (e: Error) => void } | null = null;
  const known = new Promise<KnownRows>((resolve, reject) => (settle = { resolve, reject }));
  known.catch(() => undefined);
  port.on('message', (m: ToReader) => {
    if (m.type === 'credit') {
      credit++;
      wake?.();
      wake = null;
    } else if (m.type === 'known') {
      table = knownRowsFromParts(m.parts);
      settle!.resolve(table);
    } else {
      settle!.reject(reviveError(m.error));
    }
  });
  let bytesRead = 0;
  let totalBytes = 0;
  const opened = await openEnterpriseFile(data.path, {
    mapping: data.mapping, today: data.today, chunkBytes: data.chunkBytes,
    onProgress: (b, t) => {
      bytesRead = b;
      totalBytes = t;
    },
  });
  if (data.skip) opened.skipKnown(known);
  let batch: unknown[] = [];
  const flush = async () => {
    while (credit === 0) await new Promise<void>((r) => (wake = r));
    credit--;
    const items = batch;
    batch = [];
    port.postMessage({ type: 'items', items, bytesRead, totalBytes } satisfies FromReader);
  };
  for await (const item of opened.items) {
    batch.push(lean(item));
    if (batch.length >= data.batchItems) await flush();
  }
  if (batch.length) await flush();
  const parts = (table as KnownRows | null)?.parts() ?? null;
  port.postMessage({ type: 'done', known: parts } satisfies FromReader, parts ? [parts.hi, parts.lo, parts.firstRow, parts.hits].map((a) => a.buffer as ArrayBuffer) : []);
}

if (parentPort && (workerData as { readerThread?: ReaderThreadData } | null)?.readerThread) {
  const port = parentPort;
  run(port, (workerData as { readerThread: ReaderThreadData }).readerThread).catch((err: unknown) => {
    port.postMessage({ type: 'error', error: serialiseError(err) } satisfies FromReader);
  });
}
