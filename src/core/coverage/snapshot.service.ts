import type { SnapshotResult, TrendQuery, TrendResult } from '../../contracts/coverage-metrics.js';
import type { Db } from '../../db/schema.js';
import type { SnapshotScopeKind } from '../../db/tables/coverage.js';
import { AppError, notFound } from '../../domain/errors.js';
import { LIFE_METRIC } from '../../domain/life-metric.js';
import { isPeriod, monthEnd, previousPeriod, ratePercent } from '../../domain/metrics.js';
import { todayInChina } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { systemActor } from '../access/actor.js';
import { holdsAction, requireAction, requireUnrestricted } from '../access/require.js';
import { regionInScope, type Scope } from '../access/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { DEF_LIST } from './coverage-figures.service.js';
import { writeLifeSnapshot } from './life-snapshot.js';
import { hasSnapshot, ledgerStart, periodsTaken, placeNames, regionNames, snapshotRows, writeSnapshot } from './snapshot.repository.js';

/**
 * Month-end snapshots: taken automatically (the previous month, if missing, on start and hourly),
 * on demand, and recomputed for any past month from history. Taking one is audited.
 *
 * A snapshot is written for the whole jurisdiction (every node), so taking or recomputing one on
 * demand needs 'report.generate' over an unrestricted scope; an officer whose grant covers a
 * township is refused (403). The previous month, when missing, is taken as the system — by the
 * scheduler, or for a bulletin that needs it — since that never replaces a stored month; a request
 * never takes any other month (requireSnapshot).
 */
export type SnapshotTrigger = 'auto' | 'manual';

export function assertClosedMonth(period: string, today = todayInChina()): void {
  if (!isPeriod(period)) throw new AppError('VALIDATION_FAILED', `月份应为 YYYY-MM 格式，收到“${period}”`, [{ field: 'month', message: '格式错误' }]);
  if (monthEnd(period) >= today) throw new AppError('VALIDATION_FAILED', `${period} 月尚未结束，月末快照只能在次月生成`, [{ field: 'month', message: '月份尚未结束' }]);
}

const WHOLE_JURISDICTION = '月末快照涵盖全部区划、园区和协会，只有不限区划的“生成报表”权限才能生成或重算';

/** Takes (or recomputes from history) a month's snapshot on demand: unrestricted 'report.generate' only. */
export async function takeSnapshot(db: Db, actor: Actor, period: string, trigger: SnapshotTrigger = 'manual'): Promise<SnapshotResult> {
  requireUnrestricted(actor, 'report.generate', WHOLE_JURISDICTION);
  return writeAudited(db, actor, period, trigger);
}

async function writeAudited(db: Db, actor: Actor, period: string, trigger: SnapshotTrigger, requestedBy?: string): Promise<SnapshotResult> {
  assertClosedMonth(period);
  const asOf = monthEnd(period);
  const rows = await db.transaction().execute(async (tx) => {
    const existed = await hasSnapshot(tx, period);
    const written = await writeSnapshot(tx, period, asOf, DEF_LIST);
    // 组织生活达标率 beside the enterprise metrics; a month before the ledger stays empty.
    const n = written + (written > 0 ? await writeLifeSnapshot(tx, period, asOf) : 0);
    await recordAudit(tx, actor, {
      action: existed ? 'snapshot.recompute' : 'snapshot.take', entity: 'metric_snapshot', entityId: period,
      after: { period, asOf, rows: n, trigger, ...(requestedBy ? { requestedBy } : {}) },
    });
    return n;
  });
  return { period, asOf, rows };
}

/**
 * A month's snapshot if it is missing (idempotent), taken as the system: the scheduler's previous
 * month, and the months a bulletin reads. `requestedBy` — who needed it — goes into the audit.
 */
export async function ensureSnapshot(db: Db, period: string, requestedBy?: Actor): Promise<SnapshotResult | null> {
  if (await hasSnapshot(db, period)) return null;
  return writeAudited(db, systemActor('snapshot-scheduler'), period, 'auto', requestedBy?.username);
}

/**
 * The stored month a request (a bulletin) reads. A request never writes history wholesale: only the
 * previous calendar month (China time) — the one the scheduler takes anyway — is taken when missing;
 * any other missing month is 404, so an officer asking for 2001-01 cannot make the system write
 * empty jurisdiction-wide snapshots. A month that ended before the ledger existed says so.
 */
