import { AppError } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { holdsAction, requireAction } from '../access/require.js';
import { scopeFor, type Scope } from '../access/scope.js';

/**
 * Who sees and who acts in 排查摸底: the district designs (组织排查摸底, survey.manage); an officer
 * sees a campaign's targets whose enterprise lies in their 修改企业台账 (or 组织排查摸底) scope — by the
 * enterprise's own place, so another street's enterprise in the same campaign stays invisible — and
 * accepts or rejects answers only under 修改企业台账 over that place.
 */
export function readScopes(actor: Actor): Scope[] {
  const scopes = (['enterprise.update', 'survey.manage'] as const).filter((a) => holdsAction(actor, a)).map((a) => scopeFor(actor, a));
  if (!scopes.length) throw new AppError('FORBIDDEN', '您没有“组织排查摸底”或“修改企业台账”的权限');
  return scopes;
}

export const decideScope = (actor: Actor): Scope => requireAction(actor, 'enterprise.update');
export const manageScope = (actor: Actor): Scope => requireAction(actor, 'survey.manage');

/** The region prefixes the actor may design campaigns for ('all' for an unrestricted grant). */
export function managePrefixes(actor: Actor): readonly string[] | 'all' {
  if (!holdsAction(actor, 'survey.manage')) return [];
  const s = scopeFor(actor, 'survey.manage');
  return s.all ? 'all' : s.regionPrefixes;
}

/** Whether a campaign over `prefix` lies inside the actor's survey.manage grant. */
export function managesPrefix(actor: Actor, prefix: string): boolean {
  const p = managePrefixes(actor);
  return p === 'all' || p.some((x) => prefix.startsWith(x));
}
