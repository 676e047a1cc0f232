import fs from 'node:fs';
import type { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdString } from '../../contracts/party-org.js';
import { AttachmentSummary } from '../../contracts/standards.js';
import type { Actor } from '../../core/access/actor.js';
import type { Received } from '../../core/attachment/attachment.service.js';
import type { AttachmentStore } from '../../core/attachment/attachment.store.js';
import type { Db } from '../../db/schema.js';
import { actorOf } from '../plugins/auth.js';
import { receiveAttachment, sendFile } from './standards.routes.js';

type App = Parameters<FastifyPluginAsyncZod>[0];
const Params = z.object({ id: IdString });
const FileParams = z.object({ id: IdString, fileId: IdString });
export const VersionedAttachment = AttachmentSummary.extend({ version: z.number() });

/**
 * The three routes of a record's files — upload, download, remove — for any record that keeps its
 * files in the attachment store (a meeting, a notice, a study material; docs/attachments.md). The
 * module supplies its checks and writes; the shape (who is asked first, the temp file always
 * removed, 201 / 204, the version on delete) is the same everywhere.
 */
export type OwnedAttachmentRoutes = {
  /** The record's path, e.g. `/api/meetings/:id`; files live under `${base}/attachments`. */
  base: string;
  tags: string[];
  summaries: { upload: string; download: string; remove: string };
  /** Refuses before a byte of the upload is read (403/404/409 as the module decides). */
  assertUpload: (db: Db, actor: Actor, id: string) => Promise<unknown>;
  add: (db: Db, actor: Actor, store: AttachmentStore, id: string, file: Received) => Promise<z.infer<typeof VersionedAttachment>>;
  download: (db: Db, actor: Actor, store: AttachmentStore, id: string, fileId: string) => Promise<{ row: { media_type: string; file_name: string; size: number }; stream: () => Readable }>;
  remove: (db: Db, actor: Actor, id: string, fileId: string, version: number) => Promise<unknown>;
};

export function ownedAttachmentRoutes(app: App, deps: { db: () => Db; store: AttachmentStore; dataDir: string }, o: OwnedAttachmentRoutes): void {
  const { db, store } = deps;
  app.post(`${o.base}/attachments`, { schema: { tags: o.tags, summary: o.summaries.upload, params: Params, consumes: ['multipart/form-data'], response: { 201: VersionedAttachment } } },
    async (request, reply) => {
      const actor = actorOf(request);
      await o.assertUpload(db(), actor, request.params.id);
      const f = await receiveAttachment(request, deps.dataDir);
      try {
        return reply.status(201).send(await o.add(db(), actor, store, request.params.id, f));
      } finally { fs.rmSync(f.path, { force: true }); }
    });
  app.get(`${o.base}/attachments/:fileId`, { schema: { tags: o.tags, summary: o.summaries.download, params: FileParams } },
    async (request, reply) => sendFile(reply, await o.download(db(), actorOf(request), store, request.params.id, request.params.fileId)));
  app.delete(`${o.base}/attachments/:fileId`, { schema: { tags: o.tags, summary: o.summaries.remove, params: FileParams, querystring: z.object({ version: z.coerce.number().int().min(1) }).strict() } },
    async (request, reply) => {
      await o.remove(db(), actorOf(request), request.params.id, request.params.fileId, request.query.version);
      return reply.status(204).send();
    });
}
