import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdString } from '../../contracts/party-org.js';
import { attachmentStoreFor } from '../../core/attachment/attachment.store.js';
import {
  addMeetingAttachment, assertMeetingUpload, downloadMeetingAttachment, listMeetingAttachments, removeMeetingAttachment,
} from '../../core/attachment/meeting-attachments.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { ownedAttachmentRoutes, VersionedAttachment } from './owned-attachments.js';

const Params = z.object({ id: IdString });

/** A meeting's files (docs/attachments.md): read with the meeting, added and removed by who manages it; audited. */
export const meetingAttachmentRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = () => ctx.database.db;
  const store = attachmentStoreFor(ctx.config);
  const tags = ['life'];

  app.get('/api/meetings/:id/attachments', { schema: { tags, summary: '会议的附件（会议记录、签到表、照片等）', params: Params, response: { 200: z.object({ items: z.array(VersionedAttachment), total: z.number() }) } } },
    async (request) => listMeetingAttachments(db(), actorOf(request), request.params.id));

  ownedAttachmentRoutes(app, { db, store, dataDir: ctx.config.dataDir }, {
    base: '/api/meetings/:id', tags,
    summaries: {
      upload: '上传会议附件（multipart：file；JPEG、PNG、PDF、Word、Excel，按内容判断，20 MB 以内）',
      download: '下载会议附件（记录审计）',
      remove: '删除会议附件（保留审计记录；乐观锁 version）',
    },
    assertUpload: assertMeetingUpload, add: addMeetingAttachment, download: downloadMeetingAttachment, remove: removeMeetingAttachment,
  });
};
