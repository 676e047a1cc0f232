import type {
  AcceptSuggestions, BulkOutcome, BulkPlace, BulkPlacementResult, PlacementSuggestion,
} from '../../contracts/placement-queue.js';
import type { Db, Executor } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { regionInScope, type Scope } from '../access/scope.js';
import { recordAudits, type AuditEvent } from '../audit/audit.service.js';
import { placementStreetOf } from '../task/task-finder-placement.js';
import { refreshTasksFor } from '../task/task-refresh-for.service.js';
import { lockRows, regionNames, writePlacements, type LockedRow, type PlacementWrite } from './placement-queue.repository.js';
import { idsMatching, readQueue } from './placement-queue.service.js';
import { suggestPlacements } from './placement-suggest.js';

/**
 * Bulk decisions on the 待认定属地 queue (docs/regions.md "The placement queue"). One transaction
 * per request with a result per row: the rows that can be placed are placed (each with its history
 * row and its own audit entry), the others are left in the queue with the reason — a row changed by
 * someone else since it was read never blocks the other 199, and is never overwritten either. Any
 * failure of the database rolls the whole request back: nothing is half-applied.
 */
type Ref = { id: string; version?: number };
type Target = { regionCode: string; regionName: string; basis: PlacementSuggestion['basis'] | 'chosen' } | null;
type RowResult = BulkPlacementResult['rows'][number];

const MESSAGES: Record<Exclude<BulkOutcome, 'placed'>, string> = {
  conflict: '该企业已被他人修改，请刷新后再认定',
  notPending: '该企业已认定属地，不在待认定名单中',
  notFound: '企业不存在或无权认定其属地',
  noSuggestion: '没有可接受的建议，请逐条选择属地',
  outOfScope: '建议的属地不在您的管辖范围内',
};
const BASIS_NOTE = { address: '批量接受建议（按住所认定）', road: '批量接受建议（按道路名推测，已核实）', chosen: '批量认定为所选街道（社区）' };

async function applyRows(tx: Executor, actor: Actor, scope: Scope, refs: Ref[], targetOf: (row: LockedRow) => Target): Promise<BulkPlacementResult> {
  const locked = new Map((await lockRows(tx, scope, refs.map((r) => r.id))).map((r) => [String(r.id), r]));
  const rows: RowResult[] = [];
  const writes: PlacementWrite[] = [];
  const events: AuditEvent[] = [];
  for (const ref of refs) {
    const row = locked.get(ref.id);
    const target = row ? targetOf(row) : null;
    const outcome = decide(ref, row, target, scope);
    if (outcome !== 'placed' || !row || !target) {
      rows.push({ id: ref.id, name: row?.name ?? null, outcome, regionCode: target?.regionCode ?? null, regionName: target?.regionName ?? null, message: MESSAGES[outcome as Exclude<BulkOutcome, 'placed'>] });
      continue;
    }
    // The row is locked and its version checked: the write below cannot lose a concurrent change.
    writes.push({ id: String(row.id), regionCode: target.regionCode, before: { region_code: row.region_code, placement: row.placement } });
    events.push({
      action: 'enterprise.place', entity: 'enterprise', entityId: String(row.id),
      before: { name: row.name, regionCode: row.region_code, placement: row.placement },
      after: { name: row.name, regionCode: target.regionCode, regionName: target.regionName, placement: 'manual', reason: BASIS_NOTE[target.basis] },
    });
    rows.push({ id: ref.id, name: row.name, outcome: 'placed', regionCode: target.regionCode, regionName: target.regionName, message: `已认定为${target.regionName}` });
  }
  await writePlacements(tx, writes, actor.userId);
  await recordAudits(tx, actor, events);
  // One refresh for the whole request, never one per row: the placed enterprises' tasks follow them.
  // The streets' 待确认归属街道 counts too: where each row waited, and where it went.
  const regionCodes = writes.flatMap((w) => [placementStreetOf(w.before.region_code), placementStreetOf(w.regionCode)]).filter((c): c is string => c !== null);
  await refreshTasksFor(tx, actor, { enterpriseIds: writes.map((w) => w.id), regionCodes }, { trigger: 'enterprise.place' });
  return { placed: writes.length, skipped: rows.length - writes.length, rows };
}

