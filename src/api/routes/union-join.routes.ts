import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdString } from '../../contracts/party-org.js';
import {
  ApplicationAccept, ApplicationListQuery, ApplicationPage, ApplicationRefer, ApplicationReject, JoinAnswer, JoinApply, JoinCard, JoinLink,
  JoinLinkRegenerate, JoinLinkUpdate, JoinParams, UnionApplication,
} from '../../contracts/union-join.js';
import { keyringFor, keyringSettings } from '../../core/crypto/keyring.js';
import { acceptApplication, referApplication, rejectApplication } from '../../core/union-join/union-join.decide.js';
import { unionPoster } from '../../core/union-join/union-join.poster.js';
import { applyToJoin, getJoinCard, type JoinDeps } from '../../core/union-join/union-join.public.js';
import {
  getJoinLink, listUnionApplications, openApplicationExport, regenerateJoinLink, updateJoinLink,
} from '../../core/union-join/union-join.service.js';
import { todayInChina } from '../../domain/org-terms.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { sendXlsx } from './enterprise.routes.js';

const Params = z.object({ id: IdString });

/** 扫码入会（亮牌子）: the public page and form (no sign-in), the union's link and poster, the officer's queue. */
export const unionJoinRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = ctx.database.db;
  // The keyring loads on first use, as for people: a server without keys still starts.
  const deps = (): JoinDeps => ({ db, keyring: keyringFor(keyringSettings(ctx.config, ctx.database.engine)) });
  const tags = ['union-join'];

  app.get('/api/join/:token', {
    config: { public: true },
    schema: { tags, summary: '工会入会页（公开，无需登录；不含任何会员个人信息）', params: JoinParams, response: { 200: JoinCard } },
  }, async (request) => getJoinCard(db, request.params.token));

  app.post('/api/join/:token', {
    config: { public: true },
    schema: {
      tags, summary: `提交入会申请（公开；按来源地址和身份证号码限次，重复提交不新增）`, params: JoinParams, body: JoinApply, response: { 200: JoinAnswer },
    },
  }, async (request) => applyToJoin(deps(), request.params.token, request.body, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null }));

  app.get('/api/unions/:id/join-link', {
    schema: { tags, summary: '工会入会链接（公开页地址、显示设置、待审核申请数）', params: Params, response: { 200: JoinLink } },
  }, async (request) => getJoinLink(db, actorOf(request), request.params.id));

  app.patch('/api/unions/:id/join-link', {
    schema: { tags, summary: '修改入会页显示内容（是否显示工会主席、办公电话；乐观锁 version）', params: Params, body: JoinLinkUpdate, response: { 200: JoinLink } },
  }, async (request) => updateJoinLink(db, actorOf(request), request.params.id, request.body));

  app.post('/api/unions/:id/join-link/regenerate', {
    schema: { tags, summary: '重新生成入会二维码（旧二维码和已印海报即时失效；乐观锁 version）', params: Params, body: JoinLinkRegenerate, response: { 200: JoinLink } },
  }, async (request) => regenerateJoinLink(db, actorOf(request), request.params.id, request.body.version));

  app.get('/api/unions/:id/poster.pdf', {
    schema: { tags, summary: '入会二维码海报（A4 PDF）', params: Params },
  }, async (request, reply) => {
    const { pdf, fileName } = await unionPoster(db, actorOf(request), request.params.id, `${request.protocol}://${request.host}`);
    return reply.header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="poster.pdf"; filename*=UTF-8''${encodeURIComponent(fileName)}`).send(pdf);
  });

  app.get('/api/unions/:id/applications', {
    schema: { tags, summary: '入会申请列表（身份证号、手机号脱敏；工会管理人员）', params: Params, querystring: ApplicationListQuery, response: { 200: ApplicationPage } },
  }, async (request) => listUnionApplications(deps(), actorOf(request), request.params.id, request.query));

  app.get('/api/unions/:id/applications/export.xlsx', {
    schema: { tags, summary: '导出入会申请（与列表同一筛选，脱敏）', params: Params, querystring: ApplicationListQuery.omit({ cursor: true, limit: true }) },
  }, async (request, reply) => {
    const file = await openApplicationExport(deps(), actorOf(request), request.params.id, request.query);
    return sendXlsx(reply, `入会申请-${todayInChina()}.xlsx`, (out) => file.write(out));
  });

  app.post('/api/union-applications/:id/accept', {
    schema: { tags, summary: '接收入会申请（登记为会员；乐观锁 version）', params: Params, body: ApplicationAccept, response: { 200: UnionApplication } },
  }, async (request) => acceptApplication(deps(), actorOf(request), request.params.id, request.body));

  app.post('/api/union-applications/:id/reject', {
    schema: { tags, summary: '不予接收入会申请（须填写理由；乐观锁 version）', params: Params, body: ApplicationReject, response: { 200: UnionApplication } },
  }, async (request) => rejectApplication(deps(), actorOf(request), request.params.id, request.body));

  app.post('/api/union-applications/:id/refer', {
    schema: { tags, summary: '转介入会申请到其他工会（乐观锁 version）', params: Params, body: ApplicationRefer, response: { 200: UnionApplication } },
  }, async (request) => referApplication(deps(), actorOf(request), request.params.id, request.body));
};
