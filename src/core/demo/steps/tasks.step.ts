import { todayInChina } from '../../../domain/org-terms.js';
import { refreshTasks } from '../../task/task-refresh.service.js';
import type { DemoStep } from '../demo.js';

/**
 * The work inbox (docs/inbox.md) filled from the rule engine over what the steps above wrote: gaps,
 * vacant secretaries, overdue re-elections. Safe to run twice: the refresh is idempotent.
 */
export const tasksStep: DemoStep = {
  title: '按规则生成待办事项',
  async run(ctx) {
    const [r] = await refreshTasks(ctx.database.db, ctx.actor, { regionCode: ctx.district.countyCode, date: todayInChina() });
    ctx.log(`      当前待办 ${r?.open ?? 0} 件（新增 ${r?.opened ?? 0}，已整改关闭 ${r?.closed ?? 0}，重新打开 ${r?.reopened ?? 0}）`);
    ctx.nextSteps.push('在“待办”页按“本岗位”“已逾期”查看各街道的待办，点对象名称直接去整改；整改后运行 npm run cli -- tasks refresh，待办自动关闭');
  },
};
