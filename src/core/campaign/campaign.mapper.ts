import type { CampaignTarget } from '../../contracts/campaign.js';
import { significantPrefix, type MetricId } from '../../domain/metrics.js';
import { DEFS } from '../coverage/coverage-figures.service.js';
import type { CampaignTargetRow } from './campaign.repository.js';

const dateText = (d: unknown): string => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

export function toCampaignTarget(row: CampaignTargetRow, manageable: boolean): CampaignTarget {
  const def = DEFS[row.metric as MetricId];
  return {
    id: String(row.id), region: significantPrefix(row.region_code), regionName: row.region_name ?? row.region_code,
    metric: row.metric, metricLabel: def?.label ?? '其他指标', higherIsBetter: def?.higherIsBetter ?? true,
    targetRate: Number(row.target_rate), deadline: dateText(row.deadline), title: row.title, note: row.note,
    status: row.status, setByName: row.set_by_name, setAt: row.created_at.toISOString(),
    withdrawnOn: row.withdrawn_on ? dateText(row.withdrawn_on) : null, withdrawnReason: row.withdrawn_reason,
    version: row.version, manageable,
  };
}

/** The default title: the metric and the rate in words. */
export const defaultTitle = (metric: MetricId, rate: number): string =>
  `${DEFS[metric].label}${DEFS[metric].higherIsBetter ? '达到' : '不高于'}${rate}%`;

/** What the audit log keeps of a target: names and values as people read them, no codes. */
export const toAuditView = (t: CampaignTarget) => ({
  title: t.title, regionName: t.regionName, metricLabel: t.metricLabel, targetRate: t.targetRate, deadline: t.deadline,
  note: t.note, status: t.status === 'active' ? '有效' : '已撤回', withdrawnOn: t.withdrawnOn, withdrawnReason: t.withdrawnReason, version: t.version,
});
