import type { AttendanceInput, Course, CourseInput, CourseUpdate, Session, SessionInput, SessionUpdate } from '../../contracts/training.js';
import type { Db, Executor } from '../../db/schema.js';
import { AppError, notFound } from '../../domain/errors.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { regionInScope } from '../access/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { requireManagedOrg, versionConflict } from '../party-org/party-org.access.js';
import { requireManagedCourse, requireManagedSession, requireVisibleCourse } from './training.access.js';
import { visiblePeople } from './training-people.repository.js';
import { getCourseIn, getSessionIn } from './training.query.js';
import * as repo from './training.repository.js';

/**
 * Recording training (docs/training.md): courses and sessions organised by a region or a party
 * organisation the caller manages by its own place; attendance of people the caller sees, with the
 * 学时 credited. Each write in one transaction — versioned (a stale version is a 409), audited.
 */
const field = (f: string, code: string, message: string, status: 'VALIDATION_FAILED' | 'CONFLICT' | 'FORBIDDEN' = 'VALIDATION_FAILED') =>
  new AppError(status, message, [{ field: f, code, message }]);

/** The organiser: exactly one of a region in the caller's manage scope or an organisation they manage. */
async function organiser(tx: Executor, actor: Actor, o: { regionCode?: string | null; orgId?: string | null }) {
  if (!o.regionCode === !o.orgId) throw field('regionCode', 'ORGANISER_REQUIRED', '请选择主办单位：区县、街道（乡镇）或基层党委，只能选一个');
  if (o.orgId) {
    const { org } = await requireManagedOrg(tx, actor, o.orgId).catch((e: unknown) => {
      throw e instanceof AppError && e.code === 'NOT_FOUND' ? notFound('党组织', 'orgId') : e;
    });
    if (org.status !== 'active') throw field('orgId', 'ORG_DISSOLVED', '该党组织已撤销，不能作为主办单位', 'CONFLICT');
    return { region_code: null, org_id: o.orgId };
  }
  const code = o.regionCode!;
  const found = await tx.selectFrom('region').select('level').where('code', '=', code).executeTakeFirst();
  if (!found) throw notFound('区划', 'regionCode');
  if (!regionInScope(requireAction(actor, 'org.manage'), code)) throw field('regionCode', 'OUT_OF_SCOPE', '该区划不在您的管理范围内，不能作为主办单位', 'FORBIDDEN');
  return { region_code: code, org_id: null };
}

const courseAudit = (r: repo.CourseRow) => ({ title: r.title, audience: r.audience, hours: r.hours, regionCode: r.region_code, orgId: r.org_id, version: r.version });
const sessionAudit = (r: repo.SessionRow) => ({ courseId: r.course_id, heldOn: r.held_on, hours: r.hours, place: r.place, regionCode: r.region_code, orgId: r.org_id, version: r.version });

export async function createCourse(db: Db, actor: Actor, input: CourseInput): Promise<Course> {
  return db.transaction().execute(async (tx) => {
    const o = await organiser(tx, actor, input);
    const row = await repo.insertCourse(tx, { title: input.title, audience: input.audience, hours: input.hours, ...o });
    await recordAudit(tx, actor, { action: 'training_course.create', entity: 'training_course', entityId: row.id, after: courseAudit(row) });
    return getCourseIn(tx, actor, row.id);
  });
}

export async function updateCourse(db: Db, actor: Actor, id: string, input: CourseUpdate): Promise<Course> {
  return db.transaction().execute(async (tx) => {
    await requireManagedCourse(tx, actor, id);
    const before = await repo.lockCourse(tx, id);
    if (!before || before.version !== input.version) throw versionConflict();
    const after = await repo.updateCourse(tx, id, input.version, { title: input.title, audience: input.audience, hours: input.hours });
    if (!after) throw versionConflict();
    await recordAudit(tx, actor, { action: 'training_course.update', entity: 'training_course', entityId: id, before: courseAudit(before), after: courseAudit(after) });
    return getCourseIn(tx, actor, id);
  });
}

