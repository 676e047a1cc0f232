import type { Db } from '../../db/schema.js';
import { notFound } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { getMemberBatch } from './member-batch.repository.js';

/**
 * A roster import as its starter sees it: an importer sees their own imports, one over every region
 * (an administrator) all; anyone else's is "not found".
 */
export async function findVisibleMemberImport(db: Db, actor: Actor, id: string) {
  const scope = requireAction(actor, 'org.manage');
  const b = /^\d{1,18}$/.test(id) ? await getMemberBatch(db, id) : undefined;
  if (!b || (!scope.all && b.actor_id !== actor.userId)) throw notFound('导入记录');
  return b;
}
