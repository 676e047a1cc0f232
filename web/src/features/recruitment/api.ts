import { apiGet, apiPost, apiPut, withQuery } from '../../api/client';
import type { RecruitmentSettings, RecruitmentSettingsInput } from '../../../../src/contracts/recruitment-settings';
import type { MemberPage } from '../../../../src/contracts/member';
import type { PartyOrgPage } from '../../../../src/contracts/party-org';
import type {
  RecruitmentCase, RecruitmentCreate, RecruitmentFindingPage, RecruitmentListFilter, RecruitmentPage, RecruitmentStepInput,
} from '../../../../src/contracts/recruitment';
import type { PickOption } from '../orgs/api';

const at = (id: string) => `/api/recruitment/${encodeURIComponent(id)}`;

export const listCases = (f: RecruitmentListFilter, cursor?: string | null, limit = 50) => apiGet<RecruitmentPage>('/api/recruitment', { ...f, cursor, limit });
export const caseExportUrl = (f: RecruitmentListFilter) => withQuery('/api/recruitment/export.xlsx', f);
export const getCase = (id: string) => apiGet<RecruitmentCase>(at(id));
export const openCase = (body: RecruitmentCreate) => apiPost<RecruitmentCase>('/api/recruitment', body);
export const recordStep = (id: string, body: RecruitmentStepInput) => apiPost<RecruitmentCase>(`${at(id)}/steps`, body);
export const getSettings = () => apiGet<RecruitmentSettings>('/api/recruitment-settings');
export const saveSettings = (body: RecruitmentSettingsInput) => apiPut<RecruitmentSettings>('/api/recruitment-settings', body);
export const listFindings = (orgId?: string) => apiGet<RecruitmentFindingPage>('/api/recruitment-findings', { orgId });

/** Full members the caller sees (培养联系人, 入党介绍人); probationary members are not offered (the server refuses them too). */
export async function searchFullMembers(q: string): Promise<PickOption[]> {
  const r = await apiGet<MemberPage>('/api/members', { q, category: 'full', limit: 20 });
  return r.items.map((m) => ({ value: m.id, label: `${m.name}（${m.orgName ?? '其他单位'}）` }));
}

/** 党委 the caller sees, for the approval (a 党总支 or 党支部 cannot approve). */
export async function searchCommittees(q: string): Promise<PickOption[]> {
  const page = await apiGet<PartyOrgPage>('/api/party-orgs', { q, status: 'active', limit: 50 });
  return page.items.filter((o) => o.orgType === 'committee').map((o) => ({ value: o.id, label: o.name }));
}
