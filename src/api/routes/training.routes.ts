import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AttendanceInput, CandidatesQuery, Course, CourseInput, CourseListFilter, CoursePage, CourseUpdate, PersonTraining, PersonTrainingQuery,
  DeleteQuery, Session, SessionInput, SessionListFilter, SessionPage, SessionUpdate, TrainingCandidates, TrainingParams,
} from '../../contracts/training.js';
import { TrainingSettings, TrainingSettingsInput } from '../../contracts/training-settings.js';
import { deleteCourse, deleteSession } from '../../core/training/training-delete.service.js';
import { getTrainingSettings, saveTrainingSettings } from '../../core/training/training-settings.js';
import { openCourseExport, openSessionExport } from '../../core/training/training.export.js';
import { getCourseIn, getSessionIn, listCoursePage, listSessionPage, personTraining, sessionCandidates } from '../../core/training/training.query.js';
import { createCourse, createSession, setAttendance, updateCourse, updateSession } from '../../core/training/training.service.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { conflictResponse, withCurrent } from '../version-conflict.js';
import { sendXlsx } from './enterprise.routes.js';

/** Training (docs/training.md): courses, sessions organised by a region or a 基层党委, attendance and a person's hours. */
export const trainingRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = () => ctx.database.db;
  const tags = ['training'];

  app.get('/api/training/courses', { schema: { tags, summary: '培训课程（含总数）', querystring: CourseListFilter, response: { 200: CoursePage } } },
    async (request) => listCoursePage(db(), actorOf(request), request.query));
  app.get('/api/training/courses/export.xlsx', { schema: { tags, summary: '导出培训课程（与列表同一范围和筛选）', querystring: CourseListFilter } },
    async (request, reply) => {
      const file = openCourseExport(db(), actorOf(request), request.query);
      return sendXlsx(reply, `${file.title}.xlsx`, (out) => file.write(out));
    });
  app.post('/api/training/courses', { schema: { tags, summary: '新建培训课程', body: CourseInput, response: { 201: Course } } },
    async (request, reply) => reply.status(201).send(await createCourse(db(), actorOf(request), request.body)));
  app.get('/api/training/courses/:id', { schema: { tags, summary: '培训课程', params: TrainingParams, response: { 200: Course } } },
    async (request) => getCourseIn(db(), actorOf(request), request.params.id));
  app.put('/api/training/courses/:id', { schema: { tags, summary: '修改培训课程（乐观锁 version）', params: TrainingParams, body: CourseUpdate, response: { 200: Course, ...conflictResponse(Course) } } },
    async (request) => withCurrent(() => updateCourse(db(), actorOf(request), request.params.id, request.body), () => getCourseIn(db(), actorOf(request), request.params.id)));

  app.delete('/api/training/courses/:id', { schema: { tags, summary: '删除培训课程（已有班次的不能删除；保留审计记录；乐观锁 version）', params: TrainingParams, querystring: DeleteQuery } },
    async (request, reply) => {
      await withCurrent(() => deleteCourse(db(), actorOf(request), request.params.id, request.query.version), () => getCourseIn(db(), actorOf(request), request.params.id));
      return reply.status(204).send();
    });

  app.get('/api/training/sessions', { schema: { tags, summary: '培训班次（含总数、参训人数和学时合计）', querystring: SessionListFilter, response: { 200: SessionPage } } },
    async (request) => listSessionPage(db(), actorOf(request), request.query));
  app.get('/api/training/sessions/export.xlsx', { schema: { tags, summary: '导出培训班次（与列表同一范围和筛选）', querystring: SessionListFilter } },
    async (request, reply) => {
      const file = openSessionExport(db(), actorOf(request), request.query);
      return sendXlsx(reply, `${file.title}.xlsx`, (out) => file.write(out));
    });
  app.post('/api/training/sessions', { schema: { tags, summary: '登记培训班次', body: SessionInput, response: { 201: Session } } },
    async (request, reply) => reply.status(201).send(await createSession(db(), actorOf(request), request.body)));
  app.get('/api/training/sessions/:id', { schema: { tags, summary: '培训班次详情（参训人员和认定学时）', params: TrainingParams, response: { 200: Session } } },
    async (request) => getSessionIn(db(), actorOf(request), request.params.id));
  app.put('/api/training/sessions/:id', { schema: { tags, summary: '修改培训班次（乐观锁 version）', params: TrainingParams, body: SessionUpdate, response: { 200: Session, ...conflictResponse(Session) } } },
    async (request) => withCurrent(() => updateSession(db(), actorOf(request), request.params.id, request.body), () => getSessionIn(db(), actorOf(request), request.params.id)));
  app.delete('/api/training/sessions/:id', { schema: { tags, summary: '删除培训班次及其参训登记（审计记录保留原登记；乐观锁 version）', params: TrainingParams, querystring: DeleteQuery } },
    async (request, reply) => {
      await withCurrent(() => deleteSession(db(), actorOf(request), request.params.id, request.query.version), () => getSessionIn(db(), actorOf(request), request.params.id));
      return reply.status(204).send();
    });
  app.put('/api/training/sessions/:id/attendance', { schema: { tags, summary: '登记参训人员和认定学时（整体替换；乐观锁 version）', params: TrainingParams, body: AttendanceInput, response: { 200: Session, ...conflictResponse(Session) } } },
    async (request) => withCurrent(() => setAttendance(db(), actorOf(request), request.params.id, request.body), () => getSessionIn(db(), actorOf(request), request.params.id)));
  app.get('/api/training/sessions/:id/candidates', { schema: { tags, summary: '登记参训时可选的人员（按培训对象）', params: TrainingParams, querystring: CandidatesQuery, response: { 200: TrainingCandidates } } },
    async (request) => sessionCandidates(db(), actorOf(request), request.params.id, request.query.q));

  app.get('/api/training/settings', { schema: { tags, summary: '培训和党建保障设置（书记年度培训学时、管理费列支比例）', response: { 200: TrainingSettings } } },
    async (request) => getTrainingSettings(db(), actorOf(request)));
  app.put('/api/training/settings', { schema: { tags, summary: '修改培训和党建保障设置（全辖区组织部门；乐观锁 version）', body: TrainingSettingsInput, response: { 200: TrainingSettings, ...conflictResponse(TrainingSettings) } } },
    async (request) => withCurrent(() => saveTrainingSettings(db(), actorOf(request), request.body), () => getTrainingSettings(db(), actorOf(request))));

  app.get('/api/people/:id/training', { schema: { tags, summary: '个人培训记录（各年学时）', params: TrainingParams, querystring: PersonTrainingQuery, response: { 200: PersonTraining } } },
    async (request) => personTraining(db(), actorOf(request), request.params.id, request.query.year));
};
