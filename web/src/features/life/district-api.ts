import { apiGet, download, withQuery } from '../../api/client';
import type { LifeOrgs, LifeRollup } from '../../../../src/contracts/life';

/** The district view of organisational life (GET /api/life/compliance and its drill-down). */
export type { LifeOrgs, LifeRollup };
export type LifeStatus = 'compliant' | 'lagging' | 'dormant';
export type DistrictNode = { year: number; region?: string; level: 'street' | 'district' };
/** `date`: the day of judgement when not today (a past month end's figure on the coverage page). */
export type OrgsPick = { year: number; region?: string; status?: LifeStatus; date?: string; title: string };

export const getRollup = (n: DistrictNode) => apiGet<LifeRollup>('/api/life/compliance', n);
export const downloadRollup = (n: DistrictNode, title: string) => download(withQuery('/api/life/compliance/export.xlsx', n), `${title}.xlsx`);
export const getOrgs = (p: OrgsPick, offset = 0) => apiGet<LifeOrgs>('/api/life/compliance/orgs', { year: p.year, region: p.region, status: p.status, date: p.date, offset, limit: 50 });
export const downloadOrgs = (p: OrgsPick) =>
  download(withQuery('/api/life/compliance/orgs/export.xlsx', { year: p.year, region: p.region, status: p.status, date: p.date }), `${p.title.replace(/[\\/:*?"<>|]/g, '-')}.xlsx`);
