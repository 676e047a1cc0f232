import type { Command } from 'commander';
import { systemActor } from '../../core/access/actor.js';
// Loaded when a command runs, not at start (src/cli/context.ts).
const snapshots = () => import('../../core/coverage/snapshot.service.js');
import { withDatabase } from '../context.js';

/** `liangxin snapshot take --month YYYY-MM`: (re)computes a month-end snapshot from history. */
export function registerSnapshotCommands(program: Command): void {
  const cmd = program.command('snapshot').description('覆盖情况月末快照');
  cmd.command('take')
    .description('生成某月月末快照；已有的月份按历史数据重算')
    .requiredOption('--month <YYYY-MM>', '月份，如 2025-09')
    .option('--json', '以 JSON 输出')
    .action(async (o: { month: string; json?: boolean }) => {
      const r = await withDatabase(async (database) => (await snapshots()).takeSnapshot(database.db, systemActor('cli'), o.month));
      console.log(o.json ? JSON.stringify(r) : `已生成 ${r.period} 月末快照（截至 ${r.asOf}），共 ${r.rows} 项指标`);
    });
}
