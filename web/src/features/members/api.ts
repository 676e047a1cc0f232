import { apiGet, apiPatch, apiPost, withQuery } from '../../api/client';
import type { HistoryPage } from '../../../../src/contracts/history';
import type {
  MemberConfirm, MemberCreate, MemberDetail, MemberListFilter, MemberPage, MemberStatusChange, MemberUpdate,
} from '../../../../src/contracts/member';
import type { PersonOut } from '../../../../src/contracts/person';
import type { PickOption } from '../orgs/api';

const at = (id: string) => `/api/members/${encodeURIComponent(id)}`;

export const listMembers = (f: MemberListFilter, cursor?: string | null, limit = 50) => apiGet<MemberPage>('/api/members', { ...f, cursor, limit });
export const memberExportUrl = (f: MemberListFilter) => withQuery('/api/members/export.xlsx', f);
export const getMember = (id: string) => apiGet<MemberDetail>(at(id));
export const getMemberHistory = (id: string, cursor?: string | null) => apiGet<HistoryPage>(`${at(id)}/history`, { cursor, limit: 50 });
export const addMember = (body: MemberCreate) => apiPost<MemberDetail>('/api/members', body);
export const editMember = (id: string, body: MemberUpdate) => apiPatch<MemberDetail>(at(id), body);
export const confirmMember = (id: string, body: MemberConfirm) => apiPost<MemberDetail>(`${at(id)}/confirm`, body);
export const changeMemberStatus = (id: string, body: MemberStatusChange) => apiPost<MemberDetail>(`${at(id)}/status`, body);
/** The people route's audited reveal: the full ID number, for holders of 查看个人敏感信息. */
export const revealPerson = (personId: string) => apiGet<PersonOut>(`/api/people/${encodeURIComponent(personId)}`, { reveal: 1 });

/** Organisations the caller may see, for the roster's organisation picker. */
export async function searchOrgs(q: string): Promise<PickOption[]> {
  const page = await apiGet<{ items: { id: string; name: string }[] }>('/api/party-orgs', { q, status: 'active', limit: 20 });
  return page.items.map((o) => ({ value: o.id, label: o.name }));
}
