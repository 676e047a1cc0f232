import type { FastifyInstance } from 'fastify';
import { assertKnownRegionPrefix } from '../../core/region/region.service.js';
import type { AppContext } from '../context.js';

/**
 * A region filter (`?regionPrefix=`) must name a region of the dictionary. The contracts have
 * already normalised it to the region it names (440305003000 → 440305003); a code that names none
 * (a typo such as 440305999) is refused here with the field, for every route at once, instead of
 * quietly answering an empty list.
 */
export function registerRegionFilter(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('preHandler', async (request) => {
    const q = request.query as Record<string, unknown> | undefined;
    await assertKnownRegionPrefix(ctx.database.db, q && typeof q.regionPrefix === 'string' ? q.regionPrefix : undefined);
  });
}
