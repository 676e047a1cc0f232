import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig, type Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/errors.js';
import { withDatabase } from '../context.js';
import { progressBar } from '../output.js';

// Services load inside the actions (src/cli/context.ts): `liangxin --help` stays fast.

const KEY_ADVICE = '请另行备份密钥文件：备份中的身份证号、手机号等是加密后的密文，不含密钥（LX_KEY_FILE / LX_KEYS，嵌入式默认 DATA_DIR/keys.json），没有密钥将无法解密';

/** The passphrase only ever comes from the environment: a command line is visible to every user of the machine. */
export function backupPassphrase(required: boolean): string | null {
  const pass = process.env.LX_BACKUP_PASSPHRASE ?? '';
  if (!required) return pass || null;
  if (pass.length < 8) {
    throw new AppError('VALIDATION_FAILED', '使用 --encrypt 时请在环境变量 LX_BACKUP_PASSPHRASE 中提供至少 8 个字符的口令（不要写在命令行上）');
  }
  return pass;
}

/** The checkpoint MAC key when one is configured; never generates a key file in a restore's target. */
export async function configuredMacKey(config: Config, engine: Database['engine'], dataDir: string): Promise<Buffer | null> {
  if (!process.env.LX_KEYS && !config.keyFile && !fs.existsSync(path.join(dataDir, 'keys.json'))) return null;
  const { keyringFor, keyringSettings } = await import('../../core/crypto/keyring.js');
  const { auditMacKey } = await import('../../core/crypto/pii-cipher.js');
  try {
    return auditMacKey(keyringFor(keyringSettings({ ...config, dataDir }, engine)));
  } catch {
    return null;
  }
}

export const mb = (bytes: number): string => `${(bytes / 1048576).toFixed(1)} MB`;

function bar(label: string) {
  const b = progressBar(label);
  return { onProgress: (p: { index: number; tables: number }) => b.update(p.index, p.tables), done: () => b.done() };
}

export function registerBackupCommands(program: Command): void {
  program.command('backup')
    .description('备份整个数据库到一个文件（一致性快照，PostgreSQL 上服务可照常运行；可加密）')
    .argument('<file>', '备份文件（不覆盖已有文件），如 liangxin-20261205.lxbak')
    .option('--encrypt', '用环境变量 LX_BACKUP_PASSPHRASE 中的口令加密（scrypt + AES-256-GCM）')
    .option('--json', '以 JSON 输出')
    .action(async (file: string, o: { encrypt?: boolean; json?: boolean }) => {
      const passphrase = backupPassphrase(Boolean(o.encrypt));
      const { takeBackup } = await import('../../core/backup/backup.service.js');
      const { systemActor } = await import('../../core/access/actor.js');
      const started = Date.now();
      const p = bar('备份');
      const r = await withDatabase((database) => takeBackup(database, systemActor('cli'), file, { passphrase, onProgress: p.onProgress }))
        .catch((err: unknown) => {
          throw err instanceof AppError && err.code === 'DATA_DIR_LOCKED' ? lockedAdvice(err) : err;
        })
        .finally(p.done);
      const rows = r.trailer.tables.reduce((n, t) => n + t.rows, 0);
      if (o.json) return void console.log(JSON.stringify({ ...r, seconds: (Date.now() - started) / 1000 }));
      console.log(`已备份到 ${r.file}（${r.trailer.tables.length} 张表，${rows} 行，${mb(r.bytes)}，${r.encrypted ? '已加密' : '未加密'}，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
      console.log(`数据库迁移 ${r.manifest.migrations.length} 个；审计日志链头：${r.manifest.auditHead ? `第 ${r.manifest.auditHead.seq} 条 ${r.manifest.auditHead.hash}` : '（无记录）'}`);
      console.log(KEY_ADVICE);
      console.log(`附件文件不在备份中，只有其索引：请一并备份附件存储（${attachmentPlace(loadConfig())}）`);
    });

  program.command('restore')
    .description('从备份文件恢复到一个空的数据目录或空的 PostgreSQL 数据库，并逐表、按审计日志链核对')
    .argument('<file>', '备份文件')
    .option('--data-dir <dir>', '恢复到这个嵌入式数据目录（须为空或不存在）')
    .option('--database-url <url>', '恢复到这个 PostgreSQL 数据库（postgres://…，须为空库）')
    .option('--json', '以 JSON 输出')
    .action(async (file: string, o: { dataDir?: string; databaseUrl?: string; json?: boolean }) => {
      if (o.dataDir && o.databaseUrl) throw new AppError('VALIDATION_FAILED', '--data-dir 与 --database-url 只能选一个');
      const config = loadConfig();
      const databaseUrl = o.databaseUrl ?? (o.dataDir ? undefined : config.databaseUrl);
      const dataDir = path.resolve(o.dataDir ?? config.dataDir);
      const passphrase = backupPassphrase(false);
      const { openDatabase } = await import('../../db/database.js');
      const { restoreBackup } = await import('../../core/backup/restore.service.js');
      const { systemActor } = await import('../../core/access/actor.js');
      const target = await openDatabase(databaseUrl ? { databaseUrl, poolSize: 2 } : { dataDir, purpose: 'liangxin restore' });
      const started = Date.now();
      const p = bar('恢复');
      try {
        const macKey = await configuredMacKey(config, target.engine, dataDir);
        const r = await restoreBackup(target, systemActor('cli'), path.resolve(file), { passphrase, macKey, onProgress: p.onProgress }).finally(p.done);
        if (o.json) return void console.log(JSON.stringify({ ...r, seconds: (Date.now() - started) / 1000 }));
        console.log(`已恢复到 ${databaseUrl ? maskUrl(databaseUrl) : dataDir}：${r.tables} 张表，${r.rows} 行，逐表行数与校验值一致（用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
        console.log(`备份时间 ${r.manifest.createdAt}（${r.manifest.engine === 'pglite' ? '嵌入式数据库' : 'PostgreSQL'}，版本 ${r.manifest.appVersion}）`);
        console.log(`审计日志链完整：已校验 ${r.auditChecked} 条，链头与备份一致${r.laterMigrations.length ? `；另执行了本版本较新的迁移 ${r.laterMigrations.length} 个` : ''}`);
        console.log(`${KEY_ADVICE}。启动前请配置与备份时相同的密钥`);
      } finally {
        await target.close();
      }
    });
}

function lockedAdvice(err: AppError): AppError {
  return new AppError('DATA_DIR_LOCKED', `${err.message}\n嵌入式数据库只能由一个进程打开，服务运行时无法从命令行备份。` +
    '请在维护时段停止服务，运行 liangxin backup 后再启动服务（备份期间服务不可用，一个区的数据通常一分钟内完成）；' +
    '需要不停机备份时请改用 PostgreSQL（见 docs/operations.md “Moving a district to PostgreSQL”）');
}

export function attachmentPlace(config: Config): string {
  const s = config.attachmentStore;
  return s.kind === 's3' ? `S3 存储桶 ${s.s3.bucket}` : `本地目录 ${config.attachmentDir}`;
}

export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}
