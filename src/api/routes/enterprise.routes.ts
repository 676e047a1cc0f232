import { PassThrough } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  EnterpriseDetailSchema, EnterpriseFilterSchema, EnterpriseListQuerySchema, EnterpriseListSchema, IdParamsSchema,
  NamedEntitySchema, PlacementUpdateSchema,
} from '../../contracts/enterprise.js';
import { openExport, writeTemplate } from '../../core/enterprise/enterprise-export.service.js';
import {
  getEnterprise, listAssociations, listEnterprises, listParks, placeEnterprise,
} from '../../core/enterprise/enterprise.service.js';
import { CorrectionRequest } from '../../contracts/ledger-correction.js';
import { correctEnterprise } from '../../core/enterprise/enterprise-correct.service.js';
import { keyringFor, keyringSettings } from '../../core/crypto/keyring.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { conflictResponse, withCurrent } from '../version-conflict.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends a streamed XLSX download; the Chinese file name travels RFC 5987-encoded. */
export function sendXlsx(reply: FastifyReply, fileName: string, write: (out: PassThrough) => Promise<unknown>) {
  const out = new PassThrough();
  write(out).catch((err: unknown) => {
    reply.log.error({ err }, 'xlsx stream failed');
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return reply
    .header('content-type', XLSX)
    .header('content-disposition', `attachment; filename="download.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(out);
}

const stamp = () => new Date().toISOString().slice(0, 10).replace(/-/g, '');

export const enterpriseRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = ctx.database.db;
  const tags = ['enterprises'];
  // Loaded on first use (a stored contact phone shown masked, a correction sealing one).
  const keyring = () => keyringFor(keyringSettings(ctx.config, ctx.database.engine));
  app.get('/api/enterprises', {
    schema: { tags, summary: '企业台账列表（筛选、排序、游标分页、名称或拼音首字母搜索）', querystring: EnterpriseListQuerySchema, response: { 200: EnterpriseListSchema } },
  }, async (request) => listEnterprises(db, actorOf(request), request.query));

  app.get('/api/enterprises/export.xlsx', {
    schema: { tags, summary: '导出企业台账（与导入同表头）', querystring: EnterpriseFilterSchema },
  }, async (request, reply) => {
    const exporter = openExport(db, actorOf(request), request.query);
    return sendXlsx(reply, `企业台账-${stamp()}.xlsx`, (out) => exporter.write(out));
  });

  app.get('/api/enterprises/template.xlsx', { schema: { tags, summary: '下载空白导入模板（含填写说明）' } },
    async (_request, reply) => sendXlsx(reply, '企业台账导入模板.xlsx', (out) => writeTemplate(out)));

  app.get('/api/enterprises/:id', {
    schema: { tags, summary: '企业详情（含变更历史）', params: IdParamsSchema, response: { 200: EnterpriseDetailSchema } },
  }, async (request) => getEnterprise(db, actorOf(request), request.params.id, keyring));

  app.post('/api/enterprises/:id/corrections', {
    schema: {
      tags, summary: '人工更正台账信息（须填写理由；保留变更记录；乐观锁 version；以后的登记导入不覆盖，除非来源数据本身变化）',
      params: IdParamsSchema, body: CorrectionRequest, response: { 200: EnterpriseDetailSchema, ...conflictResponse(EnterpriseDetailSchema) },
    },
  }, async (request) => withCurrent(
    () => correctEnterprise({ db, keyring }, actorOf(request), request.params.id, request.body),
    () => getEnterprise(db, actorOf(request), request.params.id, keyring),
  ));

  app.patch('/api/enterprises/:id/placement', {
    schema: {
      tags, summary: '人工认定属地（乐观锁 version）', params: IdParamsSchema, body: PlacementUpdateSchema,
      response: { 200: EnterpriseDetailSchema, ...conflictResponse(EnterpriseDetailSchema) },
    },
  }, async (request) => withCurrent(
    () => placeEnterprise(db, actorOf(request), request.params.id, request.body),
    () => getEnterprise(db, actorOf(request), request.params.id),
  ));

  app.get('/api/parks', { schema: { tags, summary: '园区', response: { 200: z.array(NamedEntitySchema) } } },
    async (request) => listParks(db, actorOf(request)));
  app.get('/api/associations', { schema: { tags, summary: '行业协会（商会）', response: { 200: z.array(NamedEntitySchema) } } },
    async (request) => listAssociations(db, actorOf(request)));
};
