import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Action } from '../../domain/permissions.js';
import { roleAllows } from '../../domain/permissions.js';
import type { Actor } from './actor.js';

/**
 * The effective scope of an actor for one action: the union of what every grant whose role allows
 * that action reaches. A role that lacks the action contributes nothing, so holding a wide read-only
 * role and a narrow editing role never widens the edit. Computed per call from the actor alone
 * (never cached across requests or held in shared state).
 */
export type Scope = {
  all: boolean;
  regionPrefixes: string[];
  parkIds: string[];
  associationIds: string[];
  /** Roots of party-organisation subtrees: an organisation is inside when it or an ancestor is listed. */
  partyOrgIds: string[];
  enterpriseIds: string[];
};

export function scopeFor(actor: Actor, action: Action): Scope {
  const scope: Scope = { all: false, regionPrefixes: [], parkIds: [], associationIds: [], partyOrgIds: [], enterpriseIds: [] };
  for (const g of actor.grants) {
    if (!roleAllows(g.role, action)) continue;
    if (g.allRegions) scope.all = true;
    scope.regionPrefixes.push(...g.regionPrefixes);
    scope.parkIds.push(...g.parkIds);
    scope.associationIds.push(...g.associationIds);
    scope.partyOrgIds.push(...g.partyOrgIds);
    scope.enterpriseIds.push(...g.enterpriseIds);
  }
  scope.regionPrefixes = [...new Set(scope.regionPrefixes)].filter((p) => /^\d{2,12}$/.test(p));
  return scope;
}

/** True when a region code lies inside the scope's regions. */
export const regionInScope = (scope: Scope, regionCode: string | null): boolean =>
  scope.all || (regionCode !== null && scope.regionPrefixes.some((p) => regionCode.startsWith(p)));

/**
 * The filter every enterprise query carries. `e` is the alias the query gives `enterprise`.
 * An empty scope yields FALSE: nothing is visible by default.
 */
export function enterpriseInScope(scope: Scope) {
  return (eb: ExpressionBuilder<DB & { e: DB['enterprise'] }, 'e'>): Expression<SqlBool> => {
    if (scope.all) return sql<SqlBool>`TRUE`;
    const parts: Expression<SqlBool>[] = [];
    for (const p of scope.regionPrefixes) parts.push(eb('e.region_code', 'like', `${p}%`));
    if (scope.parkIds.length) parts.push(eb('e.park_id', 'in', scope.parkIds));
    if (scope.associationIds.length) parts.push(eb('e.association_id', 'in', scope.associationIds));
    if (scope.enterpriseIds.length) parts.push(eb('e.id', 'in', scope.enterpriseIds));
    return parts.length ? eb.or(parts) : sql<SqlBool>`FALSE`;
  };
}
