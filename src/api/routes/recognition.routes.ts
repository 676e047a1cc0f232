import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdString } from '../../contracts/party-org.js';
import { OrgRecognitions, PairingInput, RecognitionInput } from '../../contracts/recognition.js';
import { addPairing, addRecognition, listRecognitions } from '../../core/recognition/recognition.service.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';

const Params = z.object({ id: IdString });

/** 示范点, 党建联系点, awards and 结对共建 of a Party organisation (docs/standards.md "Recognition"). */
export const recognitionRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = () => ctx.database.db;
  const tags = ['standards'];
  app.get('/api/party-orgs/:id/recognitions', { schema: { tags, summary: '党组织的示范点、联系点、表彰和结对共建', params: Params, response: { 200: OrgRecognitions } } },
    async (request) => listRecognitions(db(), actorOf(request), request.params.id));
  app.post('/api/party-orgs/:id/recognitions', { schema: { tags, summary: '登记示范点、联系点或表彰（两优一先、五星等）', params: Params, body: RecognitionInput, response: { 201: OrgRecognitions } } },
    async (request, reply) => reply.status(201).send(await addRecognition(db(), actorOf(request), request.params.id, request.body)));
  app.post('/api/party-orgs/:id/pairings', { schema: { tags, summary: '登记结对共建', params: Params, body: PairingInput, response: { 201: OrgRecognitions } } },
    async (request, reply) => reply.status(201).send(await addPairing(db(), actorOf(request), request.params.id, request.body)));
};
