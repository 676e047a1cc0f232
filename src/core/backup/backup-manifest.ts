import fs from 'node:fs';
import { migrationFiles } from '../../db/migrate.js';
import { AppError } from '../../domain/errors.js';
import type { SequenceValue } from './backup.repository.js';
import type { TableDigest } from './table-copy.js';

/** The backup's first record: what it holds, read before any row (docs/decisions/0003-backup.md). */
export type BackupManifest = {
  format: 'liangxin-backup';
  formatVersion: 1;
  appVersion: string;
  engine: 'pglite' | 'postgres';
  createdAt: string;
  migrations: string[];
  /** The audit chain's anchored head in the snapshot; a restore must end on it. */
  auditHead: { seq: string; hash: string } | null;
  /** Counted in the snapshot, in load order: what progress is measured against. */
  tables: Array<{ name: string; rows: number }>;
};

/** The last record: what was written, table by table, and where each sequence stood. */
export type BackupTrailer = { tables: Array<{ name: string } & TableDigest>; sequences: SequenceValue[] };

export function appVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Refuses a file that is not a backup, or one from a newer version whose tables this one does not know. */
export function checkManifest(m: Partial<BackupManifest>): BackupManifest {
  if (m.format !== 'liangxin-backup' || m.formatVersion !== 1 || !Array.isArray(m.migrations) || !Array.isArray(m.tables)) {
    throw new AppError('BACKUP_INVALID', '不是两新平台的备份文件，或备份格式的版本不受支持');
  }
  const known = new Set(migrationFiles());
  const unknown = m.migrations.filter((f) => !known.has(f));
  if (unknown.length) {
    throw new AppError('BACKUP_INVALID', `备份来自较新的版本（${m.appVersion}），含本程序没有的数据库迁移 ${unknown.slice(0, 3).join('、')}：请先升级本程序再恢复`);
  }
  return m as BackupManifest;
}
