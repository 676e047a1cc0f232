import { apiGet, apiPost, apiPut, uploadForm } from '../../api/client';
import type { Assessment, AssessmentCreate, EvidenceInput, OrgStandards, ReviewInput, ReviewList, ReviewListQuery, StandardsRollup } from '../../../../src/contracts/standards';

export const getOrgStandards = (kind: 'party-orgs' | 'unions', id: string, year: number) => apiGet<OrgStandards>(`/api/${kind}/${encodeURIComponent(id)}/standards`, { year });
export const createAssessment = (body: AssessmentCreate) => apiPost<Assessment>('/api/standards/assessments', body);
export const getAssessment = (id: string) => apiGet<Assessment>(`/api/standards/assessments/${encodeURIComponent(id)}`);
export const setEvidence = (id: string, key: string, body: EvidenceInput) => apiPut<Assessment>(`/api/standards/assessments/${encodeURIComponent(id)}/items/${key}`, body);
export const submitAssessment = (id: string, version: number) => apiPost<Assessment>(`/api/standards/assessments/${encodeURIComponent(id)}/submit`, { version });
export const reviewAssessment = (id: string, body: ReviewInput) => apiPost<Assessment>(`/api/standards/assessments/${encodeURIComponent(id)}/reviews`, body);
export const listReviews = (q: Partial<ReviewListQuery> & { year: number }) => apiGet<ReviewList>('/api/standards/reviews', q);
export const getRollup = (year: number, templateId?: string) => apiGet<StandardsRollup>('/api/standards/rollup', { year, templateId });

export function uploadEvidence(id: string, key: string, version: number, file: Blob, name: string) {
  const form = new FormData();
  form.append('version', String(version));
  form.append('file', file, name);
  return uploadForm<Assessment>(`/api/standards/assessments/${encodeURIComponent(id)}/items/${key}/file`, form, () => undefined);
}
