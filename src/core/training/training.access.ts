import type { Executor } from '../../db/schema.js';
import { notFound } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { canManage, requireManaged } from '../access/managed.js';
import { requireAction } from '../access/require.js';
import type { Scope } from '../access/scope.js';
import { findCourse, findSession, type CourseView, type SessionView } from './training.repository.js';

/**
 * Who may do what with training (docs/training.md): reading under org.read — the organiser visible
 * (its region under or above the reader's, or its organisation seen, a link included); changing
 * under org.manage by the organiser's own place, never through a link or from a street below a
 * district's course. Seen but not managed is 403 NOT_MANAGED; not seen is 404.
 */
const validId = (id: string) => /^\d{1,18}$/.test(id);

export async function requireVisibleCourse(db: Executor, actor: Actor, id: string, field?: string): Promise<{ c: CourseView; scope: Scope }> {
  const scope = requireAction(actor, 'org.read');
  const c = validId(id) ? await findCourse(db, scope, id) : undefined;
  if (!c) throw notFound('培训课程', field);
  return { c, scope };
}

export async function requireVisibleSession(db: Executor, actor: Actor, id: string): Promise<{ s: SessionView; scope: Scope }> {
  const scope = requireAction(actor, 'org.read');
  const s = validId(id) ? await findSession(db, scope, id) : undefined;
  if (!s) throw notFound('培训班次');
  return { s, scope };
}

const courseFinder = (db: Executor, id: string) => (scope: Scope, mode: 'owned' | 'visible') =>
  (validId(id) ? findCourse(db, scope, id, mode) : Promise.resolve(undefined));
const sessionFinder = (db: Executor, id: string) => (scope: Scope, mode: 'owned' | 'visible') =>
  (validId(id) ? findSession(db, scope, id, mode) : Promise.resolve(undefined));

export const requireManagedCourse = async (db: Executor, actor: Actor, id: string) =>
  (await requireManaged(actor, 'org.manage', 'org.read', '培训课程', courseFinder(db, id))).row;
export const requireManagedSession = async (db: Executor, actor: Actor, id: string) =>
  (await requireManaged(actor, 'org.manage', 'org.read', '培训班次', sessionFinder(db, id))).row;
export const canManageSession = (db: Executor, actor: Actor, id: string) => canManage(actor, 'org.manage', sessionFinder(db, id));
export const canManageCourse = (db: Executor, actor: Actor, id: string) => canManage(actor, 'org.manage', courseFinder(db, id));
