import fs from 'node:fs';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdString } from '../../contracts/party-org.js';
import { AttachmentSummary } from '../../contracts/standards.js';
import { attachmentStoreFor } from '../../core/attachment/attachment.store.js';
import {
  addMeetingAttachment, assertMeetingUpload, downloadMeetingAttachment, listMeetingAttachments, removeMeetingAttachment,
} from '../../core/attachment/meeting-attachments.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { receiveAttachment, sendFile } from './standards.routes.js';

const Params = z.object({ id: IdString });
const FileParams = z.object({ id: IdString, fileId: IdString });
const Versioned = AttachmentSummary.extend({ version: z.number() });

/** A meeting's files (docs/attachments.md): read with the meeting, added and removed by who manages it; audited. */
export const meetingAttachmentRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = () => ctx.database.db;
  const store = attachmentStoreFor(ctx.config);
  const tags = ['life'];

  app.get('/api/meetings/:id/attachments', { schema: { tags, summary: '会议的附件（会议记录、签到表、照片等）', params: Params, response: { 200: z.object({ items: z.array(Versioned), total: z.number() }) } } },
    async (request) => listMeetingAttachments(db(), actorOf(request), request.params.id));

  app.post('/api/meetings/:id/attachments', { schema: { tags, summary: '上传会议附件（multipart：file；JPEG、PNG、PDF、Word、Excel，按内容判断，20 MB 以内）', params: Params, consumes: ['multipart/form-data'], response: { 201: Versioned } } },
    async (request, reply) => {
      const actor = actorOf(request);
      await assertMeetingUpload(db(), actor, request.params.id);
      const f = await receiveAttachment(request, ctx.config.dataDir);
      try {
        return reply.status(201).send(await addMeetingAttachment(db(), actor, store, request.params.id, f));
      } finally { fs.rmSync(f.path, { force: true }); }
    });

  app.get('/api/meetings/:id/attachments/:fileId', { schema: { tags, summary: '下载会议附件（记录审计）', params: FileParams } },
    async (request, reply) => sendFile(reply, await downloadMeetingAttachment(db(), actorOf(request), store, request.params.id, request.params.fileId)));

  app.delete('/api/meetings/:id/attachments/:fileId', { schema: { tags, summary: '删除会议附件（保留审计记录；乐观锁 version）', params: FileParams, querystring: z.object({ version: z.coerce.number().int().min(1) }).strict() } },
    async (request, reply) => {
      await removeMeetingAttachment(db(), actorOf(request), request.params.id, request.params.fileId, request.query.version);
      return reply.status(204).send();
    });
};
