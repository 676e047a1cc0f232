import type { Command } from 'commander';
import { systemActor } from '../../core/access/actor.js';
import { withDatabase } from '../context.js';

/**
 * `liangxin digest send [--dry-run] [--date D]` — the daily e-mail digest (docs/inbox.md, "每日摘要"):
 * to every user with an e-mail address and open tasks or unread notices. Run it once a day from cron
 * or a systemd timer; a second run of the same day sends nothing twice.
 */
export function registerDigestCommands(program: Command): void {
  const digest = program.command('digest').description('每日待办邮件摘要');
  digest.command('send')
    .description('向有待办事项或未读通知、且填写了电子邮箱的用户发送当日摘要（需先在系统设置中启用 SMTP）')
    .option('--dry-run', '只生成摘要并列出收件人，不发送、不记录')
    .option('--date <date>', '摘要日期（YYYY-MM-DD，默认今天）；同一日期每人只发一次')
    .option('--json', '以一个 JSON 对象输出结果')
    .action(async (opts: { dryRun?: boolean; date?: string; json?: boolean }) => {
      const { sendDigests } = await import('../../core/digest/digest.service.js');
      const { keyringFor, keyringSettings } = await import('../../core/crypto/keyring.js');
      const run = await withDatabase((database, config) =>
        sendDigests(database.db, systemActor('cli'), () => keyringFor(keyringSettings(config, database.engine)), { date: opts.date, dryRun: opts.dryRun }));
      if (opts.json) return console.log(JSON.stringify({ ...run, messages: run.messages.map((m) => ({ to: m.to, subject: m.subject })) }));
      if (run.dryRun) {
        console.log(`摘要预览（${run.date}，未发送）：将发送 ${run.messages.length} 封；已发送过 ${run.alreadySent} 人；无待办 ${run.nothingToSay} 人`);
        for (const m of run.messages) console.log(`  ${m.to}  ${m.subject}`);
        return;
      }
      console.log(`摘要发送完成（${run.date}）：成功 ${run.sent} 封，失败 ${run.failed} 封；已发送过 ${run.alreadySent} 人；无待办 ${run.nothingToSay} 人`);
      for (const f of run.failures) console.log(`  用户 ${f.userId}：${f.error}`);
      if (run.failed) process.exitCode = 1;
    });
}
