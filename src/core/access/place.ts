import type { Executor } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { regionInScope, type Scope } from './scope.js';

/**
 * Where a record may be put (created or moved): a region under the scope's prefixes, or a park or
 * association the scope lists or whose own region lies under its prefixes. A move needs this over the
 * new place; the old place is covered by the record being managed at all (docs/organisations.md).
 */
export async function placeInScope(db: Executor, scope: Scope, kind: 'park' | 'association', id: string): Promise<boolean> {
  if (scope.all || (kind === 'park' ? scope.parkIds : scope.associationIds).includes(id)) return true;
  const row = await db.selectFrom(kind).select('region_code').where('id', '=', id).executeTakeFirst();
  return !!row?.region_code && regionInScope(scope, row.region_code);
}

const outOfScope = (field: string, what: string) =>
  new AppError('FORBIDDEN', `无权在该${what}设置或调整`, [{ field, code: 'OUT_OF_SCOPE', message: `${what}不在您的管理范围内` }]);

/** Throws 403 OUT_OF_SCOPE unless each given place (region, park, association) is the caller's to use. */
export async function assertPlacesInScope(
  db: Executor, scope: Scope, place: { regionCode?: string | null; parkId?: string | null; associationId?: string | null }, regionAllowed = false,
): Promise<void> {
  if (place.regionCode && !regionAllowed && !regionInScope(scope, place.regionCode)) throw outOfScope('regionCode', '区划');
  if (place.parkId && !(await placeInScope(db, scope, 'park', place.parkId))) throw outOfScope('parkId', '园区');
  if (place.associationId && !(await placeInScope(db, scope, 'association', place.associationId))) throw outOfScope('associationId', '协会');
}
