import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  LifeCalendarQuery, LifeCalendarSchema, LifeOrgs, LifeOrgsExportQuery, LifeOrgsQuery, LifeRollup, LifeRollupQuery, Meeting, MeetingDeleteQuery, MeetingInput, MeetingListFilter, MeetingPage, MeetingParams, MeetingRoster, MeetingRosterQuery, MeetingUpdate,
} from '../../contracts/life.js';
import { getLifeCalendar } from '../../core/life/life-calendar.js';
import { openLifeOrgsExport, openLifeRollupExport } from '../../core/life/life-rollup.export.js';
import { lifeOrgs, lifeRollup } from '../../core/life/life-rollup.js';
import { openMeetingExport } from '../../core/life/meeting.export.js';
import { getMeetingIn, listMeetingPage, meetingRoster } from '../../core/life/meeting.query.js';
import { createMeeting, deleteMeeting, updateMeeting } from '../../core/life/meeting.service.js';
import { LifeSettings, LifeSettingsInput } from '../../contracts/life-settings.js';
import { getLifeSettings, saveLifeSettings } from '../../core/life/life-settings.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { conflictResponse, withCurrent } from '../version-conflict.js';
import { sendXlsx } from './enterprise.routes.js';

/** 三会一课 and organisational life (docs/life.md): an organisation's meetings, recorded once with attendees from its roster. */
export const lifeRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = () => ctx.database.db;
  const tags = ['life'];

  app.get('/api/meetings', { schema: { tags, summary: '党组织的会议记录（三会一课、主题党日、组织生活会等；含总数）', querystring: MeetingListFilter, response: { 200: MeetingPage } } },
    async (request) => listMeetingPage(db(), actorOf(request), request.query));

  app.get('/api/meetings/export.xlsx', { schema: { tags, summary: '导出会议记录（与列表同一范围和筛选）', querystring: MeetingListFilter } },
    async (request, reply) => {
      const file = await openMeetingExport(db(), actorOf(request), request.query);
      return sendXlsx(reply, `${file.title}.xlsx`, (out) => file.write(out));
    });

  app.get('/api/party-orgs/:id/life', { schema: { tags, summary: '党组织的组织生活年历（各类会议应开、已开、缺开的期次和提醒）', params: MeetingParams, querystring: LifeCalendarQuery, response: { 200: LifeCalendarSchema } } },
    async (request) => getLifeCalendar(db(), actorOf(request), request.params.id, request.query.year));

  app.get('/api/life/compliance', { schema: { tags, summary: '组织生活达标情况（按街道或区县统计党支部达标、滞后、不活跃数）', querystring: LifeRollupQuery, response: { 200: LifeRollup } } },
    async (request) => lifeRollup(db(), actorOf(request), request.query));

  app.get('/api/life/compliance/orgs', { schema: { tags, summary: '组织生活达标情况明细（党支部，可按区划和状态筛选）', querystring: LifeOrgsQuery, response: { 200: LifeOrgs } } },
    async (request) => lifeOrgs(db(), actorOf(request), request.query));

  app.get('/api/life/compliance/export.xlsx', { schema: { tags, summary: '导出组织生活达标情况（与统计表同一范围和筛选）', querystring: LifeRollupQuery } },
    async (request, reply) => {
      const file = await openLifeRollupExport(db(), actorOf(request), request.query);
      return sendXlsx(reply, `${file.title}.xlsx`, (out) => file.write(out));
    });

  app.get('/api/life/compliance/orgs/export.xlsx', { schema: { tags, summary: '导出组织生活达标情况明细（与明细同一范围和筛选，全部行）', querystring: LifeOrgsExportQuery } },
    async (request, reply) => {
      const file = await openLifeOrgsExport(db(), actorOf(request), request.query);
      return sendXlsx(reply, `${file.title}.xlsx`, (out) => file.write(out));
    });

  app.get('/api/life/settings', { schema: { tags, summary: '组织生活设置（党支部党课频次、不活跃月数）', response: { 200: LifeSettings } } },
    async (request) => getLifeSettings(db(), actorOf(request)));

  app.put('/api/life/settings', { schema: { tags, summary: '修改组织生活设置（全辖区组织部门；乐观锁 version）', body: LifeSettingsInput, response: { 200: LifeSettings, ...conflictResponse(LifeSettings) } } },
    async (request) => withCurrent(() => saveLifeSettings(db(), actorOf(request), request.body), () => getLifeSettings(db(), actorOf(request))));

  app.get('/api/meetings/roster', { schema: { tags, summary: '登记会议时预选的党员名单（本组织党员名册）', querystring: MeetingRosterQuery, response: { 200: MeetingRoster } } },
    async (request) => meetingRoster(db(), actorOf(request), request.query.orgId));

  app.post('/api/meetings', { schema: { tags, summary: '登记会议', body: MeetingInput, response: { 201: Meeting } } },
    async (request, reply) => reply.status(201).send(await createMeeting(db(), actorOf(request), request.body)));

  app.get('/api/meetings/:id', { schema: { tags, summary: '会议记录详情（参会人员、到会和表决情况）', params: MeetingParams, response: { 200: Meeting } } },
    async (request) => getMeetingIn(db(), actorOf(request), request.params.id));

  app.put('/api/meetings/:id', {
    schema: { tags, summary: '修改会议记录（乐观锁 version）', params: MeetingParams, body: MeetingUpdate, response: { 200: Meeting, ...conflictResponse(Meeting) } },
  }, async (request) => withCurrent(
    () => updateMeeting(db(), actorOf(request), request.params.id, request.body),
    () => getMeetingIn(db(), actorOf(request), request.params.id),
  ));

  app.delete('/api/meetings/:id', { schema: { tags, summary: '删除会议记录（保留审计记录；乐观锁 version）', params: MeetingParams, querystring: MeetingDeleteQuery } },
    async (request, reply) => {
      await withCurrent(() => deleteMeeting(db(), actorOf(request), request.params.id, request.query.version), () => getMeetingIn(db(), actorOf(request), request.params.id));
      return reply.status(204).send();
    });
};
