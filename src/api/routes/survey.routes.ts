import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  PublicSurvey, PublicSurveyAnswer, PublicSurveyResult, SurveyBulkAccept, SurveyBulkResult, SurveyCampaign, SurveyCampaignPage, SurveyClose,
  SurveyCreate, SurveyDecide, SurveyLink, SurveyLinkChange, SurveyParams, SurveyProgress, SurveyTargetDetail, SurveyTargetPage, SurveyTargetQuery,
  SurveyTokenParams,
} from '../../contracts/survey.js';
import { IdString } from '../../contracts/party-org.js';
import { keyringFor, keyringSettings } from '../../core/crypto/keyring.js';
import { campaignProgress, closeCampaign, createCampaign, getCampaign, listCampaigns } from '../../core/survey/survey-campaign.service.js';
import { acceptMany, decideTarget } from '../../core/survey/survey-decide.service.js';
import { openTargetExport } from '../../core/survey/survey-export.js';
import { answerSurvey, getPublicSurvey } from '../../core/survey/survey.public.js';
import { changeLink, getTarget, listTargets, type SurveyDeps } from '../../core/survey/survey-target.service.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { conflictResponse, withCurrent } from '../version-conflict.js';
import { sendXlsx } from './enterprise.routes.js';

const TargetParams = z.object({ id: IdString, targetId: IdString }).strict();

/** 排查摸底: the district's campaigns, each enterprise's signed link, the public answer page, the officers' review. */
export const surveyRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = ctx.database.db;
  // The keyring loads on first use (links are signed with a key derived from it; phones sealed with it).
  const keyring = () => keyringFor(keyringSettings(ctx.config, ctx.database.engine));
  const deps = (request: { protocol: string; host: string }): SurveyDeps => ({ db, keyring, baseUrl: `${request.protocol}://${request.host}` });
  const tags = ['surveys'];

  app.get('/api/s/:token', {
    config: { public: true },
    schema: { tags, summary: '排查摸底填报页（公开，无需登录；一家企业一个签名链接）', params: SurveyTokenParams, response: { 200: PublicSurvey } },
  }, async (request) => getPublicSurvey({ db, keyring }, request.params.token));

  app.post('/api/s/:token', {
    config: { public: true },
    schema: { tags, summary: '提交排查摸底填报（公开；街道处理前可重新提交覆盖；按来源地址和链接限次）', params: SurveyTokenParams, body: PublicSurveyAnswer, response: { 200: PublicSurveyResult } },
  }, async (request) => answerSurvey({ db, keyring }, request.params.token, request.body, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null }));

  app.get('/api/surveys', {
    schema: { tags, summary: '排查摸底列表（进度按本人可见的企业统计）', response: { 200: SurveyCampaignPage } },
  }, async (request) => listCampaigns(db, actorOf(request)));

  app.post('/api/surveys', {
    schema: { tags, summary: '发起排查摸底（设计填报项，按条件确定填报企业，每家企业生成签名链接）', body: SurveyCreate, response: { 200: SurveyCampaign } },
  }, async (request) => createCampaign(db, actorOf(request), request.body));

  app.get('/api/surveys/:id', {
    schema: { tags, summary: '排查摸底详情', params: SurveyParams, response: { 200: SurveyCampaign } },
  }, async (request) => getCampaign(db, actorOf(request), request.params.id));

  app.post('/api/surveys/:id/close', {
    schema: { tags, summary: '结束填报（所有链接即时失效；乐观锁 version）', params: SurveyParams, body: SurveyClose, response: { 200: SurveyCampaign, ...conflictResponse(SurveyCampaign) } },
  }, async (request) => withCurrent(
    () => closeCampaign(db, actorOf(request), request.params.id, request.body.version),
    () => getCampaign(db, actorOf(request), request.params.id),
  ));

  app.get('/api/surveys/:id/progress', {
    schema: { tags, summary: '填报进度（按街道：发送、填报、采纳，含合计）', params: SurveyParams, response: { 200: SurveyProgress } },
  }, async (request) => campaignProgress(db, actorOf(request), request.params.id));

  app.get('/api/surveys/:id/targets', {
    schema: { tags, summary: '填报企业列表（链接、状态、待处理变更；可按街道和状态筛选）', params: SurveyParams, querystring: SurveyTargetQuery, response: { 200: SurveyTargetPage } },
  }, async (request) => listTargets(deps(request), actorOf(request), request.params.id, request.query));

  app.get('/api/surveys/:id/targets.xlsx', {
    schema: { tags, summary: '导出填报链接（与列表同一筛选；状态选“未填报”即催报名单）', params: SurveyParams, querystring: SurveyTargetQuery.omit({ cursor: true, limit: true }) },
  }, async (request, reply) => {
    const file = await openTargetExport(deps(request), actorOf(request), request.params.id, request.query);
    return sendXlsx(reply, file.fileName, (out) => file.write(out));
  });

  app.post('/api/surveys/:id/accept', {
    schema: { tags, summary: '批量采纳所选企业的全部待处理变更（逐家企业各自提交，失败的列明原因）', params: SurveyParams, body: SurveyBulkAccept, response: { 200: SurveyBulkResult } },
  }, async (request) => acceptMany(deps(request), actorOf(request), request.params.id, request.body.targetIds));

  app.get('/api/surveys/:id/targets/:targetId', {
    schema: { tags, summary: '企业填报内容（拟变更：台账现值、填报值、处理状态）', params: TargetParams, response: { 200: SurveyTargetDetail } },
  }, async (request) => getTarget(deps(request), actorOf(request), request.params.id, request.params.targetId));

  app.post('/api/surveys/:id/targets/:targetId/decide', {
    schema: {
      tags, summary: '逐项采纳或不采纳（采纳即写入台账并留变更记录，来源“排查摸底”；乐观锁 version 与企业 version）',
      params: TargetParams, body: SurveyDecide, response: { 200: SurveyTargetDetail, ...conflictResponse(SurveyTargetDetail) },
    },
  }, async (request) => withCurrent(
    () => decideTarget(deps(request), actorOf(request), request.params.id, request.params.targetId, request.body),
    () => getTarget(deps(request), actorOf(request), request.params.id, request.params.targetId),
  ));

  app.post('/api/surveys/:id/targets/:targetId/revoke', {
    schema: { tags, summary: '停用填报链接（即时失效）', params: TargetParams, body: SurveyLinkChange, response: { 200: SurveyLink } },
  }, async (request) => changeLink(deps(request), actorOf(request), request.params.id, request.params.targetId, request.body.version, 'revoke'));

  app.post('/api/surveys/:id/targets/:targetId/renew', {
    schema: { tags, summary: '重新生成填报链接（旧链接即时失效）', params: TargetParams, body: SurveyLinkChange, response: { 200: SurveyLink } },
  }, async (request) => changeLink(deps(request), actorOf(request), request.params.id, request.params.targetId, request.body.version, 'renew'));
};
