import { apiGet, withQuery } from '../../api/client';
import type { WorklistEntity, WorklistPage } from '../../../../src/contracts/coverage';

export type WorklistKind = 'gaps' | 'alerts' | 'recommendations';
export type WorklistFilters = { regionPrefix?: string; ruleId?: string; kind?: WorklistEntity };

export const WORKLIST_TABS: { key: WorklistKind; label: string }[] = [
  { key: 'gaps', label: '空白点' },
  { key: 'alerts', label: '预警' },
  { key: 'recommendations', label: '工作建议' },
];

export const listWorklist = (list: WorklistKind, filters: WorklistFilters, cursor?: string | null, limit = 100) =>
  apiGet<WorklistPage>(`/api/worklists/${list}`, { ...filters, cursor, limit });
export const worklistExportUrl = (list: WorklistKind, filters: WorklistFilters) => withQuery(`/api/worklists/${list}.xlsx`, { ...filters });