export async function requireSnapshot(db: Db, period: string, requestedBy: Actor, today = todayInChina()): Promise<void> {
  assertClosedMonth(period, today);
  if (await hasSnapshot(db, period)) return;
  const start = await ledgerStart(db);
  const label = `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月`;
  if (!start || monthEnd(period) < start) {
    const since = start ? `台账自 ${start} 起才有数据` : '台账中还没有任何企业';
    throw new AppError('NOT_FOUND', `${label}末台账尚未建立（${since}），该月没有数据`, [{ field: 'month', code: 'BEFORE_LEDGER', message: since }]);
  }
  if (period !== previousPeriod(today.slice(0, 7))) {
    throw new AppError('NOT_FOUND', `该月没有月末快照：${label}的快照尚未生成。只有上个月的快照会在需要时自动生成，其他月份请由不限区划的“生成报表”权限生成后再查看`,
      [{ field: 'month', code: 'SNAPSHOT_MISSING', message: '该月没有月末快照' }]);
  }
  await ensureSnapshot(db, period, requestedBy);
}

/** The previous month's snapshot if it is missing (the in-process scheduler calls it). */
export async function ensurePreviousMonthSnapshot(db: Db, today = todayInChina()): Promise<SnapshotResult | null> {
  return ensureSnapshot(db, previousPeriod(today.slice(0, 7)));
}

export async function listSnapshots(db: Db, actor: Actor) {
  requireAction(actor, 'coverage.read');
  return { items: (await periodsTaken(db)).map((p) => ({ period: p.period, computedAt: new Date(p.computed_at).toISOString() })) };
}

export type SnapshotNode = { kind: SnapshotScopeKind; key: string };

/** Which stored node a query names, and whether the scope may see it (else 404). */
export function nodeFor(scope: Scope, q: { regionPrefix?: string; parkId?: string; associationId?: string }): SnapshotNode {
  if (q.parkId) {
    if (!scope.all && !scope.parkIds.includes(q.parkId)) throw notFound('园区');
    return { kind: 'park', key: q.parkId };
  }
  if (q.associationId) {
    if (!scope.all && !scope.associationIds.includes(q.associationId)) throw notFound('协会商会');
    return { kind: 'association', key: q.associationId };
  }
  if (!q.regionPrefix) {
    if (!scope.all) throw notFound('区划');
    return { kind: 'all', key: '' };
  }
  const key = q.regionPrefix.padEnd(12, '0');
  if (!regionInScope(scope, q.regionPrefix)) throw notFound('区划');
  return { kind: 'region', key };
}

export async function nodeLabel(db: Db, node: SnapshotNode): Promise<string> {
  if (node.kind === 'all') return '全部';
  if (node.kind === 'region') return (await regionNames(db, [node.key])).get(node.key) ?? node.key;
  if (node.kind === 'park' || node.kind === 'association') return (await placeNames(db, node.kind, [node.key])).get(node.key) ?? node.key;
  return node.key;
}

export function periodsUntil(until: string, months: number): string[] {
  const out = [until];
  while (out.length < months) out.unshift(previousPeriod(out[0]!));
  return out;
}

/** Month-end pairs of a node over the last N snapshot months (null where no snapshot was taken). */
export async function getTrend(db: Db, actor: Actor, q: TrendQuery): Promise<TrendResult> {
  const scope = requireAction(actor, 'coverage.read');
  const node = nodeFor(scope, q);
  const periods = periodsUntil(q.until ?? previousPeriod(todayInChina().slice(0, 7)), q.months);
  const rows = await snapshotRows(db, node.kind, [node.key], periods);
  const series: TrendResult['series'] = {};
  // 组织生活达标率 from the months whose snapshot recorded it (life-snapshot.ts), before that null;
  // as the live figure, only for a reader of organisations.
  const life = holdsAction(actor, 'org.read') ? [LIFE_METRIC.id] : [];
  for (const id of [...DEF_LIST.map((d) => d.id), ...life]) {
    series[id] = periods.map((p) => {
      const r = rows.find((x) => x.period === p && x.metric === id);
      if (!r) return null;
      const pair = { numerator: Number(r.numerator), denominator: Number(r.denominator) };
      return { ...pair, rate: ratePercent(pair) };
    });
  }
  return { scope: { ...node, label: await nodeLabel(db, node) }, periods, series };
}
