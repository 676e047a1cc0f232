import { apiGet, apiPost, withQuery } from '../../api/client';
import type { InboxCounts, InboxPage, OverdueByRegion } from '../../../../src/contracts/task';
import type { TaskAssignees, TaskDetail } from '../../../../src/contracts/task-action';

export type InboxView = 'mine' | 'role' | 'overdue';
export type InboxFilters = { view: InboxView; state?: 'open' | 'done' | 'cancelled'; kind?: string; regionPrefix?: string };

export const INBOX_TABS: { key: InboxView; label: string }[] = [
  { key: 'mine', label: '我的' },
  { key: 'role', label: '本岗位' },
  { key: 'overdue', label: '已逾期' },
];

export const listInbox = (f: InboxFilters, cursor?: string | null, limit = 50) => apiGet<InboxPage>('/api/inbox', { ...f, cursor, limit });
export const inboxCounts = (regionPrefix?: string) => apiGet<InboxCounts>('/api/inbox/counts', { regionPrefix });
export const overdueByRegion = (regionPrefix?: string) => apiGet<OverdueByRegion>('/api/inbox/overdue-by-region', { regionPrefix });
export const inboxExportUrl = (f: InboxFilters) => withQuery('/api/inbox.xlsx', { ...f });
export const refreshInbox = () => apiPost<{ results: Array<{ opened: number; closed: number; reopened: number; open: number }> }>('/api/tasks/refresh', {});

// One task: its detail and history, 指派 (to those the picker lists) and 撤销 with a reason.
export const getTask = (id: string) => apiGet<TaskDetail>(`/api/tasks/${id}`);
export const taskAssignees = (id: string) => apiGet<TaskAssignees>(`/api/tasks/${id}/assignees`);
export const assignTask = (id: string, userId: string | null, version: number) => apiPost<TaskDetail>(`/api/tasks/${id}/assign`, { userId, version });
export const cancelTask = (id: string, reason: string, version: number) => apiPost<TaskDetail>(`/api/tasks/${id}/cancel`, { reason, version });
