import crypto from 'node:crypto';
import type { CopyConnection } from '../../db/copy-connection.js';
import { AppError } from '../../domain/errors.js';
import { clearTable, copyInStatement, copyOutStatement, fixOutputSettings, type TableInfo } from './backup.repository.js';

/** Rows and SHA-256 of a table's ordered COPY text: the same bytes give the same digest on either engine. */
export type TableDigest = { rows: number; sha256: string };

const NEWLINE = 0x0a;

/** Passes COPY text through, counting rows (one newline each: COPY escapes those inside values) and hashing it. */
export function digesting(chunks: AsyncIterable<Uint8Array>, batch = 0): { chunks: AsyncGenerator<Uint8Array>; digest(): TableDigest } {
  const hash = crypto.createHash('sha256');
  let rows = 0;
  let sha256 = '';
  async function* run(): AsyncGenerator<Uint8Array> {
    // A server sends one message per row: gathered into ~1 MiB pieces before they go on.
    let parts: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of chunks) {
      hash.update(chunk);
      for (let i = chunk.indexOf(NEWLINE); i !== -1; i = chunk.indexOf(NEWLINE, i + 1)) rows++;
      if (!batch) {
        yield chunk;
        continue;
      }
      parts.push(chunk);
      size += chunk.length;
      if (size >= batch) {
        yield Buffer.concat(parts);
        parts = [];
        size = 0;
      }
    }
    if (size) yield Buffer.concat(parts);
    sha256 = hash.digest('hex');
  }
  return { chunks: run(), digest: () => ({ rows, sha256 }) };
}

/** The table's ordered COPY text, digested (inside the caller's transaction). */
export async function digestTable(c: CopyConnection, table: TableInfo): Promise<TableDigest> {
  const d = digesting(c.copyOut(copyOutStatement(table)));
  for await (const _ of d.chunks) { /* digest only */ }
  return d.digest();
}

/**
 * Loads one table in a transaction of its own: whatever the migrations put there goes, the rows come
 * in by COPY, and the table is either whole or untouched. session_replication_role = replica keeps
 * triggers and foreign-key checks off, as pg_restore --disable-triggers does: the rows are a
 * consistent snapshot already, and a trigger (the 组织生活 year totals, coverage's change counter)
 * would count again what the copied tables already hold.
 */
export async function loadTable(
  c: CopyConnection, name: string, columns: string[], chunks: AsyncIterable<Uint8Array>, after?: (d: TableDigest) => Promise<void>,
): Promise<TableDigest> {
  await c.query('BEGIN');
  try {
    await replicaMode(c);
    await fixOutputSettings(c);
    await clearTable(c, name);
    const d = digesting(chunks, 1 << 20);
    await c.copyIn(copyInStatement(name, columns), d.chunks);
    const digest = d.digest();
    await after?.(digest);
    await c.query('COMMIT');
    return digest;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

async function replicaMode(c: CopyConnection): Promise<void> {
  try {
    await c.query('SET LOCAL session_replication_role = replica');
  } catch (err) {
    if ((err as { code?: string }).code !== '42501') throw err;
    throw new AppError('FORBIDDEN', '写入目标数据库需要关闭触发器和外键检查：请以数据库超级用户连接目标库' +
      '（或在 PostgreSQL 15 及以上先执行 GRANT SET ON PARAMETER session_replication_role TO 该用户）');
  }
}
