import { AppError } from '../../domain/errors.js';
import { ROLE_ACTIONS, ROLE_LABEL, isRole, type Action } from '../../domain/permissions.js';
import type { Actor, RoleGrant } from './actor.js';
import { requireAction } from './require.js';
import { scopeFor, type Scope } from './scope.js';

/**
 * Is the grant's scope inside the outer scope? Regions by prefix containment; parks, associations,
 * party organisations (subtree roots) and enterprises by id. A grant that reaches nowhere (no
 * region, no ids — e.g. a bare 党员 grant) is only "inside" an all-regions scope: otherwise every
 * county's admin would see and manage every unlocated account in the country.
 */
export function scopeContains(outer: Scope, grant: RoleGrant): boolean {
  if (outer.all) return true;
  if (grant.allRegions) return false;
  const parts = [grant.regionPrefixes, grant.parkIds, grant.associationIds, grant.partyOrgIds, grant.enterpriseIds];
  if (parts.every((p) => p.length === 0)) return false;
  const subset = (inner: string[], of: string[]) => inner.every((id) => of.includes(id));
  return grant.regionPrefixes.every((p) => outer.regionPrefixes.some((q) => p.startsWith(q)))
    && subset(grant.parkIds, outer.parkIds)
    && subset(grant.associationIds, outer.associationIds)
    && subset(grant.partyOrgIds, outer.partyOrgIds)
    && subset(grant.enterpriseIds, outer.enterpriseIds);
}

export type GrantCheck = { ok: true } | { ok: false; reason: 'unknown_role' | 'action' | 'scope'; action?: Action };

/**
 * A grant lies within the granter when every action of its role is one the granter holds AND the
 * grant's scope lies inside the granter's scope for that very action (and for user.manage itself).
 * So nobody can create or widen a grant beyond their own actions and scope.
 */
export function checkGrantWithin(granter: Actor, grant: RoleGrant): GrantCheck {
  if (!isRole(grant.role)) return { ok: false, reason: 'unknown_role' };
  const actions: Action[] = [...ROLE_ACTIONS[grant.role], 'user.manage'];
  for (const action of actions) {
    const scope = scopeFor(granter, action);
    const holds = granter.grants.some((g) => isRole(g.role) && ROLE_ACTIONS[g.role].includes(action));
    if (!holds) return { ok: false, reason: 'action', action };
    if (!scopeContains(scope, grant)) return { ok: false, reason: 'scope', action };
  }
  return { ok: true };
}

export const grantWithin = (granter: Actor, grant: RoleGrant): boolean => checkGrantWithin(granter, grant).ok;

/** Throws GRANT_EXCEEDS_SCOPE (403) unless the granter may hand out this grant. */
export function assertGrantWithin(granter: Actor, grant: RoleGrant): void {
  requireAction(granter, 'user.manage');
  const check = checkGrantWithin(granter, grant);
  if (check.ok) return;
  if (check.reason === 'unknown_role') {
    throw new AppError('VALIDATION_FAILED', `未知角色：${grant.role}`, [{ field: 'role', code: 'unknown_role', message: '未知角色' }]);
  }
  const label = isRole(grant.role) ? ROLE_LABEL[grant.role] : grant.role;
  const why = check.reason === 'action' ? '该角色包含您自己没有的权限' : '授权范围超出了您自己的管理范围';
  throw new AppError('GRANT_EXCEEDS_SCOPE', `不能授予“${label}”：${why}`, [{ field: 'role', code: check.reason, message: why }]);
}

/** Roles all of whose actions the actor holds (the roles whose holders the actor may see or manage). */
export const rolesWithinActions = (actor: Actor): string[] =>
  Object.entries(ROLE_ACTIONS)
    .filter(([, actions]) => actions.every((a) => actor.grants.some((g) => isRole(g.role) && ROLE_ACTIONS[g.role].includes(a))))
    .map(([role]) => role);
