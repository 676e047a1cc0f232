import type { Command } from 'commander';
import { systemActor } from '../../core/access/actor.js';
import { withDatabase } from '../context.js';

/**
 * `liangxin tasks refresh [--region CODE]` — re-run the rule engine into the work inbox (刷新待办):
 * new findings open tasks, fixed ones close as 已整改, returning ones reopen. Run it after an import.
 */
export function registerTaskCommands(program: Command): void {
  const tasks = program.command('tasks').description('待办事项');
  tasks.command('refresh')
    .description('按规则刷新待办事项（新发现的问题生成待办，已整改的自动关闭，再次出现的重新打开）')
    .option('--region <code>', '只刷新此区划代码（或前缀）下的记录；不填为全部')
    .option('--date <date>', '按此日期评估规则（YYYY-MM-DD，默认今天）')
    .option('--json', '以一个 JSON 对象输出结果')
    .action(async (opts: { region?: string; date?: string; json?: boolean }) => {
      const { refreshTasks } = await import('../../core/task/task-refresh.service.js');
      const results = await withDatabase((database) => refreshTasks(database.db, systemActor('cli'), { regionCode: opts.region, date: opts.date }));
      if (opts.json) return console.log(JSON.stringify({ results }));
      for (const r of results) {
        console.log(`待办刷新完成（${r.regionPrefix ?? '全部区划'}，按 ${r.date} 评估）：新增 ${r.opened}，已整改关闭 ${r.closed}，重新打开 ${r.reopened}，当前待办 ${r.open}`);
      }
    });
}
