import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { CourseListFilter, SessionListFilter } from '../../contracts/training.js';
import type { Executor } from '../../db/schema.js';
import type { TrainingCourseTable, TrainingSessionTable } from '../../db/tables/training.js';
import { NEXT_VERSION } from '../../db/versioned.js';
import { asColumn } from '../access/party-org-scope.js';
import type { Scope } from '../access/scope.js';
import { organisedOwnedSql, organisedVisibleSql } from '../access/training-scope.js';

/** SQL for training courses, sessions and attendance. Every read of a course or session takes the reader's Scope (training.access.ts). */
export type CourseRow = Selectable<TrainingCourseTable>;
export type SessionRow = Selectable<TrainingSessionTable>;
type Organised = { organiser_name: string; owned: boolean; manageable: boolean };
/** The manage action's scope when the reader holds it (the list's `manageable`), else null. */
export type ManageScope = Scope | null;
const manageCol = (m: ManageScope | undefined, alias: string) => asColumn(m ? organisedOwnedSql(m, alias) : sql<boolean>`FALSE`);
export type CourseView = CourseRow & Organised & { sessions: number };
export type SessionView = SessionRow & Organised & { course_title: string; audience: CourseRow['audience']; attendees: number; hours_credited: number };
export type AttendanceRow = { session_id: string; person_id: string; name: string; hours: number };

const organiserName = (alias: string) =>
  sql<string>`coalesce((SELECT name FROM party_org WHERE id = ${sql.ref(`${alias}.org_id`)}), (SELECT name FROM region WHERE code = ${sql.ref(`${alias}.region_code`)}), '')`;

const courseView = (db: Executor, scope: Scope, m?: ManageScope) => db.selectFrom('training_course as c').selectAll('c')
  .select(organiserName('c').as('organiser_name')).select(manageCol(m, 'c').as('manageable'))
  .select(asColumn(organisedOwnedSql(scope, 'c')).as('owned'))
  .select(sql<number>`(SELECT count(*)::int FROM training_session s WHERE s.course_id = c.id)`.as('sessions'));

export async function findCourse(db: Executor, scope: Scope, id: string, mode: 'owned' | 'visible' = 'visible'): Promise<CourseView | undefined> {
  const where = mode === 'owned' ? organisedOwnedSql(scope, 'c') : organisedVisibleSql(scope, 'c');
  return courseView(db, scope).where('c.id', '=', id).where(where).executeTakeFirst() as Promise<CourseView | undefined>;
}

const like = (q: string) => `%${q.replace(/[%_\\]/g, (ch) => '\\' + ch)}%`;

export async function listCourses(db: Executor, scope: Scope, m: ManageScope, f: CourseListFilter, limit = 5000): Promise<CourseView[]> {
  let q = courseView(db, scope, m).where(organisedVisibleSql(scope, 'c'));
  if (f.audience) q = q.where('c.audience', '=', f.audience);
  if (f.q) q = q.where('c.title', 'like', like(f.q));
  return q.orderBy('c.id', 'desc').limit(limit).execute() as Promise<CourseView[]>;
}

export const insertCourse = (tx: Executor, row: Insertable<TrainingCourseTable>) => tx.insertInto('training_course').values(row).returningAll().executeTakeFirstOrThrow();
export const lockCourse = (tx: Executor, id: string) => tx.selectFrom('training_course').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
export const updateCourse = (tx: Executor, id: string, version: number, set: Updateable<TrainingCourseTable>) =>
  tx.updateTable('training_course').set({ ...set, ...NEXT_VERSION }).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();

const sessionView = (db: Executor, scope: Scope, m?: ManageScope) => db.selectFrom('training_session as s').innerJoin('training_course as c', 'c.id', 's.course_id')
  .selectAll('s').select(['c.title as course_title', 'c.audience']).select(manageCol(m, 's').as('manageable'))
  .select(organiserName('s').as('organiser_name'))
  .select(asColumn(organisedOwnedSql(scope, 's')).as('owned'))
  .select(sql<number>`(SELECT count(*)::int FROM training_attendance a WHERE a.session_id = s.id)`.as('attendees'))
  .select(sql<number>`(SELECT coalesce(sum(a.hours), 0)::int FROM training_attendance a WHERE a.session_id = s.id)`.as('hours_credited'));

