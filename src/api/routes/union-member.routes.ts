import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HistoryPage, HistoryQuery } from '../../contracts/history.js';
import { IdString } from '../../contracts/party-org.js';
import { PersonParams } from '../../contracts/person.js';
import { Union } from '../../contracts/union.js';
import {
  PersonUnionMemberships, UnionMember, UnionMemberAdd, UnionMemberListQuery, UnionMemberPage, UnionMemberResult, UnionMemberSettings,
  UnionMemberSettingsInput, UnionMemberStatusChange, UnionMemberUpdate, UnionRosterSince,
} from '../../contracts/union-member.js';
import { keyringFor, keyringSettings } from '../../core/crypto/keyring.js';
import { openUnionMemberExport } from '../../core/union-member/union-member.export.js';
import { getUnionMember, getUnionMemberHistory, listUnionMembers, personUnionMemberships } from '../../core/union-member/union-member.query.js';
import { addUnionMember, changeUnionMemberStatus, updateUnionMember, type UnionMemberDeps } from '../../core/union-member/union-member.service.js';
import { getUnionMemberSettings, saveUnionMemberSettings } from '../../core/union-member/union-member-settings.js';
import { setUnionRosterSince } from '../../core/union-member/union-roster-since.service.js';
import { getUnionDetail } from '../../core/union/union.query.js';
import { todayInChina } from '../../domain/org-terms.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { conflictResponse, withCurrent } from '../version-conflict.js';
import { sendXlsx } from './enterprise.routes.js';

const Params = z.object({ id: IdString });

/** 会员实名制 (docs/unions.md, "会员实名制"): a union's real-name members, their changes, the roster date and the 劳务派遣 setting. */
export const unionMemberRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = ctx.database.db;
  const tags = ['union-members'];
  // The keyring loads on first use, so a server without keys still starts and only these routes fail.
  const deps = (): UnionMemberDeps => ({ db, keyring: keyringFor(keyringSettings(ctx.config, ctx.database.engine)) });

  app.get('/api/union-members/settings', { schema: { tags, summary: '会员实名制设置（劳务派遣工在用工单位还是派遣单位入会）', response: { 200: UnionMemberSettings } } },
    async (request) => getUnionMemberSettings(db, actorOf(request)));

  app.put('/api/union-members/settings', {
    schema: { tags, summary: '修改会员实名制设置（全辖区工会部门；乐观锁 version）', body: UnionMemberSettingsInput, response: { 200: UnionMemberSettings, ...conflictResponse(UnionMemberSettings) } },
  }, async (request) => withCurrent(() => saveUnionMemberSettings(db, actorOf(request), request.body), () => getUnionMemberSettings(db, actorOf(request))));

  app.get('/api/unions/:id/members', {
    schema: { tags, summary: '工会会员名册（分页、总数、按会籍状态/劳务派遣/姓名或会员证号筛选；身份证号和手机号已遮蔽）', params: Params, querystring: UnionMemberListQuery, response: { 200: UnionMemberPage } },
  }, async (request) => listUnionMembers(deps(), actorOf(request), request.params.id, request.query));

  app.get('/api/unions/:id/members/export.xlsx', {
    schema: { tags, summary: '导出工会会员名册（与列表同一筛选和范围，全部页；已遮蔽）', params: Params, querystring: UnionMemberListQuery.omit({ cursor: true, limit: true }) },
  }, async (request, reply) => {
    const file = await openUnionMemberExport(deps(), actorOf(request), request.params.id, request.query);
    return sendXlsx(reply, file.fileName, (out) => file.write(out));
  });

  app.post('/api/unions/:id/members', {
    schema: { tags, summary: '登记会员（按公民身份号码认定同一人；一人只能有一个有效会籍）', params: Params, body: UnionMemberAdd, response: { 201: UnionMemberResult } },
  }, async (request, reply) => reply.status(201).send(await addUnionMember(deps(), actorOf(request), request.params.id, request.body)));

  app.put('/api/unions/:id/roster-since', {
    schema: { tags, summary: '设定会员名册启用日期（此后会员人数按名册统计；乐观锁 version）', params: Params, body: UnionRosterSince, response: { 200: Union, ...conflictResponse(Union) } },
  }, async (request) => withCurrent(() => setUnionRosterSince(db, actorOf(request), request.params.id, request.body),
    () => getUnionDetail(db, actorOf(request), request.params.id, todayInChina())));

  app.patch('/api/union-members/:id', {
    schema: { tags, summary: '修改会员信息（入会日期、会员证号、工作单位、劳务派遣；乐观锁 version）', params: Params, body: UnionMemberUpdate, response: { 200: UnionMemberResult, ...conflictResponse(UnionMember) } },
  }, async (request) => withCurrent(() => updateUnionMember(deps(), actorOf(request), request.params.id, request.body), () => getUnionMember(deps(), actorOf(request), request.params.id)));

  app.post('/api/union-members/:id/status', {
    schema: { tags, summary: '会籍变动：保留会籍、恢复会籍、转出（转入的工会须由您管理）、退会（乐观锁 version）', params: Params, body: UnionMemberStatusChange, response: { 200: UnionMemberResult, ...conflictResponse(UnionMember) } },
  }, async (request) => withCurrent(() => changeUnionMemberStatus(deps(), actorOf(request), request.params.id, request.body), () => getUnionMember(deps(), actorOf(request), request.params.id)));

  app.get('/api/union-members/:id/history', {
    schema: { tags, summary: '会籍历史（按事件编号倒序分页）', params: Params, querystring: HistoryQuery, response: { 200: HistoryPage } },
  }, async (request) => getUnionMemberHistory(deps(), actorOf(request), request.params.id, request.query));

  app.get('/api/people/:id/union-memberships', {
    schema: { tags, summary: '人员的工会会籍（看不到的工会不显示名称）', params: PersonParams, response: { 200: PersonUnionMemberships } },
  }, async (request) => personUnionMemberships(deps(), actorOf(request), request.params.id));
};
