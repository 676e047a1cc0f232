import type { Database } from '../../db/database.js';
import { migrationFiles as expectedMigrations } from '../../db/migrate.js';
import { withTimeout } from './metrics.service.js';
import { appliedMigrations, ping } from './ops.repository.js';

/** How long /readyz waits for the database before calling it unreachable. */
export const READY_DB_TIMEOUT_MS = 2_000;

export type ReadyCheck = { check: 'database' | 'migrations' | 'shutdown'; ok: boolean; code: string; message: string };
export type Readiness = { ready: boolean; code: 'READY' | 'NOT_READY'; message: string; details: ReadyCheck[] };

async function databaseCheck(database: Database): Promise<ReadyCheck> {
  const started = performance.now();
  try {
    await withTimeout(ping(database.db), READY_DB_TIMEOUT_MS);
    return { check: 'database', ok: true, code: 'DB_OK', message: `数据库可连接（${Math.round(performance.now() - started)} 毫秒）` };
  } catch {
    return { check: 'database', ok: false, code: 'DB_UNREACHABLE', message: `数据库在 ${READY_DB_TIMEOUT_MS / 1000} 秒内无应答或已关闭` };
  }
}

async function migrationsCheck(database: Database): Promise<ReadyCheck> {
  try {
    const applied = new Set(await withTimeout(appliedMigrations(database.db), READY_DB_TIMEOUT_MS));
    const expected = expectedMigrations();
    const missing = expected.filter((f) => !applied.has(f));
    // A database ahead of this program (a newer version migrated it) is refused too: this code does not know its tables.
    const unknown = [...applied].filter((f) => !expected.includes(f));
    if (missing.length) return { check: 'migrations', ok: false, code: 'MIGRATIONS_PENDING', message: `数据库结构落后于本版本：尚有 ${missing.length} 个迁移未执行（首个：${missing[0]}）` };
    if (unknown.length) return { check: 'migrations', ok: false, code: 'MIGRATIONS_AHEAD', message: `数据库结构新于本版本：有 ${unknown.length} 个本版本不认识的迁移（${unknown[0]}）` };
    return { check: 'migrations', ok: true, code: 'MIGRATIONS_CURRENT', message: `数据库结构为最新（${expected.length} 个迁移）` };
  } catch {
    return { check: 'migrations', ok: false, code: 'MIGRATIONS_UNKNOWN', message: '无法读取数据库迁移记录' };
  }
}

/**
 * GET /readyz: may a load balancer send this instance traffic? The database answers in time, its
 * schema is the one this version expects, and the server is not shutting down.
 */
export async function readiness(database: Database, shuttingDown: boolean): Promise<Readiness> {
  const db = await databaseCheck(database);
  const details: ReadyCheck[] = [
    db,
    db.ok ? await migrationsCheck(database) : { check: 'migrations', ok: false, code: 'MIGRATIONS_UNKNOWN', message: '数据库不可连接，无法核对迁移' },
    shuttingDown
      ? { check: 'shutdown', ok: false, code: 'SHUTTING_DOWN', message: '服务正在停止，不再接收新请求' }
      : { check: 'shutdown', ok: true, code: 'RUNNING', message: '服务运行中' },
  ];
  const failed = details.filter((d) => !d.ok);
  return failed.length
    ? { ready: false, code: 'NOT_READY', message: `服务未就绪：${failed.map((d) => d.message).join('；')}`, details }
    : { ready: true, code: 'READY', message: '服务就绪', details };
}
