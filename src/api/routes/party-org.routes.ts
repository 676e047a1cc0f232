import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Coverage, CoverageAdd, IdString, IntervalEnd, PartyOrg, PartyOrgAdjust, PartyOrgCreate, PartyOrgDetail, PartyOrgDissolve,
  PartyOrgListQuery, PartyOrgPage, PartyOrgReelect, PartyOrgRosterSince, Position, PositionAppoint,
} from '../../contracts/party-org.js';
import { orgFindings } from '../../core/coverage-facts/coverage.service.js';
import { addCoverage, appointPosition, endCoverage, endPosition } from '../../core/party-org/org-links.service.js';
import { HistoryPage, HistoryQuery } from '../../contracts/history.js';
import { getOrgDetail, getOrgHistory, listOrgs } from '../../core/party-org/party-org.query.js';
import { openOrgExport } from '../../core/party-org/party-org.export.js';
import { adjustOrg, createOrg, dissolveOrg, reelectOrg } from '../../core/party-org/party-org.service.js';
import { setRosterSince } from '../../core/party-org/roster-since.service.js';
import { mergeOrg } from '../../core/party-org/org-merger.service.js';
import { PartyOrgMerge, PartyOrgMergeResult } from '../../contracts/party-org-merger.js';
import { todayInChina } from '../../domain/org-terms.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { conflictResponse, withCurrent } from '../version-conflict.js';
import { sendXlsx } from './enterprise.routes.js';

const Params = z.object({ id: IdString });
const CoverageParams = z.object({ id: IdString, coverageId: IdString });
const PositionParams = z.object({ id: IdString, positionId: IdString });
const DateQuery = z.object({ date: z.iso.date().optional() });
const Ok = z.object({ ok: z.literal(true) });

export const partyOrgRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = ctx.database.db;
  const tags = ['party-orgs'];
  // A 409's `current`: the plain record, without the alerts the detail page computes.
  const current = (request: FastifyRequest, id: string) => () => getOrgDetail(db, actorOf(request), id, todayInChina());

  app.get('/api/party-orgs', { schema: { tags, summary: '党组织列表', querystring: PartyOrgListQuery, response: { 200: PartyOrgPage } } },
    async (request) => listOrgs(db, actorOf(request), request.query));

  app.get('/api/party-orgs/export.xlsx', {
    schema: { tags, summary: '导出党组织列表（与列表同一筛选和范围，全部页）', querystring: PartyOrgListQuery.omit({ cursor: true, limit: true }) },
  }, async (request, reply) => {
    const file = openOrgExport(db, actorOf(request), request.query);
    return sendXlsx(reply, `党组织-${todayInChina()}.xlsx`, (out) => file.write(out));
  });

  app.post('/api/party-orgs', { schema: { tags, summary: '新建党组织', body: PartyOrgCreate, response: { 201: PartyOrg } } },
    async (request, reply) => reply.status(201).send(await createOrg(db, actorOf(request), request.body)));

  app.get('/api/party-orgs/:id', {
    schema: { tags, summary: '党组织详情（覆盖企业、班子成员、提醒、历史；date 为“截至”日期）', params: Params, querystring: DateQuery, response: { 200: PartyOrgDetail } },
  }, async (request) => getOrgDetail(db, actorOf(request), request.params.id, request.query.date ?? todayInChina(), orgFindings));

  app.get('/api/party-orgs/:id/history', {
    schema: { tags, summary: '党组织历史（按事件编号倒序分页；仅经关联可见时不含事件，只给条数）', params: Params, querystring: HistoryQuery, response: { 200: HistoryPage } },
  }, async (request) => getOrgHistory(db, actorOf(request), request.params.id, request.query));

  app.patch('/api/party-orgs/:id', {
    schema: { tags, summary: '调整党组织（乐观锁 version）', params: Params, body: PartyOrgAdjust, response: { 200: PartyOrg, ...conflictResponse(PartyOrg) } },
  }, async (request) => withCurrent(() => adjustOrg(db, actorOf(request), request.params.id, request.body), current(request, request.params.id)));

  app.post('/api/party-orgs/:id/roster-since', {
    schema: { tags, summary: '设定党员名册启用日期（此后党员人数按名册统计；乐观锁 version）', params: Params, body: PartyOrgRosterSince, response: { 200: PartyOrg, ...conflictResponse(PartyOrg) } },
  }, async (request) => withCurrent(() => setRosterSince(db, actorOf(request), request.params.id, request.body), current(request, request.params.id)));

  app.post('/api/party-orgs/:id/dissolve', {
    schema: { tags, summary: '撤销党组织（乐观锁 version）', params: Params, body: PartyOrgDissolve, response: { 200: PartyOrg, ...conflictResponse(PartyOrg) } },
  }, async (request) => withCurrent(() => dissolveOrg(db, actorOf(request), request.params.id, request.body), current(request, request.params.id)));

  app.post('/api/party-orgs/:id/merge', {
    schema: { tags, summary: '党组织合并：本组织并入另一党组织（党员、党小组、下级组织、覆盖企业随转；双方乐观锁 version）', params: Params, body: PartyOrgMerge, response: { 200: PartyOrgMergeResult, ...conflictResponse(PartyOrg) } },
  }, async (request) => withCurrent(() => mergeOrg(db, actorOf(request), request.params.id, request.body), current(request, request.params.id)));

  app.post('/api/party-orgs/:id/reelect', {
    schema: { tags, summary: '登记换届（重算任期届满日；乐观锁 version）', params: Params, body: PartyOrgReelect, response: { 200: PartyOrg, ...conflictResponse(PartyOrg) } },
  }, async (request) => withCurrent(() => reelectOrg(db, actorOf(request), request.params.id, request.body), current(request, request.params.id)));

  app.post('/api/party-orgs/:id/coverage', { schema: { tags, summary: '增加覆盖企业', params: Params, body: CoverageAdd, response: { 201: Coverage } } },
    async (request, reply) => reply.status(201).send(await addCoverage(db, actorOf(request), request.params.id, request.body)));

  app.post('/api/party-orgs/:id/coverage/:coverageId/end', { schema: { tags, summary: '结束覆盖', params: CoverageParams, body: IntervalEnd, response: { 200: Ok } } },
    async (request) => {
      await endCoverage(db, actorOf(request), request.params.id, request.params.coverageId, request.body);
      return { ok: true as const };
    });

  app.post('/api/party-orgs/:id/positions', { schema: { tags, summary: '任职（书记、副书记、委员）', params: Params, body: PositionAppoint, response: { 201: Position } } },
    async (request, reply) => reply.status(201).send(await appointPosition(db, actorOf(request), request.params.id, request.body)));

  app.post('/api/party-orgs/:id/positions/:positionId/end', { schema: { tags, summary: '离任', params: PositionParams, body: IntervalEnd, response: { 200: Ok } } },
    async (request) => {
      await endPosition(db, actorOf(request), request.params.id, request.params.positionId, request.body);
      return { ok: true as const };
    });
};
