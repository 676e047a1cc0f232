import { ACTION_LABEL, type Action } from '../../domain/permissions.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from './actor.js';
import { roleAllows } from '../../domain/permissions.js';
import { scopeFor, type Scope } from './scope.js';

/** True when some grant's role allows the action, whatever its scope (the menu-level capability). */
export const holdsAction = (actor: Actor, action: Action): boolean =>
  actor.grants.some((g) => roleAllows(g.role, action));

/**
 * The gate at the top of every use case: a capability the actor does not hold at all is 403
 * FORBIDDEN (the menu is not theirs); otherwise the scope for that action is returned, and records
 * outside it are then "not found" (404) by the repositories that apply it.
 */
export function requireAction(actor: Actor, action: Action): Scope {
  if (!holdsAction(actor, action)) {
    throw new AppError('FORBIDDEN', `您没有“${ACTION_LABEL[action]}”的权限`);
  }
  return scopeFor(actor, action);
}

/** "Self" scope: a signed-in user always reaches their own account, whatever their roles. */
export const isSelf = (actor: Actor, userId: string): boolean =>
  actor.kind === 'user' && actor.userId !== null && actor.userId === userId;

export const scopeIsEmpty = (s: Scope): boolean =>
  !s.all && !s.regionPrefixes.length && !s.parkIds.length && !s.associationIds.length
  && !s.partyOrgIds.length && !s.enterpriseIds.length;
