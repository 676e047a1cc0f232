import { apiGet, apiPost, download, withQuery } from '../../api/client';
import type {
  CommitteeGapPage, MediationBodyDetail, MediationCase, MediationCaseClose, MediationCaseDetail, MediationCasePage, MediationStats,
  MediationBodyPage, DocumentKind,
} from '../../../../src/contracts/mediation';

/** 劳动争议调解 (docs/unions.md "劳动争议调解"): the district page, the drill-down, a case and its documents. */
export type { MediationBodyDetail, MediationCase, MediationCaseDetail, MediationCasePage, MediationStats, CommitteeGapPage, MediationBodyPage };
export type CasesPick = { filter: Record<string, string>; title: string };

const safe = (s: string) => s.replace(/[\\/:*?"<>|]/g, '-');
export const getStats = (regionPrefix?: string) => apiGet<MediationStats>('/api/mediation/stats', { regionPrefix });
export const getCases = (p: CasesPick, cursor?: string) => apiGet<MediationCasePage>('/api/mediation/cases', { ...p.filter, cursor, limit: 50 });
export const downloadCases = (p: CasesPick) => download(withQuery('/api/mediation/cases/export.xlsx', p.filter), `${safe(p.title)}.xlsx`);
export const getGaps = (regionPrefix?: string) => apiGet<CommitteeGapPage>('/api/mediation/committee-gaps', { regionPrefix, limit: 200 });
export const downloadGaps = (regionPrefix?: string) => download(withQuery('/api/mediation/committee-gaps/export.xlsx', { regionPrefix }), '未设调解委员会的大中型企业.xlsx');
export const getBodies = (q: { unionId?: string; enterpriseId?: string }) => apiGet<MediationBodyPage>('/api/mediation/bodies', q);
export const getBody = (id: string) => apiGet<MediationBodyDetail>(`/api/mediation/bodies/${encodeURIComponent(id)}`);
export const getCase = (id: string) => apiGet<MediationCaseDetail>(`/api/mediation/cases/${encodeURIComponent(id)}`);
export const startCase = (id: string, body: { version: number; on: string }) => apiPost<MediationCase>(`/api/mediation/cases/${encodeURIComponent(id)}/start`, body);
export const closeCase = (id: string, body: MediationCaseClose) => apiPost<MediationCase>(`/api/mediation/cases/${encodeURIComponent(id)}/close`, body);
export const DOCUMENTS: Array<{ kind: DocumentKind; label: string }> = [
  { kind: 'acceptance', label: '受理通知书' }, { kind: 'agreement', label: '调解协议书' }, { kind: 'termination', label: '终止调解通知书' },
];
export const downloadDocument = (c: MediationCase, kind: DocumentKind, label: string) =>
  download(`/api/mediation/cases/${encodeURIComponent(c.id)}/documents/${kind}`, `${label}-${safe(c.caseNumber)}.docx`);
