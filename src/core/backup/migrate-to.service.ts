import type { CopyConnection } from '../../db/copy-connection.js';
import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { recordAudit } from '../audit/audit.service.js';
import { prepareTarget } from './backup-target.js';
import { verifyChain, verifyTables } from './backup-verify.js';
import {
  appliedMigrations, auditHead, copyOutStatement, dropProgressTable, fixOutputSettings, listForeignKeys, listTables, markDone,
  readProgress, readSequences, setSequences, type TableInfo,
} from './backup.repository.js';
import type { CopyProgress } from './backup.service.js';
import { digestTable, loadTable, type TableDigest } from './table-copy.js';
import { dependencyOrder } from './table-order.js';

export type MigrateToSummary = {
  resumed: boolean; tables: number; copied: number; rows: number; auditChecked: number; auditHead: { seq: string; hash: string } | null;
};

/**
 * `liangxin db migrate-to postgres://…`: the installation read in one snapshot and COPYed table by
 * table into an empty server database, each table committed with its mark in the target's progress
 * table — a rerun after a crash carries on from the first unmarked table. Then every table is read
 * back on both sides and compared (count and ordered checksum), the audit chain re-walked in the
 * target to the source's very head, the progress table dropped, and the move audited in the target.
 * The failpoint `stopAfterTables` (tests) ends the process like a crash after that many tables.
 */
export async function migrateTo(
  source: Database, target: Database, actor: Actor,
  opts: { macKey: Buffer | null; onProgress?: (p: CopyProgress) => void; stopAfterTables?: number },
): Promise<MigrateToSummary> {
  requireAction(actor, 'system.manage');
  if (target.engine !== 'postgres') throw new AppError('VALIDATION_FAILED', '迁移目标必须是 PostgreSQL 服务器（postgres://…）');
  const result = await source.withCopyConnection(async (s) => {
    await s.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      await fixOutputSettings(s);
      const state = await prepareTarget(target, await appliedMigrations(s), true);
      const tables = dependencyOrder(await listTables(s), await listForeignKeys(s));
      const copied = await target.withCopyConnection((t) => copyTables(s, t, tables, opts));
      const sequences = await readSequences(s);
      await target.withCopyConnection((t) => setSequences(t, sequences));
      const expected = new Map<string, TableDigest>();
      for (const table of tables) expected.set(table.name, copied.get(table.name) ?? (await digestTable(s, table)));
      const head = await auditHead(s);
      await s.query('COMMIT');
      return { state, tables, copied, expected, head };
    } catch (err) {
      await s.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  });
  await target.withCopyConnection((t) => verifyTables(t, result.expected));
  const chain = await verifyChain(target.db, result.head, opts.macKey);
  await target.withCopyConnection(dropProgressTable);
  const rows = [...result.expected.values()].reduce((n, d) => n + d.rows, 0);
  const summary: MigrateToSummary = {
    resumed: result.state === 'resume', tables: result.tables.length, copied: result.copied.size, rows,
    auditChecked: chain.checked, auditHead: result.head,
  };
  await target.db.transaction().execute((tx) => recordAudit(tx, actor, {
    action: 'database.migrate_to', entity: 'database', after: { from: source.engine, ...summary },
  }));
  return summary;
}

/** Tables not yet marked done in the target, each streamed from the source's snapshot in one target transaction. */
async function copyTables(
  s: CopyConnection, t: CopyConnection, tables: TableInfo[],
  opts: { onProgress?: (p: CopyProgress) => void; stopAfterTables?: number },
): Promise<Map<string, TableDigest>> {
  const done = await readProgress(t);
  const copied = new Map<string, TableDigest>();
  let rowsDone = 0;
  for (const [index, table] of tables.entries()) {
    if (done.has(table.name)) {
      rowsDone += done.get(table.name)!.rows;
      continue;
    }
    const digest = await loadTable(t, table.name, table.columns, s.copyOut(copyOutStatement(table)), (got) => markDone(t, table.name, got.rows, got.sha256));
    copied.set(table.name, digest);
    rowsDone += digest.rows;
    opts.onProgress?.({ table: table.name, index: index + 1, tables: tables.length, rowsDone, rowsTotal: 0 });
    if (opts.stopAfterTables && copied.size >= opts.stopAfterTables) process.kill(process.pid, 'SIGKILL');
  }
  return copied;
}
