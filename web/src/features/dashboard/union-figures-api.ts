import { apiGet, download, withQuery } from '../../api/client';
import type { MediationStats } from '../../../../src/contracts/mediation';
import type { DispatchedPage } from '../../../../src/contracts/union-dispatched';

/** The dashboard's two union figures: 调解及时率 (the /mediation statistics) and 劳务派遣工入会占比 (per-union rows). */
export type { DispatchedPage, MediationStats };
export type DispatchedPick = { regionPrefix?: string; onlyDispatched?: 'true'; title: string };
const q = (p: DispatchedPick) => ({ regionPrefix: p.regionPrefix, onlyDispatched: p.onlyDispatched });

export const getMediationYear = (regionPrefix: string | undefined, from: string, to: string) => apiGet<MediationStats>('/api/mediation/stats', { regionPrefix, from, to });
export const getDispatched = (p: Omit<DispatchedPick, 'title'>, offset = 0, limit = 50) => apiGet<DispatchedPage>('/api/union-members/dispatched', { ...q({ ...p, title: '' }), offset, limit });
export const downloadDispatched = (p: DispatchedPick) =>
  download(withQuery('/api/union-members/dispatched/export.xlsx', q(p)), `${p.title.replace(/[\\/:*?"<>|]/g, '-')}.xlsx`);
