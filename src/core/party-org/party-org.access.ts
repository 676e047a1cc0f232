import type { Executor } from '../../db/schema.js';
import { AppError, notFound } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { canManage, requireManaged } from '../access/managed.js';
import { assertPlacesInScope } from '../access/place.js';
import { regionInScope, type Scope } from '../access/scope.js';
import { requireAction } from '../access/require.js';
import { findOrg, type PartyOrgView } from './party-org.repository.js';

const validId = (id: string) => /^\d{1,18}$/.test(id);

/** The organisation as `actor` may see it (wholly or through a link); anything else is "not found". */
export async function requireVisibleOrg(db: Executor, actor: Actor, id: string): Promise<{ org: PartyOrgView; scope: Scope }> {
  const scope = requireAction(actor, 'org.read');
  const org = validId(id) ? await findOrg(db, scope, id) : undefined;
  if (!org) throw notFound('党组织');
  return { org, scope };
}

const finder = (db: Executor, id: string) => (scope: Scope, mode: 'owned' | 'visible') =>
  (validId(id) ? findOrg(db, scope, id, mode) : Promise.resolve(undefined));

/** The organisation for a change: managed by its own place (never through a link), else 403 / 404. */
export async function requireManagedOrg(db: Executor, actor: Actor, id: string): Promise<{ org: PartyOrgView; scope: Scope }> {
  const { row, scope } = await requireManaged(actor, 'org.manage', 'org.read', '党组织', finder(db, id));
  return { org: row, scope };
}

export const canManageOrg = (db: Executor, actor: Actor, id: string) => canManage(actor, 'org.manage', finder(db, id));

/**
 * Where a new or moved organisation may be placed: under a parent the actor manages (by its own
 * place), or in a region the actor manages; a park or association must be the actor's too. A region
 * equal to the managed parent's is allowed, so a branch secretary (scope = its own subtree) can add
 * sub-branches where the parent sits.
 */
export async function assertPlacementAllowed(
  db: Executor, actor: Actor, place: { parentId: string | null; regionCode: string | null; parkId?: string | null; associationId?: string | null },
): Promise<PartyOrgView | null> {
  const scope = requireAction(actor, 'org.manage');
  let parent: PartyOrgView | null = null;
  if (place.parentId) {
    parent = (await requireManaged(actor, 'org.manage', 'org.read', '上级党组织', finder(db, place.parentId)).catch((e: unknown) => {
      throw e instanceof AppError && e.code === 'NOT_FOUND' ? notFound('上级党组织', 'parentId') : e;
    })).row;
    if (parent.status !== 'active') throw new AppError('CONFLICT', '上级党组织已撤销，不能在其下设置组织');
  } else if (!regionInScope(scope, place.regionCode)) {
    throw new AppError('FORBIDDEN', '无权在该区划设置党组织', [{ field: 'regionCode', code: 'OUT_OF_SCOPE', message: '区划不在您的管理范围内' }]);
  }
  const sameAsParent = !!parent && (place.regionCode ?? null) === parent.region_code;
  await assertPlacesInScope(db, scope, place, sameAsParent || !place.regionCode);
  return parent;
}

export const versionConflict = () =>
  new AppError('VERSION_CONFLICT', '该记录已被他人修改，请刷新后重试');
