import type { Executor } from '../../db/schema.js';
import { AppError, notFound } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { notManaged } from '../access/managed.js';
import { holdsAction, requireAction } from '../access/require.js';
import { scopeFor } from '../access/scope.js';
import { findTransfer, type Scopes, type TransferView } from './transfer.repository.js';

/**
 * Who may do what with a transfer (docs/member-transfers.md): both ends see it, each by its own
 * place (never through a link); the sending end issues, revokes and records the 回执, the receiving
 * end accepts or returns. A letter the caller sees but whose end is not theirs to manage is 403
 * NOT_MANAGED; one they cannot see is 404.
 */
const validId = (id: string) => /^\d{1,18}$/.test(id);

export function scopesOf(actor: Actor): Scopes {
  const read = requireAction(actor, 'org.read');
  return { read, manage: holdsAction(actor, 'org.manage') ? scopeFor(actor, 'org.manage') : null };
}

export async function requireVisibleTransfer(db: Executor, actor: Actor, id: string): Promise<{ t: TransferView; scopes: Scopes }> {
  const scopes = scopesOf(actor);
  const t = validId(id) ? await findTransfer(db, scopes, id) : undefined;
  if (!t) throw notFound('组织关系转接');
  return { t, scopes };
}

/** The transfer for a change by one end: `from` (issuer) or `to` (receiver). */
export async function requireTransferEnd(db: Executor, actor: Actor, id: string, end: 'from' | 'to'): Promise<TransferView> {
  requireAction(actor, 'org.manage');
  const { t } = await requireVisibleTransfer(db, actor, id);
  if (end === 'from' ? t.from_managed : t.to_managed) return t;
  throw notManaged('组织关系转接');
}

export const letterExpired = () =>
  new AppError('CONFLICT', '介绍信已过有效期，不能再接收；请转出党组织重新开具', [{ field: 'validUntil', code: 'LETTER_EXPIRED', message: '介绍信已过期' }]);

export const notOpen = (label: string) =>
  new AppError('CONFLICT', `该介绍信已${label}，不能再办理`, [{ field: 'status', code: 'TRANSFER_CLOSED', message: `介绍信已${label}` }]);
