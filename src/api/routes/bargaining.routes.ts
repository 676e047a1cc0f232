import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdString } from '../../contracts/party-org.js';
import {
  BargainingBoard, BargainingBoardQuery, BargainingRound, BargainingRoundCreate, BargainingRounds, BargainingRoundsExportQuery,
  BargainingRoundsQuery, BargainingStep, UnionBargaining,
} from '../../contracts/bargaining.js';
import { openBoardExport, openRoundsExport } from '../../core/bargaining/bargaining.export.js';
import { bargainingBoard, getRound, getUnionBargaining, listRounds } from '../../core/bargaining/bargaining.query.js';
import { createRound, recordStep } from '../../core/bargaining/bargaining.service.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { conflictResponse, withCurrent } from '../version-conflict.js';
import { sendXlsx } from './enterprise.routes.js';

const Params = z.object({ id: IdString });

/** 集体协商 (docs/unions.md "集体协商"): rounds of a union, their steps, the district board and its drill-down. */
export const bargainingRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = ctx.database.db;
  const tags = ['bargaining'];

  app.get('/api/unions/:id/bargaining', {
    schema: { tags, summary: '工会的集体协商（各轮次的阶段、期限、提醒）', params: Params, response: { 200: UnionBargaining } },
  }, async (request) => getUnionBargaining(db, actorOf(request), request.params.id));

  app.post('/api/unions/:id/bargaining', {
    schema: { tags, summary: '登记集体协商要约（开始一轮协商）', params: Params, body: BargainingRoundCreate, response: { 201: BargainingRound } },
  }, async (request, reply) => reply.status(201).send(await createRound(db, actorOf(request), request.params.id, request.body)));

  app.get('/api/bargaining/board', {
    schema: { tags, summary: '集体协商阶段统计（按街道，含30日内到期和已逾期的期限）', querystring: BargainingBoardQuery, response: { 200: BargainingBoard } },
  }, async (request) => bargainingBoard(db, actorOf(request), request.query));

  app.get('/api/bargaining/board/export.xlsx', {
    schema: { tags, summary: '导出集体协商阶段统计（与统计表同一范围和区划）', querystring: BargainingBoardQuery },
  }, async (request, reply) => {
    const file = await openBoardExport(db, actorOf(request), request.query);
    return sendXlsx(reply, `${file.title}.xlsx`, (out) => file.write(out));
  });

  app.get('/api/bargaining/rounds', {
    schema: { tags, summary: '集体协商明细（可按阶段、区划、合同类别筛选；含总数）', querystring: BargainingRoundsQuery, response: { 200: BargainingRounds } },
  }, async (request) => listRounds(db, actorOf(request), request.query));

  app.get('/api/bargaining/rounds/export.xlsx', {
    schema: { tags, summary: '导出集体协商明细（与明细同一范围和筛选，全部行）', querystring: BargainingRoundsExportQuery },
  }, async (request, reply) => {
    const file = await openRoundsExport(db, actorOf(request), request.query);
    return sendXlsx(reply, `${file.title}.xlsx`, (out) => file.write(out));
  });

  app.get('/api/bargaining/rounds/:id', {
    schema: { tags, summary: '集体协商轮次详情', params: Params, response: { 200: BargainingRound } },
  }, async (request) => getRound(db, actorOf(request), request.params.id));

  app.post('/api/bargaining/rounds/:id/steps', {
    schema: { tags, summary: '登记协商步骤（答复、协商会议、草案表决、签订、报送、审查异议；乐观锁 version）', params: Params, body: BargainingStep, response: { 200: BargainingRound, ...conflictResponse(BargainingRound) } },
  }, async (request) => withCurrent(() => recordStep(db, actorOf(request), request.params.id, request.body), () => getRound(db, actorOf(request), request.params.id)));
};