function decide(ref: Ref, row: LockedRow | undefined, target: Target, scope: Scope): BulkOutcome {
  if (!row) return 'notFound';
  if (row.placement !== 'pending') return 'notPending';
  if (ref.version !== undefined && ref.version !== row.version) return 'conflict';
  if (!target) return 'noSuggestion';
  if (!regionInScope(scope, target.regionCode)) return 'outOfScope';
  return 'placed';
}

/** Accepts the current suggestion of each row listed, or of every row the filter matches (see the contract). */
export async function acceptSuggestions(db: Db, actor: Actor, input: AcceptSuggestions): Promise<BulkPlacementResult> {
  const scope = requireAction(actor, 'enterprise.place');
  let refs: Ref[] = input.items ?? [];
  const township = input.all?.filter.suggested;
  if (input.all) {
    const { suggested, ...filter } = input.all.filter;
    // Counted as the official saw it (the read scope); rows they may not place are then reported per row.
    const ids = idsMatching(await readQueue(db, requireAction(actor, 'enterprise.read'), filter), suggested, true);
    if (ids.length !== input.all.expectedTotal) {
      throw new AppError('CONFLICT', `当前筛选下有建议的待认定企业已变为 ${ids.length} 家（确认时为 ${input.all.expectedTotal} 家），请刷新后重新确认`,
        [{ field: 'all.expectedTotal', code: 'QUEUE_CHANGED', message: `现有 ${ids.length} 家` }]);
    }
    refs = ids.map((id) => ({ id }));
  }
  refs = dedupe(refs);
  return db.transaction().execute(async (tx) => {
    const rows = await lockRows(tx, scope, refs.map((r) => r.id));
    const suggested = await suggestPlacements(tx, rows);
    return applyRows(tx, actor, scope, refs, (row) => {
      const s = suggested.get(String(row.id))?.suggestion ?? null;
      // Confirmed as "all of 建设路街道": a row whose suggestion has moved since is not accepted blind.
      return s && township && township !== 'none' && s.townshipCode !== township ? null : s;
    });
  });
}

/** One township or community chosen for many rows: the region must exist, be at least a township and be the caller's. */
export async function placeMany(db: Db, actor: Actor, input: BulkPlace): Promise<BulkPlacementResult> {
  const scope = requireAction(actor, 'enterprise.place');
  const region = (await regionNames(db, [input.regionCode])).get(input.regionCode);
  if (!region) {
    throw new AppError('VALIDATION_FAILED', `区划代码 ${input.regionCode} 不存在`, [{ field: 'regionCode', code: 'REGION_UNKNOWN', message: '区划代码不存在' }]);
  }
  if (region.level < 4) {
    throw new AppError('VALIDATION_FAILED', '请选择到街道（乡镇）或社区（村）', [{ field: 'regionCode', code: 'REGION_TOO_COARSE', message: `${region.name}不是街道（乡镇）或社区（村）` }]);
  }
  if (!regionInScope(scope, input.regionCode)) {
    throw new AppError('OUT_OF_SCOPE', `${region.name}不在您的管辖范围内`, [{ field: 'regionCode', code: 'OUT_OF_SCOPE', message: '区划不在您的管理范围内' }]);
  }
  const regionName = region.level === 5 ? `${region.parentName ?? ''}${region.name}` : region.name;
  const target: Target = { regionCode: input.regionCode, regionName, basis: 'chosen' };
  return db.transaction().execute((tx) => applyRows(tx, actor, scope, dedupe(input.items), () => target));
}

/** The same row twice in one request is decided once (the first reference wins). */
function dedupe(refs: Ref[]): Ref[] {
  const seen = new Set<string>();
  return refs.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
}
