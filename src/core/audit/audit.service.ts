import type { Executor } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { maskPersonalFields } from '../crypto/mask.js';
import { insertAuditRow, insertAuditRows, lastAuditHash, lockAuditChain, writeAuditHead } from './audit.repository.js';
import { sm3Hex } from './sm3.js';

export type AuditEvent = {
  action: string; // e.g. 'enterprise.import', 'user.create'
  entity: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
};

export const GENESIS_HASH = '0'.repeat(64);

export type AuditHashFields = {
  at: string; actor_id: string | null; actor_name: string; ip: string | null; action: string;
  entity: string; entity_id: string | null; before: unknown; after: unknown;
};

/** The canonical text a hash covers: stable key order, so verify recomputes it exactly. */
export function auditHashInput(prevHash: string, e: AuditHashFields): string {
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

// jsonb refuses \u0000 and lone surrogates; replace them so what is hashed is exactly what is stored.
const JSONB_UNSAFE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The value as jsonb will hand it back: a JSON round trip (Dates to ISO text, undefined dropped,
 * NaN/Infinity to null, bigint to text) with jsonb-unsafe characters replaced, personal fields masked.
 */
export function toAuditJson(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  const text = JSON.stringify(maskPersonalFields(v), (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
  return text === undefined ? null : jsonbSafe(JSON.parse(text) as unknown);
}

function jsonbSafe(v: unknown): unknown {
  if (typeof v === 'string') return v.replace(JSONB_UNSAFE, '\uFFFD');
  if (Array.isArray(v)) return v.map(jsonbSafe);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.replace(JSONB_UNSAFE, '\uFFFD'), jsonbSafe(x)]));
  }
  return v;
}

/**
 * Records one audit event inside the caller's transaction, chained by SM3 to the previous one, and
 * moves the anchored head (app_setting 'audit.head') in the same transaction so a deleted last
 * entry is noticed. The advisory lock orders concurrent writers so the chain never forks.
 * Personal fields in before/after are masked here, once, for every caller.
 */
export async function recordAudit(tx: Executor, actor: Actor, event: AuditEvent): Promise<void> {
  await lockAuditChain(tx);
  const prevHash = (await lastAuditHash(tx)) ?? GENESIS_HASH;
  const { stored, hash } = chained(actor, event, prevHash);
  const seq = await insertAuditRow(tx, stored);
  await writeAuditHead(tx, { seq, hash });
}

/**
 * Many events of one operation (a bulk placement: one entry per enterprise), chained exactly as
 * that many recordAudit calls would chain them, but written with one lock, one read of the chain's
 * end and one insert per 500 entries — a thousand entries cost a few statements, not four thousand.
 */
export async function recordAudits(tx: Executor, actor: Actor, events: readonly AuditEvent[]): Promise<void> {
  if (!events.length) return;
  await lockAuditChain(tx);
  let prevHash = (await lastAuditHash(tx)) ?? GENESIS_HASH;
  let seq = '';
  for (let i = 0; i < events.length; i += 500) {
    const rows = events.slice(i, i + 500).map((e) => {
      const { stored, hash } = chained(actor, e, prevHash);
      prevHash = hash;
      return stored;
    });
    seq = await insertAuditRows(tx, rows);
  }
  await writeAuditHead(tx, { seq, hash: prevHash });
}

function chained(actor: Actor, event: AuditEvent, prevHash: string) {
  const row = {
    at: new Date().toISOString(),
    actor_id: actor.userId,
    actor_name: actor.username,
    ip: actor.ip,
    action: event.action,
    entity: event.entity,
    entity_id: event.entityId ?? null,
    before: toAuditJson(event.before),
    after: toAuditJson(event.after),
  };
  const hash = sm3Hex(auditHashInput(prevHash, row));
  const stored = {
    ...row,
    before: row.before === null ? null : JSON.stringify(row.before),
    after: row.after === null ? null : JSON.stringify(row.after),
    prev_hash: prevHash,
    hash,
  };
  return { stored, hash };
}
