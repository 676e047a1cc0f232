import type { Database } from '../../db/database.js';
import { migrate } from '../../db/migrate.js';
import { AppError } from '../../domain/errors.js';
import {
  appliedMigrations, createProgressTable, listTables, PROGRESS_TABLE, tableExists, tablesWithRows,
} from './backup.repository.js';

export type TargetState = 'fresh' | 'resume';

/**
 * A restore or move writes only into an empty database — a new directory, a database just made with
 * CREATE DATABASE, or one the migrations alone have touched — and brings it to the source's
 * migration level before any row goes in. With `resumable` (db migrate-to) a target holding the
 * progress table of an unfinished move is taken up where it stopped.
 */
export async function prepareTarget(target: Database, migrations: string[], resumable: boolean): Promise<TargetState> {
  const state = await target.withCopyConnection(async (c): Promise<TargetState> => {
    if (resumable && (await tableExists(c, PROGRESS_TABLE))) return 'resume';
    const busy = await tablesWithRows(c, await listTables(c));
    if (busy.length) {
      throw new AppError('TARGET_NOT_EMPTY',
        `目标数据库不是空的（${busy.join('、')} 等表已有数据）：恢复和迁移只写入空的数据库，不会覆盖已有数据。请换一个新的数据目录，或新建一个空数据库（CREATE DATABASE）后再试`);
    }
    const wanted = new Set(migrations);
    const ahead = (await appliedMigrations(c)).filter((m) => !wanted.has(m));
    if (ahead.length) {
      throw new AppError('TARGET_NOT_EMPTY', `目标数据库已执行了源数据没有的迁移（${ahead.slice(0, 3).join('、')}）：请使用一个新建的空数据库`);
    }
    return 'fresh';
  });
  // Outside the held connection: on PGlite the pool has only the one.
  await migrate(target.db, new Set(migrations));
  if (resumable && state === 'fresh') await target.withCopyConnection(createProgressTable);
  return state;
}
