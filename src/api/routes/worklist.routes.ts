import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CoverageQuery, EnterpriseCoverage, IdParams, WorklistPage, WorklistQuery } from '../../contracts/coverage.js';
import { PartyOrg } from '../../contracts/party-org.js';
import { ApplyProposal, PlannerQuery, PlannerResult } from '../../contracts/planner.js';
import { getEnterpriseCoverage } from '../../core/coverage-facts/coverage.service.js';
import { exportWorklistXlsx, WORKLIST_TITLE } from '../../core/worklist/worklist-export.js';
import { applyJointBranch, proposeJointBranches } from '../../core/worklist/planner.service.js';
import { worklistPage, type WorklistKind } from '../../core/worklist/worklist.service.js';
import { todayInChina } from '../../domain/org-terms.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';

const LISTS: WorklistKind[] = ['gaps', 'alerts', 'recommendations'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const worklistRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = ctx.database.db;

  app.get('/api/enterprises/:id/coverage', {
    schema: { tags: ['coverage'], summary: '企业覆盖情况、下一步建议和预警（含依据说明）', params: IdParams, querystring: CoverageQuery, response: { 200: EnterpriseCoverage } },
  }, async (request) => getEnterpriseCoverage(db, actorOf(request), request.params.id, request.query.date ?? todayInChina()));

  for (const list of LISTS) {
    app.get(`/api/worklists/${list}`, { schema: { tags: ['worklists'], summary: WORKLIST_TITLE[list], querystring: WorklistQuery, response: { 200: WorklistPage } } },
      async (request) => worklistPage(db, actorOf(request), list, request.query));

    app.get(`/api/worklists/${list}.xlsx`, { schema: { tags: ['worklists'], summary: `导出${WORKLIST_TITLE[list]}`, querystring: WorklistQuery.omit({ cursor: true, limit: true }) } },
      async (request, reply) => {
        const file = await exportWorklistXlsx(db, actorOf(request), list, { ...request.query, limit: 1000 });
        const name = encodeURIComponent(`${WORKLIST_TITLE[list]}-${todayInChina()}.xlsx`);
        return reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="${list}.xlsx"; filename*=UTF-8''${name}`).send(file);
      });
  }

  app.get('/api/planner/joint-branches', { schema: { tags: ['planner'], summary: '联合党支部组建方案', querystring: PlannerQuery, response: { 200: PlannerResult } } },
    async (request) => proposeJointBranches(db, actorOf(request), request.query.regionPrefix, request.query.date));

  app.post('/api/planner/joint-branches/apply', { schema: { tags: ['planner'], summary: '按方案组建联合党支部（含覆盖企业）', body: ApplyProposal, response: { 201: PartyOrg } } },
    async (request, reply) => reply.status(201).send(await applyJointBranch(db, actorOf(request), request.body)));
};
