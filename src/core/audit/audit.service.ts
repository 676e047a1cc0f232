import { sql } from 'kysely';
import type { Executor } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { sm3Hex } from './sm3.js';

export type AuditEvent = {
  action: string; // e.g. 'enterprise.import', 'user.create'
  entity: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
};

export const GENESIS_HASH = '0'.repeat(64);

/** The canonical text a hash covers: stable key order, so verify recomputes it exactly. */
export function auditHashInput(prevHash: string, e: {
  at: string; actor_id: string | null; actor_name: string; ip: string | null; action: string;
  entity: string; entity_id: string | null; before: unknown; after: unknown;
}): string {
  return JSON.stringify([prevHash, e.at, e.actor_id, e.actor_name, e.ip, e.action, e.entity, e.entity_id,
    canonical(e.before), canonical(e.after)]);
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    return Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]));
  }
  return v ?? null;
}

/**
 * Records one audit event inside the caller's transaction, chained by SM3 to the previous one.
 * The advisory lock orders concurrent writers so the chain never forks.
 */
export async function recordAudit(tx: Executor, actor: Actor, event: AuditEvent): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(7100002)`.execute(tx);
  const last = await tx.selectFrom('audit_event').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS_HASH;
  const at = new Date().toISOString();
  const row = {
    at,
    actor_id: actor.userId,
    actor_name: actor.username,
    ip: actor.ip,
    action: event.action,
    entity: event.entity,
    entity_id: event.entityId ?? null,
    before: (event.before ?? null) as unknown,
    after: (event.after ?? null) as unknown,
  };
  const hash = sm3Hex(auditHashInput(prevHash, row));
  await tx
    .insertInto('audit_event')
    .values({
      ...row,
      before: row.before === null ? null : JSON.stringify(row.before),
      after: row.after === null ? null : JSON.stringify(row.after),
      prev_hash: prevHash,
      hash,
    })
    .execute();
}
