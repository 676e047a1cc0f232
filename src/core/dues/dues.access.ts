import type { Executor } from '../../db/schema.js';
import { notFound } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { requireManaged } from '../access/managed.js';
import { requireAction } from '../access/require.js';
import type { Scope } from '../access/scope.js';
import { findLedger, type LedgerView } from './dues.repository.js';

/**
 * The dues module's checks (docs/dues.md): a month of a member is seen under org.read (its
 * organisation or the member visible) and changed under org.manage only where its organisation
 * lies by its own place — seeing through a link never means managing through it.
 */
const validId = (id: string) => /^\d{1,18}$/.test(id);

export async function requireVisibleLedger(db: Executor, actor: Actor, id: string): Promise<{ row: LedgerView; scope: Scope }> {
  const scope = requireAction(actor, 'org.read');
  const row = validId(id) ? await findLedger(db, scope, id) : undefined;
  if (!row) throw notFound('党费记录');
  return { row, scope };
}

export async function requireManagedLedger(db: Executor, actor: Actor, id: string): Promise<LedgerView> {
  const find = (scope: Scope, mode: 'owned' | 'visible') => (validId(id) ? findLedger(db, scope, id, mode) : Promise.resolve(undefined));
  return (await requireManaged(actor, 'org.manage', 'org.read', '党费记录', find)).row;
}
