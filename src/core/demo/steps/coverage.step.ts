import { previousPeriod } from '../../../domain/metrics.js';
import { todayInChina } from '../../../domain/org-terms.js';
import { refreshCoverage } from '../../coverage/coverage-refresh.js';
import { takeSnapshot } from '../../coverage/snapshot.service.js';
import type { DemoStep } from '../demo.js';

/**
 * The last 12 month-end snapshots, recomputed from the history the earlier steps wrote
 * (organisations, coverage and assignments start in different months), so the dashboard's trends
 * and the bulletin's month-over-month changes show something real. Safe to run twice: a month is
 * recomputed, not duplicated.
 */
export const coverageStep: DemoStep = {
  title: '按历史生成近12个月的月末覆盖快照',
  async run(ctx) {
    const db = ctx.database.db;
    const periods: string[] = [previousPeriod(todayInChina().slice(0, 7))];
    while (periods.length < 12) periods.unshift(previousPeriod(periods[0]!));
    for (const p of periods) await takeSnapshot(db, ctx.actor, p, 'auto');
    await refreshCoverage(db);
    ctx.log(`      已生成 ${periods[0]} 至 ${periods.at(-1)} 共 ${periods.length} 个月的快照`);
    ctx.nextSteps.push('在“覆盖统计”页查看各街道对比、趋势和清单；点任一数字可看到它所统计的企业');
    ctx.nextSteps.push(`生成月通报：npm run cli -- report bulletin --region ${ctx.district.countyCode} --month ${periods.at(-1)} --format pdf --out 通报.pdf（也可 --format docx / xlsx）`);
  },
};
