import path from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../domain/errors.js';
import type { FileEncoding, FileFormat } from '../../core/generator/write-file.js';
// Loaded when a command runs, not at start (src/cli/context.ts).
const writer = () => import('../../core/generator/write-file.js');
import { progressBar } from '../output.js';

type GenOptions = {
  count: string; seed: string; region?: string; out?: string; format: string; encoding: string;
  withFaults?: boolean; messy?: boolean; json?: boolean;
};

const FAULT_LABEL: Record<string, string> = {
  bad_check_char: '信用代码校验位错误', bad_date: '成立日期无效', missing_name: '缺企业名称',
  exact_duplicate: '完全重复的行', conflicting_duplicate: '信用代码重复但内容不同',
};

function intOption(value: string, name: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new AppError('VALIDATION_FAILED', `${name} 应为不小于 ${min} 的整数`);
  return n;
}

export function registerGenCommands(program: Command): void {
  const gen = program.command('gen').description('生成演示、测试和基准用的数据（不需要数据库）');
  gen.command('enterprises')
    .description('生成市场主体登记导出样式的企业文件')
    .requiredOption('--count <n>', '行数')
    .option('--seed <s>', '随机种子（相同种子生成相同数据）', '1')
    .option('--region <prefix>', '区划代码前缀，如 440305；默认全国')
    .option('--out <file>', '输出文件，默认 enterprises-<count>.<format>')
    .option('--format <csv|xlsx>', '文件格式', 'csv')
    .option('--encoding <utf-8|gb18030>', 'CSV 编码', 'utf-8')
    .option('--with-faults', '注入已知错误行（校验位、日期、缺名称、重复、冲突重复）并列出行号')
    .option('--messy', '真实导出的变体：表头上方有标题行、“市场主体名称”等别名表头、多种日期写法')
    .option('--json', '以 JSON 输出结果')
    .action(async (opts: GenOptions) => {
      const count = intOption(opts.count, '--count', 1);
      const seed = intOption(opts.seed, '--seed', 0);
      if (opts.format !== 'csv' && opts.format !== 'xlsx') throw new AppError('VALIDATION_FAILED', '--format 只能是 csv 或 xlsx');
      if (opts.encoding !== 'utf-8' && opts.encoding !== 'gb18030') throw new AppError('VALIDATION_FAILED', '--encoding 只能是 utf-8 或 gb18030');
      if (opts.region && !/^\d{2,12}$/.test(opts.region)) throw new AppError('VALIDATION_FAILED', '--region 应为2至12位数字的区划代码前缀');
      const out = path.resolve(opts.out ?? `enterprises-${count}.${opts.format}`);
      const bar = progressBar('生成企业');
      const items = (await import('../../core/generator/enterprises.js')).generateEnterprises({ count, seed, region: opts.region, withFaults: opts.withFaults });
      const result = await (await writer()).writeEnterpriseFile(out, items, {
        format: opts.format as FileFormat, encoding: opts.encoding as FileEncoding, messy: opts.messy, onProgress: (n) => bar.update(n, count),
      });
      bar.done();
      if (opts.json) return console.log(JSON.stringify(result));
      console.log(`已生成 ${result.rows} 行：${result.path}`);
      for (const f of result.faults) {
        console.log(`  第 ${f.row} 行：${FAULT_LABEL[f.kind]}${f.duplicateOfRow ? `（与第 ${f.duplicateOfRow} 行）` : ''}  ${f.creditCode}`);
      }
    });
  gen.command('changes')
    .description('由已生成的 CSV 生成“一个月后”的文件：约 N% 的企业信息变化、部分注销、少量新增')
    .requiredOption('--in <file>', '输入 CSV（gen enterprises 生成的）')
    .requiredOption('--out <file>', '输出 CSV')
    .option('--percent <p>', '变化的行所占百分比', '1')
    .option('--seed <s>', '随机种子', '2')
    .option('--json', '以 JSON 输出结果')
    .action(async (opts: { in: string; out: string; percent: string; seed: string; json?: boolean }) => {
      const percent = Number(opts.percent);
      if (!(percent >= 0 && percent <= 100)) throw new AppError('VALIDATION_FAILED', '--percent 应在 0 到 100 之间');
      const result = await (await import('../../core/generator/changes.js')).generateChanges({ input: path.resolve(opts.in), output: path.resolve(opts.out), percent, seed: intOption(opts.seed, '--seed', 0) });
      if (opts.json) return console.log(JSON.stringify(result));
      console.log(`已生成 ${path.resolve(opts.out)}：原有 ${result.rows} 行，其中变化 ${result.changed} 行（注销 ${result.deregistered}），新增 ${result.added} 行`);
    });
}
