import { apiGet, apiPatch, apiPost, withQuery } from '../../api/client';
import type {
  Coverage, CoverageAdd, IntervalEnd, PartyOrg, PartyOrgAdjust, PartyOrgCreate, PartyOrgDetail, PartyOrgDissolve, PartyOrgPage,
  PartyOrgReelect, PartyOrgRosterSince, Position, PositionAppoint,
} from '../../../../src/contracts/party-org';
import type { EnterpriseCoverage } from '../../../../src/contracts/coverage';
import type { PartyOrgMerge, PartyOrgMergeResult } from '../../../../src/contracts/party-org-merger';

const at = (id: string) => `/api/party-orgs/${encodeURIComponent(id)}`;

export type OrgListFilters = { regionPrefix?: string; parentId?: string; status?: 'active' | 'dissolved'; q?: string };

export const listOrgs = (filters: OrgListFilters, cursor?: string | null, limit = 100) =>
  apiGet<PartyOrgPage>('/api/party-orgs', { ...filters, cursor, limit });
/** The same filter as XLSX, every page (`GET /api/party-orgs/export.xlsx`). */
export const orgExportUrl = (filters: OrgListFilters) => withQuery('/api/party-orgs/export.xlsx', filters);
export const getOrg = (id: string) => apiGet<PartyOrgDetail>(at(id));
export const createOrg = (body: PartyOrgCreate) => apiPost<PartyOrg>('/api/party-orgs', body);
export const adjustOrg = (id: string, body: PartyOrgAdjust) => apiPatch<PartyOrg>(at(id), body);
export const reelectOrg = (id: string, body: PartyOrgReelect) => apiPost<PartyOrg>(`${at(id)}/reelect`, body);
export const setRosterSince = (id: string, body: PartyOrgRosterSince) => apiPost<PartyOrg>(`${at(id)}/roster-since`, body);
export const dissolveOrg = (id: string, body: PartyOrgDissolve) => apiPost<PartyOrg>(`${at(id)}/dissolve`, body);
export const mergeOrg = (id: string, body: PartyOrgMerge) => apiPost<PartyOrgMergeResult>(`${at(id)}/merge`, body);
export const addOrgCoverage = (id: string, body: CoverageAdd) => apiPost<Coverage>(`${at(id)}/coverage`, body);
export const endOrgCoverage = (id: string, coverageId: string, body: IntervalEnd) => apiPost<unknown>(`${at(id)}/coverage/${coverageId}/end`, body);
export const appointPosition = (id: string, body: PositionAppoint) => apiPost<Position>(`${at(id)}/positions`, body);
export const endPosition = (id: string, positionId: string, body: IntervalEnd) => apiPost<unknown>(`${at(id)}/positions/${positionId}/end`, body);

export const getEnterpriseCoverage = (id: string) => apiGet<EnterpriseCoverage>(`/api/enterprises/${encodeURIComponent(id)}/coverage`);

export type PickOption = { value: string; label: string };

/** Enterprise search for pickers (name, initials or credit code), scoped by the server. */
export async function searchEnterprises(q: string): Promise<PickOption[]> {
  const page = await apiGet<{ items: { id: string; name: string; creditCode: string }[] }>('/api/enterprises', { q, limit: 20 });
  return page.items.map((e) => ({ value: e.id, label: `${e.name}（${e.creditCode}）` }));
}

/** Person search by name for appointments and organisers. */
export async function searchPeople(name: string): Promise<PickOption[]> {
  // Masked ID numbers and birth dates are not shown here: the masked number's last digits tell namesakes apart.
  const page = await apiGet<{ items: { id: string; name: string; idNumber: string | null; phone: string | null }[] }>('/api/people', { name, limit: 20 });
  return page.items.map((p) => {
    const hint = p.idNumber ? `证件尾号 ${p.idNumber.slice(-4)}` : p.phone ? `电话尾号 ${p.phone.slice(-4)}` : null;
    return { value: p.id, label: hint ? `${p.name}（${hint}）` : p.name };
  });
}

/** Active organisations by name for pickers (合并到…), scoped by the server; `except` is left out (the organisation itself). */
export async function searchOrgs(q: string, except?: string): Promise<PickOption[]> {
  const page = await listOrgs({ q, status: 'active' }, null, 20);
  return page.items.filter((o) => o.id !== except).map((o) => ({ value: o.id, label: o.name }));
}
