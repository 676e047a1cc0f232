import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FieldVisit, FieldVisitAdd, MyAssignments, VisitListQuery, VisitPage } from '../../contracts/fieldwork.js';
import { IdString } from '../../contracts/party-org.js';
import { enterpriseVisits, logVisit, myAssignments, myVisits } from '../../core/fieldwork/fieldwork.service.js';
import { openMyVisitExport } from '../../core/fieldwork/visit.export.js';
import { todayInChina } from '../../domain/org-terms.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { sendXlsx } from './enterprise.routes.js';

/** Field work from the phone (实地走访, docs/inbox.md): the instructor's own enterprises and visits; an enterprise's visits. */
export const fieldworkRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = ctx.database.db;
  const tags = ['fieldwork'];

  app.get('/api/fieldwork/assignments', { schema: { tags, summary: '我联系的企业（实地走访）', response: { 200: MyAssignments } } },
    async (request) => myAssignments(db, actorOf(request)));

  app.post('/api/fieldwork/visits', { schema: { tags, summary: '登记本人实地走访（发现的问题生成待办，问题已整改办结待办）', body: FieldVisitAdd, response: { 201: FieldVisit } } },
    async (request, reply) => reply.status(201).send(await logVisit(db, actorOf(request), request.body)));

  app.get('/api/fieldwork/visits', { schema: { tags, summary: '我的走访记录', querystring: VisitListQuery, response: { 200: VisitPage } } },
    async (request) => myVisits(db, actorOf(request), request.query));

  app.get('/api/fieldwork/visits.xlsx', { schema: { tags, summary: '导出我的走访记录（与列表同一范围，全部页）' } },
    async (request, reply) => {
      const file = await openMyVisitExport(db, actorOf(request));
      return sendXlsx(reply, `我的走访记录-${todayInChina()}.xlsx`, (out) => file.write(out));
    });

  app.get('/api/enterprises/:id/visits', {
    schema: { tags, summary: '企业的走访记录', params: z.object({ id: IdString }), querystring: VisitListQuery, response: { 200: VisitPage } },
  }, async (request) => enterpriseVisits(db, actorOf(request), request.params.id, request.query));
};
