import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  RecruitmentCase, RecruitmentCreate, RecruitmentFindingPage, RecruitmentFindingQuery, RecruitmentListFilter, RecruitmentListQuery,
  RecruitmentPage, RecruitmentParams, RecruitmentStepInput,
} from '../../contracts/recruitment.js';
import { RecruitmentSettings, RecruitmentSettingsInput } from '../../contracts/recruitment-settings.js';
import { keyringFor, keyringSettings } from '../../core/crypto/keyring.js';
import { getRecruitmentSettings, saveRecruitmentSettings } from '../../core/recruitment/recruitment-settings.js';
import { openCaseExport } from '../../core/recruitment/recruitment.export.js';
import { getCaseIn, listCaseFindings, listCasePage } from '../../core/recruitment/recruitment.query.js';
import { openCase, recordStep, type RecruitmentDeps } from '../../core/recruitment/recruitment.service.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { conflictResponse, withCurrent } from '../version-conflict.js';
import { sendXlsx } from './enterprise.routes.js';

/** 发展党员 (docs/recruitment.md): cases by stage, each step recorded with its date and people; findings from the member rules. */
export const recruitmentRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const deps = (): RecruitmentDeps => ({ db: ctx.database.db, keyring: keyringFor(keyringSettings(ctx.config, ctx.database.engine)) });
  const tags = ['recruitment'];

  app.get('/api/recruitment', { schema: { tags, summary: '发展党员（按阶段；含总数和各阶段人数）', querystring: RecruitmentListQuery, response: { 200: RecruitmentPage } } },
    async (request) => listCasePage(ctx.database.db, actorOf(request), request.query));

  app.get('/api/recruitment/export.xlsx', { schema: { tags, summary: '导出发展党员（与列表同一范围和筛选，身份证号码脱敏）', querystring: RecruitmentListFilter } },
    async (request, reply) => {
      const file = openCaseExport(ctx.database.db, deps().keyring, actorOf(request), request.query);
      return sendXlsx(reply, `${file.title}.xlsx`, (out) => file.write(out));
    });

  app.get('/api/recruitment-findings', { schema: { tags, summary: '本单位发展党员的逾期、警示和到期提醒', querystring: RecruitmentFindingQuery, response: { 200: RecruitmentFindingPage } } },
    async (request) => listCaseFindings(ctx.database.db, actorOf(request), request.query.orgId));

  app.get('/api/recruitment-settings', { schema: { tags, summary: '发展党员省级设置（公示天数、列为积极分子的最短间隔）', response: { 200: RecruitmentSettings } } },
    async (request) => getRecruitmentSettings(ctx.database.db, actorOf(request)));

  app.put('/api/recruitment-settings', { schema: { tags, summary: '修改发展党员省级设置（全辖区组织部门；乐观锁 version）', body: RecruitmentSettingsInput, response: { 200: RecruitmentSettings } } },
    async (request) => saveRecruitmentSettings(ctx.database.db, actorOf(request), request.body));

  app.post('/api/recruitment', { schema: { tags, summary: '登记入党申请（新建发展党员记录）', body: RecruitmentCreate, response: { 201: RecruitmentCase } } },
    async (request, reply) => reply.status(201).send(await openCase(deps(), actorOf(request), request.body)));

  app.get('/api/recruitment/:id', { schema: { tags, summary: '发展党员记录详情（时间线、提醒，身份证号码脱敏）', params: RecruitmentParams, response: { 200: RecruitmentCase } } },
    async (request) => getCaseIn(ctx.database.db, deps().keyring, actorOf(request), request.params.id));

  app.post('/api/recruitment/:id/steps', {
    schema: { tags, summary: '登记发展党员的一个步骤（谈话、积极分子、发展对象……转正；乐观锁 version）', params: RecruitmentParams, body: RecruitmentStepInput, response: { 200: RecruitmentCase, ...conflictResponse(RecruitmentCase) } },
  }, async (request) => withCurrent(
    () => recordStep(deps(), actorOf(request), request.params.id, request.body),
    () => getCaseIn(ctx.database.db, deps().keyring, actorOf(request), request.params.id),
  ));
};
