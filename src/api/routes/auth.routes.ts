import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import rateLimit from '@fastify/rate-limit';
import { z } from 'zod';
import {
  ChangePasswordBody, SignInBody, SignInLogList, SignInLogQuery, SignInResponse, TotpEnableBody, TotpSetupResponse,
} from '../../contracts/auth.js';
import { needsTotp, resolveSession, signIn, signOut } from '../../core/auth/auth.service.js';
import { changePassword, enableTotp, setupTotp } from '../../core/auth/credentials.service.js';
import { secretBoxOf, type SecretBox } from '../../core/auth/secret-box.js';
import { listSignIns } from '../../core/auth/sign-in-log.service.js';
import { keyringFor, keyringSettings } from '../../core/crypto/keyring.js';
import { areasOf } from '../../core/region/region-areas.js';
import type { AppContext } from '../context.js';
import { actorOf, SESSION_COOKIE } from '../plugins/auth.js';

const Ok = z.object({ ok: z.boolean() });

/** The TOTP seed is sealed with the personal-data keyring (E2's src/core/crypto), loaded on first use. */
export const secretBoxFor = (ctx: AppContext): SecretBox =>
  secretBoxOf(() => keyringFor(keyringSettings(ctx.config, ctx.database.engine)));

const setSessionCookie = (request: FastifyRequest, reply: FastifyReply, token: string) =>
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https' });

const clientOf = (request: FastifyRequest) => ({ ip: request.ip, userAgent: request.headers['user-agent'] ?? null });

export const authRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = ctx.database.db;
  const box = secretBoxFor(ctx);
  const pending = { allowPendingPasswordChange: true, allowPendingTotpEnrolment: true };
  await app.register(rateLimit, { global: false });

  app.post('/api/auth/sign-in', {
    config: { public: true, rateLimit: { max: ctx.config.auth.signInRateLimit, timeWindow: '1 minute' } },
    schema: { tags: ['auth'], summary: '登录', body: SignInBody, response: { 200: SignInResponse } },
  }, async (request, reply) => {
    const result = await signIn(db, box, { ...request.body, ...clientOf(request) });
    setSessionCookie(request, reply, result.token);
    const session = await resolveSession(db, result.token, { ...clientOf(request), requireTotpForAdmins: ctx.config.auth.requireTotpForAdmins });
    return { csrfToken: result.csrfToken, mustChangePassword: result.mustChangePassword, totpEnrolmentRequired: session.totpEnrolmentRequired };
  });

  app.post('/api/auth/sign-out', { config: pending, schema: { tags: ['auth'], summary: '退出登录', response: { 200: Ok } } },
    async (request, reply) => {
      await signOut(db, request.cookies[SESSION_COOKIE] ?? '');
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    });

  app.get('/api/auth/me', { config: pending, schema: { tags: ['auth'], summary: '当前用户' } }, async (request) => {
    const actor = actorOf(request);
    return {
      userId: actor.userId, username: actor.username, csrfToken: request.csrfToken, grants: actor.grants,
      totpRequired: ctx.config.auth.requireTotpForAdmins && needsTotp(actor.grants),
      // The person's own regions, named: pages open on them (web: statistics page, region search).
      areas: await areasOf(db, actor),
    };
  });

  app.post('/api/auth/change-password', {
    config: pending, schema: { tags: ['auth'], summary: '修改密码（其他会话全部失效）', body: ChangePasswordBody, response: { 200: z.object({ csrfToken: z.string() }) } },
  }, async (request, reply) => {
    const result = await changePassword(db, actorOf(request), request.body);
    setSessionCookie(request, reply, result.token);
    return { csrfToken: result.csrfToken };
  });

  app.post('/api/auth/totp/setup', {
    config: { allowPendingTotpEnrolment: true }, schema: { tags: ['auth'], summary: '获取动态验证码密钥', response: { 200: TotpSetupResponse } },
  }, async (request) => setupTotp(db, box, actorOf(request)));

  app.post('/api/auth/totp/enable', {
    config: { allowPendingTotpEnrolment: true }, schema: { tags: ['auth'], summary: '启用动态验证码', body: TotpEnableBody, response: { 200: Ok } },
  }, async (request) => {
    await enableTotp(db, box, actorOf(request), request.body.code);
    return { ok: true };
  });

  app.get('/api/sign-in-log', {
    schema: { tags: ['auth'], summary: '登录日志', querystring: SignInLogQuery, response: { 200: SignInLogList } },
  }, async (request) => listSignIns(db, actorOf(request), request.query));
};
