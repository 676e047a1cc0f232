import type { Course, CourseListFilter, PersonTraining, Session, SessionListFilter, SessionPage, CoursePage, TrainingCandidates } from '../../contracts/training.js';
import type { Db, Executor } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { holdsAction, requireAction } from '../access/require.js';
import { scopeFor } from '../access/scope.js';
import { requireVisiblePerson } from '../person/person.access.js';
import { canManageCourse, canManageSession, requireManagedSession, requireVisibleCourse, requireVisibleSession } from './training.access.js';
import { toCourse, toSession, toSessionSummary } from './training.mapper.js';
import { trainingCandidates } from './training-people.repository.js';
import * as repo from './training.repository.js';

/** Reading training (docs/training.md): lists with their totals, a session with its attendance, a person's hours. */
export const manageScopeOf = (actor: Actor) => (holdsAction(actor, 'org.manage') ? scopeFor(actor, 'org.manage') : null);

export async function listCoursePage(db: Db, actor: Actor, f: CourseListFilter): Promise<CoursePage> {
  const scope = requireAction(actor, 'org.read');
  const rows = await repo.listCourses(db, scope, manageScopeOf(actor), f);
  return { items: rows.map(toCourse), total: rows.length };
}

export async function getCourseIn(db: Executor, actor: Actor, id: string): Promise<Course> {
  const { c } = await requireVisibleCourse(db, actor, id);
  return { ...toCourse(c), manageable: await canManageCourse(db, actor, id) };
}

export async function listSessionPage(db: Db, actor: Actor, f: SessionListFilter): Promise<SessionPage> {
  const scope = requireAction(actor, 'org.read');
  const items = (await repo.listSessions(db, scope, manageScopeOf(actor), f)).map(toSessionSummary);
  return { items, total: items.length, attendees: items.reduce((s, r) => s + r.attendees, 0), hoursCredited: items.reduce((s, r) => s + r.hoursCredited, 0) };
}

export async function getSessionIn(db: Executor, actor: Actor, id: string): Promise<Session> {
  const { s } = await requireVisibleSession(db, actor, id);
  const [attendance, manageable] = await Promise.all([repo.attendanceOf(db, id), canManageSession(db, actor, id)]);
  return toSession(s, attendance, manageable);
}

/** The people the attendance form offers for a session the caller manages, narrowed by the course's audience. */
export async function sessionCandidates(db: Db, actor: Actor, id: string, q: string | undefined): Promise<TrainingCandidates> {
  await requireManagedSession(db, actor, id);
  const { s } = await requireVisibleSession(db, actor, id);
  const rows = await trainingCandidates(db, actor, s.audience, q);
  return { items: rows.map((r) => ({ personId: r.person_id, name: r.name, role: r.role })), total: rows[0]?.total ?? 0 };
}

/** A person's training: every session attended, newest first, with the hours of each year. */
export async function personTraining(db: Db, actor: Actor, personId: string, year?: number): Promise<PersonTraining> {
  requireAction(actor, 'org.read');
  const p = await requireVisiblePerson(db, actor, personId);
  const all = await repo.historyOf(db, personId);
  const years = new Map<number, number>();
  for (const r of all) years.set(Number(r.held_on.slice(0, 4)), (years.get(Number(r.held_on.slice(0, 4))) ?? 0) + r.hours);
  const rows = year ? all.filter((r) => r.held_on.startsWith(`${year}-`)) : all;
  return {
    personId, name: p.name, total: rows.length, hours: rows.reduce((s, r) => s + r.hours, 0),
    byYear: [...years].sort((a, b) => b[0] - a[0]).map(([y, h]) => ({ year: y, hours: h })),
    items: rows.map((r) => ({ sessionId: r.session_id, courseTitle: r.course_title, audience: r.audience, heldOn: r.held_on, hours: r.hours, organiserName: r.organiser_name })),
  };
}
