import { apiGet, withQuery } from '../../api/client';
import type { HardshipPage, UnionFunds, UnionServicesSummary } from '../../../../src/contracts/union-services';

/** Union services (docs/unions.md "工会服务"): the union page's card and its lists. */
const at = (id: string) => `/api/unions/${encodeURIComponent(id)}`;
export const getServicesSummary = (id: string) => apiGet<UnionServicesSummary>(`${at(id)}/services`);
export const getUnionFunds = (id: string, year?: number) => apiGet<UnionFunds>(`${at(id)}/funds`, { year });
export const listUnionHardship = (unionId: string) => apiGet<HardshipPage>('/api/hardship', { unionId, limit: 50 });
export const hardshipExportUrl = (unionId: string) => withQuery('/api/hardship/export.xlsx', { unionId });
export const fundsExportUrl = (unionId: string, year: number) => withQuery('/api/union-funds/lines/export.xlsx', { unionId, year });
