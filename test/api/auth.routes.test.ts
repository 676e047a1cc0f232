import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { hashPassword } from '../../src/core/auth/password.js';
import { totpAt } from '../../src/core/auth/totp.js';
import { buildTestApp, call, signInAs } from '../factories/world.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';

const PW = 'Api-Test-Pass-1';

describe(`auth routes on ${testEngine()}`, () => {
  let database: Database;
  let strict: Awaited<ReturnType<typeof buildTestApp>>;
  let limited: Awaited<ReturnType<typeof buildTestApp>>;

  async function user(username: string, role: string, mustChange = false) {
    const u = await database.db.insertInto('app_user').values({ username, display_name: username, password_hash: await hashPassword(PW), must_change_password: mustChange })
      .returning('id').executeTakeFirstOrThrow();
    await database.db.insertInto('user_role').values({ user_id: u.id, role, all_regions: role === 'system_admin', region_prefixes: role === 'system_admin' ? [] : ['4403'] }).execute();
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    strict = await buildTestApp(database, { LX_REQUIRE_TOTP_FOR_ADMINS: 'true' });
    limited = await buildTestApp(database, { LX_SIGN_IN_RATE_LIMIT: '3' });
    await user('boss', 'system_admin');
    await user('clerk', 'township_officer');
    await user('newbie', 'township_officer', true);
  });
  afterAll(async () => {
    await strict?.close();
    await limited?.close();
    await database?.close();
  });

  it('unsafe methods need the session CSRF token; safe ones do not', async () => {
    const s = await signInAs(strict.app, 'clerk', PW);
    const noHeader = await strict.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: { cookie: s.cookie } });
    expect(noHeader.statusCode).toBe(403);
    expect(noHeader.json().code).toBe('CSRF_FAILED');
    const wrong = await strict.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: { cookie: s.cookie, 'x-csrf-token': 'forged' } });
    expect(wrong.json().code).toBe('CSRF_FAILED');
    expect((await strict.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode).toBe(200);
  });

  it('sets an httpOnly SameSite=Strict cookie and security headers on every reply', async () => {
    const res = await strict.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'clerk', password: PW } });
    const cookie = res.cookies.find((c) => c.name === 'lx_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    for (const r of [res, await strict.app.inject({ method: 'GET', url: '/api/health' }), await strict.app.inject({ method: 'GET', url: '/api/nowhere' })]) {
      expect(r.headers['x-frame-options']).toBe('DENY');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['referrer-policy']).toBe('same-origin');
      expect(String(r.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
      expect(r.headers['strict-transport-security']).toBeUndefined();
    }
    const https = await strict.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' } });
    expect(https.headers['strict-transport-security']).toBeUndefined(); // trustProxy is off: a header alone proves nothing
  });

  it('holds everything back until the password is changed; the change revokes the old session', async () => {
    const s = await signInAs(strict.app, 'newbie', PW);
    const blocked = await call(strict.app, s, 'GET', '/api/users');
    expect(blocked.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    const bad = await call(strict.app, s, 'POST', '/api/auth/change-password', { currentPassword: PW, newPassword: 'newbie-1234567' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('PASSWORD_POLICY');
    expect(bad.json().message).toMatch(/[\u4e00-\u9fa5]/);
    const ok = await call(strict.app, s, 'POST', '/api/auth/change-password', { currentPassword: PW, newPassword: 'Better-Pass-99' });
    expect(ok.statusCode).toBe(200);
    expect((await call(strict.app, s, 'GET', '/api/auth/me')).statusCode).toBe(401);
    const cookie = ok.cookies.find((c) => c.name === 'lx_session');
    const fresh = { username: 'newbie', cookie: `lx_session=${cookie?.value}`, csrf: ok.json().csrfToken as string };
    expect((await call(strict.app, fresh, 'GET', '/api/regions')).statusCode).toBe(200);
  });

  it('an admin must enrol TOTP before anything else, then signs in with a code', async () => {
    const first = await strict.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'boss', password: PW } });
    expect(first.json().totpEnrolmentRequired).toBe(true);
    const s = await signInAs(strict.app, 'boss', PW);
    expect((await call(strict.app, s, 'GET', '/api/users')).json().code).toBe('TOTP_ENROLMENT_REQUIRED');
    const setup = await call(strict.app, s, 'POST', '/api/auth/totp/setup');
    const { secret, uri } = setup.json() as { secret: string; uri: string };
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    const now = new Date();
    expect((await call(strict.app, s, 'POST', '/api/auth/totp/enable', { code: totpAt(secret, now) })).statusCode).toBe(200);
    expect((await call(strict.app, s, 'GET', '/api/users')).statusCode).toBe(200);
    const noCode = await strict.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'boss', password: PW } });
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().code).toBe('TOTP_REQUIRED');
    const next = totpAt(secret, new Date(now.getTime() + 30_000));
    const withCode = await strict.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'boss', password: PW, totpCode: next } });
    expect(withCode.statusCode).toBe(200);
    expect(withCode.json().totpEnrolmentRequired).toBe(false);
  });

  it('rate-limits sign-in per IP with a Chinese 429', async () => {
    const from = (ip: string) => limited.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'x', password: 'y' }, remoteAddress: ip });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await from('192.0.2.7')).statusCode);
    expect(codes).toEqual([401, 401, 401, 429]);
    const limitedRes = await from('192.0.2.7');
    expect(limitedRes.json().code).toBe('RATE_LIMITED');
    expect(limitedRes.json().message).toMatch(/[\u4e00-\u9fa5]/);
    expect((await from('192.0.2.8')).statusCode).toBe(401);
  });

  it('the sign-in log lists attempts with IP and user agent for audit readers only', async () => {
    await limited.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'clerk', password: 'nope' }, remoteAddress: '198.51.100.9', headers: { 'user-agent': 'probe/1.0' } });
    const boss = await database.db.selectFrom('app_user').select('id').where('username', '=', 'boss').executeTakeFirstOrThrow();
    await database.db.updateTable('app_user').set({ totp_enabled: false }).where('id', '=', boss.id).execute();
    const s = await signInAs(limited.app, 'boss', PW, '198.51.100.10');
    const log = await call(limited.app, s, 'GET', '/api/sign-in-log?username=clerk&success=false');
    const items = log.json().items as Array<{ ip: string; userAgent: string; reason: string }>;
    expect(items[0]).toMatchObject({ ip: '198.51.100.9', userAgent: 'probe/1.0', reason: 'bad_credentials' });
    const clerk = await signInAs(limited.app, 'clerk', PW, '198.51.100.11');
    expect((await call(limited.app, clerk, 'GET', '/api/sign-in-log')).statusCode).toBe(403);
  });
});
