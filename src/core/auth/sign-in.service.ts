import type { Db, Executor } from '../../db/schema.js';
import type { SignInReason } from '../../db/tables/identity.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import {
  countRecentUnknownFailures, findAccountByUsername, insertSignInLog, setFailures, setTotpLastStep,
} from './account.repository.js';
import { hashPassword, verifyPassword } from './password.js';
import type { SecretBox } from './secret-box.js';
import { insertSession } from './session.repository.js';
import { newToken, sessionIdOf } from './tokens.js';
import { verifyTotp } from './totp.js';

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

export type SignInInput = { username: string; password: string; totpCode?: string; ip: string | null; userAgent: string | null };
export type SignInResult = { token: string; csrfToken: string; userId: string; mustChangePassword: boolean };

type Account = NonNullable<Awaited<ReturnType<typeof findAccountByUsername>>>;

// The same words whether or not the account exists, so sign-in cannot be used to probe user names.
const badCredentials = () => new AppError('BAD_CREDENTIALS', '用户名或密码不正确');
const locked = () => new AppError('ACCOUNT_LOCKED', `登录失败次数过多，请 ${LOCKOUT_MS / 60000} 分钟后再试`);

let dummyHash: Promise<string> | null = null;
/** Unknown user names still cost one argon2 verification, so timing does not tell them apart. */
const burnVerify = async (password: string) => {
  dummyHash ??= hashPassword('dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
};

/**
 * Password (argon2id) → lockout (5 failures → 15 minutes, per account; unknown names are counted in
 * the sign-in log and locked the same way) → TOTP when enabled → a new session. Every attempt is
 * written to sign_in_log; a successful one is audited.
 */
export async function signIn(db: Db, box: SecretBox, input: SignInInput, now = new Date()): Promise<SignInResult> {
  const log = (reason: SignInReason, userId: string | null, exec: Executor = db) => insertSignInLog(exec, {
    username: input.username, userId, success: reason === 'ok', reason, ip: input.ip, userAgent: input.userAgent, at: now,
  });
  const account = await findAccountByUsername(db, input.username);
  if (!account) {
    await burnVerify(input.password);
    const failures = await countRecentUnknownFailures(db, input.username, new Date(now.getTime() - LOCKOUT_MS));
    await log(failures >= MAX_FAILED_ATTEMPTS ? 'locked' : 'bad_credentials', null);
    throw failures >= MAX_FAILED_ATTEMPTS ? locked() : badCredentials();
  }
  if (account.locked_until && account.locked_until.getTime() > now.getTime()) {
    await log('locked', account.id);
    throw locked();
  }
  if (!(await verifyPassword(account.password_hash, input.password))) {
    await fail(db, account, now, () => log('bad_credentials', account.id));
    throw badCredentials();
  }
  if (account.disabled) {
    await log('disabled', account.id);
    throw badCredentials();
  }
  const step = await checkSecondFactor(db, box, account, input.totpCode, now, log);
  return openSession(db, account, input, now, step, (tx) => log('ok', account.id, tx));
}

async function fail(db: Db, account: Account, now: Date, log: () => Promise<void>): Promise<void> {
  const attempts = account.failed_attempts + 1;
  const lock = attempts >= MAX_FAILED_ATTEMPTS;
  await setFailures(db, account.id, lock ? 0 : attempts, lock ? new Date(now.getTime() + LOCKOUT_MS) : account.locked_until);
  await log();
}

async function checkSecondFactor(
  db: Db, box: SecretBox, account: Account, code: string | undefined, now: Date,
  log: (reason: SignInReason, userId: string | null) => Promise<void>,
): Promise<number | null> {
  if (!account.totp_enabled || !account.totp_secret) return null;
  if (!code) {
    await log('totp_required', account.id);
    throw new AppError('TOTP_REQUIRED', '请输入动态验证码（身份验证器中的 6 位数字）');
  }
  const last = account.totp_last_step === null ? null : Number(account.totp_last_step);
  const step = verifyTotp(box.open(account.totp_secret), code, now, last);
  if (step === null) {
    await fail(db, account, now, () => log('totp_invalid', account.id));
    throw new AppError('TOTP_INVALID', '动态验证码不正确或已使用，请等待下一个验证码');
  }
  return step;
}

async function openSession(
  db: Db, account: Account, input: SignInInput, now: Date, totpStep: number | null, log: (tx: Executor) => Promise<void>,
): Promise<SignInResult> {
  const token = newToken();
  const csrfToken = newToken();
  await db.transaction().execute(async (tx) => {
    await setFailures(tx, account.id, 0, null);
    if (totpStep !== null) await setTotpLastStep(tx, account.id, totpStep);
    await insertSession(tx, { id: sessionIdOf(token), userId: account.id, csrfToken, ip: input.ip, userAgent: input.userAgent, now });
    await log(tx);
    const actor: Actor = { kind: 'user', userId: account.id, username: account.username, ip: input.ip, userAgent: input.userAgent, grants: [] };
    await recordAudit(tx, actor, { action: 'auth.sign_in', entity: 'user', entityId: account.id });
  });
  return { token, csrfToken, userId: account.id, mustChangePassword: account.must_change_password };
}
