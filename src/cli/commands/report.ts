import fs from 'node:fs/promises';
import type { Command } from 'commander';
import { BulletinQuery } from '../../contracts/coverage-metrics.js';
import { systemActor } from '../../core/access/actor.js';
import { AppError } from '../../domain/errors.js';
import { significantPrefix } from '../../domain/metrics.js';
import { withDatabase } from '../context.js';
import { registerIssuerCommand } from './report-issuer.js';

/**
 * `liangxin report bulletin --region CODE --month YYYY-MM --format pdf|docx|xlsx --out FILE`: the
 * first bulletin of a month is numbered (文号) then; `liangxin report issuer` sets the numbering.
 */
export function registerReportCommands(program: Command): void {
  const cmd = program.command('report').description('报表');
  cmd.command('bulletin')
    .description('生成月通报（PDF、可编辑的 Word、Excel）')
    .requiredOption('--region <code>', '区划代码或前缀，如 440305')
    .requiredOption('--month <YYYY-MM>', '通报月份')
    .option('--format <pdf|docx|xlsx|html>', '格式', 'pdf')
    .requiredOption('--out <file>', '输出文件')
    .action(async (o: { region: string; month: string; format: string; out: string }) => {
      const parsed = BulletinQuery.safeParse({ region: significantPrefix(o.region), month: o.month, format: o.format });
      if (!parsed.success) throw new AppError('VALIDATION_FAILED', '参数不正确', parsed.error.issues.map((i) => ({ field: `--${String(i.path[0])}`, message: i.message })));
      const { generateBulletin } = await import('../../core/report/bulletin.service.js');
      const f = await withDatabase((database) => generateBulletin(database.db, systemActor('cli'), parsed.data));
      await fs.writeFile(o.out, f.body);
      console.log(`已生成 ${f.bulletin.issue?.docNumber ?? ''} ${f.bulletin.title}：${o.out}（${f.body.length} 字节）`);
    });
  registerIssuerCommand(cmd);
}
