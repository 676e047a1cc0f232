import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { RegionChildrenQuery, RegionCode, RegionDetailOut, RegionListOut, RegionSearchQuery } from '../../contracts/region.js';
import { regionChildren, regionDetail, regionSearch } from '../../core/region/region.service.js';
import { z } from 'zod';
import { areaPrefixes } from '../../core/region/region-areas.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';

/** The region dictionary: any signed-in user may browse it (public reference data). */
export const regionRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = ctx.database.db;
  app.get('/api/regions', {
    schema: { tags: ['regions'], summary: '下级区划（不带 parent 时为省级或本部署的范围）', querystring: RegionChildrenQuery, response: { 200: RegionListOut } },
  }, async (request) => ({ items: await regionChildren(db, request.query.parent, ctx.config.regionScope) }));

  app.get('/api/regions/search', {
    schema: { tags: ['regions'], summary: '按名称或拼音首字母搜索区划（含完整路径，本人负责的区域在前）', querystring: RegionSearchQuery, response: { 200: RegionListOut } },
  }, async (request) => ({ items: await regionSearch(db, request.query.q, { ...request.query, first: areaPrefixes(actorOf(request)) }) }));

  app.get('/api/regions/:code', {
    schema: { tags: ['regions'], summary: '区划详情（含上级路径）', params: z.object({ code: RegionCode }), response: { 200: RegionDetailOut } },
  }, async (request) => regionDetail(db, request.params.code));
};
