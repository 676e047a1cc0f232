import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import {
  DrillExportQuery, DrillPage, DrillQuery, FiguresQuery, FiguresResult, SnapshotList, SnapshotResult, SnapshotTake, TrendQuery, TrendResult,
} from '../../contracts/coverage-metrics.js';
import { drillDown, getFigures } from '../../core/coverage/coverage-figures.service.js';
import { openDrillExport } from '../../core/coverage/drill-export.js';
import { registerReplica } from '../../core/coverage/coverage-refresh.js';
import { listSnapshots, getTrend, takeSnapshot } from '../../core/coverage/snapshot.service.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { sendXlsx } from './enterprise.routes.js';

/** Coverage figures, drill-down lists, trends and month-end snapshots (docs/metrics.md). */
export const coverageRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = ctx.database.db;
  if (ctx.readReplica) registerReplica(ctx.readReplica.db, db);
  // The figures, their rows and the trend write nothing: a replica may serve them, saying how old they are.
  async function fromReplica<T>(reply: FastifyReply, read: (from: Db) => Promise<T>): Promise<T> {
    const replica = ctx.readReplica;
    if (!replica) return read(db);
    try {
      const [lag, out] = await Promise.all([replica.lagSeconds(), read(replica.db)]);
      if (lag !== null) reply.header('X-Data-Lag-Seconds', String(lag));
      return out;
    } catch (err) {
      // A replica down, or one whose precomputed figures are older than the ledger (refreshing them is a
      // write, which only the primary may do), is no reason to refuse: the primary answers, current.
      if (err instanceof AppError) throw err;
      reply.log.warn({ err: { message: (err as Error).message } }, 'the read replica could not answer; the primary did');
      return read(db);
    }
  }

  app.get('/api/coverage/figures', { schema: { tags: ['coverage'], summary: '覆盖情况统计（分子/分母），可按区划、园区、协会、行业、规模分组', querystring: FiguresQuery, response: { 200: FiguresResult } } },
    async (request, reply) => {
      const out = await fromReplica(reply, (from) => getFigures(from, actorOf(request), request.query));
      const lag = reply.getHeader('X-Data-Lag-Seconds');
      return lag === undefined ? out : { ...out, replicaLagSeconds: Number(lag) };
    });

  app.get('/api/coverage/drill', { schema: { tags: ['coverage'], summary: '统计数字对应的企业清单', querystring: DrillQuery, response: { 200: DrillPage } } },
    async (request, reply) => fromReplica(reply, (from) => drillDown(from, actorOf(request), request.query)));

  app.get('/api/coverage/drill.xlsx', { schema: { tags: ['coverage'], summary: '导出统计数字对应的企业清单（与清单同一筛选和范围）', querystring: DrillExportQuery } },
    async (request, reply) => {
      const file = await openDrillExport(db, actorOf(request), request.query);
      return sendXlsx(reply, `${file.title}.xlsx`, (out) => file.write(out));
    });

  app.get('/api/coverage/trend', { schema: { tags: ['coverage'], summary: '月末快照趋势', querystring: TrendQuery, response: { 200: TrendResult } } },
    async (request, reply) => fromReplica(reply, (from) => getTrend(from, actorOf(request), request.query)));

  app.get('/api/coverage/snapshots', { schema: { tags: ['coverage'], summary: '已生成的月末快照', response: { 200: SnapshotList } } },
    async (request) => listSnapshots(db, actorOf(request)));

  app.post('/api/coverage/snapshots', { schema: { tags: ['coverage'], summary: '生成（或按历史重算）某月月末快照，需不限区划的“生成报表”权限', body: SnapshotTake, response: { 201: SnapshotResult } } },
    async (request, reply) => reply.status(201).send(await takeSnapshot(db, actorOf(request), request.body.month)));
};
