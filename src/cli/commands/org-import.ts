import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { systemActor } from '../../core/access/actor.js';
import { keyringFor, keyringSettings } from '../../core/crypto/keyring.js';
import type { OrgImportResult } from '../../core/org-import/org-import.service.js';
// Loaded when a command runs, not at start (src/cli/context.ts).
const orgImport = () => import('../../core/org-import/org-import.service.js');
import { ORG_IMPORT_KINDS, TEMPLATE_TITLE, type OrgImportKind } from '../../core/org-import/templates.js';
import { AppError } from '../../domain/errors.js';
import { withDatabase } from '../context.js';

const KIND_LABEL: Record<OrgImportKind, string> = { orgs: '党组织', positions: '班子成员', unions: '工会', assignments: '指导员联系企业' };

function describe(r: OrgImportResult, report: string | undefined): string[] {
  const lines = [`${r.dryRun ? '试运行（未写入）' : '导入完成'}：${KIND_LABEL[r.kind]} 共 ${r.rows} 行，新增 ${r.created}，更新 ${r.updated}，未变 ${r.unchanged}，拒绝 ${r.rejected}`];
  for (const e of r.errors.slice(0, 10)) lines.push(`  第 ${e.row} 行${e.column ? ' ' + e.column : ''}：${e.message}（${e.code}）`);
  if (r.errors.length > 10) lines.push('  …… 其余错误见错误报告（--report 错误行.xlsx）');
  if (report && r.rejected) lines.push(`  错误行已写入 ${path.resolve(report)}`);
  return lines;
}

/**
 * `liangxin import orgs|positions|unions|assignments FILE` (added to the `import` command) and
 * `liangxin export org-template --kind K --out F`. Runs as the system actor, audited as such.
 */
export function registerOrgImportCommands(program: Command): void {
  const importCmd = program.commands.find((c) => c.name() === 'import') ?? program.command('import').description('导入数据');
  for (const kind of ORG_IMPORT_KINDS) {
    importCmd.command(`${kind} <file>`)
      .description(`导入${KIND_LABEL[kind]}（${TEMPLATE_TITLE[kind]}，XLSX 或 CSV）；按自然键匹配，重复导入不产生变化`)
      .option('--dry-run', '只检查并报告将发生的变化，不写入')
      .option('--report <file>', '把被拒绝的行写入 XLSX（含“错误原因”列）')
      .option('--json', '以一个 JSON 对象输出结果')
      .action(async (file: string, opts: { dryRun?: boolean; report?: string; json?: boolean }) => {
        const result = await withDatabase(async (database, config) => (await orgImport()).runOrgImport(
          { db: database.db, keyring: () => keyringFor(keyringSettings(config, database.engine)) },
          systemActor('cli'), kind, file, { dryRun: opts.dryRun, reportPath: opts.report },
        ));
        if (opts.json) console.log(JSON.stringify(result));
        else for (const line of describe(result, opts.report)) console.log(line);
        if (result.rejected) process.exitCode = 2;
      });
  }
  const exportCmd = program.commands.find((c) => c.name() === 'export') ?? program.command('export').description('导出数据');
  exportCmd.command('org-template')
    .description('导出党组织、班子成员、工会或指导员联系企业的空白导入模板')
    .requiredOption('--kind <kind>', ORG_IMPORT_KINDS.join(' | '))
    .requiredOption('--out <file>', '输出文件 .xlsx')
    .action(async (opts: { kind: string; out: string }) => {
      if (!(ORG_IMPORT_KINDS as readonly string[]).includes(opts.kind)) throw new AppError('BAD_REQUEST', `--kind 应为 ${ORG_IMPORT_KINDS.join('、')} 之一`);
      fs.writeFileSync(opts.out, await (await import('../../core/org-import/template-writer.js')).templateXlsx(opts.kind as OrgImportKind));
      console.log(`模板已写入 ${path.resolve(opts.out)}`);
    });
}
