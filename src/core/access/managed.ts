import { AppError, notFound } from '../../domain/errors.js';
import type { Action } from '../../domain/permissions.js';
import type { Actor } from './actor.js';
import { holdsAction, requireAction } from './require.js';
import { scopeFor, type Scope } from './scope.js';

/**
 * Looks a record up in a scope, either by its own place (`owned`, what managing needs) or as the
 * scope may see it (`visible`, which includes links). Each module supplies its own finder.
 */
export type ScopedFinder<T> = (scope: Scope, mode: 'owned' | 'visible') => Promise<T | undefined>;

/** Seen but not managed: nothing is hidden, the change is simply not the caller's to make. */
export const notManaged = (label: string) =>
  new AppError('FORBIDDEN', `该${label}由其他单位管理，您只能查看`, [{ code: 'NOT_MANAGED', message: `该${label}不在您的管理范围内` }]);

/**
 * The gate of every change (docs/organisations.md, "Managing"): the record must lie in the manage
 * action's scope by its own place — never through a link. A record the caller can see (under the
 * manage or the read action) but not manage is 403 NOT_MANAGED; one they cannot see is 404, the
 * same answer as a record that does not exist.
 */
export async function requireManaged<T>(
  actor: Actor, manage: Action, read: Action, label: string, find: ScopedFinder<T>,
): Promise<{ row: T; scope: Scope }> {
  const scope = requireAction(actor, manage);
  const row = await find(scope, 'owned');
  if (row) return { row, scope };
  const readers = holdsAction(actor, read) ? [scope, scopeFor(actor, read)] : [scope];
  for (const s of readers) if (await find(s, 'visible')) throw notManaged(label);
  throw notFound(label);
}

/** Whether the caller may manage the record (the detail's `manageable`). */
export async function canManage<T>(actor: Actor, manage: Action, find: ScopedFinder<T>): Promise<boolean> {
  return holdsAction(actor, manage) && !!(await find(scopeFor(actor, manage), 'owned'));
}

/** A link whose enterprise lies outside the manage scope, on a record the caller manages and sees whole. */
export const enterpriseOutOfScope = () =>
  new AppError('FORBIDDEN', '该企业不在您的管辖范围，不能变更此关联', [{ field: 'enterpriseId', code: 'ENTERPRISE_OUT_OF_SCOPE', message: '企业不在您的管辖范围' }]);
