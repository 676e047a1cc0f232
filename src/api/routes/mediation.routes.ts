import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdString } from '../../contracts/party-org.js';
import {
  CommitteeGapPage, CommitteeGapQuery, DocumentKindSchema, MediationBody, MediationBodyCreate, MediationBodyDetail, MediationBodyListQuery,
  MediationBodyPage, MediationBodyUpdate, MediationCase, MediationCaseClose, MediationCaseCreate, MediationCaseDetail, MediationCaseFilter,
  MediationCaseListQuery, MediationCasePage, MediationCaseStart, MediationCaseUpdate, MediationStats, MediationStatsQuery, MediatorAdd, MediatorEnd,
} from '../../contracts/mediation.js';
import { keyringFor, keyringSettings } from '../../core/crypto/keyring.js';
import {
  addMediator, committeeGaps, createBody, endMediator, getBodyDetail, listBodies, readBody, updateBody,
} from '../../core/mediation/mediation-body.service.js';
import { closeCase, createCase, getCaseDetail, listCases, readCaseView, startCase, updateCase } from '../../core/mediation/mediation-case.service.js';
import { caseDocument } from '../../core/mediation/mediation-docx.js';
import { openBodyExport, openCaseExport, openGapExport } from '../../core/mediation/mediation.export.js';
import { toBody } from '../../core/mediation/mediation.mapper.js';
import { mediationStats } from '../../core/mediation/mediation.query.js';
import { todayInChina } from '../../domain/org-terms.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { conflictResponse, withCurrent } from '../version-conflict.js';
import { sendXlsx } from './enterprise.routes.js';

