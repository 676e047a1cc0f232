import path from 'node:path';
import type { Command } from 'commander';
import { systemActor } from '../../core/access/actor.js';
import { keyringFor, keyringSettings } from '../../core/crypto/keyring.js';
import type { MemberImportResult } from '../../core/member-import/member-import.service.js';
import { AppError } from '../../domain/errors.js';
import { withDatabase } from '../context.js';
import { progressBar } from '../output.js';

const PHASE: Record<string, string> = { reading: '读取', checking: '校验', applying: '写入' };

export function describeMemberResult(r: MemberImportResult, reportPath: string | null): string[] {
  const head = r.rejected
    ? `未导入：共 ${r.rows} 行，其中 ${r.rejected} 行未通过校验，整个文件未写入（改正后重新导入）`
    : `${r.dryRun ? '试运行（未写入）' : '导入完成'}：党员名册共 ${r.rows} 行，新增 ${r.created}，更新 ${r.updated}，未变 ${r.unchanged}，涉及党组织 ${r.organisations} 个`;
  const lines = [head];
  for (const e of r.errors.slice(0, 10)) lines.push(`  第 ${e.row} 行${e.column ? ' ' + e.column : ''}：${e.message}（${e.code}）`);
  if (r.errors.length > 10) lines.push(`  …… 其余错误见错误报告${reportPath ? '' : '（使用 --report 错误行.xlsx 导出）'}`);
  if (reportPath && r.rejected) lines.push(`  错误行已写入 ${reportPath}`);
  return lines;
}

function intOption(value: string, name: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new AppError('VALIDATION_FAILED', `${name} 应为不小于 ${min} 的整数`);
  return n;
}

/** `liangxin import members FILE` and `liangxin gen members`. The import runs as the system actor, audited as such. */
export function registerMemberCommands(program: Command): void {
  const importCmd = program.commands.find((c) => c.name() === 'import') ?? program.command('import').description('导入数据');
  importCmd.command('members <file>')
    .description('导入党员名册（全国党员管理信息系统导出的 XLSX 或 CSV）；按公民身份号码匹配，全部通过才写入，重复导入不产生变化')
    .option('--dry-run', '只校验并报告将发生的变化，不写入')
    .option('--report <file>', '把未通过校验的行写入 XLSX（含“错误原因”列）')
    .option('--json', '以一个 JSON 对象输出结果')
    .action(async (file: string, opts: { dryRun?: boolean; report?: string; json?: boolean }) => {
      const { writeMemberErrorReport } = await import('../../core/member-import/member-error-report.js');
      const { importMembers } = await import('../../core/member-import/member-import.service.js');
      const result = await withDatabase(async (database, config) => {
        const bar = opts.json ? null : progressBar('导入党员名册');
        const r = await importMembers({ database, keyring: () => keyringFor(keyringSettings(config, database.engine)) }, systemActor('cli'), file, {
          dryRun: opts.dryRun,
          onProgress: (p) => bar?.update(p.phase === 'reading' ? Math.round(((p.bytesRead ?? 0) / Math.max(1, p.totalBytes ?? 1)) * 100) : 100, 100),
        });
        bar?.done();
        if (opts.report && r.rejected) await writeMemberErrorReport(database, r.importId, file, path.resolve(opts.report));
        return r;
      });
      const report = opts.report ? path.resolve(opts.report) : null;
      if (opts.json) console.log(JSON.stringify(result));
      else for (const line of describeMemberResult(result, report)) console.log(line);
      if (result.rejected) process.exitCode = 2;
    });

  const gen = program.commands.find((c) => c.name() === 'gen') ?? program.command('gen').description('生成演示、测试和基准用的数据');
  gen.command('members')
    .description('生成全国党员管理信息系统导出样式的党员名册（所在党支部取自 --orgs 文件、--org，或数据库中的党组织）')
    .requiredOption('--count <n>', '行数')
    .option('--seed <s>', '随机种子（相同种子、党组织和年份生成相同数据）', '1')
    .option('--orgs <file>', '党组织名称文件，每行一个')
    .option('--org <name...>', '党组织名称（可多个）')
    .option('--region <prefix>', '从数据库取党组织时只取该区划代码前缀下的')
    .option('--year <y>', '出生、入党、转正日期按此年份生成（默认今年）')
    .option('--out <file>', '输出文件，默认 members-<count>.<format>')
    .option('--format <csv|xlsx>', '文件格式', 'xlsx')
    .option('--encoding <utf-8|gb18030>', 'CSV 编码', 'utf-8')
    .option('--with-faults', '注入已知错误行（校验位、出生日期不符、号码重复、支部不存在、预备党员有转正日期、转正早于入党）并列出行号')
    .option('--json', '以 JSON 输出结果')
    .action(async (opts: {
      count: string; seed: string; orgs?: string; org?: string[]; region?: string; year?: string; out?: string; format: string; encoding: string; withFaults?: boolean; json?: boolean;
    }) => {
      const { generateMembers, MEMBER_FAULT_LABEL } = await import('../../core/generator/members.js');
      const { readOrgNames, writeMemberFile } = await import('../../core/generator/members-file.js');
      const { listOrgNamesForRoster } = await import('../../core/member-import/roster-orgs.js');
      const count = intOption(opts.count, '--count', 1);
      const seed = intOption(opts.seed, '--seed', 0);
      const year = opts.year ? intOption(opts.year, '--year', 1990) : undefined;
      if (opts.format !== 'csv' && opts.format !== 'xlsx') throw new AppError('VALIDATION_FAILED', '--format 只能是 csv 或 xlsx');
      if (opts.encoding !== 'utf-8' && opts.encoding !== 'gb18030') throw new AppError('VALIDATION_FAILED', '--encoding 只能是 utf-8 或 gb18030');
      if (opts.region && !/^\d{2,12}$/.test(opts.region)) throw new AppError('VALIDATION_FAILED', '--region 应为2至12位数字的区划代码前缀');
      const orgs = opts.orgs ? readOrgNames(opts.orgs) : opts.org?.length ? opts.org
        : await withDatabase((database) => listOrgNamesForRoster(database.db, opts.region ?? null));
      if (!orgs.length) throw new AppError('VALIDATION_FAILED', '没有可用的党组织名称：请用 --orgs 文件或 --org 指定，或先导入党组织');
      const out = path.resolve(opts.out ?? `members-${count}.${opts.format}`);
      const bar = opts.json ? null : progressBar('生成党员名册');
      const result = await writeMemberFile(out, generateMembers({ count, seed, orgs, year, withFaults: opts.withFaults }), {
        format: opts.format, encoding: opts.encoding, onProgress: (n) => bar?.update(n, count),
      });
      bar?.done();
      if (opts.json) return console.log(JSON.stringify(result));
      console.log(`已生成 ${result.rows} 行（${orgs.length} 个党组织）：${result.path}`);
      for (const f of result.faults) {
        console.log(`  第 ${f.row} 行：${MEMBER_FAULT_LABEL[f.kind]}${f.duplicateOfRow ? `（与第 ${f.duplicateOfRow} 行）` : ''}`);
      }
    });
}
