import type { Writable } from 'node:stream';
import type { CampaignTarget, CampaignTargetList, CampaignTargetListQuery } from '../../contracts/campaign.js';
import type { FiguresResult } from '../../contracts/coverage-metrics.js';
import type { Db } from '../../db/schema.js';
import { progressOf, type ChildFigure } from '../../domain/campaign.js';
import { monthEnd, type MetricId, type Pair } from '../../domain/metrics.js';
import { todayInChina } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { DEFS, getFigures } from '../coverage/coverage-figures.service.js';
import { regionColumns, writeListXlsx, type ListColumn } from '../xlsx/list-xlsx.js';
import { canManageTarget, canSetFor, code12, requireReadableArea, requireVisibleTarget, selfAndAncestors } from './campaign.access.js';
import { toCampaignTarget } from './campaign.mapper.js';
import { listTargetsOn } from './campaign.repository.js';

/**
 * The targets that apply to an area (set on it or on any area above it) with their progress at the
 * statistics page's date. Progress reads the very figures the page shows (getFigures: same scope,
 * same source for today or a month end), grouped by the area's children for "behind" — nothing is
 * derived a second time.
 */
const pairOf = (pairs: FiguresResult['total']['pairs'], metric: string): Pair =>
  ({ numerator: pairs[metric]?.numerator ?? 0, denominator: pairs[metric]?.denominator ?? 0 });

/** A month whose end is still ahead (the current month) is read as today. */
const monthOrToday = (month?: string): string | undefined => (month && monthEnd(month) < todayInChina() ? month : undefined);

export async function listTargets(db: Db, actor: Actor, q: CampaignTargetListQuery): Promise<CampaignTargetList> {
  requireReadableArea(actor, q.region);
  const rows = await listTargetsOn(db, selfAndAncestors(q.region), q.includeWithdrawn ?? false);
  const figures = await getFigures(db, actor, { regionPrefix: q.region, month: monthOrToday(q.month), groupBy: 'region' });
  const children: (metric: string) => ChildFigure[] = (metric) => figures.groups
    // Sub-areas only: not the enterprises placed at the area's own level (key all zeros below it).
    .filter((g) => g.key && !/^0*$/.test(g.key.slice(q.region.length)))
    .map((g) => ({ key: g.key!, label: g.label, pair: pairOf(g.pairs, metric) }));
  const regionName = rows.find((r) => r.region_code === code12(q.region))?.region_name ?? await areaName(db, q.region);
  const items = rows.map((r) => {
    const target = toCampaignTarget(r, canManageTarget(actor, r));
    const def = DEFS[r.metric as MetricId];
    const progress = target.status === 'active' && def
      ? progressOf(target, def, pairOf(figures.total.pairs, r.metric), children(r.metric), figures.asOf)
      : null;
    return { target, progress };
  });
  return { region: q.region, regionName, asOf: figures.asOf, canSet: canSetFor(actor, q.region), total: items.length, items };
}

async function areaName(db: Db, prefix: string): Promise<string> {
  const r = await db.selectFrom('region').select('name').where('code', '=', code12(prefix)).executeTakeFirst();
  return r?.name ?? prefix;
}

export async function getTarget(db: Db, actor: Actor, id: string): Promise<CampaignTarget> {
  const row = await requireVisibleTarget(db, actor, id);
  return toCampaignTarget(row, canManageTarget(actor, row));
}

type Item = CampaignTargetList['items'][number];
const pct = (r: number | null | undefined) => (r == null ? '' : r);
const COLUMNS: ListColumn<Item>[] = [
  { header: '目标名称', width: 30, cell: (x) => x.target.title },
  ...regionColumns<Item>((x) => code12(x.target.region), ['设定区划代码', '设定区划']),
  { header: '指标', width: 22, cell: (x) => x.target.metricLabel },
  { header: '目标值（%）', width: 12, cell: (x) => x.target.targetRate },
  { header: '完成期限', width: 12, cell: (x) => x.target.deadline },
  { header: '当前（%）', width: 10, cell: (x) => pct(x.progress?.rate) },
  { header: '分子', width: 10, cell: (x) => x.progress?.numerator ?? '' },
  { header: '分母', width: 10, cell: (x) => x.progress?.denominator ?? '' },
  { header: '差距', width: 10, cell: (x) => (x.progress ? `${x.progress.gap}${x.progress.unit === '户' ? '户企业' : '人'}` : '') },
  { header: '剩余天数', width: 10, cell: (x) => x.progress?.daysLeft ?? '' },
  { header: '进展', width: 12, cell: (x) => x.progress?.statusLabel ?? (x.target.status === 'withdrawn' ? '已撤回' : '') },
  { header: '未达目标的下级', width: 40, cell: (x) => (x.progress?.behind ?? []).map((b) => `${b.name}（差${b.gap}）`).join('、') },
  { header: '说明', width: 30, cell: (x) => x.target.note ?? '' },
  { header: '设定人', width: 12, cell: (x) => x.target.setByName },
];

/** The list as XLSX: exactly its rows (same area, date and filter), audited as a copy taken. */
export async function openTargetsExport(db: Db, actor: Actor, q: CampaignTargetListQuery): Promise<{ title: string; write(out: Writable): Promise<number> }> {
  const list = await listTargets(db, actor, q);
  async function* pages() { yield list.items; }
  return {
    title: `${list.regionName}工作目标进展-${list.asOf}`,
    write: (out) => writeListXlsx(db, out, {
      sheet: '工作目标', columns: COLUMNS, pages: pages(), regionCodes: (x) => [code12(x.target.region)],
      beforeClose: (rows) => db.transaction().execute((tx) => recordAudit(tx, actor, {
        action: 'campaign_target.export', entity: 'campaign_target', after: { filter: q, asOf: list.asOf, rows },
      })),
    }),
  };
}
