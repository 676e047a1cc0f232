import { apiDelete, apiGet, apiPost, apiPut } from '../../api/client';
import type { LifeCalendarView, Meeting, MeetingInput, MeetingPage, MeetingRoster, MeetingUpdate } from '../../../../src/contracts/life';

export const getCalendar = (orgId: string, year: number) => apiGet<LifeCalendarView>(`/api/party-orgs/${encodeURIComponent(orgId)}/life`, { year });
export const listMeetings = (orgId: string, year: number) => apiGet<MeetingPage>('/api/meetings', { orgId, year });
export const getRoster = (orgId: string) => apiGet<MeetingRoster>('/api/meetings/roster', { orgId });
export const createMeeting = (body: MeetingInput) => apiPost<Meeting>('/api/meetings', body);
export const getMeeting = (id: string) => apiGet<Meeting>(`/api/meetings/${encodeURIComponent(id)}`);
export const updateMeeting = (id: string, body: MeetingUpdate) => apiPut<Meeting>(`/api/meetings/${encodeURIComponent(id)}`, body);
export const deleteMeeting = (id: string, version: number) => apiDelete<void>(`/api/meetings/${encodeURIComponent(id)}?version=${version}`);
