import path from 'node:path';
import { generateEnterprises } from '../../generator/enterprises.js';
import { writeEnterpriseFile } from '../../generator/write-file.js';
import { prepareFileImport } from '../../import/import-file.service.js';
import type { DemoStep } from '../demo.js';

export const DEMO_PARKS = ['深圳湾科技生态园', '南山智园', '留仙洞总部基地'];
export const DEMO_ASSOCIATIONS = ['南山区软件行业协会', '南山区总商会', '南山区电子商务协会'];

/** Generates the district's enterprises (with a few parks and associations) and imports them like a user would. */
export const enterprisesStep: DemoStep = {
  title: '生成并导入演示企业',
  async run(ctx) {
    const file = path.join(ctx.workDir, `demo-enterprises-${ctx.district.countyCode}.xlsx`);
    const items = generateEnterprises({
      count: ctx.count, seed: ctx.seed, region: ctx.district.countyCode, parks: DEMO_PARKS, associations: DEMO_ASSOCIATIONS,
    });
    await writeEnterpriseFile(file, items, { format: 'xlsx' });
    ctx.log(`      已生成 ${ctx.count} 家企业：${file}`);
    const prepared = await prepareFileImport(ctx.database, ctx.actor, { path: file, fileName: path.basename(file), source: 'demo', dryRun: false });
    const result = await prepared.run();
    ctx.state.enterpriseImport = result;
    ctx.log(`      导入：新增 ${result.created}，更新 ${result.updated}，未变 ${result.unchanged}，拒绝 ${result.rejected}`);
    ctx.nextSteps.push(`再导入一次同一个文件不会改变任何数据：npm run cli -- import enterprises ${file}`);
    ctx.nextSteps.push(`生成“一个月后”的变化文件：npm run cli -- gen enterprises --count ${ctx.count} --seed ${ctx.seed} --region ${ctx.district.countyCode} --out demo.csv && npm run cli -- gen changes --in demo.csv --out demo-next.csv --percent 1`);
  },
};
