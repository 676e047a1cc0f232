import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../../db/schema.js';
import { notFound } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { notManaged } from '../access/managed.js';
import { enterpriseInScopeSql } from '../access/party-org-scope.js';
import { holdsAction, requireAction } from '../access/require.js';
import { scopeFor } from '../access/scope.js';
import { findDeclaration, streetOfSql, type DeclScopes, type DeclarationView } from './declaration.repository.js';

/**
 * Who sees and decides a 亮身份 declaration (docs/member-transfers.md): the street of the
 * enterprise (org.read to see, org.manage to confirm or reject); the declarer sees their own. A
 * signed-in member (member.declare) declares at an enterprise in their account's area; an official
 * enters one for an enterprise of their own street.
 */
const validId = (id: string) => /^\d{1,18}$/.test(id);

export function declScopesOf(actor: Actor): DeclScopes {
  const read = holdsAction(actor, 'org.read') ? scopeFor(actor, 'org.read') : null;
  const manage = holdsAction(actor, 'org.manage') ? scopeFor(actor, 'org.manage') : null;
  if (!read && !holdsAction(actor, 'member.declare')) requireAction(actor, 'org.read');
  return { read, manage, userId: actor.userId };
}

export async function requireVisibleDeclaration(db: Executor, actor: Actor, id: string): Promise<DeclarationView> {
  const d = validId(id) ? await findDeclaration(db, declScopesOf(actor), id) : undefined;
  if (!d) throw notFound('亮身份申报');
  return d;
}

export async function requireDecidableDeclaration(db: Executor, actor: Actor, id: string): Promise<DeclarationView> {
  requireAction(actor, 'org.manage');
  const d = await requireVisibleDeclaration(db, actor, id);
  if (!d.decidable) throw notManaged('亮身份申报');
  return d;
}

/** Who is declaring and where they may name an enterprise: an official (their street) or the member (their area). */
export function declarerOf(actor: Actor): { channel: 'official' | 'self'; where: ReturnType<typeof streetOfSql> } {
  if (holdsAction(actor, 'org.manage')) return { channel: 'official', where: streetOfSql(scopeFor(actor, 'org.manage')) };
  const scope = requireAction(actor, 'member.declare');
  return { channel: 'self', where: enterpriseInScopeSql(scope, 'de') ?? sql<SqlBool>`FALSE` };
}
