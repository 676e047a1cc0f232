import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdString, IntervalEnd } from '../../contracts/party-org.js';
import {
  Assignment, AssignmentAdd, Instructor, InstructorCreate, InstructorDetail, InstructorListQuery, InstructorPage, InstructorUpdate, Visit, VisitAdd,
} from '../../contracts/instructor.js';
import {
  addVisit, assignInstructor, createInstructor, endAssignment, getInstructorDetail, listInstructors, updateInstructor,
} from '../../core/instructor/instructor.service.js';
import { openInstructorExport } from '../../core/instructor/instructor.export.js';
import { keyringFor, keyringSettings } from '../../core/crypto/keyring.js';
import { todayInChina } from '../../domain/org-terms.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { conflictResponse, withCurrent } from '../version-conflict.js';
import { sendXlsx } from './enterprise.routes.js';

const Params = z.object({ id: IdString });
const AssignmentParams = z.object({ id: IdString, assignmentId: IdString });
const Ok = z.object({ ok: z.literal(true) });

export const instructorRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = ctx.database.db;
  const tags = ['instructors'];

  app.get('/api/instructors', { schema: { tags, summary: '党建指导员（联络员）列表', querystring: InstructorListQuery, response: { 200: InstructorPage } } },
    async (request) => listInstructors(db, actorOf(request), request.query));

  // Phones go out masked; the keyring opens only when a row has one (as the person routes, on first use).
  app.get('/api/instructors/export.xlsx', {
    schema: { tags, summary: '导出党建指导员列表（与列表同一筛选和范围，全部页；电话脱敏）', querystring: InstructorListQuery.omit({ cursor: true, limit: true }) },
  }, async (request, reply) => {
    const file = openInstructorExport(db, actorOf(request), request.query, () => keyringFor(keyringSettings(ctx.config, ctx.database.engine)));
    return sendXlsx(reply, `党建指导员-${todayInChina()}.xlsx`, (out) => file.write(out));
  });

  app.post('/api/instructors', { schema: { tags, summary: '登记党建指导员（联络员）', body: InstructorCreate, response: { 201: Instructor } } },
    async (request, reply) => reply.status(201).send(await createInstructor(db, actorOf(request), request.body)));

  app.get('/api/instructors/:id', { schema: { tags, summary: '指导员详情（联系企业、走访记录）', params: Params, response: { 200: InstructorDetail } } },
    async (request) => getInstructorDetail(db, actorOf(request), request.params.id));

  app.patch('/api/instructors/:id', {
    schema: { tags, summary: '修改指导员（区划、状态；乐观锁 version）', params: Params, body: InstructorUpdate, response: { 200: Instructor, ...conflictResponse(Instructor) } },
  }, async (request) => withCurrent(
    () => updateInstructor(db, actorOf(request), request.params.id, request.body),
    () => getInstructorDetail(db, actorOf(request), request.params.id),
  ));

  app.post('/api/instructors/:id/assignments', { schema: { tags, summary: '分配联系企业（形成工作覆盖）', params: Params, body: AssignmentAdd, response: { 201: Assignment } } },
    async (request, reply) => reply.status(201).send(await assignInstructor(db, actorOf(request), request.params.id, request.body)));

  app.post('/api/instructors/:id/assignments/:assignmentId/end', { schema: { tags, summary: '结束联系', params: AssignmentParams, body: IntervalEnd, response: { 200: Ok } } },
    async (request) => {
      await endAssignment(db, actorOf(request), request.params.id, request.params.assignmentId, request.body);
      return { ok: true as const };
    });

  app.post('/api/instructors/:id/visits', { schema: { tags, summary: '登记走访', params: Params, body: VisitAdd, response: { 201: Visit } } },
    async (request, reply) => reply.status(201).send(await addVisit(db, actorOf(request), request.params.id, request.body)));
};
