import { AppError, type ErrorDetail } from '../../domain/errors.js';
import { ROLE_ACTIONS, ROLE_LABEL, SELF_ACTIONS, isRole, type Action } from '../../domain/permissions.js';
import type { Actor, RoleGrant } from './actor.js';
import type { PlaceFacts } from './grant-places.repository.js';
import { requireAction } from './require.js';
import { regionInScope, scopeFor, type Scope } from './scope.js';

/**
 * Is the grant's scope inside the outer scope (docs/security.md, "Users and roles")? Regions by
 * prefix containment. A named record is inside when the outer scope lists it or when its stored
 * place lies in the outer scope (`facts`, loaded beforehand by grant-places.repository so this stays
 * pure): a park or association by its region; a party organisation — which stands for its subtree —
 * when it lies in a subtree the outer scope holds or is registered in its regions, parks or
 * associations; an enterprise when it is in the outer enterprise scope. A record missing from
 * `facts` (it does not exist) is inside only when listed by id. A grant that reaches nowhere (e.g. a
 * bare 党员 grant) is only "inside" an all-regions scope: otherwise every county's admin would see
 * and manage every unlocated account in the country.
 */
export function scopeContains(outer: Scope, grant: RoleGrant, facts: PlaceFacts): boolean {
  if (outer.all) return true;
  if (grant.allRegions) return false;
  const parts = [grant.regionPrefixes, grant.parkIds, grant.associationIds, grant.partyOrgIds, grant.enterpriseIds];
  if (parts.every((p) => p.length === 0)) return false;
  const inRegions = (code: string | null | undefined) => regionInScope(outer, code ?? null);
  const listed = (id: string | null, of: string[]) => id !== null && of.includes(id);
  return grant.regionPrefixes.every((p) => outer.regionPrefixes.some((q) => p.startsWith(q)))
    && grant.parkIds.every((id) => listed(id, outer.parkIds) || inRegions(facts.parks.get(id)?.regionCode))
    && grant.associationIds.every((id) => listed(id, outer.associationIds) || inRegions(facts.associations.get(id)?.regionCode))
    && grant.partyOrgIds.every((id) => listed(id, outer.partyOrgIds) || orgInside(outer, facts, id))
    && grant.enterpriseIds.every((id) => {
      const e = facts.enterprises.get(id);
      return listed(id, outer.enterpriseIds)
        || (!!e && (inRegions(e.regionCode) || listed(e.parkId, outer.parkIds) || listed(e.associationId, outer.associationIds)));
    });
}

/** The same "owned" test party-org-scope applies to an organisation's own place, over loaded facts. */
function orgInside(outer: Scope, facts: PlaceFacts, id: string): boolean {
  const o = facts.orgs.get(id);
  if (!o) return false;
  const underRoot = outer.partyOrgIds.some((rootId) => {
    const root = facts.orgs.get(rootId)?.path;
    // An empty path is a row not yet placed in the tree: it must not become everyone's ancestor.
    return !!root && (o.path === root || o.path.startsWith(`${root}.`));
  });
  return underRoot || regionInScope(outer, o.regionCode)
    || (o.parkId !== null && outer.parkIds.includes(o.parkId))
    || (o.associationId !== null && outer.associationIds.includes(o.associationId));
}

export type GrantCheck = { ok: true } | { ok: false; reason: 'unknown_role' | 'action' | 'scope'; action?: Action };

/**
 * A grant lies within the granter when every action of its role is one the granter holds AND the
 * grant's scope lies inside the granter's scope for that very action (and for user.manage itself).
 * So nobody can create or widen a grant beyond their own actions and scope. `facts` must cover the
 * ids of both the grant and the granter's grants.
 */
export function checkGrantWithin(granter: Actor, grant: RoleGrant, facts: PlaceFacts): GrantCheck {
  if (!isRole(grant.role)) return { ok: false, reason: 'unknown_role' };
  // A self-service action is bounded by the user.manage scope checked below, not by holding it.
  const actions: Action[] = [...ROLE_ACTIONS[grant.role].filter((a) => !SELF_ACTIONS.includes(a)), 'user.manage'];
  for (const action of actions) {
    const scope = scopeFor(granter, action);
    const holds = granter.grants.some((g) => isRole(g.role) && ROLE_ACTIONS[g.role].includes(action));
    if (!holds) return { ok: false, reason: 'action', action };
    if (!scopeContains(scope, grant, facts)) return { ok: false, reason: 'scope', action };
  }
  return { ok: true };
}

export const grantWithin = (granter: Actor, grant: RoleGrant, facts: PlaceFacts): boolean => checkGrantWithin(granter, grant, facts).ok;

/** Throws GRANT_EXCEEDS_SCOPE (403) unless the granter may hand out (or take back) this grant. */
export function assertGrantWithin(granter: Actor, grant: RoleGrant, facts: PlaceFacts): void {
  requireAction(granter, 'user.manage');
  const check = checkGrantWithin(granter, grant, facts);
  if (check.ok) return;
  if (check.reason === 'unknown_role') {
    throw new AppError('VALIDATION_FAILED', `未知角色：${grant.role}`, [{ field: 'role', code: 'unknown_role', message: '未知角色' }]);
  }
  const label = isRole(grant.role) ? ROLE_LABEL[grant.role] : grant.role;
  const why = check.reason === 'action' ? '该角色包含您自己没有的权限' : '授权范围超出了您自己的管理范围';
  throw new AppError('GRANT_EXCEEDS_SCOPE', `不能授予“${label}”：${why}`, [{ field: 'role', code: check.reason, message: why }]);
}

const NAMED = [
  ['partyOrgIds', 'orgs', '党组织'],
  ['parkIds', 'parks', '园区'],
  ['associationIds', 'associations', '行业协会（商会）'],
  ['enterpriseIds', 'enterprises', '企业'],
] as const;

/** One UNKNOWN_ID detail per field whose ids name no stored record. */
export function unknownPlaceIds(grants: RoleGrant[], facts: PlaceFacts): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const [field, table, label] of NAMED) {
    const missing = [...new Set(grants.flatMap((g) => g[field]))].filter((id) => !facts[table].has(id));
    if (missing.length) details.push({ field, code: 'UNKNOWN_ID', message: `${label} ${missing.join('、')} 不存在` });
  }
  return details;
}

/**
 * For new grants: within the granter first, then every named id exists. In that order so that, to a
 * granter whose scope does not reach an id, an unknown id gets the same answer as someone else's
 * record (GRANT_EXCEEDS_SCOPE) and the check is no oracle for what exists elsewhere.
 */
export function assertMayGrant(granter: Actor, grants: RoleGrant[], facts: PlaceFacts): void {
  for (const g of grants) assertGrantWithin(granter, g, facts);
  const details = unknownPlaceIds(grants, facts);
  if (details.length) throw new AppError('VALIDATION_FAILED', details.map((d) => d.message).join('；'), details);
}

/** Roles all of whose actions the actor holds (the roles whose holders the actor may see or manage). */
export const rolesWithinActions = (actor: Actor): string[] =>
  Object.entries(ROLE_ACTIONS)
    .filter(([, actions]) => actions.every((a) => SELF_ACTIONS.includes(a)
      || actor.grants.some((g) => isRole(g.role) && ROLE_ACTIONS[g.role].includes(a))))
    .map(([role]) => role);
