import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ExpenseInput, FundingInput, FundingUpdate, OrgSupport, SiteInput, SiteUpdate, SupportItemParams, SupportOrgs, SupportOrgsQuery, SupportParams, SupportRollup, SiteDeleteQuery, SupportRollupQuery, SupportYearQuery,
} from '../../contracts/support.js';
import { DeleteQuery } from '../../contracts/training.js';
import { openOrgsExport, openRollupExport, supportOrgs, supportRollup } from '../../core/support/support-rollup.js';
import { orgSupportIn } from '../../core/support/support.query.js';
import { deleteFunding, deleteSite } from '../../core/support/support-delete.service.js';
import { addFunding, addSite, reportExpense, updateFunding, updateSite } from '../../core/support/support.service.js';
import { todayInChina } from '../../domain/org-terms.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { conflictResponse, withCurrent } from '../version-conflict.js';
import { sendXlsx } from './enterprise.routes.js';

/** The support ledger (docs/support.md): 党建经费, 阵地, 企业管理费列支 and 党费返还 per organisation, rolled up by area. */
export const supportRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = () => ctx.database.db;
  const tags = ['support'];
  // The 409's `current`: the organisation's ledger of the year the write was about, as the caller reads it.
  const current = (request: Parameters<typeof actorOf>[0] & { params: { id: string } }, year: number) => () => orgSupportIn(db(), actorOf(request), request.params.id, year);

  app.get('/api/party-orgs/:id/support', { schema: { tags, summary: '党组织的党建保障（经费、阵地、管理费列支、党费返还）', params: SupportParams, querystring: SupportYearQuery, response: { 200: OrgSupport } } },
    async (request) => orgSupportIn(db(), actorOf(request), request.params.id, request.query.year));
  app.post('/api/party-orgs/:id/support/funding', { schema: { tags, summary: '登记党建经费拨付', params: SupportParams, body: FundingInput, response: { 201: OrgSupport } } },
    async (request, reply) => reply.status(201).send(await addFunding(db(), actorOf(request), request.params.id, request.body)));
  app.put('/api/party-orgs/:id/support/funding/:itemId', { schema: { tags, summary: '修改党建经费记录（乐观锁 version）', params: SupportItemParams, body: FundingUpdate, response: { 200: OrgSupport, ...conflictResponse(OrgSupport) } } },
    async (request) => withCurrent(() => updateFunding(db(), actorOf(request), request.params.id, request.params.itemId, request.body), current(request, Number(request.body.givenOn.slice(0, 4)))));
  app.post('/api/party-orgs/:id/support/sites', { schema: { tags, summary: '登记活动阵地', params: SupportParams, querystring: SupportYearQuery, body: SiteInput, response: { 201: OrgSupport } } },
    async (request, reply) => reply.status(201).send(await addSite(db(), actorOf(request), request.params.id, request.body, request.query.year)));
  app.put('/api/party-orgs/:id/support/sites/:itemId', { schema: { tags, summary: '修改活动阵地（乐观锁 version）', params: SupportItemParams, querystring: SupportYearQuery, body: SiteUpdate, response: { 200: OrgSupport, ...conflictResponse(OrgSupport) } } },
    async (request) => withCurrent(() => updateSite(db(), actorOf(request), request.params.id, request.params.itemId, request.body, request.query.year), current(request, request.query.year)));
  app.put('/api/party-orgs/:id/support/expense', { schema: { tags, summary: '登记企业党组织工作经费列支（按年度；再次登记须带 version）', params: SupportParams, body: ExpenseInput, response: { 200: OrgSupport, ...conflictResponse(OrgSupport) } } },
    async (request) => withCurrent(() => reportExpense(db(), actorOf(request), request.params.id, request.body), current(request, request.body.year)));

  app.delete('/api/party-orgs/:id/support/funding/:itemId', { schema: { tags, summary: '删除党建经费记录（保留审计记录；乐观锁 version）', params: SupportItemParams, querystring: DeleteQuery, response: { 200: OrgSupport, ...conflictResponse(OrgSupport) } } },
    async (request) => withCurrent(() => deleteFunding(db(), actorOf(request), request.params.id, request.params.itemId, request.query.version), current(request, Number(todayInChina().slice(0, 4)))));
  app.delete('/api/party-orgs/:id/support/sites/:itemId', { schema: { tags, summary: '删除活动阵地（保留审计记录；乐观锁 version）', params: SupportItemParams, querystring: SiteDeleteQuery, response: { 200: OrgSupport, ...conflictResponse(OrgSupport) } } },
    async (request) => withCurrent(() => deleteSite(db(), actorOf(request), request.params.id, request.params.itemId, request.query.version, request.query.year), current(request, request.query.year)));

  app.get('/api/support/rollup', { schema: { tags, summary: '党建保障汇总（按街道或区县）', querystring: SupportRollupQuery, response: { 200: SupportRollup } } },
    async (request) => supportRollup(db(), actorOf(request), request.query));
  app.get('/api/support/rollup/export.xlsx', { schema: { tags, summary: '导出党建保障汇总', querystring: SupportRollupQuery } },
    async (request, reply) => {
      const file = openRollupExport(db(), actorOf(request), request.query);
      return sendXlsx(reply, `${file.title}.xlsx`, (out) => file.write(out));
    });
  app.get('/api/support/orgs', { schema: { tags, summary: '党建保障明细（按区划筛选的党组织）', querystring: SupportOrgsQuery, response: { 200: SupportOrgs } } },
    async (request) => supportOrgs(db(), actorOf(request), request.query));
  app.get('/api/support/orgs/export.xlsx', { schema: { tags, summary: '导出党建保障明细', querystring: SupportOrgsQuery } },
    async (request, reply) => {
      const file = openOrgsExport(db(), actorOf(request), request.query);
      return sendXlsx(reply, `${file.title}.xlsx`, (out) => file.write(out));
    });
};
