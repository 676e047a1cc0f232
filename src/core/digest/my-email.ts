import type { MyEmail, MyEmailInput } from '../../contracts/digest.js';
import type { Db } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { versionConflict } from '../party-org/party-org.access.js';

/**
 * A user's own e-mail address (我的 › 电子邮箱), where the daily digest goes; empty means no digest.
 * Only the signed-in user sets their own; changed at the account's version, audited (the address is
 * masked in the audit: it is personal data).
 */
const mask = (e: string | null) => (e ? e.replace(/^(.).*(@.*)$/, '$1***$2') : null);
const self = (actor: Actor) => {
  if (actor.kind !== 'user' || !actor.userId) throw new AppError('FORBIDDEN', '只有登录用户可以设置自己的电子邮箱');
  return actor.userId;
};

export async function getMyEmail(db: Db, actor: Actor): Promise<MyEmail> {
  const u = await db.selectFrom('app_user').select(['email', 'version']).where('id', '=', self(actor)).executeTakeFirstOrThrow();
  return { email: u.email, version: u.version };
}

export async function setMyEmail(db: Db, actor: Actor, input: MyEmailInput): Promise<MyEmail> {
  const id = self(actor);
  return db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('app_user').select(['email', 'version']).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (before.version !== input.version) throw versionConflict();
    const after = await tx.updateTable('app_user').set({ email: input.email, version: before.version + 1, updated_at: new Date() })
      .where('id', '=', id).where('version', '=', input.version).returning(['email', 'version']).executeTakeFirst();
    if (!after) throw versionConflict();
    await recordAudit(tx, actor, { action: 'user.email', entity: 'app_user', entityId: id, before: { email: mask(before.email), version: before.version }, after: { email: mask(after.email), version: after.version } });
    return { email: after.email, version: after.version };
  });
}
