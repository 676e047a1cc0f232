import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import { readyRegionDictionary } from '../../core/region/region-startup.js';

export const healthRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const dictionary = ctx.regions ?? readyRegionDictionary();
  app.get('/api/health', { config: { public: true }, schema: { tags: ['system'], summary: '健康检查（含区划字典加载进度）' } }, async () => {
    await sql`SELECT 1`.execute(ctx.database.db);
    const { state, percent, message } = dictionary.current();
    return { ok: true, engine: ctx.database.engine, regions: { state, percent, message } };
  });
};
