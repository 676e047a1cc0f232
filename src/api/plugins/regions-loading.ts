import type { FastifyInstance } from 'fastify';
import { AppError } from '../../domain/errors.js';
import type { AppContext } from '../context.js';

/** Routes whose answers are made of the region dictionary: refused outright while it loads. */
const REGION_ROUTES = ['/api/regions', '/api/coverage', '/api/reports', '/api/planner'];

/**
 * While the region dictionary loads in the background (first start), requests that need it answer
 * 503 REGIONS_LOADING with the progress, instead of a wrong "区划不存在" or an empty figure: the
 * region browser, figures and reports, any region filter, and every change (a grant, an import,
 * an organisation all name regions) except signing in and the password change. Reads of lists
 * go through: on a fresh install they are empty anyway.
 */
export function registerRegionsLoading(app: FastifyInstance, ctx: AppContext): void {
  const dictionary = ctx.regions;
  if (!dictionary) return;
  app.addHook('onRequest', async (request, reply) => {
    const now = dictionary.current();
    if (now.state === 'ready') return;
    const url = request.url;
    if (!url.startsWith('/api/') || url.startsWith('/api/auth/') || url.startsWith('/api/health')) return;
    const read = request.method === 'GET' || request.method === 'HEAD';
    const needsRegions = !read || REGION_ROUTES.some((p) => url === p || url.startsWith(`${p}/`) || url.startsWith(`${p}?`))
      || /[?&]regionPrefix=/.test(url);
    if (!needsRegions) return;
    void reply.header('retry-after', '10');
    const message = now.state === 'loading' ? `${now.message}，请稍候再试（首次启动时在后台载入，通常一两分钟）` : now.message;
    throw new AppError('REGIONS_LOADING', message, [{ code: 'REGIONS_LOADING', message: `${now.percent}%` }]);
  });
}
