import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdString, IntervalEnd } from '../../contracts/party-org.js';
import {
  Congress, CongressAdd, Contract, ContractAdd, Union, UnionCoverage, UnionCoverageAdd, UnionCreate, UnionDetail, UnionDissolve,
  UnionListQuery, UnionPage, UnionUpdate,
} from '../../contracts/union.js';
import { unionFindings } from '../../core/coverage-facts/coverage.service.js';
import { HistoryPage, HistoryQuery } from '../../contracts/history.js';
import { getUnionDetail, getUnionHistory, listUnions } from '../../core/union/union.query.js';
import { openUnionExport } from '../../core/union/union.export.js';
import {
  addContract, addCongress, addUnionCoverage, createUnion, dissolveUnion, endUnionCoverage, updateUnionFacts,
} from '../../core/union/union.service.js';
import { todayInChina } from '../../domain/org-terms.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { conflictResponse, withCurrent } from '../version-conflict.js';
import { sendXlsx } from './enterprise.routes.js';

const Params = z.object({ id: IdString });
const CoverageParams = z.object({ id: IdString, coverageId: IdString });
const Ok = z.object({ ok: z.literal(true) });

export const unionRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = ctx.database.db;
  const tags = ['unions'];
  // A 409's `current`: the plain record, without the alerts the detail page computes.
  const current = (request: FastifyRequest, id: string) => () => getUnionDetail(db, actorOf(request), id, todayInChina());

  app.get('/api/unions/export.xlsx', {
    schema: { tags, summary: '导出工会列表（与列表同一筛选和范围，全部页）', querystring: UnionListQuery.omit({ cursor: true, limit: true }) },
  }, async (request, reply) => {
    const file = openUnionExport(db, actorOf(request), request.query);
    return sendXlsx(reply, `工会-${todayInChina()}.xlsx`, (out) => file.write(out));
  });

  app.get('/api/unions', { schema: { tags, summary: '工会列表', querystring: UnionListQuery, response: { 200: UnionPage } } },
    async (request) => listUnions(db, actorOf(request), request.query));

  app.post('/api/unions', { schema: { tags, summary: '新建工会', body: UnionCreate, response: { 201: Union } } },
    async (request, reply) => reply.status(201).send(await createUnion(db, actorOf(request), request.body)));

  app.get('/api/unions/:id', {
    schema: { tags, summary: '工会详情（覆盖企业、职代会、集体合同、提醒、历史）', params: Params, querystring: z.object({ date: z.iso.date().optional() }), response: { 200: UnionDetail } },
  }, async (request) => getUnionDetail(db, actorOf(request), request.params.id, request.query.date ?? todayInChina(), unionFindings));

  app.get('/api/unions/:id/history', {
    schema: { tags, summary: '工会历史（按事件编号倒序分页；仅经关联可见时不含事件，只给条数）', params: Params, querystring: HistoryQuery, response: { 200: HistoryPage } },
  }, async (request) => getUnionHistory(db, actorOf(request), request.params.id, request.query));

  app.patch('/api/unions/:id', {
    schema: { tags, summary: '修改工会信息（乐观锁 version）', params: Params, body: UnionUpdate, response: { 200: Union, ...conflictResponse(Union) } },
  }, async (request) => withCurrent(() => updateUnionFacts(db, actorOf(request), request.params.id, request.body), current(request, request.params.id)));

  app.post('/api/unions/:id/dissolve', {
    schema: { tags, summary: '撤销工会（乐观锁 version）', params: Params, body: UnionDissolve, response: { 200: Union, ...conflictResponse(Union) } },
  }, async (request) => withCurrent(() => dissolveUnion(db, actorOf(request), request.params.id, request.body), current(request, request.params.id)));

  app.post('/api/unions/:id/coverage', { schema: { tags, summary: '增加覆盖企业', params: Params, body: UnionCoverageAdd, response: { 201: UnionCoverage } } },
    async (request, reply) => reply.status(201).send(await addUnionCoverage(db, actorOf(request), request.params.id, request.body)));

  app.post('/api/unions/:id/coverage/:coverageId/end', { schema: { tags, summary: '结束覆盖', params: CoverageParams, body: IntervalEnd, response: { 200: Ok } } },
    async (request) => {
      await endUnionCoverage(db, actorOf(request), request.params.id, request.params.coverageId, request.body);
      return { ok: true as const };
    });

  app.post('/api/unions/:id/congresses', { schema: { tags, summary: '登记职代会（职工大会）', params: Params, body: CongressAdd, response: { 201: Congress } } },
    async (request, reply) => reply.status(201).send(await addCongress(db, actorOf(request), request.params.id, request.body)));

  app.post('/api/unions/:id/contracts', { schema: { tags, summary: '登记集体合同（工资专项集体合同）', params: Params, body: ContractAdd, response: { 201: Contract } } },
    async (request, reply) => reply.status(201).send(await addContract(db, actorOf(request), request.params.id, request.body)));
};
