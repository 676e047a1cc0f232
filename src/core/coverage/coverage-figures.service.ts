import type { DrillPage, DrillQuery, FiguresQuery, FiguresResult, PairDto } from '../../contracts/coverage-metrics.js';
import type { Db } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import {
  childLength, DEFAULT_THRESHOLDS, isPeriod, METRIC_IDS, metricDefs, monthEnd, ratePercent, type MetricDef, type MetricId,
} from '../../domain/metrics.js';
import { todayInChina } from '../../domain/org-terms.js';
import { COVERAGE_STATUS_LABEL, type CoverageStatus } from '../../domain/rules/index.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { groupLabels } from './coverage-labels.js';
import { ensureFresh } from './coverage-refresh.js';
import { addLifeFigure } from './life-figure.js';
import { aggregate, drill, drillCount, drillMeasure, type AggregateRow, type CoverageFilters, type CoverageSource, type DrillRow } from './coverage.repository.js';

/**
 * Coverage figures for any node (region prefix, park, association, industry, size class) today or
 * at a past date / month end, and the enterprises behind every figure. Scoped by 'coverage.read';
 * the list uses the same source, scope and filters as the figure (coverage.repository.ts).
 */
export const DEFS: Record<MetricId, MetricDef> = metricDefs(DEFAULT_THRESHOLDS);
export const DEF_LIST: MetricDef[] = METRIC_IDS.map((id) => DEFS[id]);

type When = { month?: string; date?: string };

/**
 * Today → the precomputed rows (refreshed if stale); any other day → recomputed from history.
 * `refreshing`: another reader's refresh was under way, so today's rows may miss the last few seconds' edits (coverage-refresh.ts).
 */
export async function resolveSource(db: Db, when: When): Promise<{ src: CoverageSource; asOf: string; refreshing?: true }> {
  const today = todayInChina();
  const date = when.month ? monthEnd(when.month) : when.date ?? today;
  if (when.month && !isPeriod(when.month)) throw new AppError('VALIDATION_FAILED', '月份应为 YYYY-MM 格式', [{ field: 'month', message: '格式错误' }]);
  if (date > today) throw new AppError('VALIDATION_FAILED', `日期 ${date} 尚未到来，只能查看今天或过去的情况`, [{ field: when.month ? 'month' : 'date', message: '日期在未来' }]);
  if (date === today) {
    const fresh = await ensureFresh(db, today);
    return { src: { kind: 'current' }, asOf: today, ...(fresh.pending ? { refreshing: true as const } : {}) };
  }
  return { src: { kind: 'at', date }, asOf: date };
}

export const toFilters = (q: Partial<FiguresQuery>): CoverageFilters => ({
  regionPrefix: q.regionPrefix, parkId: q.parkId, associationId: q.associationId,
  industry: q.industry, sizeClass: q.sizeClass, aboveDesignatedSize: q.aboveDesignatedSize,
});

export function pairsOf(row: AggregateRow | undefined): Record<string, PairDto> {
  const out: Record<string, PairDto> = {};
  for (const d of DEF_LIST) {
    const p = { numerator: Number(row?.[`n_${d.id}`] ?? 0), denominator: Number(row?.[`d_${d.id}`] ?? 0) };
    out[d.id] = { ...p, rate: ratePercent(p) };
  }
  return out;
}

export const metricInfo = () => DEF_LIST.map((d) => ({
  id: d.id, label: d.label, population: d.population, numeratorLabel: d.numeratorLabel, denominatorLabel: d.denominatorLabel, higherIsBetter: d.higherIsBetter,
}));

export async function getFigures(db: Db, actor: Actor, q: FiguresQuery): Promise<FiguresResult> {
  const scope = requireAction(actor, 'coverage.read');
  const { src, asOf, refreshing } = await resolveSource(db, q);
  const f = toFilters(q);
  const childLen = childLength(q.regionPrefix?.length ?? 0) ?? 12;
  const [total] = await aggregate(db, src, scope, f, DEF_LIST, 'none');
  const rows = q.groupBy === 'none' ? [] : await aggregate(db, src, scope, f, DEF_LIST, q.groupBy, childLen);
  const labels = await groupLabels(db, q.groupBy, rows.map((r) => r.key));
  // 组织生活达标率 counts organisations, not enterprises: added after, by the roll-up (life-figure.ts).
  return addLifeFigure(db, actor, q, asOf, childLen, {
    asOf, source: src.kind === 'current' ? 'current' : 'history', metrics: metricInfo(), ...(refreshing ? { refreshing } : {}),
    total: { enterprises: Number(total?.enterprises ?? 0), pairs: pairsOf(total) },
    groupBy: q.groupBy,
    groups: rows.map((r) => ({ key: r.key, label: labels.get(r.key) ?? r.key ?? '', enterprises: Number(r.enterprises), pairs: pairsOf(r) })),
  });
}

export const drillItem = (def: MetricDef, part: DrillQuery['part'], r: DrillRow): DrillPage['items'][number] => ({
  id: String(r.id), name: r.name, creditCode: r.credit_code, regionCode: r.region_code, regionName: r.region_name,
  status: r.status, statusLabel: COVERAGE_STATUS_LABEL[r.status as CoverageStatus] ?? r.status,
  fullMembers: Number(r.full_members), employees: Number(r.employees), unionMembers: Number(r.union_members),
  membersFromRoster: r.members_from_roster === true, unionMembersFromRoster: r.union_members_from_roster === true,
  sizeClass: r.size_class, industry: r.industry, contributes: drillMeasure(def, part, r),
});

export async function drillDown(db: Db, actor: Actor, q: DrillQuery): Promise<DrillPage> {
  const scope = requireAction(actor, 'coverage.read');
  const { src, asOf } = await resolveSource(db, q);
  const def = DEFS[q.metric as MetricId];
  const rows = await drill(db, src, scope, toFilters(q), def, q.part, { afterId: q.cursor, limit: q.limit + 1 });
  const page = rows.slice(0, q.limit);
  const total = q.cursor ? null : await drillCount(db, src, scope, toFilters(q), def, q.part);
  return {
    asOf, metric: def.id, part: q.part,
    items: page.map((r) => drillItem(def, q.part, r)),
    nextCursor: rows.length > q.limit ? String(page[page.length - 1]!.id) : null,
    total,
  };
}
