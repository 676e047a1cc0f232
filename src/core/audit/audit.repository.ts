import { sql } from 'kysely';
import type { Executor } from '../../db/schema.js';

/** SQL for the audit log and its anchors. Nothing here decides anything. */
export type AuditRow = {
  seq: string;
  at: Date;
  actor_id: string | null;
  actor_name: string;
  ip: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  prev_hash: string;
  hash: string;
};

export type AuditHead = { seq: string; hash: string };
export type CheckpointRow = {
  id: string; seq: string; hash: string; kind: 'prune' | 'anchor'; removed: string; created_at: Date; mac: string | null;
};

export type AuditFilter = {
  from?: Date;
  to?: Date;
  actor?: string;
  action?: string;
  entity?: string;
  entityId?: string;
};

/** Serialises writers of the chain (recordAudit, prune) so it never forks. */
export async function lockAuditChain(tx: Executor): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(7100002)`.execute(tx);
}

export async function lastAuditHash(tx: Executor): Promise<string | null> {
  const last = await tx.selectFrom('audit_event').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return last?.hash ?? null;
}

export async function insertAuditRow(
  tx: Executor,
  row: Omit<AuditRow, 'seq' | 'at' | 'before' | 'after'> & { at: string; before: string | null; after: string | null },
): Promise<string> {
  const { seq } = await tx.insertInto('audit_event').values(row).returning('seq').executeTakeFirstOrThrow();
  return seq;
}

/** Many rows in one statement, seq assigned in the given order (identity values follow VALUES order); returns the last seq. */
export async function insertAuditRows(
  tx: Executor,
  rows: Array<Omit<AuditRow, 'seq' | 'at' | 'before' | 'after'> & { at: string; before: string | null; after: string | null }>,
): Promise<string> {
  const out = await tx.insertInto('audit_event').values(rows).returning('seq').execute();
  return out.reduce((max, r) => (BigInt(r.seq) > BigInt(max) ? r.seq : max), out[0]!.seq);
}

const HEAD_KEY = 'audit.head';

export async function writeAuditHead(tx: Executor, head: AuditHead): Promise<void> {
  const value = JSON.stringify(head);
  await tx.insertInto('app_setting').values({ key: HEAD_KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

export async function readAuditHead(db: Executor): Promise<AuditHead | null> {
  const row = await db.selectFrom('app_setting').select('value').where('key', '=', HEAD_KEY).executeTakeFirst();
  return row ? (row.value as AuditHead) : null;
}

/** One batch of the chain in seq order, after `afterSeq` (exclusive). */
export async function auditBatch(db: Executor, afterSeq: string | null, limit: number): Promise<AuditRow[]> {
  let q = db.selectFrom('audit_event').selectAll().orderBy('seq', 'asc').limit(limit);
  if (afterSeq !== null) q = q.where('seq', '>', afterSeq);
  return (await q.execute()) as AuditRow[];
}

export async function listCheckpoints(db: Executor): Promise<CheckpointRow[]> {
  return (await db.selectFrom('audit_checkpoint').selectAll().orderBy('seq', 'asc').orderBy('id', 'asc').execute()) as CheckpointRow[];
}

export async function insertCheckpoint(
  tx: Executor,
  c: { seq: string; hash: string; kind: 'prune' | 'anchor'; removed: number; created_at: Date; mac: string | null },
): Promise<void> {
  await tx.insertInto('audit_checkpoint').values(c).execute();
}

/** The newest entry recorded before `cutoff`: retention removes it and everything older. */
export async function lastRowBefore(tx: Executor, cutoff: Date): Promise<{ seq: string; hash: string } | null> {
  const row = await tx.selectFrom('audit_event').select(['seq', 'hash']).where('at', '<', cutoff)
    .orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ?? null;
}

export async function deleteUpTo(tx: Executor, seq: string): Promise<number> {
  const res = await tx.deleteFrom('audit_event').where('seq', '<=', seq).executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** Newest first, keyset-paginated by seq. */
export async function listAuditRows(db: Executor, f: AuditFilter, beforeSeq: string | null, limit: number): Promise<AuditRow[]> {
  let q = db.selectFrom('audit_event').selectAll().orderBy('seq', 'desc').limit(limit);
  if (beforeSeq !== null) q = q.where('seq', '<', beforeSeq);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  if (f.actor) q = q.where('actor_name', '=', f.actor);
  if (f.action) {
    // "person" matches person.create, person.update…; "person.create" matches exactly.
    const action = f.action;
    q = q.where((eb) => eb.or([eb('action', '=', action), eb('action', 'like', `${escapeLike(action)}.%`)]));
  }
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  return (await q.execute()) as AuditRow[];
}

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export type NamedEntity = 'enterprise' | 'party_org' | 'union' | 'user';

/** Current names of audited records, for the log viewer (a record since removed has none). */
export async function namesByIds(db: Executor, entity: NamedEntity, ids: string[]): Promise<Array<{ id: string; name: string }>> {
  if (entity === 'enterprise') return db.selectFrom('enterprise').select(['id', 'name']).where('id', 'in', ids).execute();
  if (entity === 'party_org') return db.selectFrom('party_org').select(['id', 'name']).where('id', 'in', ids).execute();
  if (entity === 'union') return db.selectFrom('union_org').select(['id', 'name']).where('id', 'in', ids).execute();
  return db.selectFrom('app_user').select(['id', 'display_name as name']).where('id', 'in', ids).execute();
}
