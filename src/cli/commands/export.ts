import fs from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import { EnterpriseFilterSchema } from '../../contracts/enterprise.js';
import { systemActor } from '../../core/access/actor.js';
import { AppError } from '../../domain/errors.js';
import { withDatabase } from '../context.js';

type ExportOpts = {
  out: string; region?: string; park?: string; association?: string; status?: string; size?: string;
  above?: boolean; placement?: string; q?: string; json?: boolean;
};

function filterOf(o: ExportOpts) {
  const parsed = EnterpriseFilterSchema.safeParse({
    regionPrefix: o.region, parkId: o.park, associationId: o.association, operatingStatus: o.status, sizeClass: o.size,
    aboveDesignatedSize: o.above ? 'true' : undefined, placement: o.placement, q: o.q,
  });
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', '筛选条件不正确', parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
  }
  return parsed.data;
}

/** Writes to `out` and resolves when the file is complete on disk. */
async function toFile(out: string, write: (s: fs.WriteStream) => Promise<unknown>): Promise<void> {
  const stream = fs.createWriteStream(out);
  await write(stream);
  if (!stream.writableFinished) await finished(stream);
}

export function registerExportCommands(program: Command): void {
  const cmd = program.command('export').description('导出数据');
  cmd.command('enterprises')
    .description('导出企业台账 XLSX（表头与导入相同，导出的文件可原样导入）')
    .requiredOption('--out <file>', '输出文件 .xlsx')
    .option('--region <prefix>', '区划代码前缀，如 110101')
    .option('--park <id>', '园区编号')
    .option('--association <id>', '行业协会编号')
    .option('--status <status>', 'active | suspended | deregistered | revoked | moved_out')
    .option('--size <class>', 'large | medium | small | micro')
    .option('--above', '只导出规模以上企业')
    .option('--placement <p>', 'placed | pending | manual')
    .option('--q <text>', '名称、拼音首字母或统一社会信用代码')
    .option('--json', '以 JSON 输出结果')
    .action(async (opts: ExportOpts) => {
      const { openExport } = await import('../../core/enterprise/enterprise-export.service.js');
      const { assertKnownRegionPrefix } = await import('../../core/region/region.service.js');
      const filter = filterOf(opts);
      await withDatabase(async (database) => {
        await assertKnownRegionPrefix(database.db, filter.regionPrefix, 'region');
        const exporter = openExport(database.db, systemActor('cli'), filter);
        let rows = 0;
        await toFile(opts.out, async (s) => { rows = await exporter.write(s); });
        if (opts.json) console.log(JSON.stringify({ out: path.resolve(opts.out), rows }));
        else console.log(`已导出 ${rows} 家企业到 ${path.resolve(opts.out)}`);
      });
    });
  cmd.command('template')
    .description('导出空白导入模板（含填写说明）')
    .requiredOption('--out <file>', '输出文件 .xlsx')
    .action(async (opts: { out: string }) => {
      const { writeTemplate } = await import('../../core/enterprise/enterprise-export.service.js');
      await toFile(opts.out, (s) => writeTemplate(s));
      console.log(`模板已写入 ${path.resolve(opts.out)}`);
    });
}
