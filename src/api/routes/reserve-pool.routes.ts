import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PlacementInput, PoolParams, SecretaryCandidates, Talent, TalentInput, TalentListFilter, TalentPage, TalentUpdate } from '../../contracts/reserve-pool.js';
import { openTalentExport } from '../../core/reserve-pool/pool.export.js';
import { getTalentIn, listTalentPage, secretaryCandidates } from '../../core/reserve-pool/pool.query.js';
import { createTalent, placeTalent, updateTalent } from '../../core/reserve-pool/pool.service.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { conflictResponse, withCurrent } from '../version-conflict.js';
import { sendXlsx } from './enterprise.routes.js';

/** The reserve talent pool (党务工作后备人才库, docs/reserve-pool.md). */
export const reservePoolRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = () => ctx.database.db;
  const tags = ['reserve-pool'];
  app.get('/api/reserve-pool', { schema: { tags, summary: '党务工作后备人才库（含总数）', querystring: TalentListFilter, response: { 200: TalentPage } } },
    async (request) => listTalentPage(db(), actorOf(request), request.query));
  app.get('/api/reserve-pool/export.xlsx', { schema: { tags, summary: '导出后备人才（与列表同一范围和筛选）', querystring: TalentListFilter } },
    async (request, reply) => {
      const file = openTalentExport(db(), actorOf(request), request.query);
      return sendXlsx(reply, `${file.title}.xlsx`, (out) => file.write(out));
    });
  app.post('/api/reserve-pool', { schema: { tags, summary: '推荐人员入库', body: TalentInput, response: { 201: Talent } } },
    async (request, reply) => reply.status(201).send(await createTalent(db(), actorOf(request), request.body)));
  app.get('/api/reserve-pool/:id', { schema: { tags, summary: '后备人才详情（含使用记录）', params: PoolParams, response: { 200: Talent } } },
    async (request) => getTalentIn(db(), actorOf(request), request.params.id));
  app.put('/api/reserve-pool/:id', { schema: { tags, summary: '修改后备人才信息或退出（乐观锁 version）', params: PoolParams, body: TalentUpdate, response: { 200: Talent, ...conflictResponse(Talent) } } },
    async (request) => withCurrent(() => updateTalent(db(), actorOf(request), request.params.id, request.body), () => getTalentIn(db(), actorOf(request), request.params.id)));
  app.post('/api/reserve-pool/:id/placements', { schema: { tags, summary: '登记使用（选配到党组织任职；乐观锁 version）', params: PoolParams, body: PlacementInput, response: { 200: Talent, ...conflictResponse(Talent) } } },
    async (request) => withCurrent(() => placeTalent(db(), actorOf(request), request.params.id, request.body), () => getTalentIn(db(), actorOf(request), request.params.id)));
  app.get('/api/party-orgs/:id/reserve-candidates', { schema: { tags, summary: '书记空缺时可选的后备人才（本街道优先）', params: PoolParams, response: { 200: SecretaryCandidates } } },
    async (request) => secretaryCandidates(db(), actorOf(request), request.params.id));
};
