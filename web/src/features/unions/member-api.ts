import { apiGet, apiPatch, apiPost, apiPut, uploadForm, withQuery } from '../../api/client';
import type { Union } from '../../../../src/contracts/union';
import type {
  UnionMemberAdd, UnionMemberImportResult, UnionMemberPage, UnionMemberResult, UnionMemberStatusChange, UnionMemberUpdate,
} from '../../../../src/contracts/union-member';

/** 会员实名制 on the union page (docs/unions.md, "会员实名制"). */
const at = (id: string) => `/api/unions/${encodeURIComponent(id)}`;
export type MemberFilter = { status?: string; dispatched?: string; q?: string };

export const listMembers = (unionId: string, f: MemberFilter, cursor?: string | null, limit = 50) =>
  apiGet<UnionMemberPage>(`${at(unionId)}/members`, { ...f, cursor, limit });
export const memberExportUrl = (unionId: string, f: MemberFilter) => withQuery(`${at(unionId)}/members/export.xlsx`, f);
export const addMember = (unionId: string, body: UnionMemberAdd) => apiPost<UnionMemberResult>(`${at(unionId)}/members`, body);
export const updateMember = (id: string, body: UnionMemberUpdate) => apiPatch<UnionMemberResult>(`/api/union-members/${id}`, body);
export const changeMemberStatus = (id: string, body: UnionMemberStatusChange) => apiPost<UnionMemberResult>(`/api/union-members/${id}/status`, body);
export const setRosterSince = (unionId: string, version: number, rosterSince: string) => apiPut<Union>(`${at(unionId)}/roster-since`, { version, rosterSince });
export const templateUrl = '/api/imports/union-members/template.xlsx';
export const errorReportUrl = (importId: string) => `/api/imports/union-members/${importId}/errors.xlsx`;
export const importMembers = (unionId: string, file: File, dryRun: boolean, onProgress: (f: number) => void) => {
  const form = new FormData();
  form.append('dryRun', String(dryRun));
  form.append('file', file);
  return uploadForm<UnionMemberImportResult>(`${at(unionId)}/members/import`, form, onProgress);
};
