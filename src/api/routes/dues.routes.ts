import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DuesBasisInput, DuesCompute, DuesComputeResult, DuesLedgerPage, DuesLedgerQuery, DuesLedgerRow, DuesMonthClose, DuesMonthReopen, DuesReductionWithdraw,
  DuesMonthQuery, DuesPaymentInput, DuesReductionApprove, DuesReductionInput, DuesReductionList, DuesReductionRow, DuesSettingsInput, DuesSettingsView, DuesStatement,
  LedgerParams, MemberDuesParams, ReductionParams, StatementQuery,
} from '../../contracts/dues.js';
import { approveDuesReduction, listDuesReductions, withdrawDuesReduction } from '../../core/dues/dues-reduction.service.js';
import { getDuesSettings, saveDuesSettings } from '../../core/dues/dues-settings.js';
import { getDuesStatement, getMyDues, openStatementExport } from '../../core/dues/dues-statement.js';
import { listDuesLedger, openDuesExport } from '../../core/dues/dues.query.js';
import { addDuesReduction, closeDuesMonth, computeDuesMonth, recordDuesPayment, reopenDuesMonth, setDuesBasis } from '../../core/dues/dues.service.js';
import { requireVisibleLedger } from '../../core/dues/dues.access.js';
import { toLedgerRow } from '../../core/dues/dues.mapper.js';
import { todayInChina } from '../../domain/org-terms.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { conflictResponse, withCurrent } from '../version-conflict.js';
import { sendXlsx } from './enterprise.routes.js';

/** Party dues (docs/dues.md): reads under org.read, changes under org.manage by the organisation's own place; 我的党费 for the member. */
export const duesRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = () => ctx.database.db;
  const tags = ['dues'];
  const MyQuery = z.object({ year: z.coerce.number().int().min(2008).max(2100).optional() }).strict();

  app.get('/api/dues/ledger', { schema: { tags, summary: '党费月度台账（一个党组织一个月；含合计：应交、实交、欠交、返还）', querystring: DuesLedgerQuery, response: { 200: DuesLedgerPage } } },
    async (request) => listDuesLedger(db(), actorOf(request), request.query));

  app.get('/api/dues/ledger/export.xlsx', { schema: { tags, summary: '导出党费月度台账（与列表同一筛选和范围）', querystring: DuesMonthQuery } },
    async (request, reply) => {
      const file = await openDuesExport(db(), actorOf(request), request.query);
      return sendXlsx(reply, `${file.title}.xlsx`, (out) => file.write(out));
    });

  app.post('/api/dues/months/compute', { schema: { tags, summary: '计算某月党费（一个党组织，或本人管理的全部党组织）', body: DuesCompute, response: { 200: DuesComputeResult } } },
    async (request) => computeDuesMonth(db(), actorOf(request), request.body));

  app.post('/api/dues/months/close', { schema: { tags, summary: '党费月度关账（关账后不再重算应交金额）', body: DuesMonthClose, response: { 200: z.object({ status: z.literal('closed') }) } } },
    async (request) => closeDuesMonth(db(), actorOf(request), request.body.orgId, request.body.month));

  app.post('/api/dues/months/reopen', { schema: { tags, summary: '党费月度重新开账（须填写原因；已登记的缴纳不变）', body: DuesMonthReopen, response: { 200: z.object({ status: z.literal('open') }) } } },
    async (request) => reopenDuesMonth(db(), actorOf(request), request.body));

  app.post('/api/dues/ledger/:id/payments', {
    schema: { tags, summary: '手工登记党费缴纳（乐观锁 version；补交一般不超过6个月）', params: LedgerParams, body: DuesPaymentInput, response: { 200: DuesLedgerRow, ...conflictResponse(DuesLedgerRow) } },
  }, async (request) => withCurrent(
    () => recordDuesPayment(db(), actorOf(request), request.params.id, request.body),
    async () => toLedgerRow((await requireVisibleLedger(db(), actorOf(request), request.params.id)).row),
  ));

  app.put('/api/dues/members/:memberId/basis', { schema: { tags, summary: '设定党员交纳党费的类别和基数（自某月起）', params: MemberDuesParams, body: DuesBasisInput, response: { 200: z.object({ recomputed: z.number() }) } } },
    async (request) => setDuesBasis(db(), actorOf(request), request.params.memberId, request.body));

  app.post('/api/dues/members/:memberId/reductions', { schema: { tags, summary: '登记少交或免交党费（经上一级党委批准后生效）', params: MemberDuesParams, body: DuesReductionInput, response: { 201: z.object({ id: z.string(), recomputed: z.number() }) } } },
    async (request, reply) => reply.status(201).send(await addDuesReduction(db(), actorOf(request), request.params.memberId, request.body)));

  app.get('/api/dues/members/:memberId/reductions', { schema: { tags, summary: '党员的少交或免交党费记录（待批准、已批准）', params: MemberDuesParams, response: { 200: DuesReductionList } } },
    async (request) => listDuesReductions(db(), actorOf(request), request.params.memberId));

  app.post('/api/dues/reductions/:id/approve', {
    schema: { tags, summary: '登记少交或免交党费的批准（批准日期和批准文号；批准后重算未交的月份）', params: ReductionParams, body: DuesReductionApprove, response: { 200: z.object({ reduction: DuesReductionRow, recomputed: z.number() }) } },
  }, async (request) => approveDuesReduction(db(), actorOf(request), request.params.id, request.body));

  app.post('/api/dues/reductions/:id/withdraw', {
    schema: { tags, summary: '撤销少交或免交党费（须填写原因；已批准的撤销后重算未交的月份）', params: ReductionParams, body: DuesReductionWithdraw, response: { 200: z.object({ reduction: DuesReductionRow, recomputed: z.number() }) } },
  }, async (request) => withdrawDuesReduction(db(), actorOf(request), request.params.id, request.body));

  app.get('/api/dues/members/:memberId/statement', { schema: { tags, summary: '党员年度党费交纳情况（含欠交和连续6个月未交提示）', params: MemberDuesParams, querystring: StatementQuery, response: { 200: DuesStatement } } },
    async (request) => getDuesStatement(db(), actorOf(request), request.params.memberId, request.query.year));

  app.get('/api/dues/members/:memberId/statement.xlsx', { schema: { tags, summary: '导出党员年度党费交纳情况', params: MemberDuesParams, querystring: StatementQuery } },
    async (request, reply) => {
      const file = await openStatementExport(db(), actorOf(request), request.params.memberId, request.query.year);
      return sendXlsx(reply, `${file.title}.xlsx`, (out) => file.write(out));
    });

  app.get('/api/dues/settings', { schema: { tags, summary: '党费本地设置（返还比例、重算方式）', response: { 200: DuesSettingsView } } },
    async (request) => getDuesSettings(db(), actorOf(request)));

  app.put('/api/dues/settings', { schema: { tags, summary: '修改党费本地设置（全辖区组织部门；乐观锁 version）', body: DuesSettingsInput, response: { 200: DuesSettingsView } } },
    async (request) => saveDuesSettings(db(), actorOf(request), request.body));

  app.get('/api/me/dues', { schema: { tags: ['me'], summary: '我的党费（本人各月应交、实交和提示）', querystring: MyQuery, response: { 200: DuesStatement } } },
    async (request) => getMyDues(db(), actorOf(request), request.query.year ?? Number(todayInChina().slice(0, 4))));

};
