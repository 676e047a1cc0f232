import type { FastifyInstance } from 'fastify';
import { AppError } from '../../domain/errors.js';
import { unknownPrefixes } from '../../core/region/region.repository.js';
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
    const prefix = q && typeof q.regionPrefix === 'string' ? q.regionPrefix : null;
    if (!prefix || !/^\d{2,12}$/.test(prefix)) return;
    if ((await unknownPrefixes(ctx.database.db, [prefix])).length) {
      throw new AppError('VALIDATION_FAILED', `区划代码 ${prefix} 不存在`, [{ field: 'regionPrefix', code: 'UNKNOWN_REGION', message: '区划代码不存在' }]);
    }
  });
}
