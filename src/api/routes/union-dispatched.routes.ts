import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DispatchedExportQuery, DispatchedPage, DispatchedQuery } from '../../contracts/union-dispatched.js';
import { listDispatched, openDispatchedExport } from '../../core/union-member/dispatched.query.js';
import { todayInChina } from '../../domain/org-terms.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { sendXlsx } from './enterprise.routes.js';

/** 劳务派遣工入会占比's rows (docs/unions.md "在统计和月通报中"): per union keeping a roster, with export. */
export const unionDispatchedRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = ctx.database.db;
  const tags = ['union-members'];
  app.get('/api/union-members/dispatched', { schema: { tags, summary: '劳务派遣工入会情况（按工会：实名在会会员及其中劳务派遣工）', querystring: DispatchedQuery, response: { 200: DispatchedPage } } },
    async (request) => listDispatched(db, actorOf(request), request.query));
  app.get('/api/union-members/dispatched/export.xlsx', { schema: { tags, summary: '导出劳务派遣工入会情况（与列表同一筛选和范围）', querystring: DispatchedExportQuery } },
    async (request, reply) => {
      const file = await openDispatchedExport(db, actorOf(request), request.query);
      return sendXlsx(reply, `劳务派遣工入会情况-${todayInChina()}.xlsx`, (out) => file.write(out));
    });
};
