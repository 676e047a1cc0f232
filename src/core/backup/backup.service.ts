import fs from 'node:fs';
import path from 'node:path';
import type { CopyConnection } from '../../db/copy-connection.js';
import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { recordAudit } from '../audit/audit.service.js';
import { openArchiveWriter, type ArchiveWriter } from './backup-archive.js';
import { appVersion, type BackupManifest, type BackupTrailer } from './backup-manifest.js';
import {
  appliedMigrations, auditHead, copyOutStatement, countRows, fixOutputSettings, listForeignKeys, listTables, readSequences,
  type TableInfo,
} from './backup.repository.js';
import { digesting } from './table-copy.js';
import { dependencyOrder } from './table-order.js';

export type CopyProgress = { table: string; index: number; tables: number; rowsDone: number; rowsTotal: number };
export type BackupSummary = { file: string; bytes: number; encrypted: boolean; manifest: BackupManifest; trailer: BackupTrailer };

const DATA_RECORD = 1 << 20;

/**
 * `liangxin backup FILE`: every table read inside one REPEATABLE READ READ ONLY transaction — one
 * snapshot, so the file is consistent while the server goes on writing (PostgreSQL) — as ordered
 * COPY text, streamed into the archive with the manifest first and the digests last. The file holds
 * personal data as stored (ciphertexts), never the key file. Audited once the file is complete.
 */
export async function takeBackup(
  database: Database, actor: Actor, file: string,
  opts: { passphrase: string | null; onProgress?: (p: CopyProgress) => void },
): Promise<BackupSummary> {
  requireAction(actor, 'system.manage');
  const target = path.resolve(file);
  if (fs.existsSync(target)) throw new AppError('CONFLICT', `文件 ${target} 已存在：请换一个文件名（备份不会覆盖已有文件）`);
  const writer = openArchiveWriter(target, opts.passphrase);
  let written: { manifest: BackupManifest; trailer: BackupTrailer };
  try {
    written = await database.withCopyConnection((c) => inSnapshot(c, database.engine, writer, opts.onProgress));
    await writer.finish();
  } catch (err) {
    await writer.abort();
    throw err;
  }
  const summary = { file: target, bytes: fs.statSync(target).size, encrypted: Boolean(opts.passphrase), ...written };
  await database.db.transaction().execute((tx) => recordAudit(tx, actor, {
    action: 'backup.create', entity: 'database', after: {
      file: path.basename(target), encrypted: summary.encrypted, tables: written.trailer.tables.length,
      rows: written.trailer.tables.reduce((n, t) => n + t.rows, 0), auditHead: written.manifest.auditHead,
    },
  }));
  return summary;
}

async function inSnapshot(
  c: CopyConnection, engine: Database['engine'], writer: ArchiveWriter, onProgress?: (p: CopyProgress) => void,
): Promise<{ manifest: BackupManifest; trailer: BackupTrailer }> {
  await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    await fixOutputSettings(c);
    const tables = dependencyOrder(await listTables(c), await listForeignKeys(c));
    const counts: BackupManifest['tables'] = [];
    for (const t of tables) counts.push({ name: t.name, rows: await countRows(c, t.name) });
    const manifest: BackupManifest = {
      format: 'liangxin-backup', formatVersion: 1, appVersion: appVersion(), engine, createdAt: new Date().toISOString(),
      migrations: await appliedMigrations(c), auditHead: await auditHead(c), tables: counts,
    };
    await writer.write('H', manifest);
    const rowsTotal = counts.reduce((n, t) => n + t.rows, 0);
    const digests: BackupTrailer['tables'] = [];
    for (const [index, t] of tables.entries()) {
      digests.push({ name: t.name, ...(await writeTable(c, writer, t, counts[index]!.rows)) });
      onProgress?.({ table: t.name, index: index + 1, tables: tables.length, rowsDone: digests.reduce((n, d) => n + d.rows, 0), rowsTotal });
    }
    const trailer: BackupTrailer = { tables: digests, sequences: await readSequences(c) };
    await writer.write('Z', trailer);
    await c.query('COMMIT');
    return { manifest, trailer };
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

async function writeTable(c: CopyConnection, writer: ArchiveWriter, t: TableInfo, expected: number) {
  await writer.write('T', { name: t.name, columns: t.columns });
  const d = digesting(c.copyOut(copyOutStatement(t)), DATA_RECORD);
  for await (const chunk of d.chunks) await writer.write('D', chunk);
  const digest = d.digest();
  if (digest.rows !== expected) {
    throw new AppError('BACKUP_VERIFY_FAILED', `表 ${t.name} 读出 ${digest.rows} 行，快照中应有 ${expected} 行：备份未完成`);
  }
  await writer.write('E', { name: t.name, ...digest });
  return digest;
}