export async function createSession(db: Db, actor: Actor, input: SessionInput): Promise<Session> {
  return db.transaction().execute(async (tx) => {
    requireAction(actor, 'org.manage');
    // Any course the caller sees may be held: a street runs the district's course for its own people.
    await requireVisibleCourse(tx, actor, input.courseId, 'courseId');
    if (input.heldOn > today()) throw field('heldOn', 'FUTURE_DATE', '培训日期不能晚于今天');
    const o = await organiser(tx, actor, input);
    const row = await repo.insertSession(tx, { course_id: input.courseId, held_on: input.heldOn, hours: input.hours, place: input.place ?? null, recorded_by: actor.userId, ...o });
    await recordAudit(tx, actor, { action: 'training_session.create', entity: 'training_session', entityId: row.id, after: sessionAudit(row) });
    return getSessionIn(tx, actor, row.id);
  });
}

export async function updateSession(db: Db, actor: Actor, id: string, input: SessionUpdate): Promise<Session> {
  return db.transaction().execute(async (tx) => {
    await requireManagedSession(tx, actor, id);
    const before = await repo.lockSession(tx, id);
    if (!before || before.version !== input.version) throw versionConflict();
    if (input.heldOn > today()) throw field('heldOn', 'FUTURE_DATE', '培训日期不能晚于今天');
    const credited = await repo.attendanceOf(tx, id);
    if (credited.some((a) => a.hours > input.hours)) throw field('hours', 'BELOW_CREDITED', '已有参训人员登记的学时多于此学时，请先修改参训登记');
    const after = await repo.updateSession(tx, id, input.version, { held_on: input.heldOn, hours: input.hours, place: input.place ?? null });
    if (!after) throw versionConflict();
    await recordAudit(tx, actor, { action: 'training_session.update', entity: 'training_session', entityId: id, before: sessionAudit(before), after: sessionAudit(after) });
    return getSessionIn(tx, actor, id);
  });
}

/** The whole attendance of a session at once (the form sends the list it shows); the session's version moves on. */
export async function setAttendance(db: Db, actor: Actor, id: string, input: AttendanceInput): Promise<Session> {
  return db.transaction().execute(async (tx) => {
    await requireManagedSession(tx, actor, id);
    const before = await repo.lockSession(tx, id);
    if (!before || before.version !== input.version) throw versionConflict();
    const seen = new Set<string>();
    const visible = await visiblePeople(tx, actor, input.attendees.map((a) => a.personId));
    input.attendees.forEach((a, i) => {
      if (seen.has(a.personId)) throw field(`attendees[${i}].personId`, 'DUPLICATE_PERSON', '同一人员只能登记一次');
      seen.add(a.personId);
      if (!visible.has(a.personId)) throw field(`attendees[${i}].personId`, 'NOT_FOUND', '未找到该人员，或不在您的查看范围内');
      if (a.hours > before.hours) throw field(`attendees[${i}].hours`, 'TOO_MANY', `认定学时不能多于本期培训的${before.hours}学时`);
    });
    const previous = await repo.attendanceOf(tx, id);
    await repo.replaceAttendance(tx, id, input.attendees.map((a) => ({ person_id: a.personId, hours: a.hours })));
    const after = await repo.updateSession(tx, id, input.version, {});
    if (!after) throw versionConflict();
    const sum = (l: Array<{ hours: number }>) => l.reduce((s, a) => s + a.hours, 0);
    await recordAudit(tx, actor, {
      action: 'training_session.attendance', entity: 'training_session', entityId: id,
      before: { attendees: previous.length, hours: sum(previous), version: before.version }, after: { attendees: input.attendees.length, hours: sum(input.attendees), version: after.version },
    });
    return getSessionIn(tx, actor, id);
  });
}
