import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AccountPersonLink, Declaration, DeclarationConfirm, DeclarationCreate, DeclarationFilter, DeclarationListQuery, DeclarationPage, DeclarationReject,
  EnterpriseChoiceQuery, EnterpriseChoices, MyMember, TransferParams,
} from '../../contracts/member-transfer.js';
import { keyringFor, keyringSettings } from '../../core/crypto/keyring.js';
import { declarableEnterprises, getDeclaration, listDeclarationPage, openDeclarationExport } from '../../core/member-declaration/declaration.query.js';
import { confirmDeclaration, declare, rejectDeclaration, type DeclarationDeps } from '../../core/member-declaration/declaration.service.js';
import { getMyMember, linkAccountPerson } from '../../core/member-self/me.service.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { conflictResponse, withCurrent } from '../version-conflict.js';
import { sendXlsx } from './enterprise.routes.js';

/** 亮身份 declarations (the enterprise's street decides) and a member's own page (docs/member-transfers.md). */
export const memberDeclarationRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const deps = (): DeclarationDeps => ({ db: ctx.database.db, keyring: keyringFor(keyringSettings(ctx.config, ctx.database.engine)) });
  const tags = ['member-declarations'];
  const versioned = { 200: Declaration, ...conflictResponse(Declaration) };

  app.get('/api/member-declarations', { schema: { tags, summary: '亮身份申报（街道：本街道企业的申报；党员：本人的申报）', querystring: DeclarationListQuery, response: { 200: DeclarationPage } } },
    async (request) => listDeclarationPage(ctx.database.db, deps().keyring, actorOf(request), request.query));

  app.get('/api/member-declarations/export.xlsx', { schema: { tags, summary: '导出亮身份申报（与列表同一范围和筛选，号码脱敏）', querystring: DeclarationFilter } },
    async (request, reply) => {
      const file = await openDeclarationExport(ctx.database.db, deps().keyring, actorOf(request), request.query);
      return sendXlsx(reply, `${file.title}.xlsx`, (out) => file.write(out));
    });

  app.get('/api/member-declarations/enterprises', { schema: { tags, summary: '可申报的工作单位（按名称查找）', querystring: EnterpriseChoiceQuery, response: { 200: EnterpriseChoices } } },
    async (request) => declarableEnterprises(ctx.database.db, actorOf(request), request.query.q));

  app.post('/api/member-declarations', { schema: { tags, summary: '亮身份申报（党员本人或工作人员代录；身份证号码加密保存）', body: DeclarationCreate, response: { 201: Declaration } } },
    async (request, reply) => reply.status(201).send(await declare(deps(), actorOf(request), request.body)));

  app.get('/api/member-declarations/:id', { schema: { tags, summary: '亮身份申报详情（号码脱敏）', params: TransferParams, response: { 200: Declaration } } },
    async (request) => getDeclaration(ctx.database.db, deps().keyring, actorOf(request), request.params.id));

  app.post('/api/member-declarations/:id/confirm', { schema: { tags, summary: '确认亮身份申报（关联或登记党员；乐观锁 version）', params: TransferParams, body: DeclarationConfirm, response: versioned } },
    async (request) => withCurrent(() => confirmDeclaration(deps(), actorOf(request), request.params.id, request.body),
      () => getDeclaration(ctx.database.db, deps().keyring, actorOf(request), request.params.id)));

  app.post('/api/member-declarations/:id/reject', { schema: { tags, summary: '退回亮身份申报（须说明原因；乐观锁 version）', params: TransferParams, body: DeclarationReject, response: versioned } },
    async (request) => withCurrent(() => rejectDeclaration(deps(), actorOf(request), request.params.id, request.body),
      () => getDeclaration(ctx.database.db, deps().keyring, actorOf(request), request.params.id)));

  app.get('/api/me/member', { schema: { tags: ['me'], summary: '我的党员信息（脱敏）、所在党组织和书记、组织关系转接、亮身份申报', response: { 200: MyMember } } },
    async (request) => getMyMember(ctx.database.db, deps().keyring, actorOf(request)));

  app.put('/api/users/:id/person', {
    schema: { tags: ['users'], summary: '账号关联人员（党员自助使用）', params: TransferParams, body: AccountPersonLink, response: { 200: z.object({ userId: z.string(), personId: z.string().nullable() }) } },
  }, async (request) => linkAccountPerson(ctx.database.db, actorOf(request), request.params.id, request.body.personId));
};
