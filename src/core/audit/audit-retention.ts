import type { Db } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { hmacSm3Hex } from '../crypto/pii-cipher.js';
import { deleteUpTo, insertCheckpoint, lastRowBefore, lockAuditChain, readAuditHead } from './audit.repository.js';
import { recordAudit } from './audit.service.js';
import { checkpointMacInput, verifyAuditChain } from './audit-verify.js';

/** 网络安全法 第二十一条: network logs are kept no less than six months. 183 days covers any six. */
export const MIN_RETENTION_DAYS = 183;
export const DEFAULT_RETENTION_DAYS = 1095;

export function auditRetentionDays(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.LX_AUDIT_RETENTION_DAYS?.trim();
  if (!raw) return DEFAULT_RETENTION_DAYS;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < MIN_RETENTION_DAYS) {
    throw new AppError('VALIDATION_FAILED', `LX_AUDIT_RETENTION_DAYS 应为不小于 ${MIN_RETENTION_DAYS} 的整数（审计日志至少保存六个月），当前为 ${raw}`,
      [{ field: 'LX_AUDIT_RETENTION_DAYS', code: 'min', message: `至少 ${MIN_RETENTION_DAYS} 天` }]);
  }
  return days;
}

export type PruneResult = { removed: number; upToSeq: string | null; cutoff: string };

/**
 * Removes entries older than the retention period. Refuses while the chain does not verify (pruning
 * would destroy the evidence), and leaves a MAC'd checkpoint (seq, hash) of the last removed entry
 * in the same transaction, so verify starts from it.
 */
export async function pruneAudit(
  db: Db, actor: Actor, opts: { retentionDays: number; macKey: Buffer | null; now?: Date },
): Promise<PruneResult> {
  requireAction(actor, 'system.manage');
  if (opts.retentionDays < MIN_RETENTION_DAYS) {
    throw new AppError('VALIDATION_FAILED', `审计日志保存期不能少于 ${MIN_RETENTION_DAYS} 天`);
  }
  const cutoff = new Date((opts.now ?? new Date()).getTime() - opts.retentionDays * 86_400_000);
  const check = await verifyAuditChain(db, { macKey: opts.macKey });
  if (!check.ok) {
    throw new AppError('CONFLICT', '审计日志链校验未通过，不能清理；请先运行 liangxin audit verify 查明原因',
      check.problems.slice(0, 20).map((p) => ({ field: `seq ${p.seq}`, code: p.kind, message: p.message })));
  }
  return db.transaction().execute(async (tx) => {
    await lockAuditChain(tx);
    const last = await lastRowBefore(tx, cutoff);
    if (!last) return { removed: 0, upToSeq: null, cutoff: cutoff.toISOString() };
    const removed = await deleteUpTo(tx, last.seq);
    const cp = { seq: last.seq, hash: last.hash, kind: 'prune' as const, removed, created_at: new Date() };
    await insertCheckpoint(tx, { ...cp, mac: opts.macKey ? hmacSm3Hex(opts.macKey, checkpointMacInput(cp)) : null });
    const result = { removed, upToSeq: last.seq, cutoff: cutoff.toISOString() };
    await recordAudit(tx, actor, { action: 'audit.prune', entity: 'audit_event', after: { ...result, retentionDays: opts.retentionDays } });
    return result;
  });
}

/**
 * Anchors the current head in a MAC'd checkpoint. SM3 is keyless, so someone who can write the
 * database could re-hash a rewritten tail; anchors taken regularly (cron) pin the history up to
 * them with a key the database does not hold.
 */
export async function anchorAudit(db: Db, actor: Actor, macKey: Buffer): Promise<{ seq: string | null }> {
  requireAction(actor, 'system.manage');
  return db.transaction().execute(async (tx) => {
    await lockAuditChain(tx);
    const head = await readAuditHead(tx);
    if (!head) return { seq: null };
    const cp = { seq: head.seq, hash: head.hash, kind: 'anchor' as const, removed: 0, created_at: new Date() };
    await insertCheckpoint(tx, { ...cp, mac: hmacSm3Hex(macKey, checkpointMacInput(cp)) });
    await recordAudit(tx, actor, { action: 'audit.anchor', entity: 'audit_event', entityId: head.seq, after: { seq: head.seq } });
    return { seq: head.seq };
  });
}
