import { apiGet, apiPatch, apiPost, withQuery } from '../../api/client';
import type { IntervalEnd } from '../../../../src/contracts/party-org';
import type {
  Congress, CongressAdd, Contract, ContractAdd, Union, UnionCoverage, UnionCoverageAdd, UnionCreate, UnionDetail, UnionDissolve, UnionPage, UnionUpdate,
} from '../../../../src/contracts/union';

const at = (id: string) => `/api/unions/${encodeURIComponent(id)}`;
export type UnionFilters = { regionPrefix?: string; status?: 'active' | 'dissolved'; q?: string };

export const listUnions = (f: UnionFilters, cursor?: string | null, limit = 100) => apiGet<UnionPage>('/api/unions', { ...f, cursor, limit });
export const unionExportUrl = (f: UnionFilters) => withQuery('/api/unions/export.xlsx', f);
export const getUnion = (id: string) => apiGet<UnionDetail>(at(id));
export const createUnion = (body: UnionCreate) => apiPost<Union>('/api/unions', body);
export const updateUnion = (id: string, body: UnionUpdate) => apiPatch<Union>(at(id), body);
export const dissolveUnion = (id: string, body: UnionDissolve) => apiPost<Union>(`${at(id)}/dissolve`, body);
export const addUnionCoverage = (id: string, body: UnionCoverageAdd) => apiPost<UnionCoverage>(`${at(id)}/coverage`, body);
export const endUnionCoverage = (id: string, coverageId: string, body: IntervalEnd) => apiPost<unknown>(`${at(id)}/coverage/${coverageId}/end`, body);
export const addCongress = (id: string, body: CongressAdd) => apiPost<Congress>(`${at(id)}/congresses`, body);
export const addContract = (id: string, body: ContractAdd) => apiPost<Contract>(`${at(id)}/contracts`, body);
