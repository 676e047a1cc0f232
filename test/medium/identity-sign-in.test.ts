import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { ensureFirstAdmin, resolveSession, signIn, ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS } from '../../src/core/auth/auth.service.js';
import { changePassword, enableTotp, setupTotp } from '../../src/core/auth/credentials.service.js';
import { hashPassword } from '../../src/core/auth/password.js';
import { secretBoxOf } from '../../src/core/auth/secret-box.js';
import { totpAt } from '../../src/core/auth/totp.js';
import { generateKeyringText, parseKeyring } from '../../src/core/crypto/keyring.js';
import { AppError } from '../../src/domain/errors.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';

const keyring = parseKeyring(generateKeyringText(), 'env', null);
const box = secretBoxOf(() => keyring);
const PASSWORD = 'Correct-Horse-1';
const client = { ip: '10.1.1.1', userAgent: 'vitest' };
const codeOf = async (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof AppError ? e.code : String(e)));

describe(`sign-in on ${testEngine()}`, () => {
  let database: Database;
  const t0 = new Date('2026-03-01T08:00:00Z');
  const at = (ms: number) => new Date(t0.getTime() + ms);

  async function makeUser(username: string, mustChange = false): Promise<string> {
    const row = await database.db.insertInto('app_user').values({
      username, display_name: username, password_hash: await hashPassword(PASSWORD), must_change_password: mustChange,
    }).returning('id').executeTakeFirstOrThrow();
    await database.db.insertInto('user_role').values({ user_id: row.id, role: 'org_admin', region_prefixes: ['4403'] }).execute();
    return row.id;
  }
  const attempt = (username: string, password: string, now: Date, totpCode?: string) =>
    signIn(database.db, box, { username, password, totpCode, ...client }, now);

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.close());

  it('first start creates one admin with a one-time password that must be changed', async () => {
    const first = await ensureFirstAdmin(database.db);
    expect(first?.username).toBe('admin');
    expect(await ensureFirstAdmin(database.db)).toBeNull();
    const s = await attempt('admin', first?.password ?? '', t0);
    expect(s.mustChangePassword).toBe(true);
    const session = await resolveSession(database.db, s.token, client, t0);
    expect(session.actor.grants).toMatchObject([{ role: 'system_admin', allRegions: true }]);
  });

  it('locks an account for 15 minutes after 5 failures, even for the right password', async () => {
    await makeUser('lockme');
    for (let i = 0; i < 5; i++) expect(await codeOf(attempt('lockme', 'wrong-password', at(i * 1000)))).toBe('BAD_CREDENTIALS');
    expect(await codeOf(attempt('lockme', PASSWORD, at(10_000)))).toBe('ACCOUNT_LOCKED');
    expect(await codeOf(attempt('lockme', PASSWORD, at(15 * 60_000 - 1)))).toBe('ACCOUNT_LOCKED');
    expect(await codeOf(attempt('lockme', PASSWORD, at(15 * 60_000 + 5_000)))).toBe('ok');
  });

  it('a success resets the failure count', async () => {
    await makeUser('resetme');
    for (let i = 0; i < 4; i++) await codeOf(attempt('resetme', 'wrong', at(i)));
    expect(await codeOf(attempt('resetme', PASSWORD, at(10)))).toBe('ok');
    for (let i = 0; i < 4; i++) expect(await codeOf(attempt('resetme', 'wrong', at(20 + i)))).toBe('BAD_CREDENTIALS');
    expect(await codeOf(attempt('resetme', PASSWORD, at(30)))).toBe('ok');
  });

  it('unknown user names answer exactly like real ones, including the lockout', async () => {
    const seq: string[] = [];
    for (let i = 0; i < 6; i++) seq.push(await codeOf(attempt('nobody-here', 'whatever', at(i))));
    expect(seq).toEqual(['BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'ACCOUNT_LOCKED']);
  });

  it('a disabled account cannot sign in and is told nothing more', async () => {
    const id = await makeUser('gone');
    await database.db.updateTable('app_user').set({ disabled: true }).where('id', '=', id).execute();
    expect(await codeOf(attempt('gone', PASSWORD, at(0)))).toBe('BAD_CREDENTIALS');
  });

  it('writes every attempt to the sign-in log with IP and user agent, never the password', async () => {
    const rows = await database.db.selectFrom('sign_in_log').selectAll().where('username', 'in', ['lockme', 'nobody-here', 'gone']).execute();
    const reasons = rows.map((r) => `${r.username}:${r.reason}`);
    expect(reasons.filter((r) => r === 'lockme:bad_credentials')).toHaveLength(5);
    expect(reasons).toContain('lockme:locked');
    expect(reasons).toContain('lockme:ok');
    expect(reasons).toContain('nobody-here:locked');
    expect(reasons).toContain('gone:disabled');
    expect(rows.every((r) => r.ip === '10.1.1.1' && r.user_agent === 'vitest')).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(PASSWORD);
    expect(rows.filter((r) => r.success).every((r) => r.reason === 'ok')).toBe(true);
  });

  it('sessions end after 30 idle minutes and after 12 hours however busy', async () => {
    await makeUser('timer');
    const s = await attempt('timer', PASSWORD, t0);
    expect((await resolveSession(database.db, s.token, client, at(IDLE_TIMEOUT_MS - 1000))).actor.username).toBe('timer');
    expect(await codeOf(resolveSession(database.db, s.token, client, at(2 * IDLE_TIMEOUT_MS - 500)))).toBe('SESSION_EXPIRED');
    expect(await codeOf(resolveSession(database.db, s.token, client, at(2 * IDLE_TIMEOUT_MS)))).toBe('UNAUTHENTICATED');
    const busy = await attempt('timer', PASSWORD, t0);
    let now = 0;
    while (now + 20 * 60_000 < ABSOLUTE_TIMEOUT_MS) {
      now += 20 * 60_000;
      await resolveSession(database.db, busy.token, client, at(now));
    }
    expect(await codeOf(resolveSession(database.db, busy.token, client, at(ABSOLUTE_TIMEOUT_MS + 1000)))).toBe('SESSION_EXPIRED');
  });

  it('changing the password revokes every session and issues a new one; the policy applies', async () => {
    await makeUser('changer', true);
    const a = await attempt('changer', PASSWORD, new Date());
    const b = await attempt('changer', PASSWORD, new Date());
    expect(a.mustChangePassword).toBe(true);
    const sa = await resolveSession(database.db, a.token, client);
    expect(await codeOf(changePassword(database.db, sa.actor, { currentPassword: PASSWORD, newPassword: 'short' }))).toBe('PASSWORD_POLICY');
    expect(await codeOf(changePassword(database.db, sa.actor, { currentPassword: 'nope', newPassword: 'Brand-New-Pass-9' }))).toBe('BAD_CREDENTIALS');
    expect(await codeOf(changePassword(database.db, sa.actor, { currentPassword: PASSWORD, newPassword: 'changer-Pass-9' }))).toBe('PASSWORD_POLICY');
    const fresh = await changePassword(database.db, sa.actor, { currentPassword: PASSWORD, newPassword: 'Brand-New-Pass-9' });
    expect(fresh.revoked).toBe(2);
    expect(await codeOf(resolveSession(database.db, a.token, client))).toBe('UNAUTHENTICATED');
    expect(await codeOf(resolveSession(database.db, b.token, client))).toBe('UNAUTHENTICATED');
    const now = await resolveSession(database.db, fresh.token, client);
    expect(now.mustChangePassword).toBe(false);
    expect(await codeOf(attempt('changer', PASSWORD, new Date()))).toBe('BAD_CREDENTIALS');
    expect(await codeOf(attempt('changer', 'Brand-New-Pass-9', new Date()))).toBe('ok');
  });

  it('TOTP: setup, enable with a code, then sign-in needs a fresh code; replay refused; admins flagged until enrolled', async () => {
    await makeUser('otp');
    const s = await attempt('otp', PASSWORD, t0);
    const session = await resolveSession(database.db, s.token, { ...client, requireTotpForAdmins: true }, t0);
    expect(session.totpEnrolmentRequired).toBe(true);
    const { secret, uri } = await setupTotp(database.db, box, session.actor);
    expect(uri).toContain(secret);
    const stored = await database.db.selectFrom('app_user').select('totp_secret').where('username', '=', 'otp').executeTakeFirstOrThrow();
    expect(stored.totp_secret).not.toContain(secret);
    expect(await codeOf(enableTotp(database.db, box, session.actor, '000000', t0))).toBe('VALIDATION_FAILED');
    await enableTotp(database.db, box, session.actor, totpAt(secret, t0), t0);
    const after = await resolveSession(database.db, s.token, { ...client, requireTotpForAdmins: true }, at(1000));
    expect(after.totpEnrolmentRequired).toBe(false);
    expect(await codeOf(attempt('otp', PASSWORD, at(60_000)))).toBe('TOTP_REQUIRED');
    const right = totpAt(secret, at(60_000));
    expect(await codeOf(attempt('otp', PASSWORD, at(60_000), right === '000000' ? '111111' : '000000'))).toBe('TOTP_INVALID');
    expect(await codeOf(attempt('otp', PASSWORD, at(60_000), totpAt(secret, at(60_000))))).toBe('ok');
    expect(await codeOf(attempt('otp', PASSWORD, at(61_000), totpAt(secret, at(60_000))))).toBe('TOTP_INVALID');
    expect(await codeOf(attempt('otp', PASSWORD, at(90_000), totpAt(secret, at(90_000))))).toBe('ok');
  });
});
