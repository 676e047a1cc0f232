import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../../core/access/actor.js';
import { resolveSession } from '../../core/auth/auth.service.js';
import type { Db } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';

export const SESSION_COOKIE = 'lx_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /** Route needs no signed-in user (sign-in itself, health, the web app's files). */
    public?: boolean;
    /** Route may be used while a password change is still pending. */
    allowPendingPasswordChange?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Authenticates every /api route by its session cookie; checks CSRF on every unsafe method. */
export function registerAuth(app: FastifyInstance, db: Db): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') || request.routeOptions.config?.public) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) throw new AppError('UNAUTHENTICATED', '请先登录');
    const session = await resolveSession(db, token, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
    if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== session.csrfToken) {
      throw new AppError('CSRF_FAILED', '请求校验失败（CSRF），请刷新页面后重试');
    }
    if (session.mustChangePassword && !request.routeOptions.config?.allowPendingPasswordChange) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', '首次登录或密码被重置后，请先修改密码');
    }
    request.actor = session.actor;
    request.csrfToken = session.csrfToken;
  });
}

/** The signed-in actor of a non-public route. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', '请先登录');
  return request.actor;
}
