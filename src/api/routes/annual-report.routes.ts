import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AnnualReportSchema, ReportList, ReportListFilter, ReportListQuery, ReportParams, ReportReview, ReportSave, ReportSubmit, ReportYearQuery,
} from '../../contracts/annual-report.js';
import { annualReportFile, type ReportFormat } from '../../core/annual-report/annual-report.files.js';
import { listAnnualReports, openReportListExport } from '../../core/annual-report/annual-report.list.js';
import { getAnnualReport } from '../../core/annual-report/annual-report.query.js';
import { reviewAnnualReport, saveAnnualReport, submitAnnualReport } from '../../core/annual-report/annual-report.service.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { conflictResponse, withCurrent } from '../version-conflict.js';
import { sendXlsx } from './enterprise.routes.js';

/** 年度党建工作报告 (docs/annual-report.md): prefilled from the records, narrative by the organisation, reviewed by the street. */
export const annualReportRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = () => ctx.database.db;
  const tags = ['annual-report'];
  const current = (request: { params: { id: string }; body: { year: number } }, actor: ReturnType<typeof actorOf>) =>
    () => getAnnualReport(db(), actor, request.params.id, request.body.year);

  app.get('/api/party-orgs/:id/annual-report', { schema: { tags, summary: '党组织年度党建工作报告（由记录预填，每项注明来源）', params: ReportParams, querystring: ReportYearQuery, response: { 200: AnnualReportSchema } } },
    async (request) => getAnnualReport(db(), actorOf(request), request.params.id, request.query.year));

  for (const format of ['docx', 'pdf'] as ReportFormat[]) {
    app.get(`/api/party-orgs/:id/annual-report.${format}`, { schema: { tags, summary: `下载年度党建工作报告（${format === 'docx' ? 'Word' : 'PDF'}）`, params: ReportParams, querystring: ReportYearQuery } },
      async (request, reply) => {
        const f = await annualReportFile(db(), actorOf(request), request.params.id, request.query.year, format);
        return reply.header('content-type', f.contentType)
          .header('content-disposition', `attachment; filename="annual-report.${format}"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`).send(f.body);
      });
  }

  app.put('/api/party-orgs/:id/annual-report', {
    schema: { tags, summary: '保存年度报告中记录无法反映的内容（工作亮点、存在问题、下年打算等；乐观锁 version，首次为 0）', params: ReportParams, body: ReportSave, response: { 200: AnnualReportSchema, ...conflictResponse(AnnualReportSchema) } },
  }, async (request) => withCurrent(() => saveAnnualReport(db(), actorOf(request), request.params.id, request.body), current(request, actorOf(request))));

  app.post('/api/party-orgs/:id/annual-report/submit', {
    schema: { tags, summary: '提交年度报告（保存提交时的各项数据）', params: ReportParams, body: ReportSubmit, response: { 200: AnnualReportSchema, ...conflictResponse(AnnualReportSchema) } },
  }, async (request) => withCurrent(() => submitAnnualReport(db(), actorOf(request), request.params.id, request.body), current(request, actorOf(request))));

  app.post('/api/party-orgs/:id/annual-report/review', {
    schema: { tags, summary: '审核年度报告（通过，或退回并填写意见）', params: ReportParams, body: ReportReview, response: { 200: AnnualReportSchema, ...conflictResponse(AnnualReportSchema) } },
  }, async (request) => withCurrent(() => reviewAnnualReport(db(), actorOf(request), request.params.id, request.body), current(request, actorOf(request))));

  app.get('/api/annual-reports', { schema: { tags, summary: '年度报告填报情况（辖区内各党组织，按区划、名称分页；含总数和各状态数）', querystring: ReportListQuery, response: { 200: ReportList } } },
    async (request) => listAnnualReports(db(), actorOf(request), request.query));

  app.get('/api/annual-reports/export.xlsx', { schema: { tags, summary: '导出年度报告汇总表（与列表同一范围和筛选，全部页）', querystring: ReportListFilter } },
    async (request, reply) => {
      const file = await openReportListExport(db(), actorOf(request), request.query);
      return sendXlsx(reply, `${file.title}.xlsx`, (out) => file.write(out));
    });
};
