import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  PartyGroup, PartyGroupCreate, PartyGroupDissolve, PartyGroupList, PartyGroupMembers, PartyGroupParams, PartyGroupUpdate,
} from '../../contracts/party-group.js';
import {
  createPartyGroup, dissolvePartyGroup, listPartyGroups, readPartyGroup, setPartyGroupMembers, updatePartyGroup,
} from '../../core/party-group/party-group.service.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { conflictResponse, withCurrent } from '../version-conflict.js';

/** 党小组 of a 党支部 (docs/life.md, "党小组"). */
export const partyGroupRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = () => ctx.database.db;
  const tags = ['life'];

  app.get('/api/party-orgs/:id/groups', { schema: { tags, summary: '党组织的党小组（组长、组员）和未编入党小组的党员', params: PartyGroupParams, response: { 200: PartyGroupList } } },
    async (request) => listPartyGroups(db(), actorOf(request), request.params.id));

  app.post('/api/party-orgs/:id/groups', { schema: { tags, summary: '设立党小组（可同时指定组长）', params: PartyGroupParams, body: PartyGroupCreate, response: { 201: PartyGroup } } },
    async (request, reply) => reply.status(201).send(await createPartyGroup(db(), actorOf(request), request.params.id, request.body)));

  app.patch('/api/party-groups/:id', {
    schema: { tags, summary: '修改党小组名称或组长（乐观锁 version）', params: PartyGroupParams, body: PartyGroupUpdate, response: { 200: PartyGroup, ...conflictResponse(PartyGroup) } },
  }, async (request) => withCurrent(() => updatePartyGroup(db(), actorOf(request), request.params.id, request.body), () => readPartyGroup(db(), actorOf(request), request.params.id)));

  app.put('/api/party-groups/:id/members', {
    schema: { tags, summary: '设定党小组组员（本党组织的党员；原在其他党小组的转入本组；乐观锁 version）', params: PartyGroupParams, body: PartyGroupMembers, response: { 200: PartyGroup, ...conflictResponse(PartyGroup) } },
  }, async (request) => withCurrent(() => setPartyGroupMembers(db(), actorOf(request), request.params.id, request.body), () => readPartyGroup(db(), actorOf(request), request.params.id)));

  app.post('/api/party-groups/:id/dissolve', {
    schema: { tags, summary: '撤销党小组（组员不再编组；乐观锁 version）', params: PartyGroupParams, body: PartyGroupDissolve, response: { 200: z.object({ ok: z.literal(true) }), ...conflictResponse(PartyGroup) } },
  }, async (request) => withCurrent(() => dissolvePartyGroup(db(), actorOf(request), request.params.id, request.body.version), () => readPartyGroup(db(), actorOf(request), request.params.id)));
};
