import fs from 'node:fs';
import '../contracts/zod-locale.js';
import path from 'node:path';
import Fastify, { LogController, type FastifyInstance, type RouteOptions } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppContext } from './context.js';
import { loggerOptions, requestIdOf } from './logger.js';
import { registerAuth } from './plugins/auth.js';
import { registerInputGuard } from './plugins/input-guard.js';
import { registerRegionFilter } from './plugins/region-filter.js';
import { registerRegionsLoading } from './plugins/regions-loading.js';
import { clientErrors, frameworkErrors, registerErrorHandler } from './plugins/errors.js';
import { registerObservability } from './plugins/observability.js';
import { routeModules } from './routes/index.js';
import { registerWebHeaders } from './web-headers.js';
import { opsRoutes } from './routes/ops.routes.js';

export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

export async function buildApp(
  ctx: AppContext,
  opts: { logger?: boolean; logStream?: { write(line: string): void }; webDir?: string; onRoute?: (route: RouteOptions) => void } = {},
): Promise<FastifyInstance> {
  // `logger: true` logs at the configured LX_LOG_LEVEL (a bare `true` would mean pino's default, info).
  const logger = opts.logger ? loggerOptions(ctx.config.logLevel, opts.logStream, ctx.config.logFormat) : false;
  // Fastify's two request lines (which carry the URL) are off: observability.ts writes one of its own.
  const app = Fastify({
    logger, bodyLimit: 10 * 1024 * 1024, trustProxy: false, frameworkErrors, clientErrorHandler: clientErrors,
    genReqId: requestIdOf, logController: new LogController({ disableRequestLogging: true }),
  });
  // Tests collect every registered route (the permission matrix and the fuzz run must cover all).
  if (opts.onRoute) app.addHook('onRoute', opts.onRoute);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  registerObservability(app);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
  await app.register(swagger, {
    openapi: { info: { title: '两新党建与工会工作平台 API', version: '0.1.0' } },
    transform: jsonSchemaTransform,
  });
  registerRegionsLoading(app, ctx); // before auth: the progress is public, like /api/health
  registerAuth(app, ctx);
  registerInputGuard(app);
  registerRegionFilter(app, ctx);
  for (const mod of routeModules) await app.register(mod(ctx));
  await app.register(opsRoutes(ctx)); // /healthz, /readyz, /metrics: outside /api (docs/operations.md)
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  await serveWeb(app, opts.webDir);
  return app;
}

/** The built web UI (web/dist), with client-side routes falling back to index.html. */
async function serveWeb(app: FastifyInstance, webDir = path.resolve('web/dist')): Promise<void> {
  if (!fs.existsSync(path.join(webDir, 'index.html'))) return;
  registerWebHeaders(app);
  await app.register(fastifyStatic, { root: webDir, wildcard: false });
  app.get('/*', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    if (request.url.startsWith('/api/')) {
      return reply.status(404).send({ code: 'NOT_FOUND', message: '请求的地址不存在', details: [] });
    }
    return reply.sendFile('index.html');
  });
}
