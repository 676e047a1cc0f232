import type { Command } from 'commander';
import { BulletinIssuerQuery, BulletinIssuerSave } from '../../contracts/bulletin-issuer.js';
import { systemActor } from '../../core/access/actor.js';
// Loaded when a command runs, not at start (src/cli/context.ts).
const issuer = () => import('../../core/report/bulletin-issue.service.js');
import { AppError } from '../../domain/errors.js';
import { significantPrefix } from '../../domain/metrics.js';
import { withDatabase } from '../context.js';

type Opts = { region: string; prefix?: string; office?: string; copyTo?: string; printedBy?: string };
const FLAG: Record<string, string> = { docPrefix: '--prefix', office: '--office', copyTo: '--copy-to', printedBy: '--printed-by', region: '--region' };

/**
 * `liangxin report issuer --region 440305 [--prefix 南组通] [--office …] [--copy-to …] [--printed-by …]`:
 * shows how the region's bulletins are issued, and changes what is given (docs/bulletin.md).
 */
export function registerIssuerCommand(cmd: Command): void {
  cmd.command('issuer')
    .description('查看或设置通报的发文字号代字、发文机关、抄送和印发机关')
    .requiredOption('--region <code>', '区划代码，如 440305')
    .option('--prefix <代字>', '发文字号代字，如“南组通”（文号为 南组通〔2026〕1号）')
    .option('--office <name>', '发文机关名称，如“中共深圳市南山区委组织部”')
    .option('--copy-to <names>', '抄送机关，多个用顿号分隔；空字符串表示不抄送')
    .option('--printed-by <name>', '印发机关')
    .action(async (o: Opts) => {
      const q = BulletinIssuerQuery.safeParse({ region: significantPrefix(o.region) });
      if (!q.success) throw new AppError('VALIDATION_FAILED', '区划代码不正确', [{ field: '--region', message: q.error.issues[0]?.message }]);
      const actor = systemActor('cli');
      const out = await withDatabase(async (database) => {
        const now = await (await issuer()).getIssuer(database.db, actor, q.data.region);
        if (o.prefix === undefined && o.office === undefined && o.copyTo === undefined && o.printedBy === undefined) return now;
        const input = BulletinIssuerSave.safeParse({
          region: q.data.region, version: now.version, docPrefix: o.prefix ?? now.docPrefix, office: o.office ?? now.office,
          copyTo: o.copyTo ?? now.copyTo, printedBy: o.printedBy ?? now.printedBy,
        });
        if (!input.success) {
          throw new AppError('VALIDATION_FAILED', '参数不正确', input.error.issues.map((i) => ({ field: FLAG[String(i.path[0])] ?? String(i.path[0]), message: i.message })));
        }
        return (await issuer()).saveIssuer(database.db, actor, input.data);
      });
      console.log([
        `${out.regionName}通报发文设置${out.version ? '' : '（默认）'}`,
        `发文机关：${out.office}`, `发文字号代字：${out.docPrefix}（下一号：${out.nextNumber}，${out.year}年已发${out.issuedThisYear}号）`,
        `主送：${out.mainTo}`, `抄送：${out.copyTo || '无'}`, `印发机关：${out.printedBy}`,
      ].join('\n'));
    });
}
