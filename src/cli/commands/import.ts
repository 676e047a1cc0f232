import path from 'node:path';
import type { Command } from 'commander';
import type { ImportResult } from '../../contracts/enterprise.js';
import { systemActor } from '../../core/access/actor.js';
import type { ImportProgress } from '../../db/tables/ledger.js';
import { FACT_LABEL } from '../../core/enterprise/enterprise-labels.js';
import { withDatabase } from '../context.js';
import { DEFAULT_IMPORT_SOURCE } from '../../domain/import-source.js';
import { progressBar } from '../output.js';

type ImportOpts = { source: string; dryRun?: boolean; report?: string; json?: boolean; batchSize?: string };

/** The Chinese summary for people; --json prints the result object instead. */
export function describeResult(r: ImportResult, reportPath: string | null): string[] {
  const lines = [
    `${r.dryRun ? '试运行（未写入台账）' : '导入完成'}：共 ${r.rows} 行，新增 ${r.created}，更新 ${r.updated}，未变 ${r.unchanged}，` +
      `合并重复 ${r.merged}，拒绝 ${r.rejected}，待认定属地 ${r.pendingPlacement}`,
  ];
  const facts = Object.entries(r.updatedFacts).map(([k, n]) => `${FACT_LABEL[k] ?? k} ${n}`);
  if (facts.length) lines.push(`  变更的事项：${facts.join('，')}`);
  if (r.deregistered.length) lines.push(`  新注销企业 ${r.deregistered.length} 家：${r.deregistered.slice(0, 5).map((e) => e.name).join('、')}${r.deregistered.length > 5 ? '…' : ''}`);
  if (r.revoked.length) lines.push(`  新吊销企业 ${r.revoked.length} 家：${r.revoked.slice(0, 5).map((e) => e.name).join('、')}${r.revoked.length > 5 ? '…' : ''}`);
  if (r.parksCreated.length) lines.push(`  新建园区：${r.parksCreated.join('、')}`);
  if (r.associationsCreated.length) lines.push(`  新建行业协会：${r.associationsCreated.join('、')}`);
  for (const e of r.errors.slice(0, 10)) lines.push(`  第 ${e.row} 行${e.column ? ' ' + e.column : ''}：${e.message}（${e.code}）`);
  if (r.rejected > 10) lines.push(`  …… 其余错误见错误报告${reportPath ? '' : '（使用 --report 错误行.xlsx 导出）'}`);
  if (reportPath) lines.push(`  错误行已写入 ${reportPath}`);
  return lines;
}

export function registerImportCommands(program: Command): void {
  const cmd = program.command('import').description('导入数据');
  cmd.command('enterprises <file>')
    .description('导入企业台账（CSV：UTF-8 / GB18030，或 XLSX）；按统一社会信用代码更新，重复导入不产生变化')
    .option('--source <name>', '数据来源（列映射按来源保存）', DEFAULT_IMPORT_SOURCE)
    .option('--dry-run', '只检查并报告将发生的变化，不写入台账')
    .option('--report <file>', '把被拒绝的行写入 XLSX（含“错误原因”列）')
    .option('--batch-size <n>', '每个事务处理的行数', '20000')
    .option('--json', '以一个 JSON 对象输出结果')
    .action(async (file: string, opts: ImportOpts) => {
      const { prepareFileImport, writeImportErrorReport } = await import('../../core/import/import-file.service.js');
      await withDatabase(async (database) => {
        const actor = systemActor('cli');
        const prepared = await prepareFileImport(database, actor, {
          path: file, fileName: path.basename(file), source: opts.source, dryRun: !!opts.dryRun,
        });
        const bar = progressBar('导入');
        const onProgress = (p: ImportProgress) => p.phase === 'reading'
          ? bar.update(Math.round(((p.bytesRead ?? 0) / Math.max(1, p.totalBytes ?? 1)) * 100), 100)
          : bar.update(p.applied ?? 0, p.rows ?? 0);
        const result = await prepared.run({ onProgress, batchSize: Math.max(1, Number(opts.batchSize) || 20_000), afterBatch: crashFailpoint() });
        bar.done();
        const report = opts.report ? path.resolve(opts.report) : null;
        if (report) await writeImportErrorReport(database, result.importId, { path: file, source: opts.source }, report);
        if (opts.json) console.log(JSON.stringify(result));
        else for (const line of describeResult(result, report)) console.log(line);
      });
    });
}

/**
 * Failpoint for the kill-safety test: with LX_FAILPOINT_KILL_AFTER_BATCHES=N the process SIGKILLs
 * itself right after its Nth committed batch — a real crash at a known point, not a simulated one.
 */
function crashFailpoint(): ((index: number) => void) | undefined {
  const after = Number(process.env.LX_FAILPOINT_KILL_AFTER_BATCHES);
  if (!Number.isInteger(after) || after < 1) return undefined;
  return (index) => {
    if (index + 1 >= after) process.kill(process.pid, 'SIGKILL');
  };
}
