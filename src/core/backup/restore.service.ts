import path from 'node:path';
import type { CopyConnection } from '../../db/copy-connection.js';
import type { Database } from '../../db/database.js';
import { migrate } from '../../db/migrate.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { recordAudit } from '../audit/audit.service.js';
import { parseJson, readArchive, type ArchiveRecord } from './backup-archive.js';
import { checkManifest, type BackupManifest, type BackupTrailer } from './backup-manifest.js';
import { prepareTarget } from './backup-target.js';
import { verifyChain, verifyTables } from './backup-verify.js';
import { setSequences } from './backup.repository.js';
import type { CopyProgress } from './backup.service.js';
import { loadTable, type TableDigest } from './table-copy.js';

export type RestoreSummary = {
  manifest: BackupManifest; tables: number; rows: number; auditChecked: number; laterMigrations: string[];
};

const broken = (why: string) => new AppError('BACKUP_INVALID', `备份文件不完整或已损坏：${why}。目标中已写入的部分请删除后重新恢复`);

/**
 * `liangxin restore FILE`: into an empty target only; migrations to the backup's level, then each
 * table by COPY in its own transaction (checked against the digest the file carries), the
 * sequences, and the verification — every table read back and compared, the audit chain re-walked
 * to the backup's head. Migrations newer than the backup run last, on the restored rows, as they
 * would have on the original. The restore itself is audited in the target, after the check.
 */
export async function restoreBackup(
  target: Database, actor: Actor, file: string,
  opts: { passphrase: string | null; macKey: Buffer | null; onProgress?: (p: CopyProgress) => void },
): Promise<RestoreSummary> {
  requireAction(actor, 'system.manage');
  const records = readArchive(file, opts.passphrase);
  try {
    const first = await records.next();
    if (first.done || first.value.type !== 'H') throw broken('缺少清单');
    const manifest = checkManifest(parseJson<Partial<BackupManifest>>(first.value));
    await prepareTarget(target, manifest.migrations, false);
    const trailer = await target.withCopyConnection((c) => loadAll(c, records, manifest, opts.onProgress));
    const expected = new Map<string, TableDigest>(trailer.tables.map((t) => [t.name, { rows: t.rows, sha256: t.sha256 }]));
    await target.withCopyConnection((c) => verifyTables(c, expected));
    const chain = await verifyChain(target.db, manifest.auditHead, opts.macKey);
    const later = await migrate(target.db);
    const rows = trailer.tables.reduce((n, t) => n + t.rows, 0);
    await target.db.transaction().execute((tx) => recordAudit(tx, actor, {
      action: 'backup.restore', entity: 'database', after: {
        file: path.basename(file), createdAt: manifest.createdAt, engine: manifest.engine, tables: trailer.tables.length, rows,
        auditHead: manifest.auditHead, laterMigrations: later.applied,
      },
    }));
    return { manifest, tables: trailer.tables.length, rows, auditChecked: chain.checked, laterMigrations: later.applied };
  } finally {
    await records.return(undefined);
  }
}

async function loadAll(
  c: CopyConnection, records: AsyncGenerator<ArchiveRecord>, manifest: BackupManifest, onProgress?: (p: CopyProgress) => void,
): Promise<BackupTrailer> {
  const rowsTotal = manifest.tables.reduce((n, t) => n + t.rows, 0);
  let rowsDone = 0;
  let index = 0;
  for (;;) {
    const next = await records.next();
    if (next.done) throw broken('文件在表数据之后中途结束');
    const r = next.value;
    if (r.type === 'Z') {
      const trailer = parseJson<BackupTrailer>(r);
      if (trailer.tables.length !== manifest.tables.length) throw broken('表的数目与清单不符');
      await setSequences(c, trailer.sequences);
      return trailer;
    }
    if (r.type !== 'T') throw broken(`意外的记录 ${r.type}`);
    const { name, columns } = parseJson<{ name: string; columns: string[] }>(r);
    let end: ({ name: string } & TableDigest) | null = null;
    async function* data(): AsyncGenerator<Uint8Array> {
      for (;;) {
        const d = await records.next();
        if (d.done) throw broken(`表 ${name} 的数据中途结束`);
        if (d.value.type === 'E') return void (end = parseJson(d.value));
        if (d.value.type !== 'D') throw broken(`表 ${name} 中有意外的记录 ${d.value.type}`);
        yield d.value.payload;
      }
    }
    const digest = await loadTable(c, name, columns, data(), async (d) => {
      if (!end || end.name !== name || end.rows !== d.rows || end.sha256 !== d.sha256) throw broken(`表 ${name} 的数据与其校验值不符`);
    });
    rowsDone += digest.rows;
    onProgress?.({ table: name, index: ++index, tables: manifest.tables.length, rowsDone, rowsTotal });
  }
}
