import type { Executor } from '../../db/schema.js';
import { notFound } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { canManage, requireManaged } from '../access/managed.js';
import { requireAction } from '../access/require.js';
import type { Scope } from '../access/scope.js';
import { findMeeting, type MeetingView } from './meeting.repository.js';

/**
 * Who may do what with a meeting (docs/life.md): seeing under org.read (its organisation visible by
 * its own place or through a current link — a joint branch is seen from every street it covers),
 * recording, changing and deleting under org.manage by the organisation's own place, never through
 * a link. Seen but not managed is 403 NOT_MANAGED; not seen is 404.
 */
const validId = (id: string) => /^\d{1,18}$/.test(id);
const LABEL = '会议记录';

export async function requireVisibleMeeting(db: Executor, actor: Actor, id: string): Promise<{ m: MeetingView; scope: Scope }> {
  const scope = requireAction(actor, 'org.read');
  const m = validId(id) ? await findMeeting(db, scope, id) : undefined;
  if (!m) throw notFound(LABEL);
  return { m, scope };
}

const finder = (db: Executor, id: string) => (scope: Scope, mode: 'owned' | 'visible') =>
  (validId(id) ? findMeeting(db, scope, id, mode) : Promise.resolve(undefined));

export async function requireManagedMeeting(db: Executor, actor: Actor, id: string): Promise<MeetingView> {
  return (await requireManaged(actor, 'org.manage', 'org.read', LABEL, finder(db, id))).row;
}

export const canManageMeeting = (db: Executor, actor: Actor, id: string) => canManage(actor, 'org.manage', finder(db, id));
