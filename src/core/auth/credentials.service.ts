import type { Db } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { checkPassword, passwordViolationMessage } from '../../domain/password-policy.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { findAccountById, setPassword, setTotp } from './account.repository.js';
import { hashPassword, verifyPassword } from './password.js';
import type { SecretBox } from './secret-box.js';
import { insertSession, revokeUserSessions } from './session.repository.js';
import { newToken, sessionIdOf } from './tokens.js';
import { newTotpSecret, otpauthUri, verifyTotp } from './totp.js';

/** Throws PASSWORD_POLICY with one detail per broken rule. */
export function assertPasswordPolicy(password: string, username: string, field = 'newPassword'): void {
  const violations = checkPassword(password, username);
  if (!violations.length) return;
  throw new AppError('PASSWORD_POLICY', passwordViolationMessage(violations[0]),
    violations.map((v) => ({ field, code: v, message: passwordViolationMessage(v) })));
}

async function accountOf(db: Db, actor: Actor) {
  const account = actor.userId ? await findAccountById(db, actor.userId) : undefined;
  if (!account) throw new AppError('UNAUTHENTICATED', '请先登录');
  return account;
}

/**
 * A user changes their own password: the current one must be right, the new one must pass the
 * policy and differ from it. Every session of the user is revoked — including the one making the
 * request — and a fresh session is issued, so a stolen cookie dies with the old password.
 */
export async function changePassword(
  db: Db, actor: Actor, input: { currentPassword: string; newPassword: string }, now = new Date(),
): Promise<{ token: string; csrfToken: string; revoked: number }> {
  const account = await accountOf(db, actor);
  if (!(await verifyPassword(account.password_hash, input.currentPassword))) {
    throw new AppError('BAD_CREDENTIALS', '当前密码不正确', [{ field: 'currentPassword', code: 'bad_credentials', message: '当前密码不正确' }]);
  }
  assertPasswordPolicy(input.newPassword, account.username);
  if (input.newPassword === input.currentPassword) {
    throw new AppError('PASSWORD_POLICY', '新密码不能与当前密码相同', [{ field: 'newPassword', code: 'unchanged', message: '新密码不能与当前密码相同' }]);
  }
  const hash = await hashPassword(input.newPassword);
  const token = newToken();
  const csrfToken = newToken();
  let revoked = 0;
  await db.transaction().execute(async (tx) => {
    await setPassword(tx, account.id, hash, false, now);
    revoked = await revokeUserSessions(tx, account.id, now);
    await insertSession(tx, { id: sessionIdOf(token), userId: account.id, csrfToken, ip: actor.ip, userAgent: actor.userAgent, now });
    await recordAudit(tx, actor, { action: 'auth.change_password', entity: 'user', entityId: account.id, after: { sessionsRevoked: revoked } });
  });
  return { token, csrfToken, revoked };
}

/**
 * Starts (or restarts) TOTP enrolment: a new secret, sealed with the keyring, not yet in force.
 * Refused while TOTP is enabled — an administrator resets it (user reset-password --reset-totp).
 */
export async function setupTotp(db: Db, box: SecretBox, actor: Actor): Promise<{ secret: string; uri: string }> {
  const account = await accountOf(db, actor);
  if (account.totp_enabled) throw new AppError('CONFLICT', '已启用动态验证码；如需更换，请联系管理员重置');
  const secret = newTotpSecret();
  await db.transaction().execute(async (tx) => {
    await setTotp(tx, account.id, { secret: box.seal(secret), enabled: false, lastStep: null });
    await recordAudit(tx, actor, { action: 'auth.totp_setup', entity: 'user', entityId: account.id });
  });
  return { secret, uri: otpauthUri(secret, account.username) };
}

/** Confirms enrolment with a first code from the app; from then on sign-in asks for a code. */
export async function enableTotp(db: Db, box: SecretBox, actor: Actor, code: string, now = new Date()): Promise<void> {
  const account = await accountOf(db, actor);
  if (account.totp_enabled) throw new AppError('CONFLICT', '动态验证码已启用');
  if (!account.totp_secret) throw new AppError('CONFLICT', '请先获取动态验证码密钥（绑定身份验证器）');
  const step = verifyTotp(box.open(account.totp_secret), code, now, null);
  if (step === null) {
    // 400, not TOTP_INVALID's 401: the session is fine, only the code is wrong.
    throw new AppError('VALIDATION_FAILED', '动态验证码不正确，请核对手机时间后重试', [{ field: 'code', code: 'totp_invalid', message: '动态验证码不正确' }]);
  }
  await db.transaction().execute(async (tx) => {
    await setTotp(tx, account.id, { secret: account.totp_secret, enabled: true, lastStep: step });
    await recordAudit(tx, actor, { action: 'auth.totp_enable', entity: 'user', entityId: account.id });
  });
}