const Params = z.object({ id: IdString });
const MemberParams = z.object({ id: IdString, memberId: IdString });
const DocParams = z.object({ id: IdString, kind: DocumentKindSchema });
const Ok = z.object({ ok: z.literal(true) });
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Labour dispute mediation (docs/unions.md, "劳动争议调解"): bodies, cases, documents, statistics. */
export const mediationRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = () => ctx.database.db;
  const keyring = () => keyringFor(keyringSettings(ctx.config, ctx.database.engine));
  const tags = ['mediation'];

  // ---- bodies ----
  app.get('/api/mediation/bodies/export.xlsx', { schema: { tags, summary: '导出劳动争议调解组织（与列表同一筛选和范围）', querystring: MediationBodyListQuery.omit({ cursor: true, limit: true }) } },
    async (request, reply) => sendXlsx(reply, `劳动争议调解组织-${todayInChina()}.xlsx`, (out) => openBodyExport(db(), actorOf(request), request.query).write(out)));

  app.get('/api/mediation/bodies', { schema: { tags, summary: '劳动争议调解组织（企业调解委员会、街道乡镇调解组织）', querystring: MediationBodyListQuery, response: { 200: MediationBodyPage } } },
    async (request) => listBodies(db(), actorOf(request), request.query));

  app.post('/api/mediation/bodies', { schema: { tags, summary: '设立调解组织', body: MediationBodyCreate, response: { 201: MediationBody } } },
    async (request, reply) => reply.status(201).send(await createBody(db(), actorOf(request), request.body)));

  app.get('/api/mediation/bodies/:id', { schema: { tags, summary: '调解组织详情（组成人员）', params: Params, response: { 200: MediationBodyDetail } } },
    async (request) => getBodyDetail(db(), keyring(), actorOf(request), request.params.id));

  app.patch('/api/mediation/bodies/:id', {
    schema: { tags, summary: '修改调解组织（名称、关联工会、成立日期；乐观锁 version）', params: Params, body: MediationBodyUpdate, response: { 200: MediationBody, ...conflictResponse(MediationBody) } },
  }, async (request) => withCurrent(() => updateBody(db(), actorOf(request), request.params.id, request.body), async () => toBody(await readBody(db(), actorOf(request), request.params.id))));

  app.post('/api/mediation/bodies/:id/members', { schema: { tags, summary: '登记调解委员会组成人员（职工代表、企业代表、主任）', params: Params, body: MediatorAdd, response: { 201: z.object({ id: z.string() }) } } },
    async (request, reply) => reply.status(201).send(await addMediator(db(), keyring(), actorOf(request), request.params.id, request.body)));

  app.post('/api/mediation/bodies/:id/members/:memberId/end', { schema: { tags, summary: '组成人员离任', params: MemberParams, body: MediatorEnd, response: { 200: Ok } } },
    async (request) => endMediator(db(), actorOf(request), request.params.id, request.params.memberId, request.body.until));

  app.get('/api/mediation/committee-gaps/export.xlsx', { schema: { tags, summary: '导出未设立调解委员会的大中型企业', querystring: CommitteeGapQuery.omit({ cursor: true, limit: true }) } },
    async (request, reply) => sendXlsx(reply, `未设调解委员会的大中型企业-${todayInChina()}.xlsx`, (out) => openGapExport(db(), actorOf(request), request.query).write(out)));

  app.get('/api/mediation/committee-gaps', { schema: { tags, summary: '未设立劳动争议调解委员会的大中型企业（《企业劳动争议协商调解规定》）', querystring: CommitteeGapQuery, response: { 200: CommitteeGapPage } } },
    async (request) => committeeGaps(db(), actorOf(request), request.query));

  // ---- cases ----
  app.get('/api/mediation/cases/export.xlsx', { schema: { tags, summary: '导出调解案件（与列表同一筛选和范围，全部页）', querystring: MediationCaseFilter } },
    async (request, reply) => sendXlsx(reply, `劳动争议调解案件-${todayInChina()}.xlsx`, (out) => openCaseExport(db(), actorOf(request), request.query).write(out)));

  app.get('/api/mediation/cases', { schema: { tags, summary: '调解案件（分页，带总数；统计数字的明细）', querystring: MediationCaseListQuery, response: { 200: MediationCasePage } } },
    async (request) => listCases(db(), actorOf(request), request.query));

  app.post('/api/mediation/cases', { schema: { tags, summary: '受理调解申请（申请人、用人单位、争议类别、请求、金额）', body: MediationCaseCreate, response: { 201: MediationCase } } },
    async (request, reply) => reply.status(201).send(await createCase(db(), keyring(), actorOf(request), request.body)));

  app.get('/api/mediation/cases/:id', { schema: { tags, summary: '调解案件详情（当事人、时间线、期限与提醒）', params: Params, response: { 200: MediationCaseDetail } } },
    async (request) => getCaseDetail(db(), keyring(), actorOf(request), request.params.id));

  const current = (request: { params: { id: string } } & Parameters<typeof actorOf>[0]) => () => readCaseView(db(), actorOf(request), request.params.id);

  app.patch('/api/mediation/cases/:id', {
    schema: { tags, summary: '修改案件信息（结案前；乐观锁 version）', params: Params, body: MediationCaseUpdate, response: { 200: MediationCase, ...conflictResponse(MediationCase) } },
  }, async (request) => withCurrent(() => updateCase(db(), actorOf(request), request.params.id, request.body), current(request)));

  app.post('/api/mediation/cases/:id/start', {
    schema: { tags, summary: '开始调解（乐观锁 version）', params: Params, body: MediationCaseStart, response: { 200: MediationCase, ...conflictResponse(MediationCase) } },
  }, async (request) => withCurrent(() => startCase(db(), actorOf(request), request.params.id, request.body), current(request)));

  app.post('/api/mediation/cases/:id/close', {
    schema: { tags, summary: '结案：达成协议、未达成协议（可申请仲裁）或撤回（乐观锁 version）', params: Params, body: MediationCaseClose, response: { 200: MediationCase, ...conflictResponse(MediationCase) } },
  }, async (request) => withCurrent(() => closeCase(db(), actorOf(request), request.params.id, request.body), current(request)));

  app.get('/api/mediation/cases/:id/documents/:kind', { schema: { tags, summary: '下载文书（受理通知书、调解协议书、终止调解通知书，Word）', params: DocParams } },
    async (request, reply) => {
      const f = await caseDocument(db(), keyring(), actorOf(request), request.params.id, request.params.kind);
      return reply.header('content-type', DOCX)
        .header('content-disposition', `attachment; filename="mediation.docx"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`).send(f.buffer);
    });

  // ---- statistics ----
  app.get('/api/mediation/stats', { schema: { tags, summary: '调解统计：街道×类别、结果、按期办结（分子/分母）、在办案件倒计时；每个数字可下钻', querystring: MediationStatsQuery, response: { 200: MediationStats } } },
    async (request) => mediationStats(db(), actorOf(request), request.query));
};
