import type { Command } from 'commander';
import { systemActor } from '../../core/access/actor.js';
import { keyringFor, keyringSettings } from '../../core/crypto/keyring.js';
import type * as Rotation from '../../core/crypto/key-rotation.service.js';
import { progressBar } from '../output.js';
import { withDatabase } from '../context.js';

export function registerKeysCommands(program: Command): void {
  const keys = program.command('keys').description('个人信息加密密钥（SM4）');

  keys.command('status')
    .description('显示密钥来源、当前密钥和各密钥下的人员数')
    .action(async () => {
      const { countPersonsByKey } = await import('../../core/person/person.repository.js');
      await withDatabase(async (database, config) => {
        const k = keyringFor(keyringSettings(config, database.engine));
        console.log(`来源：${k.source === 'env' ? '环境变量 LX_KEYS' : k.file}`);
        console.log(`当前密钥：${k.current}；全部密钥：${[...k.keys.keys()].join(', ')}`);
        for (const c of await countPersonsByKey(database.db)) console.log(`  ${c.key_id ?? '（无敏感信息）'}：${c.n} 人`);
      });
    });

  keys.command('rotate')
    .description('生成新密钥并设为当前密钥，把全部个人信息重新加密；旧密钥保留，确认无误后用 --retire 停用')
    .option('--retire <keyId>', '不轮换，只停用一个已无数据使用的旧密钥')
    .action(async (o: { retire?: string }) => {
      const { addKey, retireKey } = await import('../../core/crypto/key-rotation.service.js');
      await withDatabase(async (database, config) => {
        const actor = systemActor('cli');
        const current = keyringFor(keyringSettings(config, database.engine));
        if (o.retire) {
          await retireKey(database.db, actor, current, o.retire);
          return void console.log(`已停用密钥 ${o.retire}`);
        }
        const next = addKey(current);
        console.log(`已生成新密钥 ${next.current} 并写入 ${next.file}`);
        await runReencrypt(database.db, actor, next);
      });
    });

  keys.command('reencrypt')
    .description('把仍在旧密钥下的个人信息重新加密到当前密钥（轮换中断后或修改 LX_KEYS 后运行）')
    .action(async () => {
      await withDatabase(async (database, config) => {
        await runReencrypt(database.db, systemActor('cli'), keyringFor(keyringSettings(config, database.engine)));
      });
    });
}

async function runReencrypt(...args: Parameters<typeof Rotation.reencryptAll>): Promise<void> {
  const { reencryptAll } = await import('../../core/crypto/key-rotation.service.js');
  const bar = progressBar('重新加密');
  const r = await reencryptAll(args[0], args[1], args[2], (n) => bar.update(n));
  bar.done();
  console.log(`已重新加密到密钥 ${r.current}：人员 ${r.people} 条，动态验证码密钥 ${r.totpSecrets} 个，亮身份申报 ${r.declarations} 份，扫码入会申请 ${r.applications} 份`);
}
