import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { signIn, signOut } from '../../core/auth/auth.service.js';
import type { AppContext } from '../context.js';
import { actorOf, SESSION_COOKIE } from '../plugins/auth.js';

const SignInBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) });

export const authRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = ctx.database.db;
  app.post('/api/auth/sign-in', { config: { public: true }, schema: { tags: ['auth'], summary: '登录', body: SignInBody } },
    async (request, reply) => {
      const result = await signIn(db, { ...request.body, ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
      reply.setCookie(SESSION_COOKIE, result.token, { path: '/', httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https' });
      return { csrfToken: result.csrfToken, mustChangePassword: result.mustChangePassword };
    });

  app.post('/api/auth/sign-out', { config: { allowPendingPasswordChange: true }, schema: { tags: ['auth'], summary: '退出登录' } },
    async (request, reply) => {
      await signOut(db, request.cookies[SESSION_COOKIE] ?? '');
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    });

  app.get('/api/auth/me', { config: { allowPendingPasswordChange: true }, schema: { tags: ['auth'], summary: '当前用户' } },
    async (request) => {
      const actor = actorOf(request);
      return { userId: actor.userId, username: actor.username, csrfToken: request.csrfToken, grants: actor.grants };
    });
};
