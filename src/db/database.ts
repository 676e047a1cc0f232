import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import type { DB, Db } from './schema.js';
import { acquireDataDirLock } from './data-dir-lock.js';
import { createPgPool } from './pg-pool.js';
import { quoteIdent } from './copy.js';
import { withPgliteCopy, withPostgresCopy, type CopyConnection } from './copy-connection.js';

export type Engine = 'pglite' | 'postgres';

export type Database = {
  db: Db;
  engine: Engine;
  /**
   * Bulk-load COPY text lines (see copy.ts) into a table, outside any transaction: used for
   * staging tables and region loads, never for the ledger itself.
   */
  copyLines(table: string, columns: string[], lines: AsyncIterable<string> | Iterable<string>): Promise<void>;
  /** One connection of its own with COPY in and out (backup, restore, `db migrate-to`; src/core/backup). */
  withCopyConnection<T>(fn: (c: CopyConnection) => Promise<T>): Promise<T>;
  /** The pool's connections now, for GET /metrics (PGlite's pool holds one: in use or idle). */
  poolStats(): PoolStats;
  /** PGlite only: the whole cluster as a tarball, which `template` opens again (test/helpers/pglite-template.ts). */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
};

export type PoolStats = { max: number; total: number; idle: number; waiting: number };
const statsOf = (pool: pg.Pool, max: number) => (): PoolStats => ({ max, total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount });

export type OpenOptions = {
  /** postgres://… — a real server. Otherwise PGlite. */
  databaseUrl?: string;
  /** PGlite data directory (holds pg/ and the lock). Omit for an in-memory database. */
  dataDir?: string;
  /** Who opens it, shown to a second process that finds the lock. */
  purpose?: string;
  poolSize?: number;
  /**
   * In-memory PGlite only: start from this dumped cluster (`dumpDataDir`) instead of running initdb.
   * A fresh PGlite spends ≈ 2.5 s of CPU in initdb and the migrations ≈ 0.5 s more; loading a dump of
   * a migrated one takes ≈ 1 s — the test suites open a few hundred databases.
   */
  template?: Blob;
};

// numeric, int8 and date come back as strings: exact and time-zone free.
pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);

async function* joinLines(lines: AsyncIterable<string> | Iterable<string>, size: number): AsyncGenerator<string> {
  let buffer = '';
  for await (const line of lines) {
    buffer += line;
    if (buffer.length >= size) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts.poolSize ?? 10) : openPglite(opts);
}

async function openPostgres(url: string, max: number): Promise<Database> {
  // Several hosts (a pg_auto_failover formation): the pool follows the node that accepts writes.
  const pool = createPgPool(url, max);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'postgres',
    async copyLines(table, columns, lines) {
      const client = await pool.connect();
      try {
        const target = `${quoteIdent(table)} (${columns.map(quoteIdent).join(',')})`;
        const stream = client.query(copyStreams.from(`COPY ${target} FROM STDIN`));
        // One CopyData message per ~256 KB instead of per line: a million small writes cost seconds.
        await pipeline(Readable.from(joinLines(lines, 1 << 18)), stream);
      } finally {
        client.release();
      }
    },
    withCopyConnection: (fn) => withPostgresCopy(pool, fn),
    poolStats: statsOf(pool, max),
    close: () => db.destroy(),
  };
}

async function openPglite(opts: OpenOptions): Promise<Database> {
  const release = opts.dataDir ? acquireDataDirLock(opts.dataDir, opts.purpose ?? 'liangxin') : () => {};
  try {
    const pglite = opts.dataDir
      ? new PGlite(path.join(opts.dataDir, 'pg'))
      : new PGlite('memory://', opts.template ? { loadDataDir: opts.template } : {});
    await pglite.waitReady;
    // PGlite is one backend: a pool of one keeps each transaction on its own connection.
    const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      engine: 'pglite',
      async copyLines(table, columns, lines) {
        // Hold the only pool connection so no other query interleaves with the COPY.
        const client = await pool.connect();
        try {
          const chunks: string[] = [];
          for await (const line of lines) chunks.push(line);
          const target = `${quoteIdent(table)} (${columns.map(quoteIdent).join(',')})`;
          await pglite.query(`COPY ${target} FROM '/dev/blob'`, [], { blob: new Blob(chunks) });
        } finally {
          client.release();
        }
      },
      withCopyConnection: (fn) => withPgliteCopy(pglite, pool, fn),
      poolStats: statsOf(pool, 1),
      dumpDataDir: () => pglite.dumpDataDir('none'),
      async close() {
        await db.destroy();
        await pglite.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}