export async function findSession(db: Executor, scope: Scope, id: string, mode: 'owned' | 'visible' = 'visible'): Promise<SessionView | undefined> {
  const where = mode === 'owned' ? organisedOwnedSql(scope, 's') : organisedVisibleSql(scope, 's');
  return sessionView(db, scope).where('s.id', '=', id).where(where).executeTakeFirst() as Promise<SessionView | undefined>;
}

/** Sessions the scope sees, newest first (a district's year of training is small). */
export async function listSessions(db: Executor, scope: Scope, m: ManageScope, f: SessionListFilter, limit = 10000): Promise<SessionView[]> {
  let q = sessionView(db, scope, m).where(organisedVisibleSql(scope, 's'));
  if (f.year) q = q.where('s.held_on', '>=', `${f.year}-01-01`).where('s.held_on', '<=', `${f.year}-12-31`);
  if (f.courseId) q = q.where('s.course_id', '=', f.courseId);
  if (f.audience) q = q.where('c.audience', '=', f.audience);
  return q.orderBy('s.held_on', 'desc').orderBy('s.id', 'desc').limit(limit).execute() as Promise<SessionView[]>;
}

export const insertSession = (tx: Executor, row: Insertable<TrainingSessionTable>) => tx.insertInto('training_session').values(row).returningAll().executeTakeFirstOrThrow();
export const lockSession = (tx: Executor, id: string) => tx.selectFrom('training_session').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
export const updateSession = (tx: Executor, id: string, version: number, set: Updateable<TrainingSessionTable>) =>
  tx.updateTable('training_session').set({ ...set, ...NEXT_VERSION }).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();

export async function attendanceOf(db: Executor, sessionId: string): Promise<AttendanceRow[]> {
  return db.selectFrom('training_attendance as a').innerJoin('person as p', 'p.id', 'a.person_id')
    .select(['a.session_id', 'a.person_id', 'p.name', 'a.hours']).where('a.session_id', '=', sessionId).orderBy('p.name').orderBy('a.person_id').execute();
}

export async function replaceAttendance(tx: Executor, sessionId: string, list: Array<{ person_id: string; hours: number }>): Promise<void> {
  await tx.deleteFrom('training_attendance').where('session_id', '=', sessionId).execute();
  if (list.length) await tx.insertInto('training_attendance').values(list.map((a) => ({ session_id: sessionId, ...a }))).execute();
}

/** Every session a person attended (the history is the person's; the reader sees the person). */
export async function historyOf(db: Executor, personId: string) {
  return db.selectFrom('training_attendance as a').innerJoin('training_session as s', 's.id', 'a.session_id').innerJoin('training_course as c', 'c.id', 's.course_id')
    .select(['a.session_id', 'c.title as course_title', 'c.audience', 's.held_on', 'a.hours']).select(organiserName('s').as('organiser_name'))
    .where('a.person_id', '=', personId).orderBy('s.held_on', 'desc').orderBy('s.id', 'desc').execute();
}

/** Hours per person in a year (the secretary finding), for a batch of people. */
export async function hoursInYear(db: Executor, personIds: string[], year: number, to: string): Promise<Map<string, number>> {
  if (!personIds.length) return new Map();
  const rows = await db.selectFrom('training_attendance as a').innerJoin('training_session as s', 's.id', 'a.session_id')
    .select(['a.person_id']).select(sql<number>`sum(a.hours)::int`.as('hours'))
    .where('a.person_id', 'in', personIds).where('s.held_on', '>=', `${year}-01-01`).where('s.held_on', '<=', to)
    .groupBy('a.person_id').execute();
  return new Map(rows.map((r) => [r.person_id, r.hours]));
}

/** Deletes (the service has checked the version under the row lock and audits the before-image). */
export async function deleteSession(tx: Executor, id: string, version: number): Promise<boolean> {
  await tx.deleteFrom('training_attendance').where('session_id', '=', id).execute();
  return Number((await tx.deleteFrom('training_session').where('id', '=', id).where('version', '=', version).executeTakeFirst()).numDeletedRows) > 0;
}
export const sessionCountOf = async (tx: Executor, courseId: string) =>
  Number((await tx.selectFrom('training_session').select(sql<number>`count(*)::int`.as('n')).where('course_id', '=', courseId).executeTakeFirstOrThrow()).n);
export async function deleteCourse(tx: Executor, id: string, version: number): Promise<boolean> {
  return Number((await tx.deleteFrom('training_course').where('id', '=', id).where('version', '=', version).executeTakeFirst()).numDeletedRows) > 0;
}
