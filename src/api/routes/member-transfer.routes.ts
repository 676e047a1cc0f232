import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  EnterpriseChoiceQuery, MemberFindingPage, MemberMobility, MobileReport, MobilityFilter, MobilityPage, MobilityQuery, OrgMove, OrgMoveResult, Transfer, TransferAccept, TransferIncoming, TransferIssue, TransferListFilter,
  TransferListQuery, TransferPage, TransferParams, TransferReason, TransferReceipt,
} from '../../contracts/member-transfer.js';
import { keyringFor, keyringSettings } from '../../core/crypto/keyring.js';
import { listMobility, openMobilityExport } from '../../core/member-transfer/mobility-list.js';
import { listStatusFindings, memberStatusFindings, recordMobileReport, setMobility } from '../../core/member-transfer/mobility.service.js';
import { moveOrgMembers, registerIncoming } from '../../core/member-transfer/transfer-bulk.service.js';
import { getTransferIn, listTransferPage, openTransferExport, searchReceivers } from '../../core/member-transfer/transfer.query.js';
import { acceptTransfer, closeTransfer, issueTransfer, recordReceipt, type TransferDeps } from '../../core/member-transfer/transfer.service.js';
import { letterMaxDaysOf } from '../../domain/member-transfer.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { conflictResponse, withCurrent } from '../version-conflict.js';
import { sendXlsx } from './enterprise.routes.js';

/** 组织关系转接 (docs/member-transfers.md): both ends see a letter; the sender issues and revokes, the receiver accepts or returns. */
export const memberTransferRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const deps = (): TransferDeps => ({
    db: ctx.database.db, keyring: keyringFor(keyringSettings(ctx.config, ctx.database.engine)), maxDays: letterMaxDaysOf(process.env.LX_TRANSFER_LETTER_MAX_DAYS),
  });
  const tags = ['member-transfers'];
  const current = (request: FastifyRequest, id: string) => () => getTransferIn(ctx.database.db, deps().keyring, actorOf(request), id);
  const versioned = { 200: Transfer, ...conflictResponse(Transfer) };

  app.get('/api/member-transfers', { schema: { tags, summary: '组织关系转接（转出、转入、待处理；含总数）', querystring: TransferListQuery, response: { 200: TransferPage } } },
    async (request) => listTransferPage(ctx.database.db, deps().keyring, actorOf(request), request.query));

  app.get('/api/member-transfers/export.xlsx', { schema: { tags, summary: '导出组织关系转接（与列表同一范围和筛选，身份证号码脱敏）', querystring: TransferListFilter } },
    async (request, reply) => {
      const file = await openTransferExport(ctx.database.db, deps().keyring, actorOf(request), request.query);
      return sendXlsx(reply, `${file.title}.xlsx`, (out) => file.write(out));
    });

  app.get('/api/member-transfers/receivers', {
    schema: { tags, summary: '可接收组织关系的党组织（按名称查找，全系统）', querystring: EnterpriseChoiceQuery, response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) }) } },
  }, async (request) => searchReceivers(ctx.database.db, actorOf(request), request.query.q));

  app.post('/api/member-transfers', { schema: { tags, summary: '开具组织关系介绍信（系统内或转出至系统外）', body: TransferIssue, response: { 201: Transfer } } },
    async (request, reply) => reply.status(201).send(await issueTransfer(deps(), actorOf(request), request.body)));

  app.post('/api/member-transfers/incoming', { schema: { tags, summary: '登记由系统外转入的党员（纸质介绍信编号、回执日期）', body: TransferIncoming, response: { 201: Transfer } } },
    async (request, reply) => reply.status(201).send(await registerIncoming(deps(), actorOf(request), request.body)));

  app.post('/api/member-transfers/org-move', { schema: { tags, summary: '整建制转接：一个党组织的全部党员转至另一党组织', body: OrgMove, response: { 200: OrgMoveResult } } },
    async (request) => moveOrgMembers(deps(), actorOf(request), request.body));

  app.get('/api/member-transfers/:id', { schema: { tags, summary: '介绍信详情（身份证号码脱敏）', params: TransferParams, response: { 200: Transfer } } },
    async (request) => getTransferIn(ctx.database.db, deps().keyring, actorOf(request), request.params.id));

  app.post('/api/member-transfers/:id/accept', { schema: { tags, summary: '接收组织关系（乐观锁 version）', params: TransferParams, body: TransferAccept, response: versioned } },
    async (request) => withCurrent(() => acceptTransfer(deps(), actorOf(request), request.params.id, request.body), current(request, request.params.id)));

  app.post('/api/member-transfers/:id/return', { schema: { tags, summary: '退回介绍信（须说明原因；乐观锁 version）', params: TransferParams, body: TransferReason, response: versioned } },
    async (request) => withCurrent(() => closeTransfer(deps(), actorOf(request), request.params.id, request.body, 'return'), current(request, request.params.id)));

  app.post('/api/member-transfers/:id/revoke', { schema: { tags, summary: '撤回介绍信（接收前；乐观锁 version）', params: TransferParams, body: TransferReason, response: versioned } },
    async (request) => withCurrent(() => closeTransfer(deps(), actorOf(request), request.params.id, request.body, 'revoke'), current(request, request.params.id)));

  app.post('/api/member-transfers/:id/receipt', { schema: { tags, summary: '登记系统外回执（党员移出名册；乐观锁 version）', params: TransferParams, body: TransferReceipt, response: versioned } },
    async (request) => withCurrent(() => recordReceipt(deps(), actorOf(request), request.params.id, request.body), current(request, request.params.id)));

  app.post('/api/members/:id/mobility', {
    schema: { tags, summary: '登记流动党员（活动证、流入地党组织）、失联党员，或恢复正常（乐观锁 version）', params: TransferParams, body: MemberMobility, response: { 200: z.object({ id: z.string(), version: z.number() }) } },
  }, async (request) => setMobility(ctx.database.db, actorOf(request), request.params.id, request.body));

  app.post('/api/members/:id/mobile-reports', {
    schema: { tags, summary: '登记流动党员向流出党组织的汇报（每年至少一次；乐观锁 version）', params: TransferParams, body: MobileReport, response: { 200: z.object({ id: z.string(), version: z.number() }) } },
  }, async (request) => recordMobileReport(ctx.database.db, actorOf(request), request.params.id, request.body));

  app.get('/api/member-mobility', { schema: { tags, summary: '流动党员、失联党员（及停止党籍）名单及提醒（含总数）', querystring: MobilityQuery, response: { 200: MobilityPage } } },
    async (request) => listMobility(ctx.database.db, actorOf(request), request.query));

  app.get('/api/member-mobility/export.xlsx', { schema: { tags, summary: '导出流动党员、失联党员名单（与列表同一范围和筛选）', querystring: MobilityFilter } },
    async (request, reply) => {
      const file = openMobilityExport(ctx.database.db, actorOf(request), request.query);
      return sendXlsx(reply, `${file.title}.xlsx`, (out) => file.write(out));
    });

  app.get('/api/members/:id/status-findings', { schema: { tags, summary: '党员的流动、失联、转接提醒', params: TransferParams, response: { 200: MemberFindingPage } } },
    async (request) => memberStatusFindings(ctx.database.db, actorOf(request), request.params.id));

  app.get('/api/member-findings', { schema: { tags, summary: '本单位党员的流动、失联、停止党籍和介绍信提醒', response: { 200: MemberFindingPage } } },
    async (request) => listStatusFindings(ctx.database.db, actorOf(request)));
};
