import type { Executor } from '../../db/schema.js';
import { notFound } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { notManaged } from '../access/managed.js';
import { personActions, personInScopeSql } from '../access/person-scope.js';
import { holdsAction, requireAction } from '../access/require.js';
import type { PersonRow } from './person.repository.js';

/** 403 unless the actor holds one of the actions that reach people at all (the menu is theirs). */
export function requirePeopleAction(actor: Actor, mode: 'read' | 'manage'): void {
  const actions = personActions(mode);
  requireAction(actor, actions.find((a) => holdsAction(actor, a)) ?? actions[0]);
}

const validId = (id: string) => /^\d{1,18}$/.test(id);

async function findPerson(db: Executor, actor: Actor, mode: 'read' | 'manage', id: string): Promise<PersonRow | undefined> {
  if (!validId(id)) return undefined;
  return db.selectFrom('person as p').selectAll('p').where('p.id', '=', id).where(personInScopeSql(actor, mode)).executeTakeFirst();
}

/** The person as the actor may see them (through what they belong to, or their region); else 404. */
export async function requireVisiblePerson(db: Executor, actor: Actor, id: string, field?: string): Promise<PersonRow> {
  requirePeopleAction(actor, 'read');
  const row = await findPerson(db, actor, 'read', id);
  if (!row) throw notFound('人员', field);
  return row;
}

/** The person for a change: editing follows managing (403 NOT_MANAGED when only seen, 404 when not). */
export async function requireManagedPerson(db: Executor, actor: Actor, id: string): Promise<PersonRow> {
  requirePeopleAction(actor, 'manage');
  const row = await findPerson(db, actor, 'manage', id);
  if (row) return row;
  if (holdsAnyRead(actor) && (await findPerson(db, actor, 'read', id))) throw notManaged('人员');
  throw notFound('人员');
}

const holdsAnyRead = (actor: Actor) => personActions('read').some((a) => holdsAction(actor, a));
