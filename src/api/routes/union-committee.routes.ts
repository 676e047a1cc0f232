import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdString } from '../../contracts/party-org.js';
import {
  CommitteeQuery, CommitteeSeat, CommitteeView, ElectionAdd, ElectionResult, SeatAdd, SeatEnd, SeatUpdate,
} from '../../contracts/union-committee.js';
import { CongressSession, CongressUpdate, CongressView, Resolution, ResolutionAdd } from '../../contracts/union-congress.js';
import { openCommitteeExport, openCongressExport } from '../../core/union-committee/committee.export.js';
import { addSeat, changeSeat, endSeat, getCommittee, recordElection } from '../../core/union-committee/committee.service.js';
import { addResolution, getCongress, updateCongressSession } from '../../core/union-committee/congress.service.js';
import { findSeat } from '../../core/union-committee/committee.repository.js';
import { findSession } from '../../core/union-committee/congress.repository.js';
import { todayInChina } from '../../domain/org-terms.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { conflictResponse, withCurrent } from '../version-conflict.js';
import { sendXlsx } from './enterprise.routes.js';

const Params = z.object({ id: IdString });

/**
 * Union committees, 换届选举 and the 职代会 (docs/unions.md "委员会与换届选举", "职工代表大会").
 * Read with the union (union.read: its own place or a link); changed by union.manage over it by its
 * own place, never through a link.
 */
export const unionCommitteeRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = ctx.database.db;
  const tags = ['unions'];

  app.get('/api/unions/:id/committee', {
    schema: { tags, summary: '工会委员会（委员、任期、委员名额与提醒）', params: Params, querystring: CommitteeQuery, response: { 200: CommitteeView } },
  }, async (request) => getCommittee(db, actorOf(request), request.params.id, request.query.date ?? todayInChina()));

  app.get('/api/unions/:id/committee/export.xlsx', { schema: { tags, summary: '导出工会委员名单（与页面同一范围）', params: Params } },
    async (request, reply) => {
      const file = await openCommitteeExport(db, actorOf(request), request.params.id);
      return sendXlsx(reply, `工会委员-${todayInChina()}.xlsx`, (out) => file.write(out));
    });

  app.post('/api/unions/:id/elections', {
    schema: { tags, summary: '登记换届选举（选举产生新一届委员会；乐观锁：工会 version）', params: Params, body: ElectionAdd, response: { 201: ElectionResult, ...conflictResponse(CommitteeView) } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const out = await withCurrent(() => recordElection(db, actor, request.params.id, request.body), () => getCommittee(db, actor, request.params.id));
    return reply.status(201).send(out);
  });

  app.post('/api/unions/:id/committee/seats', { schema: { tags, summary: '增补工会委员', params: Params, body: SeatAdd, response: { 201: CommitteeSeat } } },
    async (request, reply) => reply.status(201).send(await addSeat(db, actorOf(request), request.params.id, request.body)));

  // A 409's `current`: the committee of the seat's union, as the caller reads it.
  const seatCommittee = (actor: ReturnType<typeof actorOf>, seatId: string) => async () => {
    const seat = await findSeat(db, seatId);
    return seat ? getCommittee(db, actor, seat.union_id) : undefined;
  };

  app.patch('/api/union-committee-seats/:id', {
    schema: { tags, summary: '修改工会委员（职务、专职/兼职、近亲属申报；乐观锁 version）', params: Params, body: SeatUpdate, response: { 200: CommitteeSeat, ...conflictResponse(CommitteeView) } },
  }, async (request) => withCurrent(() => changeSeat(db, actorOf(request), request.params.id, request.body), seatCommittee(actorOf(request), request.params.id)));

  app.post('/api/union-committee-seats/:id/end', {
    schema: { tags, summary: '工会委员离任（乐观锁 version）', params: Params, body: SeatEnd, response: { 200: CommitteeSeat, ...conflictResponse(CommitteeView) } },
  }, async (request) => withCurrent(() => endSeat(db, actorOf(request), request.params.id, request.body), seatCommittee(actorOf(request), request.params.id)));

  app.get('/api/unions/:id/congress', {
    schema: { tags, summary: '职工代表大会（形式、代表人数、各次会议出席与决议表决结果、提醒）', params: Params, querystring: CommitteeQuery, response: { 200: CongressView } },
  }, async (request) => getCongress(db, actorOf(request), request.params.id, request.query.date ?? todayInChina()));

  app.get('/api/unions/:id/congress/export.xlsx', { schema: { tags, summary: '导出职代会（职工大会）记录（与页面同一范围）', params: Params } },
    async (request, reply) => {
      const file = await openCongressExport(db, actorOf(request), request.params.id);
      return sendXlsx(reply, `职代会记录-${todayInChina()}.xlsx`, (out) => file.write(out));
    });

  const sessionCongress = (actor: ReturnType<typeof actorOf>, id: string) => async () => {
    const s = await findSession(db, id);
    return s ? getCongress(db, actor, s.union_id) : undefined;
  };

  app.patch('/api/union-congresses/:id', {
    schema: { tags, summary: '修改职代会（职工大会）记录：应到、实到、管理人员代表、审议事项（乐观锁 version）', params: Params, body: CongressUpdate, response: { 200: CongressSession, ...conflictResponse(CongressView) } },
  }, async (request) => withCurrent(() => updateCongressSession(db, actorOf(request), request.params.id, request.body), sessionCongress(actorOf(request), request.params.id)));

  app.post('/api/union-congresses/:id/resolutions', {
    schema: { tags, summary: '登记职代会决议及表决票数（是否通过由系统按全体代表过半数判定）', params: Params, body: ResolutionAdd, response: { 201: Resolution } },
  }, async (request, reply) => reply.status(201).send(await addResolution(db, actorOf(request), request.params.id, request.body)));
};
