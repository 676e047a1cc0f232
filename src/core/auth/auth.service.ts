import crypto from 'node:crypto';
import type { Db } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { TOTP_MANDATORY_ROLES, type Role } from '../../domain/permissions.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { hashPassword } from './password.js';
import { findSessionForRequest, revokeSession } from './session.repository.js';
import { sessionIdOf } from './tokens.js';
import { anyUserExists, insertGrant, insertUser } from '../user/user.repository.js';

export { signIn, type SignInResult } from './sign-in.service.js';

export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/**
 * `last_seen_at` is written at most once a minute (when the stored value is older than this), so
 * a read costs no write. The idle timeout counts from the last *recorded* activity: a session idle
 * for between 29 and 30 minutes may already have ended — a minute's granularity against 30.
 */
export const TOUCH_INTERVAL_MS = 60 * 1000;

export type ResolvedSession = {
  actor: Actor;
  sessionId: string;
  csrfToken: string;
  mustChangePassword: boolean;
  /** An admin role without an enrolled second factor, while LX_REQUIRE_TOTP_FOR_ADMINS is on. */
  totpEnrolmentRequired: boolean;
  totpEnabled: boolean;
  displayName: string;
};

/** Whether these grants oblige the holder to enrol TOTP (system_admin, org_admin). */
export const needsTotp = (grants: Actor['grants']): boolean =>
  grants.some((g) => (TOTP_MANDATORY_ROLES as readonly string[]).includes(g.role as Role));

/**
 * Resolves a cookie token to an actor, enforcing idle (30 min) and absolute (12 h) timeouts, in one
 * query (session, user, grants; the once-a-minute touch rides along).
 */
export async function resolveSession(
  db: Db,
  token: string,
  ctx: { ip: string | null; userAgent: string | null; requireTotpForAdmins?: boolean },
  now = new Date(),
): Promise<ResolvedSession> {
  const at = now.getTime();
  const s = await findSessionForRequest(db, sessionIdOf(token), {
    now, before: new Date(at - TOUCH_INTERVAL_MS), idleFloor: new Date(at - IDLE_TIMEOUT_MS), createdFloor: new Date(at - ABSOLUTE_TIMEOUT_MS),
  });
  if (!s || s.revoked_at || s.disabled) throw new AppError('UNAUTHENTICATED', '请先登录');
  const idle = at - new Date(s.last_seen_at).getTime();
  const age = at - new Date(s.created_at).getTime();
  if (idle > IDLE_TIMEOUT_MS || age > ABSOLUTE_TIMEOUT_MS) {
    await revokeSession(db, s.id, now);
    throw new AppError('SESSION_EXPIRED', '登录已超时，请重新登录');
  }
  const grants = s.grants;
  return {
    actor: { kind: 'user', userId: s.user_id, username: s.username, ip: ctx.ip, userAgent: ctx.userAgent, grants },
    sessionId: s.id,
    csrfToken: s.csrf_token,
    mustChangePassword: s.must_change_password,
    totpEnrolmentRequired: Boolean(ctx.requireTotpForAdmins) && !s.totp_enabled && needsTotp(grants),
    totpEnabled: s.totp_enabled,
    displayName: s.display_name,
  };
}

export async function signOut(db: Db, token: string, now = new Date()): Promise<void> {
  await revokeSession(db, sessionIdOf(token), now);
}

/**
 * First start: with no user at all, create `admin` (system admin over every region) with a random
 * password that must be changed at first sign-in. Returns the password to print, or null.
 */
export async function ensureFirstAdmin(db: Db): Promise<{ username: string; password: string } | null> {
  if (await anyUserExists(db)) return null;
  const password = `Lx-${crypto.randomBytes(9).toString('base64url')}9a`;
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (tx) => {
    const id = await insertUser(tx, { username: 'admin', displayName: '系统管理员', passwordHash, mustChangePassword: true });
    if (!id) return; // another process created it first
    await insertGrant(tx, id, { role: 'system_admin', allRegions: true, regionPrefixes: [], parkIds: [], associationIds: [], partyOrgIds: [], enterpriseIds: [] }, null);
    const actor: Actor = { kind: 'system', userId: null, username: 'system', ip: null, userAgent: null, grants: [] };
    await recordAudit(tx, actor, { action: 'user.create', entity: 'user', entityId: id, after: { username: 'admin', role: 'system_admin' } });
  });
  return { username: 'admin', password };
}
