import { apiGet, apiPatch, apiPost, withQuery } from '../../api/client';
import type { IntervalEnd } from '../../../../src/contracts/party-org';
import type {
  Assignment, AssignmentAdd, Instructor, InstructorCreate, InstructorDetail, InstructorPage, InstructorUpdate, Visit, VisitAdd,
} from '../../../../src/contracts/instructor';

const at = (id: string) => `/api/instructors/${encodeURIComponent(id)}`;
export type InstructorFilters = { regionPrefix?: string; kind?: 'instructor' | 'liaison' };

export const listInstructors = (f: InstructorFilters, cursor?: string | null, limit = 100) => apiGet<InstructorPage>('/api/instructors', { ...f, cursor, limit });
export const instructorExportUrl = (f: InstructorFilters) => withQuery('/api/instructors/export.xlsx', f);
export const getInstructor = (id: string) => apiGet<InstructorDetail>(at(id));
export const createInstructor = (body: InstructorCreate) => apiPost<Instructor>('/api/instructors', body);
export const updateInstructor = (id: string, body: InstructorUpdate) => apiPatch<Instructor>(at(id), body);
export const assign = (id: string, body: AssignmentAdd) => apiPost<Assignment>(`${at(id)}/assignments`, body);
export const endAssignment = (id: string, assignmentId: string, body: IntervalEnd) => apiPost<unknown>(`${at(id)}/assignments/${assignmentId}/end`, body);
export const addVisit = (id: string, body: VisitAdd) => apiPost<Visit>(`${at(id)}/visits`, body);
