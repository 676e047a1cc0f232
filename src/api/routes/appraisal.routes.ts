import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AppraisalHistory, AppraisalMarkInput, AppraisalParams, AppraisalSettingsInput, AppraisalSettingsSchema, AppraisalSheetSchema, AppraisalYearQuery,
} from '../../contracts/appraisal.js';
import { AppraisalList, AppraisalListFilter, AppraisalListQuery } from '../../contracts/appraisal-list.js';
import { listAppraisals, openAppraisalListExport } from '../../core/appraisal/appraisal-list.js';
import { personAppraisals } from '../../core/appraisal/appraisal.history.js';
import { getAppraisalSettings, saveAppraisalSettings } from '../../core/appraisal/appraisal-settings.js';
import { getAppraisal, markAppraisal } from '../../core/appraisal/appraisal.service.js';
import type { AppraisalKind } from '../../domain/appraisal.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { conflictResponse, withCurrent } from '../version-conflict.js';
import { sendXlsx } from './enterprise.routes.js';

/** 述职评议 of secretaries and 考核 of instructors (docs/annual-report.md "Appraisal"). */
export const appraisalRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = () => ctx.database.db;
  const tags = ['appraisal'];
  const SUBJECTS: Array<[AppraisalKind, string, string]> = [['secretary', '/api/party-orgs/:id/appraisal', '党组织书记抓党建述职评议'], ['instructor', '/api/instructors/:id/appraisal', '党建指导员考核']];

  for (const [kind, url, label] of SUBJECTS) {
    app.get(url, { schema: { tags, summary: `${label}评分表（由记录预填佐证，注明来源）`, params: AppraisalParams, querystring: AppraisalYearQuery, response: { 200: AppraisalSheetSchema } } },
      async (request) => getAppraisal(db(), actorOf(request), kind, request.params.id, request.query.year));
    app.put(url, {
      schema: { tags, summary: `${label}评分（街道或区评分；乐观锁 version，首次为 0）`, params: AppraisalParams, body: AppraisalMarkInput, response: { 200: AppraisalSheetSchema, ...conflictResponse(AppraisalSheetSchema) } },
    }, async (request) => withCurrent(
      () => markAppraisal(db(), actorOf(request), kind, request.params.id, request.body),
      () => getAppraisal(db(), actorOf(request), kind, request.params.id, request.body.year),
    ));
  }

  app.get('/api/appraisals', { schema: { tags, summary: '述职评议、考核情况（辖区内应评的书记和指导员，已评未评；分页，含总数）', querystring: AppraisalListQuery, response: { 200: AppraisalList } } },
    async (request) => listAppraisals(db(), actorOf(request), request.query));

  app.get('/api/appraisals/export.xlsx', { schema: { tags, summary: '导出述职评议、考核情况（与列表同一范围和筛选）', querystring: AppraisalListFilter } },
    async (request, reply) => {
      const file = openAppraisalListExport(db(), actorOf(request), request.query);
      return sendXlsx(reply, `${file.title}.xlsx`, (out) => file.write(out));
    });

  app.get('/api/people/:id/appraisals', { schema: { tags, summary: '个人历年述职评议、考核结果', params: AppraisalParams, response: { 200: AppraisalHistory } } },
    async (request) => personAppraisals(db(), actorOf(request), request.params.id));

  app.get('/api/appraisal-settings', { schema: { tags, summary: '述职评议各等次对应的补贴档次', response: { 200: AppraisalSettingsSchema } } },
    async (request) => getAppraisalSettings(db(), actorOf(request)));

  app.put('/api/appraisal-settings', {
    schema: { tags, summary: '修改述职评议补贴档次（全辖区组织部门；乐观锁 version）', body: AppraisalSettingsInput, response: { 200: AppraisalSettingsSchema, ...conflictResponse(AppraisalSettingsSchema) } },
  }, async (request) => withCurrent(() => saveAppraisalSettings(db(), actorOf(request), request.body), () => getAppraisalSettings(db(), actorOf(request))));
};
