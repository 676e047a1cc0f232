import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  InboxCounts, InboxCountsQuery, InboxFilter, InboxPage, InboxQuery, OverdueByRegion, OverdueByRegionQuery, TaskRefreshBody, TaskRefreshResult,
} from '../../contracts/task.js';
import { TaskAssignBody, TaskAssignees, TaskCancelBody, TaskDetail, TaskIdParams } from '../../contracts/task-action.js';
import { exportInboxXlsx } from '../../core/task/inbox-export.js';
import { inboxCounts, inboxPage, overdueByRegion } from '../../core/task/inbox.service.js';
import { refreshTasks } from '../../core/task/task-refresh.service.js';
import { assignTask, taskAssignees } from '../../core/task/task-assign.service.js';
import { cancelTask } from '../../core/task/task-cancel.service.js';
import { getTask } from '../../core/task/task-detail.service.js';
import { todayInChina } from '../../domain/org-terms.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The work inbox (待办, docs/inbox.md) and the refresh that feeds it from the rule engine. */
export const inboxRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = ctx.database.db;

  app.get('/api/inbox', { schema: { tags: ['inbox'], summary: '待办事项（我的/本岗位/已逾期）', querystring: InboxQuery, response: { 200: InboxPage } } },
    async (request) => inboxPage(db, actorOf(request), request.query));

  app.get('/api/inbox.xlsx', { schema: { tags: ['inbox'], summary: '导出待办事项', querystring: InboxFilter } },
    async (request, reply) => {
      const file = await exportInboxXlsx(db, actorOf(request), request.query);
      const name = encodeURIComponent(`待办事项-${todayInChina()}.xlsx`);
      return reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="inbox.xlsx"; filename*=UTF-8''${name}`).send(file);
    });

  app.get('/api/inbox/counts', { schema: { tags: ['inbox'], summary: '待办事项数量（按状态、类别）', querystring: InboxCountsQuery, response: { 200: InboxCounts } } },
    async (request) => inboxCounts(db, actorOf(request), request.query.regionPrefix));

  app.get('/api/inbox/overdue-by-region', { schema: { tags: ['inbox'], summary: '逾期待办（按街道、类别）', querystring: OverdueByRegionQuery, response: { 200: OverdueByRegion } } },
    async (request) => overdueByRegion(db, actorOf(request), request.query.regionPrefix));

  app.post('/api/tasks/refresh', { schema: { tags: ['inbox'], summary: '按规则刷新待办事项', body: TaskRefreshBody, response: { 200: TaskRefreshResult } } },
    async (request) => ({ results: await refreshTasks(db, actorOf(request), request.body) }));

  app.get('/api/tasks/:id', { schema: { tags: ['inbox'], summary: '待办事项详情及办理记录', params: TaskIdParams, response: { 200: TaskDetail } } },
    async (request) => getTask(db, actorOf(request), request.params.id));

  app.get('/api/tasks/:id/assignees', { schema: { tags: ['inbox'], summary: '可指派的人员', params: TaskIdParams, response: { 200: TaskAssignees } } },
    async (request) => taskAssignees(db, actorOf(request), request.params.id));

  app.post('/api/tasks/:id/assign', { schema: { tags: ['inbox'], summary: '指派待办事项', params: TaskIdParams, body: TaskAssignBody, response: { 200: TaskDetail } } },
    async (request) => assignTask(db, actorOf(request), request.params.id, request.body));

  app.post('/api/tasks/:id/cancel', { schema: { tags: ['inbox'], summary: '撤销待办事项', params: TaskIdParams, body: TaskCancelBody, response: { 200: TaskDetail } } },
    async (request) => cancelTask(db, actorOf(request), request.params.id, request.body));
};
