import { ACTION_LABEL, type Action } from '../../domain/permissions.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from './actor.js';
import { roleAllows } from '../../domain/permissions.js';
import { scopeFor, type Scope } from './scope.js';

/** True when some grant's role allows the action, whatever its scope (the menu-level capability). */
export const holdsAction = (actor: Actor, action: Action): boolean =>
  actor.grants.some((g) => roleAllows(g.role, action));

/**
 * The roles of the actor's grants that allow the action: a task assigned to a role (an approval
 * level's 社区/街道/区, docs/inbox.md "Assignee") is actionable only by a holder of that role.
 */
export const rolesHolding = (actor: Actor, action: Action): string[] =>
  [...new Set(actor.grants.filter((g) => roleAllows(g.role, action)).map((g) => g.role))];

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

/**
 * For a use case whose effect reaches the whole jurisdiction at once (a month snapshot writes every
 * region, park, association, industry and size node): the action must be granted with an
 * unrestricted scope. Holding it over part of the jurisdiction is 403 as well — nothing is hidden
 * from the actor, the operation is simply wider than the grant.
 */
export function requireUnrestricted(actor: Actor, action: Action, message: string): Scope {
  const scope = requireAction(actor, action);
  if (!scope.all) throw new AppError('FORBIDDEN', message, [{ code: 'UNRESTRICTED_SCOPE_REQUIRED', message: '需要不限区划的授权' }]);
  return scope;
}

/** "Self" scope: a signed-in user always reaches their own account, whatever their roles. */
export const isSelf = (actor: Actor, userId: string): boolean =>
  actor.kind === 'user' && actor.userId !== null && actor.userId === userId;

export const scopeIsEmpty = (s: Scope): boolean =>
  !s.all && !s.regionPrefixes.length && !s.parkIds.length && !s.associationIds.length
  && !s.partyOrgIds.length && !s.enterpriseIds.length;
