import type { FastifyInstance } from 'fastify';
import { HttpMetrics } from '../../core/ops/http-metrics.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** This app's request counters and whether it is closing (GET /metrics, GET /readyz). */
    ops: { http: HttpMetrics; shuttingDown: boolean };
  }
}

/** The label of a request no route matched: one series for every unknown URL, not one per URL. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * One log line and one metric observation per request, and the request id echoed back so a person
 * reporting a problem can quote it and the operator find the line. The line names the route
 * pattern (`/api/people/:id`), never the URL: a URL's query may carry a name or a number.
 */
export function registerObservability(app: FastifyInstance): void {
  const ops = { http: new HttpMetrics(), shuttingDown: false };
  app.decorate('ops', ops);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? UNMATCHED_ROUTE;
    const ms = reply.elapsedTime;
    ops.http.observe(request.method, route, reply.statusCode, ms / 1000);
    request.log.info({ method: request.method, route, status: reply.statusCode, ms: Math.round(ms * 10) / 10, userId: request.actor?.userId ?? null }, 'request');
  });
  // A load balancer polling /readyz stops sending traffic before the listener closes.
  app.addHook('preClose', async () => { ops.shuttingDown = true; });
  app.addHook('onClose', async () => ops.http.stop());
}
