import path from 'node:path';
import type { Command } from 'commander';
import { systemActor } from '../../core/access/actor.js';
import { keyringFor, keyringSettings } from '../../core/crypto/keyring.js';
import { withDatabase } from '../context.js';

/**
 * `liangxin dues compute --month YYYY-MM [--org ID]` and `liangxin import dues FILE [--dry-run] [--report errors.xlsx]`
 * (docs/dues.md). Both run as the system actor, audited as such.
 */
export function registerDuesCommands(program: Command): void {
  const dues = program.command('dues').description('党费');
  dues.command('compute')
    .description('计算某月党费（一个党组织，或全部党组织）；已交纳的和已关账的月份不重算')
    .requiredOption('--month <YYYY-MM>', '月份，如2026-11')
    .option('--org <id>', '党组织编号（不填为全部党组织）')
    .option('--json', '以一个 JSON 对象输出结果')
    .action(async (opts: { month: string; org?: string; json?: boolean }) => {
      const { computeDuesMonth } = await import('../../core/dues/dues.service.js');
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(opts.month)) throw new Error('--month 应为年月，如2026-11');
      const r = await withDatabase((database) => computeDuesMonth(database.db, systemActor('cli'), { month: opts.month, ...(opts.org ? { orgId: opts.org } : {}) }));
      if (opts.json) console.log(JSON.stringify(r));
      else console.log(`已计算${r.month}党费：${r.orgs}个党组织，写入或更新${r.rows}条`);
    });

  const importCmd = program.commands.find((c) => c.name() === 'import') ?? program.command('import').description('导入数据');
  importCmd.command('dues <file>')
    .description('导入党费缴纳文件（银行或缴费平台导出的 XLSX 或 CSV，UTF-8 / GBK）；按身份证号码匹配，全部通过才写入，重复导入不产生变化')
    .option('--dry-run', '只校验并报告，不写入')
    .option('--report <file>', '把未通过校验的行写入 XLSX（含“原行号”“错误原因”列，身份证号码遮蔽）')
    .option('--json', '以一个 JSON 对象输出结果')
    .action(async (file: string, opts: { dryRun?: boolean; report?: string; json?: boolean }) => {
      const { importDuesPayments } = await import('../../core/dues/dues-import.service.js');
      const report = opts.report ? path.resolve(opts.report) : undefined;
      const r = await withDatabase((database, config) => importDuesPayments(
        { db: database.db, keyring: keyringFor(keyringSettings(config, database.engine)) }, systemActor('cli'), file, { dryRun: !!opts.dryRun, reportPath: report },
      ));
      if (opts.json) console.log(JSON.stringify(r));
      else {
        console.log(r.rejected ? `有${r.rejected}行未通过校验，整个文件未导入` : `${r.dryRun ? '试运行（未写入）' : '导入完成'}：共${r.rows}行，新登记${r.applied}笔，已导入过${r.unchanged}笔`);
        for (const e of r.errors.slice(0, 20)) console.log(`  第${e.row}行${e.column ? ' ' + e.column : ''}：${e.message}`);
        if (r.errors.length > 20) console.log(`  …… 其余错误见错误报告${report ? '' : '（使用 --report 错误行.xlsx 导出）'}`);
        if (report && r.rejected) console.log(`  错误行已写入 ${report}`);
      }
      if (r.rejected) process.exitCode = 2;
    });
}
