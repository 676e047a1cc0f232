import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AcceptSuggestionsSchema, BulkPlaceSchema, BulkPlacementResultSchema, PlacementQueueQuerySchema, PlacementQueueSchema,
} from '../../contracts/placement-queue.js';
import { acceptSuggestions, placeMany } from '../../core/enterprise/placement-bulk.service.js';
import { openQueueExport } from '../../core/enterprise/placement-queue-export.service.js';
import { listPlacementQueue } from '../../core/enterprise/placement-queue.service.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { sendXlsx } from './enterprise.routes.js';

const stamp = () => new Date().toISOString().slice(0, 10).replace(/-/g, '');

/** The 待认定属地 queue: list with suggestions, export, bulk accept, one street for many (docs/regions.md). */
export const placementQueueRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = ctx.database.db;
  const tags = ['enterprises'];
  app.get('/api/placement-queue', {
    schema: { tags, summary: '待认定属地企业（含建议属地，可按建议街道筛选）', querystring: PlacementQueueQuerySchema, response: { 200: PlacementQueueSchema } },
  }, async (request) => listPlacementQueue(db, actorOf(request), request.query));

  app.get('/api/placement-queue/export.xlsx', {
    schema: { tags, summary: '导出待认定属地名单（与页面筛选一致）', querystring: PlacementQueueQuerySchema.omit({ cursor: true, limit: true }) },
  }, async (request, reply) => {
    const exporter = openQueueExport(db, actorOf(request), request.query);
    return sendXlsx(reply, `待认定属地-${stamp()}.xlsx`, (out) => exporter.write(out));
  });

  app.post('/api/placement-queue/accept', {
    schema: { tags, summary: '批量接受建议属地（逐行核对版本与管辖范围，逐行返回结果）', body: AcceptSuggestionsSchema, response: { 200: BulkPlacementResultSchema } },
  }, async (request) => acceptSuggestions(db, actorOf(request), request.body));

  app.post('/api/placement-queue/place', {
    schema: { tags, summary: '将所选企业认定为同一街道（社区）', body: BulkPlaceSchema, response: { 200: BulkPlacementResultSchema } },
  }, async (request) => placeMany(db, actorOf(request), request.body));
};
