import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CreateUserBody, GrantInput, ResetPasswordBody, UpdateUserBody, UserIdParams, UserList, UserListQuery, UserRoleParams, UserView,
} from '../../contracts/user.js';
import { createUser, getUser, grantRole, listUsers, resetPassword, revokeRole, updateUser } from '../../core/user/user.service.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { conflictResponse, withCurrent } from '../version-conflict.js';

export const userRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = ctx.database.db;
  const tags = ['users'];
  app.get('/api/users', { schema: { tags, summary: '用户列表', querystring: UserListQuery, response: { 200: UserList } } },
    async (request) => listUsers(db, actorOf(request), request.query));
  app.post('/api/users', { schema: { tags, summary: '新建用户', body: CreateUserBody, response: { 201: UserView } } },
    async (request, reply) => reply.status(201).send(await createUser(db, actorOf(request), request.body)));
  app.get('/api/users/:id', { schema: { tags, summary: '用户详情', params: UserIdParams, response: { 200: UserView } } },
    async (request) => getUser(db, actorOf(request), request.params.id));
  app.patch('/api/users/:id', {
    schema: { tags, summary: '修改用户（姓名、停用；乐观锁 version）', params: UserIdParams, body: UpdateUserBody, response: { 200: UserView, ...conflictResponse(UserView) } },
  }, async (request) => withCurrent(
    () => updateUser(db, actorOf(request), request.params.id, request.body),
    () => getUser(db, actorOf(request), request.params.id),
  ));
  app.post('/api/users/:id/reset-password', {
    schema: { tags, summary: '重置密码（下次登录须修改）', params: UserIdParams, body: ResetPasswordBody, response: { 200: UserView } },
  }, async (request) => resetPassword(db, actorOf(request), request.params.id, request.body));
  app.post('/api/users/:id/roles', { schema: { tags, summary: '授予角色', params: UserIdParams, body: GrantInput, response: { 200: UserView } } },
    async (request) => grantRole(db, actorOf(request), request.params.id, request.body));
  app.delete('/api/users/:id/roles/:roleId', { schema: { tags, summary: '撤销角色', params: UserRoleParams, response: { 200: UserView } } },
    async (request) => revokeRole(db, actorOf(request), request.params.id, request.params.roleId));
};
