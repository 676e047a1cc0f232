import { apiGet, apiPost, apiPut, withQuery } from '../../api/client';
import type { ApprovalDetail, ApprovalFilter, ApprovalFlows, ApprovalFlowsInput, ApprovalPage, ApprovalSubmit } from '../../../../src/contracts/approval';

export type ApprovalView = 'pending' | 'mine' | 'history';
export const APPROVAL_TABS: { key: ApprovalView; label: string }[] = [
  { key: 'pending', label: '待我审批' },
  { key: 'mine', label: '我提交的' },
  { key: 'history', label: '经我审批' },
];

export const listApprovals = (f: Partial<ApprovalFilter>, cursor?: string | null, limit = 50) => apiGet<ApprovalPage>('/api/approvals', { ...f, cursor, limit });
export const approvalsExportUrl = (f: Partial<ApprovalFilter>) => withQuery('/api/approvals.xlsx', { ...f });
export const getApproval = (id: string) => apiGet<ApprovalDetail>(`/api/approvals/${encodeURIComponent(id)}`);
export const submitApproval = (body: ApprovalSubmit) => apiPost<ApprovalDetail>('/api/approvals', body);
export const decideApproval = (id: string, body: { version: number; decision: 'approve' | 'return'; comment?: string }) =>
  apiPost<ApprovalDetail>(`/api/approvals/${encodeURIComponent(id)}/decision`, body);
export const resubmitApproval = (id: string, body: { version: number; comment?: string; payload?: Record<string, unknown> }) =>
  apiPost<ApprovalDetail>(`/api/approvals/${encodeURIComponent(id)}/resubmit`, body);
/** 撤回: the requester takes the request back (or, once their account no longer manages the record, whoever manages it now). */
export const withdrawApproval = (id: string, body: { version: number; comment?: string }) =>
  apiPost<ApprovalDetail>(`/api/approvals/${encodeURIComponent(id)}/withdraw`, body);
export const delegateApproval = (id: string, body: { version: number; deputyUserId: string; until: string; comment?: string }) =>
  apiPost<ApprovalDetail>(`/api/approvals/${encodeURIComponent(id)}/delegate`, body);
export const getFlows = (regionPrefix?: string) => apiGet<ApprovalFlows>('/api/approval-flows', { regionPrefix });
export const saveFlows = (prefix: string, body: ApprovalFlowsInput) => apiPut<ApprovalFlows>(`/api/approval-flows/${prefix}`, body);
