import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { AppError } from '../../domain/errors.js';
import { withDatabase } from '../context.js';
import { progressBar } from '../output.js';
import { attachmentPlace, configuredMacKey, maskUrl } from './backup.js';

/** `liangxin db migrate-to postgres://…` (docs/operations.md, "Moving a district to PostgreSQL"). */
export function registerMigrateToCommand(db: Command): void {
  db.command('migrate-to')
    .description('把当前数据库（通常是嵌入式）整体迁到一个空的 PostgreSQL 数据库，逐表核对并校验审计日志链；中断后重新运行即从断点继续')
    .argument('<url>', '目标数据库 postgres://用户:口令@主机:端口/库名（须为空库，以超级用户或库的属主连接）')
    .option('--json', '以 JSON 输出')
    .action(async (url: string, o: { json?: boolean }) => {
      if (!/^postgres(ql)?:\/\//.test(url)) throw new AppError('VALIDATION_FAILED', '目标应为 postgres://… 形式的 PostgreSQL 连接串');
      const config = loadConfig();
      if (config.databaseUrl === url) throw new AppError('VALIDATION_FAILED', '目标与当前数据库（DATABASE_URL）相同');
      const { openDatabase } = await import('../../db/database.js');
      const { migrateTo } = await import('../../core/backup/migrate-to.service.js');
      const { systemActor } = await import('../../core/access/actor.js');
      // The failpoint of the resume test: the process dies like a crash after this many tables.
      const stopAfterTables = Number(process.env.LX_FAILPOINT_MIGRATE_STOP_AFTER_TABLES ?? 0) || undefined;
      const started = Date.now();
      const bar = progressBar('迁移');
      const r = await withDatabase(async (source) => {
        const target = await openDatabase({ databaseUrl: url, poolSize: 2 });
        try {
          const macKey = await configuredMacKey(config, source.engine, config.dataDir);
          return await migrateTo(source, target, systemActor('cli'), { macKey, stopAfterTables, onProgress: (p) => bar.update(p.index, p.tables) });
        } finally {
          bar.done();
          await target.close();
        }
      });
      if (o.json) return void console.log(JSON.stringify({ ...r, seconds: (Date.now() - started) / 1000 }));
      console.log(`已迁移到 ${maskUrl(url)}：${r.tables} 张表，${r.rows} 行${r.resumed ? `（接着上次中断处继续，本次复制 ${r.copied} 张表）` : ''}，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
      console.log(`逐表核对一致（行数与按主键排序的校验值）；审计日志链完整：已校验 ${r.auditChecked} 条，链头与源库一致（第 ${r.auditHead?.seq ?? '-'} 条）`);
      console.log('改用 PostgreSQL：停用原数据目录，设置 DATABASE_URL 为上面的连接串，并用 LX_KEY_FILE 指向原来的密钥文件' +
        `（嵌入式默认 ${config.dataDir}/keys.json；PostgreSQL 必须配置密钥）。请另行备份密钥文件`);
      console.log(`附件文件没有移动，只迁移了索引：请保持 LX_ATTACHMENT_DIR 指向原处（${attachmentPlace(config)}）`);
    });
}
