import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  PersonCreateBody, PersonGetQuery, PersonList, PersonListQuery, PersonOut, PersonParams, PersonSearchBody, PersonUpdateBody,
} from '../../contracts/person.js';
import { keyringFor, keyringSettings } from '../../core/crypto/keyring.js';
import { createPerson, getPerson, listPeople, updatePerson, type PersonDeps } from '../../core/person/person.service.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { conflictResponse, withCurrent } from '../version-conflict.js';

export const personRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  // The keyring loads on first use, so a server without keys still starts and only these routes fail.
  const deps = (): PersonDeps => ({ db: ctx.database.db, keyring: keyringFor(keyringSettings(ctx.config, ctx.database.engine)) });
  const tags = ['people'];

  app.get('/api/people', { schema: { tags, summary: '人员列表（证件号、电话脱敏）', querystring: PersonListQuery, response: { 200: PersonList } } },
    async (request) => listPeople(deps(), actorOf(request), request.query));

  app.post('/api/people/search', {
    schema: { tags, summary: '按身份证号码或电话精确查找（盲索引）', querystring: PersonListQuery, body: PersonSearchBody, response: { 200: PersonList } },
  }, async (request) => listPeople(deps(), actorOf(request), { ...request.query, ...request.body }));

  app.post('/api/people', { schema: { tags, summary: '登记人员', body: PersonCreateBody, response: { 201: PersonOut } } },
    async (request, reply) => reply.status(201).send(await createPerson(deps(), actorOf(request), request.body)));

  app.get('/api/people/:id', {
    schema: { tags, summary: '人员详情（reveal=1 且有“查看个人敏感信息”权限时显示明文，并记入审计）', params: PersonParams, querystring: PersonGetQuery, response: { 200: PersonOut } },
  }, async (request) => getPerson(deps(), actorOf(request), request.params.id, request.query.reveal === '1'));

  // A 409's `current` is the masked view (reveal = false): a conflict never shows personal data in clear.
  app.patch('/api/people/:id', {
    schema: { tags, summary: '修改人员信息（乐观锁 version）', params: PersonParams, body: PersonUpdateBody, response: { 200: PersonOut, ...conflictResponse(PersonOut) } },
  }, async (request) => withCurrent(
    () => updatePerson(deps(), actorOf(request), request.params.id, request.body),
    () => getPerson(deps(), actorOf(request), request.params.id, false),
  ));
};
