import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HistoryPage, HistoryQuery } from '../../contracts/history.js';
import {
  MemberConfirm, MemberCreate, MemberDetail, MemberListFilter, MemberListQuery, MemberPage, MemberParams, MemberStatusChange, MemberUpdate,
} from '../../contracts/member.js';
import { keyringFor, keyringSettings } from '../../core/crypto/keyring.js';
import { openMemberExport } from '../../core/member/member-export.js';
import { getMemberDetail, getMemberHistory, listMembers } from '../../core/member/member.query.js';
import { addMember, changeMemberStatus, confirmMember, editMember, type MemberDeps } from '../../core/member/member.service.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { conflictResponse, withCurrent } from '../version-conflict.js';
import { sendXlsx } from './enterprise.routes.js';

/** The party-member roster (docs/members.md): reads under org.read, changes under org.manage by the organisation's own place. */
export const memberRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const deps = (): MemberDeps => ({ db: ctx.database.db, keyring: keyringFor(keyringSettings(ctx.config, ctx.database.engine)) });
  const tags = ['members'];
  const current = (request: FastifyRequest, id: string) => () => getMemberDetail(ctx.database.db, deps().keyring, actorOf(request), id);

  app.get('/api/members', { schema: { tags, summary: '党员名册（身份证号码脱敏；默认不含已出党）', querystring: MemberListQuery, response: { 200: MemberPage } } },
    async (request) => listMembers(ctx.database.db, deps().keyring, actorOf(request), request.query));

  app.get('/api/members/export.xlsx', { schema: { tags, summary: '导出党员名册（与列表同一筛选和范围，身份证号码脱敏）', querystring: MemberListFilter } },
    async (request, reply) => {
      const file = await openMemberExport(ctx.database.db, deps().keyring, actorOf(request), request.query);
      return sendXlsx(reply, `${file.title}.xlsx`, (out) => file.write(out));
    });

  app.post('/api/members', { schema: { tags, summary: '登记党员（已登记人员，或按身份证号码查找/新建人员）', body: MemberCreate, response: { 201: MemberDetail } } },
    async (request, reply) => reply.status(201).send(await addMember(deps(), actorOf(request), request.body)));

  app.get('/api/members/:id', { schema: { tags, summary: '党员详情（人员信息脱敏）', params: MemberParams, response: { 200: MemberDetail } } },
    async (request) => getMemberDetail(ctx.database.db, deps().keyring, actorOf(request), request.params.id));

  app.get('/api/members/:id/history', {
    schema: { tags, summary: '党员历史（按事件编号倒序分页；仅经关联可见时只给条数）', params: MemberParams, querystring: HistoryQuery, response: { 200: HistoryPage } },
  }, async (request) => getMemberHistory(ctx.database.db, actorOf(request), request.params.id, request.query));

  app.patch('/api/members/:id', {
    schema: { tags, summary: '修改党员信息（乐观锁 version）', params: MemberParams, body: MemberUpdate, response: { 200: MemberDetail, ...conflictResponse(MemberDetail) } },
  }, async (request) => withCurrent(() => editMember(deps(), actorOf(request), request.params.id, request.body), current(request, request.params.id)));

  app.post('/api/members/:id/confirm', {
    schema: { tags, summary: '预备党员转正（乐观锁 version）', params: MemberParams, body: MemberConfirm, response: { 200: MemberDetail, ...conflictResponse(MemberDetail) } },
  }, async (request) => withCurrent(() => confirmMember(deps(), actorOf(request), request.params.id, request.body), current(request, request.params.id)));

  app.post('/api/members/:id/status', {
    schema: { tags, summary: '变更党员状态（流动、失联、停止党籍、出党；乐观锁 version）', params: MemberParams, body: MemberStatusChange, response: { 200: MemberDetail, ...conflictResponse(MemberDetail) } },
  }, async (request) => withCurrent(() => changeMemberStatus(deps(), actorOf(request), request.params.id, request.body), current(request, request.params.id)));
};
