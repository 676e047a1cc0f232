import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CampaignTarget, CampaignTargetCreate, CampaignTargetList, CampaignTargetListQuery, CampaignTargetParams, CampaignTargetUpdate, CampaignTargetWithdraw,
} from '../../contracts/campaign.js';
import { getTarget, listTargets, openTargetsExport } from '../../core/campaign/campaign.query.js';
import { changeTarget, createTarget, withdrawTarget } from '../../core/campaign/campaign.service.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { conflictResponse, withCurrent } from '../version-conflict.js';
import { sendXlsx } from './enterprise.routes.js';

/** Campaign targets (工作目标): read with the statistics page, set by the area's office. */
export const campaignRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = ctx.database.db;
  const tags = ['campaign-targets'];

  app.get('/api/campaign-targets', {
    schema: { tags, summary: '适用于某区划的工作目标及进展（本级及上级设定；month 为月末口径）', querystring: CampaignTargetListQuery, response: { 200: CampaignTargetList } },
  }, async (request) => listTargets(db, actorOf(request), request.query));

  app.get('/api/campaign-targets.xlsx', {
    schema: { tags, summary: '导出工作目标进展（与列表同一区划和日期）', querystring: CampaignTargetListQuery },
  }, async (request, reply) => {
    const file = await openTargetsExport(db, actorOf(request), request.query);
    return sendXlsx(reply, `${file.title}.xlsx`, (out) => file.write(out));
  });

  app.get('/api/campaign-targets/:id', { schema: { tags, summary: '工作目标', params: CampaignTargetParams, response: { 200: CampaignTarget } } },
    async (request) => getTarget(db, actorOf(request), request.params.id));

  app.post('/api/campaign-targets', { schema: { tags, summary: '设定工作目标', body: CampaignTargetCreate, response: { 201: CampaignTarget } } },
    async (request, reply) => reply.status(201).send(await createTarget(db, actorOf(request), request.body)));

  app.patch('/api/campaign-targets/:id', {
    schema: { tags, summary: '修改工作目标（乐观锁 version）', params: CampaignTargetParams, body: CampaignTargetUpdate, response: { 200: CampaignTarget, ...conflictResponse(CampaignTarget) } },
  }, async (request) => withCurrent(() => changeTarget(db, actorOf(request), request.params.id, request.body), () => getTarget(db, actorOf(request), request.params.id)));

  app.post('/api/campaign-targets/:id/withdraw', {
    schema: { tags, summary: '撤回工作目标（乐观锁 version）', params: CampaignTargetParams, body: CampaignTargetWithdraw, response: { 200: CampaignTarget, ...conflictResponse(CampaignTarget) } },
  }, async (request) => withCurrent(() => withdrawTarget(db, actorOf(request), request.params.id, request.body), () => getTarget(db, actorOf(request), request.params.id)));
};
