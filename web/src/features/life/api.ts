import { apiGet, apiPost } from '../../api/client';
import type { LifeCalendarView, Meeting, MeetingInput, MeetingPage, MeetingRoster } from '../../../../src/contracts/life';

export const getCalendar = (orgId: string, year: number) => apiGet<LifeCalendarView>(`/api/party-orgs/${encodeURIComponent(orgId)}/life`, { year });
export const listMeetings = (orgId: string, year: number) => apiGet<MeetingPage>('/api/meetings', { orgId, year });
export const getRoster = (orgId: string) => apiGet<MeetingRoster>('/api/meetings/roster', { orgId });
export const createMeeting = (body: MeetingInput) => apiPost<Meeting>('/api/meetings', body);
