import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  ApprovalDecision, ApprovalDelegate, ApprovalDetail, ApprovalFilter, ApprovalFlows, ApprovalFlowsInput, ApprovalFlowsParams, ApprovalFlowsQuery,
  ApprovalPage, ApprovalParams, ApprovalQuery, ApprovalResubmit, ApprovalSubmit, ApprovalWithdraw,
} from '../../contracts/approval.js';
import { delegate, decide } from '../../core/approval/approval-decide.js';
import { exportApprovalsXlsx } from '../../core/approval/approval-export.js';
import { getFlows, saveFlows } from '../../core/approval/approval-flows.js';
import { approvalPage, getApproval } from '../../core/approval/approval.query.js';
import { resubmitRequest, submitRequest, type ApprovalDeps } from '../../core/approval/approval-submit.js';
import { withdrawRequest } from '../../core/approval/approval-withdraw.js';
import { keyringFor, keyringSettings } from '../../core/crypto/keyring.js';
import { todayInChina } from '../../domain/org-terms.js';
import type { Actor } from '../../core/access/actor.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { conflictResponse, withCurrent } from '../version-conflict.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 审批 (docs/approvals.md): requests started by workflow actions, decided level by level; the flows of an area. */
export const approvalRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = ctx.database.db;
  const deps = (): ApprovalDeps => ({ db, keyring: keyringFor(keyringSettings(ctx.config, ctx.database.engine)) });
  const tags = ['approval'];

  app.get('/api/approvals', { schema: { tags, summary: '审批（待我审批/我提交的/经我审批/本记录）', querystring: ApprovalQuery, response: { 200: ApprovalPage } } },
    async (request) => approvalPage(db, actorOf(request), request.query));

  app.get('/api/approvals.xlsx', { schema: { tags, summary: '导出审批列表', querystring: ApprovalFilter } }, async (request, reply) => {
    const file = await exportApprovalsXlsx(db, actorOf(request), request.query);
    const name = encodeURIComponent(`审批-${todayInChina()}.xlsx`);
    return reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="approvals.xlsx"; filename*=UTF-8''${name}`).send(file);
  });

  app.get('/api/approvals/:id', { schema: { tags, summary: '审批申请详情（各级意见）', params: ApprovalParams, response: { 200: ApprovalDetail } } },
    async (request) => getApproval(db, actorOf(request), request.params.id));

  app.post('/api/approvals', { schema: { tags, summary: '提交审批（发展党员各步、党员组织关系转出本区、成立或撤销党组织）', body: ApprovalSubmit, response: { 201: ApprovalDetail } } },
    async (request, reply) => reply.status(201).send(await submitRequest(deps(), actorOf(request), request.body)));

  // The versioned actions on a request share one shape: on a 409 the answer carries the request as it stands.
  const onRequest = <B extends z.ZodTypeAny>(path: string, summary: string, body: B, run: (actor: Actor, id: string, input: z.infer<B>) => Promise<ApprovalDetail>) =>
    app.post(path, { schema: { tags, summary, params: ApprovalParams, body, response: { 200: ApprovalDetail, ...conflictResponse(ApprovalDetail) } } },
      async (request) => withCurrent(() => run(actorOf(request), request.params.id, request.body as z.infer<B>), () => getApproval(db, actorOf(request), request.params.id)));
  onRequest('/api/approvals/:id/decision', '审批：同意或退回（乐观锁 version）', ApprovalDecision, (actor, id, input) => decide(deps(), actor, id, input));
  onRequest('/api/approvals/:id/resubmit', '退回后重新提交（乐观锁 version）', ApprovalResubmit, (actor, id, input) => resubmitRequest(deps(), actor, id, input));
  onRequest('/api/approvals/:id/withdraw', '撤回申请（申请人；乐观锁 version）', ApprovalWithdraw, (actor, id, input) => withdrawRequest(deps(), actor, id, input));
  onRequest('/api/approvals/:id/delegate', '外出时委托同级审批人代审（乐观锁 version）', ApprovalDelegate, (actor, id, input) => delegate(deps(), actor, id, input));

  app.get('/api/approval-flows', { schema: { tags, summary: '审批流程设置（本辖区生效的流程）', querystring: ApprovalFlowsQuery, response: { 200: ApprovalFlows } } },
    async (request) => getFlows(db, actorOf(request), request.query.regionPrefix));

  app.put('/api/approval-flows/:regionPrefix', {
    schema: { tags, summary: '修改本辖区审批流程（区县及以上组织部门；乐观锁 version）', params: ApprovalFlowsParams, body: ApprovalFlowsInput, response: { 200: ApprovalFlows } },
  }, async (request) => saveFlows(db, actorOf(request), request.params.regionPrefix, request.body));
};
