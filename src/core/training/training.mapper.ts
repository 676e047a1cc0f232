import type { Course, Session, SessionSummary } from '../../contracts/training.js';
import type { AttendanceRow, CourseView, SessionView } from './training.repository.js';

/** Row → contract. `access` is how the reader sees it: by the organiser's own place, or only from below or through a link. */
const organiser = (r: { region_code: string | null; org_id: string | null; organiser_name: string }) => ({ regionCode: r.region_code, orgId: r.org_id, name: r.organiser_name });

export const toCourse = (r: CourseView): Course => ({
  id: r.id, title: r.title, audience: r.audience, hours: r.hours, organiser: organiser(r), sessions: r.sessions,
  access: r.owned ? 'full' : 'partial', manageable: r.manageable, version: r.version,
});

export const toSessionSummary = (r: SessionView): SessionSummary => ({
  id: r.id, courseId: r.course_id, courseTitle: r.course_title, audience: r.audience, heldOn: r.held_on, hours: r.hours, place: r.place,
  organiser: organiser(r), attendees: r.attendees, hoursCredited: r.hours_credited, access: r.owned ? 'full' : 'partial', version: r.version,
});

export const toSession = (r: SessionView, attendance: AttendanceRow[], manageable: boolean): Session => ({
  ...toSessionSummary(r), manageable, attendance: attendance.map((a) => ({ personId: a.person_id, name: a.name, hours: a.hours })),
});
