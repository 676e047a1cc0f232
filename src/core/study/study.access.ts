import type { Executor } from '../../db/schema.js';
import { notFound } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { notManaged } from '../access/managed.js';
import { requireAction } from '../access/require.js';
import { loadStudyReader, type StudyReader } from '../access/study-scope.js';
import { findMaterial, type MaterialView } from './study.repository.js';

/**
 * Who may do what with a study material (docs/study.md): anyone signed in reads what is in their
 * scope (study-scope.ts); changing needs study.publish over the publisher's own place. Seen but not
 * the caller's to change is 403 NOT_MANAGED; not seen is 404, like a material that does not exist.
 */
const validId = (id: string) => /^\d{1,18}$/.test(id);
const userIdOf = (actor: Actor) => (actor.kind === 'user' ? actor.userId : null);

export async function requireVisibleMaterial(db: Executor, actor: Actor, id: string): Promise<{ m: MaterialView; reader: StudyReader }> {
  const reader = await loadStudyReader(db, actor);
  const m = validId(id) ? await findMaterial(db, reader, userIdOf(actor), id) : undefined;
  if (!m) throw notFound('学习资料');
  return { m, reader };
}

export async function requireManagedMaterial(db: Executor, actor: Actor, id: string): Promise<MaterialView> {
  requireAction(actor, 'study.publish');
  const reader = await loadStudyReader(db, actor);
  const owned = validId(id) ? await findMaterial(db, reader, userIdOf(actor), id, 'owned') : undefined;
  if (owned) return owned;
  if (validId(id) && await findMaterial(db, reader, userIdOf(actor), id)) throw notManaged('学习资料');
  throw notFound('学习资料');
}

export { userIdOf };
