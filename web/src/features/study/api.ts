import { apiDelete, apiGet, apiPost, apiPut, uploadForm, withQuery } from '../../api/client';
import type { StudyListFilter, StudyMaterial, StudyMaterialInput, StudyMaterialPage, StudyMaterialUpdate } from '../../../../src/contracts/study';

/** 学习 (docs/study.md): the library, one material, publishing, files and the reader's own 已学 mark. */
export const listStudy = (f: StudyListFilter) => apiGet<StudyMaterialPage>('/api/study/materials', { ...f });
export const studyExportUrl = (f: StudyListFilter) => withQuery('/api/study/materials/export.xlsx', { ...f });
export const getStudy = (id: string) => apiGet<StudyMaterial>(`/api/study/materials/${encodeURIComponent(id)}`);
export const publishStudy = (body: StudyMaterialInput) => apiPost<StudyMaterial>('/api/study/materials', body);
export const updateStudy = (id: string, body: StudyMaterialUpdate) => apiPut<StudyMaterial>(`/api/study/materials/${encodeURIComponent(id)}`, body);
export const markStudy = (id: string, learned: boolean) => apiPut<StudyMaterial>(`/api/study/materials/${encodeURIComponent(id)}/learned`, { learned });
export const uploadStudyFile = (id: string, file: File, onProgress: (f: number) => void) => {
  const form = new FormData();
  form.append('file', file);
  return uploadForm<{ id: string }>(`/api/study/materials/${encodeURIComponent(id)}/attachments`, form, onProgress);
};
export const removeStudyFile = (id: string, fileId: string, version: number) =>
  apiDelete<void>(`/api/study/materials/${encodeURIComponent(id)}/attachments/${encodeURIComponent(fileId)}?version=${version}`);
