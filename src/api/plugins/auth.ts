import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../core/access/actor.js';
import { resolveSession } from '../../core/auth/auth.service.js';
import { AppError } from '../../domain/errors.js';
import type { AppContext } from '../context.js';

export const SESSION_COOKIE = 'lx_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
    sessionId: string | null;
  }
  interface FastifyContextConfig {
    /** Route needs no signed-in user (sign-in itself, health, the web app's files). */
    public?: boolean;
    /** Route may be used while a password change is still pending. */
    allowPendingPasswordChange?: boolean;
    /** Route may be used while an admin's TOTP enrolment is still pending. */
    allowPendingTotpEnrolment?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Authenticates every /api route by its session cookie; checks CSRF (the per-session token in the
 * X-CSRF-Token header) on every unsafe method; holds back everything but the allowed routes while
 * a password change or an admin's TOTP enrolment is pending. Adds security headers to every reply.
 */
export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.database.db;
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('sessionId', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') || request.routeOptions.config?.public) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) throw new AppError('UNAUTHENTICATED', '请先登录');
    const session = await resolveSession(db, token, {
      ip: request.ip, userAgent: request.headers['user-agent'] ?? null, requireTotpForAdmins: ctx.config.auth.requireTotpForAdmins,
    });
    if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== session.csrfToken) {
      throw new AppError('CSRF_FAILED', '请求校验失败（CSRF），请刷新页面后重试');
    }
    const config = request.routeOptions.config;
    if (session.mustChangePassword && !config?.allowPendingPasswordChange) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', '首次登录或密码被重置后，请先修改密码');
    }
    if (session.totpEnrolmentRequired && !config?.allowPendingTotpEnrolment) {
      throw new AppError('TOTP_ENROLMENT_REQUIRED', '管理员账号须先绑定身份验证器（动态验证码）');
    }
    request.actor = session.actor;
    request.csrfToken = session.csrfToken;
    request.sessionId = session.sessionId;
  });
  app.addHook('onSend', async (request, reply) => {
    setSecurityHeaders(request, reply);
  });
}

// antd injects its CSS at run time, hence 'unsafe-inline' for styles only; scripts stay 'self'.
const CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
  "font-src 'self' data:", "connect-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function setSecurityHeaders(request: FastifyRequest, reply: FastifyReply): void {
  reply.header('Content-Security-Policy', CSP);
  reply.header('X-Frame-Options', 'DENY');
  reply.header('X-Content-Type-Options', 'nosniff');
  reply.header('Referrer-Policy', 'same-origin');
  reply.header('Cross-Origin-Opener-Policy', 'same-origin');
  if (request.protocol === 'https') reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  if (request.url.startsWith('/api/')) reply.header('Cache-Control', 'no-store');
}

/** The signed-in actor of a non-public route. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', '请先登录');
  return request.actor;
}
