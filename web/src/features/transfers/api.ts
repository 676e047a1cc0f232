import { apiGet, apiPost, withQuery } from '../../api/client';
import type {
  Declaration, DeclarationConfirm, DeclarationCreate, DeclarationFilter, DeclarationPage, OrgMove, OrgMoveResult, Transfer, TransferBox,
  TransferIssue, TransferListFilter, TransferPage, MemberFindingPage, MemberMobility, MobileReport, MobilityFilter, MobilityPage,
} from '../../../../src/contracts/member-transfer';
import type { MemberPage } from '../../../../src/contracts/member';
import type { PickOption } from '../orgs/api';

export const TRANSFER_TABS: { key: TransferBox; label: string }[] = [
  { key: 'pending', label: '待处理' },
  { key: 'out', label: '转出' },
  { key: 'in', label: '转入' },
];

export const listTransfers = (f: TransferListFilter, offset = 0, limit = 50) => apiGet<TransferPage>('/api/member-transfers', { ...f, offset, limit });
export const transferExportUrl = (f: TransferListFilter) => withQuery('/api/member-transfers/export.xlsx', { ...f });
export const issueTransfer = (body: TransferIssue) => apiPost<Transfer>('/api/member-transfers', body);
export const acceptTransfer = (t: Transfer, on?: string) => apiPost<Transfer>(`/api/member-transfers/${t.id}/accept`, { version: t.version, ...(on ? { on } : {}) });
export const closeTransfer = (t: Transfer, how: 'return' | 'revoke', reason: string) => apiPost<Transfer>(`/api/member-transfers/${t.id}/${how}`, { version: t.version, reason });
export const recordReceipt = (t: Transfer, receiptOn: string) => apiPost<Transfer>(`/api/member-transfers/${t.id}/receipt`, { version: t.version, receiptOn });
export const moveOrg = (body: OrgMove) => apiPost<OrgMoveResult>('/api/member-transfers/org-move', body);

export async function searchReceivers(q: string): Promise<PickOption[]> {
  const r = await apiGet<{ items: { id: string; name: string }[] }>('/api/member-transfers/receivers', { q });
  return r.items.map((o) => ({ value: o.id, label: o.name }));
}
export async function searchMyMembers(q: string): Promise<PickOption[]> {
  const r = await apiGet<MemberPage>('/api/members', { q, limit: 20 });
  return r.items.filter((m) => m.access === 'full').map((m) => ({ value: m.id, label: `${m.name}（${m.orgName ?? ''}）` }));
}

export const listDeclarations = (f: DeclarationFilter, offset = 0, limit = 50) => apiGet<DeclarationPage>('/api/member-declarations', { ...f, offset, limit });
export const declarationExportUrl = (f: DeclarationFilter) => withQuery('/api/member-declarations/export.xlsx', { ...f });
export const declare = (body: DeclarationCreate) => apiPost<Declaration>('/api/member-declarations', body);
export const getDeclaration = (id: string) => apiGet<Declaration>(`/api/member-declarations/${encodeURIComponent(id)}`);
export const confirmDeclaration = (d: Declaration, body: Omit<DeclarationConfirm, 'version'>) => apiPost<Declaration>(`/api/member-declarations/${d.id}/confirm`, { version: d.version, ...body });
export const rejectDeclaration = (d: Declaration, reason: string) => apiPost<Declaration>(`/api/member-declarations/${d.id}/reject`, { version: d.version, reason });
export async function searchDeclarableEnterprises(q: string): Promise<PickOption[]> {
  if (q.trim().length < 2) return [];
  const r = await apiGet<{ items: { id: string; name: string }[] }>('/api/member-declarations/enterprises', { q });
  return r.items.map((e) => ({ value: e.id, label: e.name }));
}

/** 流动党员 / 失联党员: the list (with findings), its export, and the form on the member page. */
export const listMobility = (f: MobilityFilter, cursor?: string | null) => apiGet<MobilityPage>('/api/member-mobility', { ...f, ...(cursor ? { cursor } : {}) });
export const mobilityExportUrl = (f: MobilityFilter) => withQuery('/api/member-mobility/export.xlsx', { ...f });
export const recordMobileReport = (memberId: string, body: MobileReport) => apiPost<{ id: string; version: number }>(`/api/members/${encodeURIComponent(memberId)}/mobile-reports`, body);
export const setMobility = (memberId: string, body: MemberMobility) => apiPost<{ id: string; version: number }>(`/api/members/${encodeURIComponent(memberId)}/mobility`, body);
export const memberStatusFindings = (memberId: string) => apiGet<MemberFindingPage>(`/api/members/${encodeURIComponent(memberId)}/status-findings`);
