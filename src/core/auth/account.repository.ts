import type { Executor } from '../../db/schema.js';
import type { SignInReason } from '../../db/tables/identity.js';

const ACCOUNT_COLUMNS = ['id', 'username', 'display_name', 'password_hash', 'disabled', 'must_change_password',
  'failed_attempts', 'locked_until', 'totp_secret', 'totp_enabled', 'totp_last_step'] as const;

/** The sign-in view of an account: credentials, lockout and TOTP state. */
export async function findAccountByUsername(db: Executor, username: string) {
  return db.selectFrom('app_user')
    .select(ACCOUNT_COLUMNS)
    .where('username', '=', username)
    .executeTakeFirst();
}

export async function findAccountById(db: Executor, id: string) {
  return db.selectFrom('app_user')
    .select(ACCOUNT_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function setFailures(db: Executor, id: string, failedAttempts: number, lockedUntil: Date | null) {
  await db.updateTable('app_user').set({ failed_attempts: failedAttempts, locked_until: lockedUntil }).where('id', '=', id).execute();
}

export async function setTotpLastStep(db: Executor, id: string, step: number) {
  await db.updateTable('app_user').set({ totp_last_step: step }).where('id', '=', id).execute();
}

export async function setPassword(db: Executor, id: string, hash: string, mustChange: boolean, now: Date) {
  await db.updateTable('app_user')
    .set((eb) => ({
      password_hash: hash, must_change_password: mustChange, password_changed_at: now, failed_attempts: 0, locked_until: null,
      updated_at: now, version: eb('version', '+', 1),
    }))
    .where('id', '=', id).execute();
}

export async function setTotp(db: Executor, id: string, t: { secret: string | null; enabled: boolean; lastStep: number | null }) {
  await db.updateTable('app_user')
    .set((eb) => ({ totp_secret: t.secret, totp_enabled: t.enabled, totp_last_step: t.lastStep, version: eb('version', '+', 1) }))
    .where('id', '=', id).execute();
}

export type SignInLogEntry = {
  username: string; userId: string | null; success: boolean; reason: SignInReason; ip: string | null; userAgent: string | null; at: Date;
};

export async function insertSignInLog(db: Executor, e: SignInLogEntry) {
  await db.insertInto('sign_in_log').values({
    at: e.at, username: e.username.slice(0, 200), user_id: e.userId, success: e.success, reason: e.reason, ip: e.ip,
    user_agent: e.userAgent?.slice(0, 500) ?? null,
  }).execute();
}

/** Recent failures for a user name that has no account: unknown names are locked out like real ones. */
export async function countRecentUnknownFailures(db: Executor, username: string, since: Date): Promise<number> {
  const row = await db.selectFrom('sign_in_log')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('username', '=', username).where('user_id', 'is', null).where('success', '=', false).where('at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
