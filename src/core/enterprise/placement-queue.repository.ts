import { sql, type SqlBool } from 'kysely';
import type { EnterpriseFilter } from '../../contracts/enterprise.js';
import type { Executor } from '../../db/schema.js';
import { enterpriseInScope, type Scope } from '../access/scope.js';
import { filterExpr } from './enterprise.repository.js';

/** The placement queue's reads: what the suggester needs of every pending row, names, and the rows a bulk decision locks. */

export type QueueRow = { id: string; name: string; address: string | null; credit_code: string; region_code: string | null };

/** Every pending row under the filter and scope, narrow columns only (the suggester reads addresses in memory). */
export async function listPendingRows(db: Executor, scope: Scope, filter: EnterpriseFilter): Promise<QueueRow[]> {
  return db.selectFrom('enterprise as e').where(enterpriseInScope(scope)).where(filterExpr({ ...filter, placement: 'pending' }))
    .select(['e.id', 'e.name', 'e.address', 'e.credit_code', 'e.region_code']).orderBy('e.id').execute();
}

export type LockedRow = QueueRow & { version: number; placement: string };

/** The rows of a bulk decision the scope reaches, locked for the transaction (absent ids are not the caller's). */
export async function lockRows(tx: Executor, scope: Scope, ids: readonly string[]): Promise<LockedRow[]> {
  if (!ids.length) return [];
  return tx.selectFrom('enterprise as e').where(enterpriseInScope(scope)).where(sql<SqlBool>`e.id = ANY(${[...ids]}::bigint[])`)
    .select(['e.id', 'e.name', 'e.address', 'e.credit_code', 'e.region_code', 'e.version', 'e.placement'])
    .orderBy('e.id').forUpdate().execute();
}

export type RegionName = { code: string; name: string; level: number; parentName: string | null };

/** Names of regions with their parent's, for "中原区建设路街道" or "嵩山路街道刘砦社区". */
export async function regionNames(db: Executor, codes: Iterable<string>): Promise<Map<string, RegionName>> {
  const list = [...new Set(codes)];
  if (!list.length) return new Map();
  const rows = await db.selectFrom('region as r').leftJoin('region as p', 'p.code', 'r.parent_code')
    .where(sql<SqlBool>`r.code = ANY(${list}::text[])`)
    .select(['r.code', 'r.name', 'r.level', 'p.name as parentName']).execute();
  return new Map(rows.map((r) => [r.code, r]));
}

export type PlacementWrite = { id: string; regionCode: string; before: { region_code: string | null; placement: string } };

/**
 * Manual placements of rows already locked by `lockRows` (their versions checked by the caller):
 * one UPDATE per target region and one INSERT of their history rows, however many rows there are.
 */
export async function writePlacements(tx: Executor, writes: readonly PlacementWrite[], actorId: string | null): Promise<void> {
  if (!writes.length) return;
  const byRegion = new Map<string, string[]>();
  for (const w of writes) byRegion.set(w.regionCode, [...(byRegion.get(w.regionCode) ?? []), w.id]);
  const now = new Date();
  for (const [regionCode, ids] of byRegion) {
    await tx.updateTable('enterprise').set((eb) => ({ region_code: regionCode, placement: 'manual', version: eb('version', '+', 1), updated_at: now }))
      .where(sql<SqlBool>`id = ANY(${ids}::bigint[])`).execute();
  }
  for (let i = 0; i < writes.length; i += 500) {
    await tx.insertInto('enterprise_change').values(writes.slice(i, i + 500).map((w) => ({
      enterprise_id: w.id, actor_id: actorId, kind: 'placed',
      changes: sql`${JSON.stringify({ regionCode: [w.before.region_code, w.regionCode], placement: [w.before.placement, 'manual'] })}::jsonb`,
    }))).execute();
  }
}
