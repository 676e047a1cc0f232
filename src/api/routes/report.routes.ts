import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { BulletinQuery } from '../../contracts/coverage-metrics.js';
import { BulletinIssuer, BulletinIssuerQuery, BulletinIssuerSave } from '../../contracts/bulletin-issuer.js';
import { getIssuer, saveIssuer } from '../../core/report/bulletin-issue.service.js';
import { generateBulletin } from '../../core/report/bulletin.service.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { conflictResponse, withCurrent } from '../version-conflict.js';

/**
 * The monthly bulletin (月通报) download: PDF, DOCX (editable), XLSX or HTML; and how a region's
 * office issues it (文号代字, 发文机关, 抄送, 印发机关), read by who generates it, set by its department.
 */
export const reportRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/reports/bulletin', { schema: { tags: ['reports'], summary: '下载月通报（PDF / Word / Excel）', querystring: BulletinQuery } },
    async (request, reply) => {
      const f = await generateBulletin(ctx.database.db, actorOf(request), request.query);
      const name = encodeURIComponent(f.fileName);
      return reply.header('content-type', f.contentType)
        .header('content-disposition', `attachment; filename="bulletin.${request.query.format}"; filename*=UTF-8''${name}`).send(f.body);
    });

  app.get('/api/reports/bulletin-issuer', {
    schema: { tags: ['reports'], summary: '通报发文设置（发文字号代字、发文机关、主送、抄送、印发机关，及下一个文号）', querystring: BulletinIssuerQuery, response: { 200: BulletinIssuer } },
  }, async (request) => getIssuer(ctx.database.db, actorOf(request), request.query.region));

  app.put('/api/reports/bulletin-issuer', {
    schema: { tags: ['reports'], summary: '修改通报发文设置（乐观锁 version；首次设置 version 为 0）', body: BulletinIssuerSave, response: { 200: BulletinIssuer, ...conflictResponse(BulletinIssuer) } },
  }, async (request) => withCurrent(() => saveIssuer(ctx.database.db, actorOf(request), request.body),
    () => getIssuer(ctx.database.db, actorOf(request), request.body.region)));
};
