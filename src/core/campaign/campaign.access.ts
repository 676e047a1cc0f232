import type { Executor } from '../../db/schema.js';
import { notFound } from '../../domain/errors.js';
import { REGION_LENGTHS, significantPrefix } from '../../domain/metrics.js';
import type { Actor } from '../access/actor.js';
import { requireManaged } from '../access/managed.js';
import { holdsAction, requireAction } from '../access/require.js';
import { regionInScope, scopeFor, type Scope } from '../access/scope.js';
import { findTarget, type CampaignTargetRow } from './campaign.repository.js';

/**
 * Who sees and who sets a target (docs/metrics.md "Campaign targets"). Reading follows the
 * statistics page ('coverage.read'): an area in the caller's regions, and every target set on it or
 * above it — a street official reads the district's targets, with progress for the street. Setting
 * needs 'target.manage' over the target's own area: the district's office sets the district's
 * targets; a street official who sees them cannot change them (403 NOT_MANAGED).
 */
export const code12 = (prefix: string): string => prefix.padEnd(12, '0');

/** The area's own code and those of every area above it. */
export const selfAndAncestors = (prefix: string): string[] =>
  REGION_LENGTHS.filter((l) => l <= prefix.length).map((l) => code12(prefix.slice(0, l)));

const prefixInScope = (scope: Scope, prefix: string) => scope.all || scope.regionPrefixes.some((p) => prefix.startsWith(p));
/** Set on an area in the scope or above one of its areas: it applies to something the caller reads. */
const targetSeen = (scope: Scope, row: CampaignTargetRow) => {
  const r = significantPrefix(row.region_code);
  return scope.all || scope.regionPrefixes.some((p) => p.startsWith(r) || r.startsWith(p));
};

/** The area a list is asked for must lie in the caller's regions; any other is "not found". */
export function requireReadableArea(actor: Actor, prefix: string): Scope {
  const scope = requireAction(actor, 'coverage.read');
  if (!prefixInScope(scope, prefix)) throw notFound('区划', 'region');
  return scope;
}

/** Whether the caller may set targets for the area (its own code in the manage scope). */
export const canSetFor = (actor: Actor, prefix: string): boolean =>
  holdsAction(actor, 'target.manage') && regionInScope(scopeFor(actor, 'target.manage'), code12(prefix));

export const canManageTarget = (actor: Actor, row: CampaignTargetRow): boolean =>
  holdsAction(actor, 'target.manage') && regionInScope(scopeFor(actor, 'target.manage'), row.region_code);

export async function requireVisibleTarget(db: Executor, actor: Actor, id: string): Promise<CampaignTargetRow> {
  const scope = requireAction(actor, 'coverage.read');
  const row = await findTarget(db, id);
  if (!row || !targetSeen(scope, row)) throw notFound('工作目标');
  return row;
}

/** The target for a change: set on an area the caller manages, else 403 NOT_MANAGED (seen) or 404. */
export async function requireManagedTarget(db: Executor, actor: Actor, id: string): Promise<CampaignTargetRow> {
  const { row } = await requireManaged(actor, 'target.manage', 'coverage.read', '工作目标', async (scope, mode) => {
    const found = await findTarget(db, id);
    if (!found) return undefined;
    return (mode === 'owned' ? regionInScope(scope, found.region_code) : targetSeen(scope, found)) ? found : undefined;
  });
  return row;
}
