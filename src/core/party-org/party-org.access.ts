import type { Executor } from '../../db/schema.js';
import type { Action } from '../../domain/permissions.js';
import { AppError, notFound } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { regionInScope, type Scope } from '../access/scope.js';
import { requireAction } from '../access/require.js';
import { findOrg, type PartyOrgRow } from './party-org.repository.js';

/** The organisation as `actor` may see it for `action`; anything else is "not found". */
export async function requireVisibleOrg(db: Executor, actor: Actor, action: Action, id: string): Promise<{ org: PartyOrgRow; scope: Scope }> {
  const scope = requireAction(actor, action);
  const org = /^\d{1,18}$/.test(id) ? await findOrg(db, scope, id) : undefined;
  if (!org) throw notFound('党组织');
  return { org, scope };
}

/**
 * Where a new or moved organisation may be placed: under a parent the actor manages, or in a region
 * the actor manages. A branch secretary (scope = its own subtree) can thus add sub-branches.
 */
export async function assertPlacementAllowed(
  db: Executor, actor: Actor, place: { parentId: string | null; regionCode: string | null },
): Promise<PartyOrgRow | null> {
  const scope = requireAction(actor, 'org.manage');
  if (place.parentId) {
    const parent = await findOrg(db, scope, place.parentId);
    if (!parent) throw notFound('上级党组织');
    if (parent.status !== 'active') throw new AppError('CONFLICT', '上级党组织已撤销，不能在其下设置组织');
    return parent;
  }
  if (!regionInScope(scope, place.regionCode)) {
    throw new AppError('FORBIDDEN', '无权在该区划设置党组织', [{ field: 'regionCode', code: 'OUT_OF_SCOPE', message: '区划不在您的管理范围内' }]);
  }
  return null;
}

export const versionConflict = () =>
  new AppError('VERSION_CONFLICT', '该记录已被他人修改，请刷新后重试');
