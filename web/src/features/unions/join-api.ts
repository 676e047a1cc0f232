import { apiGet, apiPatch, apiPost, withQuery } from '../../api/client';
import type {
  ApplicationAccept, ApplicationPage, ApplicationRefer, ApplicationReject, JoinLink, JoinLinkUpdate, UnionApplication,
} from '../../../../src/contracts/union-join';

/** 扫码入会 on the union page: the link, the poster, the queue and its decisions. */
const at = (id: string) => `/api/unions/${encodeURIComponent(id)}`;
export type ApplicationStatusFilter = 'pending' | 'accepted' | 'rejected' | 'merged' | undefined;

export const getJoinLink = (unionId: string) => apiGet<JoinLink>(`${at(unionId)}/join-link`);
export const updateJoinLink = (unionId: string, body: JoinLinkUpdate) => apiPatch<JoinLink>(`${at(unionId)}/join-link`, body);
export const regenerateJoinLink = (unionId: string, version: number) => apiPost<JoinLink>(`${at(unionId)}/join-link/regenerate`, { version });
export const posterUrl = (unionId: string) => `${at(unionId)}/poster.pdf`;
export const listApplications = (unionId: string, status: ApplicationStatusFilter, cursor?: string | null, limit = 20) =>
  apiGet<ApplicationPage>(`${at(unionId)}/applications`, { status, cursor, limit });
export const applicationExportUrl = (unionId: string, status: ApplicationStatusFilter) => withQuery(`${at(unionId)}/applications/export.xlsx`, { status });
export const acceptApplication = (id: string, body: ApplicationAccept) => apiPost<UnionApplication>(`/api/union-applications/${id}/accept`, body);
export const rejectApplication = (id: string, body: ApplicationReject) => apiPost<UnionApplication>(`/api/union-applications/${id}/reject`, body);
export const referApplication = (id: string, body: ApplicationRefer) => apiPost<UnionApplication>(`/api/union-applications/${id}/refer`, body);
