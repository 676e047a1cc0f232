import crypto from 'node:crypto';
import type { Db } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { hashPassword, verifyPassword } from './password.js';
import { findSessionWithUser, loadGrants } from './session.repository.js';
import { newToken, sessionIdOf } from './tokens.js';

export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;

export type SignInResult = { token: string; csrfToken: string; userId: string; mustChangePassword: boolean };

export async function signIn(
  db: Db,
  input: { username: string; password: string; ip: string | null; userAgent: string | null },
): Promise<SignInResult> {
  const user = await db.selectFrom('app_user').selectAll().where('username', '=', input.username).executeTakeFirst();
  const ok = user && !user.disabled && (await verifyPassword(user.password_hash, input.password));
  if (!user || !ok) throw new AppError('BAD_CREDENTIALS', '用户名或密码不正确');
  const token = newToken();
  const csrfToken = newToken();
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('user_session').values({
      id: sessionIdOf(token), user_id: user.id, csrf_token: csrfToken, ip: input.ip, user_agent: input.userAgent,
    }).execute();
    const actor: Actor = { kind: 'user', userId: user.id, username: user.username, ip: input.ip, userAgent: input.userAgent, grants: [] };
    await recordAudit(tx, actor, { action: 'auth.sign_in', entity: 'user', entityId: user.id });
  });
  return { token, csrfToken, userId: user.id, mustChangePassword: user.must_change_password };
}

export type ResolvedSession = { actor: Actor; csrfToken: string; mustChangePassword: boolean; displayName: string };

/** Resolves a cookie token to an actor, enforcing idle and absolute timeouts. */
export async function resolveSession(
  db: Db,
  token: string,
  ctx: { ip: string | null; userAgent: string | null },
  now = new Date(),
): Promise<ResolvedSession> {
  const s = await findSessionWithUser(db, sessionIdOf(token));
  if (!s || s.revoked_at || s.disabled) throw new AppError('UNAUTHENTICATED', '请先登录');
  const idle = now.getTime() - new Date(s.last_seen_at).getTime();
  const age = now.getTime() - new Date(s.created_at).getTime();
  if (idle > IDLE_TIMEOUT_MS || age > ABSOLUTE_TIMEOUT_MS) {
    await db.updateTable('user_session').set({ revoked_at: now }).where('id', '=', s.id).execute();
    throw new AppError('SESSION_EXPIRED', '登录已超时，请重新登录');
  }
  await db.updateTable('user_session').set({ last_seen_at: now }).where('id', '=', s.id).execute();
  const grants = await loadGrants(db, s.user_id);
  return {
    actor: { kind: 'user', userId: s.user_id, username: s.username, ip: ctx.ip, userAgent: ctx.userAgent, grants },
    csrfToken: s.csrf_token,
    mustChangePassword: s.must_change_password,
    displayName: s.display_name,
  };
}

export async function signOut(db: Db, token: string): Promise<void> {
  await db.updateTable('user_session').set({ revoked_at: new Date() }).where('id', '=', sessionIdOf(token)).execute();
}

/**
 * First start: with no user at all, create `admin` (system admin over every region) with a random
 * password that must be changed at first sign-in. Returns the password to print, or null.
 */
export async function ensureFirstAdmin(db: Db): Promise<{ username: string; password: string } | null> {
  const any = await db.selectFrom('app_user').select('id').limit(1).executeTakeFirst();
  if (any) return null;
  const password = `Lx-${crypto.randomBytes(9).toString('base64url')}9a`;
  await db.transaction().execute(async (tx) => {
    const user = await tx.insertInto('app_user').values({
      username: 'admin', display_name: '系统管理员', password_hash: await hashPassword(password), must_change_password: true,
    }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('user_role').values({ user_id: user.id, role: 'system_admin', all_regions: true }).execute();
    const actor: Actor = { kind: 'system', userId: null, username: 'system', ip: null, userAgent: null, grants: [] };
    await recordAudit(tx, actor, { action: 'user.create', entity: 'user', entityId: user.id, after: { username: 'admin', role: 'system_admin' } });
  });
  return { username: 'admin', password };
}
