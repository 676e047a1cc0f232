import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import type { AppContext } from '../context.js';

export const healthRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/health', { config: { public: true }, schema: { tags: ['system'], summary: '健康检查' } }, async () => {
    await sql`SELECT 1`.execute(ctx.database.db);
    return { ok: true, engine: ctx.database.engine };
  });
};
