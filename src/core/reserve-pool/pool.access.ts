import type { Executor } from '../../db/schema.js';
import { notFound } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { canManage, requireManaged } from '../access/managed.js';
import { requireAction } from '../access/require.js';
import type { Scope } from '../access/scope.js';
import { findTalent, type TalentView } from './pool.repository.js';

/**
 * Who may do what with the pool (docs/reserve-pool.md): reading under org.read with the entry's place
 * seen; recommending, editing and placing under org.manage by its own place. Seen but not managed is
 * 403 NOT_MANAGED; not seen is 404.
 */
const validId = (id: string) => /^\d{1,18}$/.test(id);
const LABEL = '后备人才';

export async function requireVisibleTalent(db: Executor, actor: Actor, id: string): Promise<{ t: TalentView; scope: Scope }> {
  const scope = requireAction(actor, 'org.read');
  const t = validId(id) ? await findTalent(db, scope, id) : undefined;
  if (!t) throw notFound(LABEL);
  return { t, scope };
}
const finder = (db: Executor, id: string) => (scope: Scope, mode: 'owned' | 'visible') => (validId(id) ? findTalent(db, scope, id, mode) : Promise.resolve(undefined));
export const requireManagedTalent = async (db: Executor, actor: Actor, id: string) => (await requireManaged(actor, 'org.manage', 'org.read', LABEL, finder(db, id))).row;
export const canManageTalent = (db: Executor, actor: Actor, id: string) => canManage(actor, 'org.manage', finder(db, id));
