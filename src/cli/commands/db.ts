import type { Command } from 'commander';
import { withDatabase } from '../context.js';
import { registerMigrateToCommand } from './db-migrate-to.js';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('数据库维护');
  db.command('migrate')
    .description('执行数据库迁移（启动服务时也会自动执行）')
    .action(async () => {
      const { migrate } = await import('../../db/migrate.js');
      await withDatabase(async (database) => {
        const result = await migrate(database.db);
        console.log(result.applied.length ? `已执行迁移：${result.applied.join(', ')}` : '数据库已是最新');
      });
    });
  registerMigrateToCommand(db);
}
