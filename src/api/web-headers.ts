import type { FastifyInstance } from 'fastify';

/**
 * Headers of the built web UI's files (docs/pwa.md), set when the answer goes out (after
 * @fastify/static has set its own, which would otherwise win):
 * - service-worker.js and index.html (and the client-side routes answered with it) are revalidated on
 *   every load (no-cache), so a new build is found at once and the update prompt appears; the worker
 *   may control the whole site from the root;
 * - the manifest is served as application/manifest+json;
 * - Vite's assets are named by their content hash, so they are kept for a year and never revalidated.
 */
export function registerWebHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const url = request.url.split('?')[0] ?? '';
    if (url.startsWith('/api/')) return payload;
    if (url === '/service-worker.js') {
      reply.header('cache-control', 'no-cache').header('service-worker-allowed', '/');
    } else if (url.endsWith('.webmanifest')) {
      reply.header('content-type', 'application/manifest+json; charset=utf-8').header('cache-control', 'no-cache');
    } else if (url.startsWith('/assets/')) {
      reply.header('cache-control', 'public, max-age=31536000, immutable');
    } else if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
      reply.header('cache-control', 'no-cache');
    }
    return payload;
  });
}
