import { apiDelete, apiGet, apiPost, apiPut, uploadForm } from '../../api/client';
import type { AttendanceImportResult, Course, CourseInput, CoursePage, PersonTraining, Session, SessionInput, SessionPage, TrainingCandidates } from '../../../../src/contracts/training';
import type { SecretaryCandidates, Talent, TalentInput, TalentPage, PlacementInput } from '../../../../src/contracts/reserve-pool';
import type { OrgSupport, SupportOrgs, SupportRollup } from '../../../../src/contracts/support';
import type { TrainingSettings, TrainingSettingsInput } from '../../../../src/contracts/training-settings';

export const listCourses = () => apiGet<CoursePage>('/api/training/courses');
export const createCourse = (b: CourseInput) => apiPost<Course>('/api/training/courses', b);
export const listSessions = (year: number) => apiGet<SessionPage>('/api/training/sessions', { year });
export const createSession = (b: SessionInput) => apiPost<Session>('/api/training/sessions', b);
export const getSession = (id: string) => apiGet<Session>(`/api/training/sessions/${encodeURIComponent(id)}`);
export const getCandidates = (id: string, q?: string) => apiGet<TrainingCandidates>(`/api/training/sessions/${encodeURIComponent(id)}/candidates`, { q });
export const saveAttendance = (id: string, version: number, attendees: Array<{ personId: string; hours: number }>) =>
  apiPut<Session>(`/api/training/sessions/${encodeURIComponent(id)}/attendance`, { version, attendees });
export const deleteCourse = (id: string, version: number) => apiDelete<void>(`/api/training/courses/${encodeURIComponent(id)}?version=${version}`);
export const deleteSession = (id: string, version: number) => apiDelete<void>(`/api/training/sessions/${encodeURIComponent(id)}?version=${version}`);
export const attendanceTemplateUrl = '/api/imports/training-attendance/template.xlsx';
export const attendanceErrorReportUrl = (importId: string) => `/api/imports/training-attendance/${encodeURIComponent(importId)}/errors.xlsx`;
export const importAttendance = (id: string, version: number, file: File, dryRun: boolean, onProgress: (f: number) => void) => {
  const form = new FormData();
  form.append('version', String(version));
  form.append('dryRun', String(dryRun));
  form.append('file', file);
  return uploadForm<AttendanceImportResult>(`/api/training/sessions/${encodeURIComponent(id)}/attendance/import`, form, onProgress);
};
export const getTrainingSettings = () => apiGet<TrainingSettings>('/api/training/settings');
export const saveTrainingSettings = (b: TrainingSettingsInput) => apiPut<TrainingSettings>('/api/training/settings', b);
export const getPersonTraining = (id: string) => apiGet<PersonTraining>(`/api/people/${encodeURIComponent(id)}/training`);

export const listTalents = (q?: string) => apiGet<TalentPage>('/api/reserve-pool', { q });
export const createTalent = (b: TalentInput) => apiPost<Talent>('/api/reserve-pool', b);
export const placeTalent = (id: string, b: PlacementInput) => apiPost<Talent>(`/api/reserve-pool/${encodeURIComponent(id)}/placements`, b);
export const getReserveCandidates = (orgId: string) => apiGet<SecretaryCandidates>(`/api/party-orgs/${encodeURIComponent(orgId)}/reserve-candidates`);

export const getOrgSupport = (orgId: string, year: number) => apiGet<OrgSupport>(`/api/party-orgs/${encodeURIComponent(orgId)}/support`, { year });
export const addFunding = (orgId: string, b: { givenOn: string; amountFen: number; source: string; purpose: string }) => apiPost<OrgSupport>(`/api/party-orgs/${encodeURIComponent(orgId)}/support/funding`, b);
export const addSite = (orgId: string, year: number, b: { address: string; areaM2: number; shared: boolean }) => apiPost<OrgSupport>(`/api/party-orgs/${encodeURIComponent(orgId)}/support/sites?year=${year}`, b);
export const reportExpense = (orgId: string, b: { year: number; payrollFen: number; amountFen: number; version?: number }) => apiPut<OrgSupport>(`/api/party-orgs/${encodeURIComponent(orgId)}/support/expense`, b);
export const deleteFunding = (orgId: string, id: string, version: number) => apiDelete<OrgSupport>(`/api/party-orgs/${encodeURIComponent(orgId)}/support/funding/${encodeURIComponent(id)}?version=${version}`);
export const deleteSite = (orgId: string, id: string, version: number, year: number) => apiDelete<OrgSupport>(`/api/party-orgs/${encodeURIComponent(orgId)}/support/sites/${encodeURIComponent(id)}?version=${version}&year=${year}`);
export const getSupportRollup = (year: number, level: 'street' | 'district') => apiGet<SupportRollup>('/api/support/rollup', { year, level });
export const getSupportOrgs = (year: number, region?: string) => apiGet<SupportOrgs>('/api/support/orgs', { year, region });

export const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
