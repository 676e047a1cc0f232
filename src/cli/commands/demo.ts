import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { systemActor } from '../../core/access/actor.js';
import { ensureFirstAdmin } from '../../core/auth/auth.service.js';
import { keyringFor, keyringSettings } from '../../core/crypto/keyring.js';
import { DEFAULT_DISTRICT, runDemo, type DemoContext } from '../../core/demo/demo.js';
import { AppError } from '../../domain/errors.js';
import { withDatabase } from '../context.js';

export function registerDemoCommand(program: Command): void {
  program.command('demo')
    .description(`载入演示数据：${DEFAULT_DISTRICT.name}的区划和约 3000 家生成的企业（可重复执行）`)
    .option('--count <n>', '企业数量', '3000')
    .option('--seed <s>', '随机种子', '2026')
    .option('--county <code>', '演示区县的6位代码', DEFAULT_DISTRICT.countyCode)
    .action(async (opts: { count: string; seed: string; county: string }) => {
      const { demoSteps } = await import('../../core/demo/steps/index.js');
      const count = Number(opts.count);
      if (!Number.isInteger(count) || count < 1) throw new AppError('VALIDATION_FAILED', '--count 应为正整数');
      if (!/^\d{6}$/.test(opts.county)) throw new AppError('VALIDATION_FAILED', '--county 应为6位区县代码');
      await withDatabase(async (database, config) => {
        const workDir = path.join(config.dataDir, 'demo');
        fs.mkdirSync(workDir, { recursive: true });
        const district = opts.county === DEFAULT_DISTRICT.countyCode ? DEFAULT_DISTRICT
          : { countyCode: opts.county, cityPrefix: opts.county.slice(0, 4), name: opts.county };
        const ctx: DemoContext = {
          database, actor: systemActor('demo'), district, workDir, count, seed: Number(opts.seed) || 2026,
          log: (m) => console.log(m), state: {}, nextSteps: [], keyring: keyringFor(keyringSettings(config, database.engine)),
        };
        console.log(`演示数据：${district.name}（${database.engine === 'pglite' ? config.dataDir : 'PostgreSQL'}）`);
        // Before the steps: the 审批 step creates the officials' demo accounts, after which no first admin would be made.
        const admin = await ensureFirstAdmin(database.db);
        await runDemo(ctx, demoSteps);
        console.log('\n接下来可以：');
        const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
        console.log(`  启动服务：npm start，然后用浏览器打开 http://${host}:${config.port}`);
        if (admin) console.log(`  管理员账号：${admin.username}  初始密码：${admin.password}（只显示这一次，首次登录须修改）`);
        for (const line of ctx.nextSteps) console.log(`  ${line}`);
      });
    });
}
