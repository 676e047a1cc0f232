import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { BulletinQuery } from '../../contracts/coverage-metrics.js';
import { generateBulletin } from '../../core/report/bulletin.service.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';

/** The monthly bulletin (月通报) download: PDF, DOCX (editable), XLSX or HTML. */
export const reportRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/reports/bulletin', { schema: { tags: ['reports'], summary: '下载月通报（PDF / Word / Excel）', querystring: BulletinQuery } },
    async (request, reply) => {
      const f = await generateBulletin(ctx.database.db, actorOf(request), request.query);
      const name = encodeURIComponent(f.fileName);
      return reply.header('content-type', f.contentType)
        .header('content-disposition', `attachment; filename="bulletin.${request.query.format}"; filename*=UTF-8''${name}`).send(f.body);
    });
};
