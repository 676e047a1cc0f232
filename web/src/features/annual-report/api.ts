import { apiGet, apiPost, apiPut } from '../../api/client';
import type { AnnualReport, ReportList, ReportListFilter, ReportReview, ReportSave, ReportSubmit } from '../../../../src/contracts/annual-report';
import type { AppraisalHistory, AppraisalMarkInput, AppraisalSheet } from '../../../../src/contracts/appraisal';
import type { AppraisalList, AppraisalListFilter } from '../../../../src/contracts/appraisal-list';

const org = (id: string) => `/api/party-orgs/${encodeURIComponent(id)}`;
export const getReport = (orgId: string, year: number) => apiGet<AnnualReport>(`${org(orgId)}/annual-report`, { year });
export const saveReport = (orgId: string, body: ReportSave) => apiPut<AnnualReport>(`${org(orgId)}/annual-report`, body);
export const submitReport = (orgId: string, body: ReportSubmit) => apiPost<AnnualReport>(`${org(orgId)}/annual-report/submit`, body);
export const reviewReport = (orgId: string, body: ReportReview) => apiPost<AnnualReport>(`${org(orgId)}/annual-report/review`, body);
export const reportFile = (orgId: string, year: number, format: 'docx' | 'pdf') => `${org(orgId)}/annual-report.${format}?year=${year}`;
export const listReports = (q: ReportListFilter, cursor?: string | null) => apiGet<ReportList>('/api/annual-reports', { ...q, ...(cursor ? { cursor } : {}) });
export const listExportUrl = (q: ReportListFilter) => `/api/annual-reports/export.xlsx?${new URLSearchParams(Object.entries(q).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])).toString()}`;

const subject = (kind: 'secretary' | 'instructor', id: string) => (kind === 'secretary' ? `${org(id)}/appraisal` : `/api/instructors/${encodeURIComponent(id)}/appraisal`);
export const getAppraisal = (kind: 'secretary' | 'instructor', id: string, year: number) => apiGet<AppraisalSheet>(subject(kind, id), { year });
export const markAppraisal = (kind: 'secretary' | 'instructor', id: string, body: AppraisalMarkInput) => apiPut<AppraisalSheet>(subject(kind, id), body);

export const personAppraisals = (personId: string) => apiGet<AppraisalHistory>(`/api/people/${encodeURIComponent(personId)}/appraisals`);
export const listAppraisals = (q: AppraisalListFilter, cursor?: string | null) => apiGet<AppraisalList>('/api/appraisals', { ...q, ...(cursor ? { cursor } : {}) });
export const appraisalExportUrl = (q: AppraisalListFilter) => `/api/appraisals/export.xlsx?${new URLSearchParams(Object.entries(q).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])).toString()}`;
