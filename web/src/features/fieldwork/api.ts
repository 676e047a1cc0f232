import { apiGet, apiPost } from '../../api/client';
import type { FieldVisit, FieldVisitAdd, MyAssignments, VisitPage } from '../../../../src/contracts/fieldwork';

export const getMyAssignments = () => apiGet<MyAssignments>('/api/fieldwork/assignments');
export const logVisit = (body: FieldVisitAdd) => apiPost<FieldVisit>('/api/fieldwork/visits', body);
export const getMyVisits = (cursor?: string) => apiGet<VisitPage>('/api/fieldwork/visits', { cursor, limit: 50 });
export const MY_VISITS_XLSX = '/api/fieldwork/visits.xlsx';
export const getEnterpriseVisits = (id: string, cursor?: string) => apiGet<VisitPage>(`/api/enterprises/${id}/visits`, { cursor, limit: 20 });
