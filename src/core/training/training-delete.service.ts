import type { Db } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { versionConflict } from '../party-org/party-org.access.js';
import { requireManagedCourse, requireManagedSession } from './training.access.js';
import * as repo from './training.repository.js';

/**
 * Deleting training records (docs/training.md, "Deleting"): by the organiser's own place only (a
 * link or a street below a district's course is 403 NOT_MANAGED), at the record's version, audited
 * with the whole before-image in the same transaction — a session's attendance included, so what
 * was credited can be read back from the audit log. A course is deleted only once it has no session
 * (409 COURSE_HAS_SESSIONS): sessions carry people's 学时 and are deleted one by one, knowingly.
 */
export async function deleteSession(db: Db, actor: Actor, id: string, version: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await requireManagedSession(tx, actor, id);
    const before = await repo.lockSession(tx, id);
    if (!before || before.version !== version) throw versionConflict();
    const attendance = await repo.attendanceOf(tx, id);
    if (!(await repo.deleteSession(tx, id, version))) throw versionConflict();
    await recordAudit(tx, actor, {
      action: 'training_session.delete', entity: 'training_session', entityId: id,
      before: {
        courseId: before.course_id, heldOn: before.held_on, hours: before.hours, place: before.place, regionCode: before.region_code, orgId: before.org_id, version: before.version,
        attendees: attendance.length, attendance: attendance.map((a) => ({ personId: a.person_id, hours: a.hours })),
      },
    });
  });
}

export async function deleteCourse(db: Db, actor: Actor, id: string, version: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await requireManagedCourse(tx, actor, id);
    const before = await repo.lockCourse(tx, id);
    if (!before || before.version !== version) throw versionConflict();
    // Counted after the course row is locked: a session added meanwhile waits on the course's FK.
    const sessions = await repo.sessionCountOf(tx, id);
    if (sessions) {
      throw new AppError('CONFLICT', `该课程已登记${sessions}期培训班次，请先删除各期班次再删除课程`, [{ field: 'id', code: 'COURSE_HAS_SESSIONS', message: `已有${sessions}期培训班次` }]);
    }
    if (!(await repo.deleteCourse(tx, id, version))) throw versionConflict();
    await recordAudit(tx, actor, {
      action: 'training_course.delete', entity: 'training_course', entityId: id,
      before: { title: before.title, audience: before.audience, hours: before.hours, regionCode: before.region_code, orgId: before.org_id, version: before.version },
    });
  });
}
