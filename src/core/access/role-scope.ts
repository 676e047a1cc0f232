import type { Action, Role } from '../../domain/permissions.js';
import type { Actor } from './actor.js';
import { rolesHolding } from './require.js';
import { scopeFor, type Scope } from './scope.js';

/**
 * The scope of one role an actor holds (the approval engine's levels, docs/approvals.md): a level
 * names a role — 社区, 街道, 区 — and only that role's grants count, so a person who is a township
 * officer in one street and an organisation administrator elsewhere decides a street-level request
 * only inside that street. Every other check goes by action (scope.ts); this file is the one place
 * that reads a grant's role for a decision.
 */
export function scopeForRole(actor: Actor, role: Role): Scope {
  const scope: Scope = { all: false, regionPrefixes: [], parkIds: [], associationIds: [], partyOrgIds: [], enterpriseIds: [] };
  for (const g of actor.grants) {
    if (g.role !== role) continue;
    if (g.allRegions) scope.all = true;
    scope.regionPrefixes.push(...g.regionPrefixes);
    scope.parkIds.push(...g.parkIds);
    scope.associationIds.push(...g.associationIds);
    scope.partyOrgIds.push(...g.partyOrgIds);
  }
  scope.regionPrefixes = [...new Set(scope.regionPrefixes)].filter((p) => /^\d{2,12}$/.test(p));
  return scope;
}

/**
 * Each role of the actor's that holds `action`, with the scope of that role's grants only — the
 * inbox's 可办理 for a task assigned to a role (an approval level), so it agrees with the engine's
 * decision above: a township officer of one street who is 区 elsewhere acts on a 街道-level task
 * inside that street alone, not over the union of all their grants.
 */
export const roleScopesHolding = (actor: Actor, action: Action): Array<{ role: string; scope: Scope }> =>
  rolesHolding(actor, action).map((role) => ({ role, scope: scopeFor({ ...actor, grants: actor.grants.filter((g) => g.role === role) }, action) }));

/** The roles among `roles` the actor holds at all (whatever the scope). */
export const heldRoles = <R extends Role>(actor: Actor, roles: readonly R[]): R[] =>
  roles.filter((r) => actor.grants.some((g) => g.role === r));
