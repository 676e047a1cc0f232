import type { Executor } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import type { Keyring } from '../crypto/keyring.js';
import { maskIdNumber } from '../crypto/mask.js';
import { decryptPii } from '../crypto/pii-cipher.js';
import type { Actor } from '../access/actor.js';
import { canManageUnion, openUnion, openUnionForRead } from '../union/union.service.js';

/**
 * Who sees and who manages a union's services (docs/unions.md "工会服务"): read where the union is
 * read (union.read, own place or a current link); changed under union.manage by the union's own
 * place only — seeing it through a link is 403 NOT_MANAGED, not seeing it 404. A dissolved union
 * keeps its records readable and takes no new ones.
 */
export const readUnion = (db: Executor, actor: Actor, unionId: string) => openUnionForRead(db, actor, unionId);
export const mayManageUnion = (db: Executor, actor: Actor, unionId: string) => canManageUnion(db, actor, unionId);

export async function manageUnion(tx: Executor, actor: Actor, unionId: string) {
  const found = await openUnion(tx, actor, unionId);
  if (found.union.status !== 'active') throw new AppError('CONFLICT', '工会已撤销，不能登记新的记录');
  return found;
}

/** The ID number as lists show it: masked, never beside anything that rebuilds it. */
export const maskedId = (keyring: Keyring, enc: string | null): string | null => (enc ? maskIdNumber(decryptPii(keyring, enc)) : null);

export const fieldError = (field: string, code: string, message: string, status: 'VALIDATION_FAILED' | 'CONFLICT' = 'VALIDATION_FAILED') =>
  new AppError(status, message, [{ field, code, message }]);
export const versionConflict = () => new AppError('VERSION_CONFLICT', '该记录已被他人修改，请刷新后重试');
