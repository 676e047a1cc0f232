import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { metricsText } from '../../core/ops/metrics.service.js';
import { readiness } from '../../core/ops/readiness.service.js';
import { AppError } from '../../domain/errors.js';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;
// A reverse proxy on the same host connects from loopback on behalf of someone else: its request is not local.
const PROXY_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

const readyCheck = z.object({ check: z.enum(['database', 'migrations', 'shutdown']), ok: z.boolean(), code: z.string(), message: z.string() });
const readyBody = z.object({ ready: z.boolean(), code: z.enum(['READY', 'NOT_READY']), message: z.string(), details: z.array(readyCheck) });
const healthBody = z.object({ alive: z.literal(true), code: z.literal('ALIVE'), message: z.string(), uptimeSeconds: z.number() });

function sameToken(given: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/** /metrics: from this machine directly, or from anywhere with `Authorization: Bearer LX_METRICS_TOKEN`. */
function mayScrape(request: FastifyRequest, token: string | undefined): boolean {
  const auth = request.headers.authorization;
  if (token && typeof auth === 'string' && auth.startsWith('Bearer ')) return sameToken(auth.slice(7).trim(), token);
  const local = LOOPBACK.test(request.socket.remoteAddress ?? '');
  return local && !PROXY_HEADERS.some((h) => request.headers[h] !== undefined);
}

/**
 * Operations endpoints outside /api (docs/operations.md): liveness, readiness and Prometheus metrics.
 * None needs a session: a load balancer or a scraper has none. They tell no record's content.
 */
export const opsRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get('/healthz', {
    config: { public: true },
    schema: { tags: ['system'], summary: '存活检查（不访问数据库）', response: { 200: healthBody } },
  }, async () => ({ alive: true as const, code: 'ALIVE' as const, message: '服务进程运行中', uptimeSeconds: Math.round(process.uptime()) }));

  app.get('/readyz', {
    config: { public: true },
    schema: { tags: ['system'], summary: '就绪检查：数据库可连接、迁移为最新、未在停止', response: { 200: readyBody, 503: readyBody } },
  }, async (_request, reply) => {
    const r = await readiness(ctx.database, app.ops.shuttingDown);
    return reply.status(r.ready ? 200 : 503).send(r);
  });

  app.get('/metrics', {
    config: { public: true },
    schema: { tags: ['system'], summary: 'Prometheus 指标（仅本机或持 LX_METRICS_TOKEN）' },
  }, async (request, reply) => {
    if (!mayScrape(request, ctx.config.metricsToken)) {
      throw new AppError('FORBIDDEN', '监控指标只对本机开放；其他主机须在 Authorization 头中携带 LX_METRICS_TOKEN', [{ code: 'METRICS_NOT_ALLOWED', message: '非本机请求且未携带有效令牌' }]);
    }
    const text = await metricsText(ctx.database, app.ops.http);
    return reply.header('content-type', 'text/plain; version=0.0.4; charset=utf-8').header('cache-control', 'no-store').send(text);
  });
};
