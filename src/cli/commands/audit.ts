import type { Command } from 'commander';
import { systemActor } from '../../core/access/actor.js';
import type { AuditVerifyResult } from '../../core/audit/audit-verify.js';
import { keyringFor, keyringSettings } from '../../core/crypto/keyring.js';
import { auditMacKey } from '../../core/crypto/pii-cipher.js';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/errors.js';
import { withDatabase } from '../context.js';

const KIND_LABEL = { altered: '被修改', inserted: '被插入', deleted: '被删除', truncated: '被截断', checkpoint: '校验点无效' } as const;

/** The checkpoint MAC key, or null (with a warning) when no keyring is configured. */
function macKeyOf(database: Database, config: Config, required: boolean): Buffer | null {
  try {
    return auditMacKey(keyringFor(keyringSettings(config, database.engine)));
  } catch (err) {
    if (required) throw err;
    console.error(`注意：未能加载密钥（${err instanceof Error ? err.message : String(err)}），校验点签名未验证`);
    return null;
  }
}

function printVerify(r: AuditVerifyResult, json: boolean): void {
  if (json) {
    console.log(JSON.stringify(r));
    return;
  }
  console.log(`已校验 ${r.checked} 条审计记录（第 ${r.firstSeq ?? '-'} 至 ${r.lastSeq ?? '-'} 条）`);
  if (r.lastHash) console.log(`链头哈希：${r.lastHash}`);
  if (!r.checkpointsAuthenticated) console.log('校验点签名：未验证（无密钥）');
  if (r.ok) console.log('审计日志链完整');
  for (const p of r.problems) console.log(`  第 ${p.seq} 条 [${p.kind} ${KIND_LABEL[p.kind]}]：${p.message}`);
}

const actor = () => systemActor('cli');

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('审计日志：校验、查看、按保存期清理');

  audit.command('verify')
    .description('逐条重算 SM3 哈希链，发现被修改、插入、删除或截断的记录（有问题时退出码为 1）')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { json?: boolean }) => {
      await withDatabase(async (database, config) => {
        const { verifyAuditChain } = await import('../../core/audit/audit-verify.js');
        const result = await verifyAuditChain(database.db, { macKey: macKeyOf(database, config, false) });
        printVerify(result, Boolean(opts.json));
        if (!result.ok) process.exitCode = 1;
      });
    });

  audit.command('list')
    .description('列出审计记录（新的在前）')
    .option('--from <time>', '开始时间（ISO 8601）')
    .option('--to <time>', '结束时间（ISO 8601）')
    .option('--actor <name>', '操作人用户名')
    .option('--action <action>', '操作，如 person 或 person.create')
    .option('--entity <entity>', '对象类型')
    .option('--entity-id <id>', '对象 ID')
    .option('--limit <n>', '条数（最多 500）', '50')
    .option('--json', '以 JSON 输出')
    .action(async (o: Record<string, string | boolean | undefined>) => {
      await withDatabase(async (database) => {
        const date = (v: unknown) => (typeof v === 'string' ? parseTime(v) : undefined);
        const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
        const { listAudit } = await import('../../core/audit/audit.query.service.js');
        const page = await listAudit(database.db, actor(), {
          from: date(o.from), to: date(o.to), actor: str(o.actor), action: str(o.action), entity: str(o.entity), entityId: str(o.entityId),
        }, null, Number(o.limit));
        if (o.json) return void console.log(JSON.stringify(page));
        for (const e of page.items) {
          console.log(`${e.seq}\t${e.at}\t${e.actorName}\t${e.ip ?? '-'}\t${e.action}\t${e.entity}${e.entityId ? '#' + e.entityId : ''}`);
        }
      });
    });

  audit.command('prune')
    .description('删除超过保存期（LX_AUDIT_RETENTION_DAYS，默认 1095 天，不少于 183 天）的记录，并写入签名校验点')
    .option('--days <n>', '保存天数（不少于 183）')
    .action(async (o: { days?: string }) => {
      const { auditRetentionDays, pruneAudit } = await import('../../core/audit/audit-retention.js');
      const days = o.days ? auditRetentionDays({ LX_AUDIT_RETENTION_DAYS: o.days }) : auditRetentionDays();
      await withDatabase(async (database, config) => {
        const r = await pruneAudit(database.db, actor(), { retentionDays: days, macKey: macKeyOf(database, config, false) });
        console.log(r.removed ? `已删除 ${r.removed} 条早于 ${r.cutoff} 的审计记录（至第 ${r.upToSeq} 条），并写入校验点` : `没有早于 ${r.cutoff} 的审计记录`);
      });
    });

  audit.command('anchor')
    .description('为当前链头写入签名校验点（建议每天定时运行），此后改写此前的记录都会被发现')
    .action(async () => {
      const { anchorAudit } = await import('../../core/audit/audit-retention.js');
      await withDatabase(async (database, config) => {
        const r = await anchorAudit(database.db, actor(), macKeyOf(database, config, true)!);
        console.log(r.seq ? `已为第 ${r.seq} 条写入校验点` : '审计日志为空');
      });
    });
}

function parseTime(v: string): Date {
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new AppError('VALIDATION_FAILED', `时间格式不正确：${v}`);
  return d;
}
