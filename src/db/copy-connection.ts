import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import type { PGlite } from '@electric-sql/pglite';

/**
 * One connection held for a whole backup, restore or move: plain statements and COPY in and out on
 * the same session, so a COPY runs inside the caller's transaction (the backup's snapshot, a
 * restored table's own transaction). COPY statements are written `… TO STDOUT` / `… FROM STDIN`.
 */
export type CopyConnection = {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  /** COPY … TO STDOUT: the text as it comes, in chunks. */
  copyOut(statement: string): AsyncIterable<Uint8Array>;
  /** COPY … FROM STDIN fed from chunks of COPY text. */
  copyIn(statement: string, chunks: AsyncIterable<Uint8Array>): Promise<void>;
};

const OUT_CHUNK = 1 << 20;

export async function withPostgresCopy<T>(pool: pg.Pool, fn: (c: CopyConnection) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await fn({
      query: async <R>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as R[],
      copyOut: (statement) => client.query(copyStreams.to(statement)),
      copyIn: async (statement, chunks) => {
        await pipeline(Readable.from(chunks), client.query(copyStreams.from(statement)));
      },
    });
  } finally {
    client.release();
  }
}

/**
 * PGlite is one backend: COPY goes through its /dev/blob device (a whole table's text in memory at
 * a time) on the same session as the pool's only connection, which is held here so nothing else
 * interleaves.
 */
export async function withPgliteCopy<T>(pglite: PGlite, pool: pg.Pool, fn: (c: CopyConnection) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await fn({
      query: async <R>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as R[],
      copyOut: (statement) => pgliteCopyOut(pglite, statement),
      copyIn: async (statement, chunks) => {
        const parts: Uint8Array[] = [];
        for await (const c of chunks) parts.push(c);
        await pglite.query(statement.replace(/FROM STDIN$/, `FROM '/dev/blob'`), [], { blob: new Blob(parts as BlobPart[]) });
      },
    });
  } finally {
    client.release();
  }
}

async function* pgliteCopyOut(pglite: PGlite, statement: string): AsyncGenerator<Uint8Array> {
  const result = await pglite.query(statement.replace(/TO STDOUT$/, `TO '/dev/blob'`));
  if (!result.blob) return;
  const bytes = new Uint8Array(await result.blob.arrayBuffer());
  for (let i = 0; i < bytes.length; i += OUT_CHUNK) yield bytes.subarray(i, i + OUT_CHUNK);
}
