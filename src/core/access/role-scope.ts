import type { Role } from '../../domain/permissions.js';
import type { Actor } from './actor.js';
import type { Scope } from './scope.js';

/**
 * The scope of one role an actor holds (the approval engine's levels, docs/approvals.md): a level
 * names a role — 社区, 街道, 区 — and only that role's grants count, so a person who is a township
 * officer in one street and an organisation administrator elsewhere decides a street-level request
 * only inside that street. Every other check goes by action (scope.ts); this is the one place that
 * reads a grant's role for a decision.
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

/** The roles among `roles` the actor holds at all (whatever the scope). */
export const heldRoles = <R extends Role>(actor: Actor, roles: readonly R[]): R[] =>
  roles.filter((r) => actor.grants.some((g) => g.role === r));
