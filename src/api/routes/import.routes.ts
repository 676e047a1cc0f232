import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema, ImportBatchSchema, ImportMappingSchema, ImportStartedSchema } from '../../contracts/enterprise.js';
import { assertCanImport, prepareFileImport, writeImportErrorReport } from '../../core/import/import-file.service.js';
import { getMapping, saveMapping } from '../../core/import/import-mapping.service.js';
import { findVisibleImport, getImport, listImports } from '../../core/import/import-query.service.js';
import { AppError } from '../../domain/errors.js';
import { DEFAULT_IMPORT_SOURCE } from '../../domain/import-source.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { receiveUpload } from '../upload.js';
import { sendXlsx } from './enterprise.routes.js';

type Upload = { path: string; fileName: string; source: string; dryRun: boolean };

const SourceParams = z.object({ source: z.string().trim().min(1).max(50) });

/** Saves the multipart upload under DATA_DIR/imports (kept for the error report); reads its fields. */
async function receiveImportUpload(request: FastifyRequest, dir: string): Promise<Upload> {
  fs.mkdirSync(dir, { recursive: true });
  const received = await receiveUpload(request, (fileName) => {
    const ext = path.extname(fileName).toLowerCase().replace(/[^.a-z0-9]/g, '').slice(0, 6);
    return path.join(dir, `upload-${Date.now()}-${crypto.randomBytes(6).toString('hex')}${ext}`);
  });
  if (!received.path) throw new AppError('VALIDATION_FAILED', '请选择要导入的文件', [{ field: 'file', code: 'REQUIRED' }]);
  const { fields } = received;
  return { path: received.path, fileName: received.fileName, source: (fields.source ?? '').trim() || DEFAULT_IMPORT_SOURCE, dryRun: fields.dryRun === 'true' };
}

export const importRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const { database } = ctx;
  const db = database.db;
  const dir = path.join(ctx.config.dataDir, 'imports');
  const tags = ['imports'];

  app.post('/api/imports/enterprises', {
    schema: { tags, summary: '上传企业台账文件并开始导入（后台进行，轮询进度）', consumes: ['multipart/form-data'], response: { 202: ImportStartedSchema } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    assertCanImport(actor);
    const upload = await receiveImportUpload(request, dir);
    let prepared;
    try {
      prepared = await prepareFileImport(database, actor, { ...upload, storedPath: upload.path });
    } catch (err) {
      fs.rmSync(upload.path, { force: true }); // a refused file is not kept
      throw err;
    }
    // Runs in this process after the answer; the batch row records progress, result or failure.
    prepared.run().catch((err: unknown) => request.log.error({ err, importId: prepared.importId }, 'import failed'));
    return reply.status(202).send({ importId: prepared.importId });
  });

  app.get('/api/imports', { schema: { tags, summary: '最近的导入', response: { 200: z.array(ImportBatchSchema) } } },
    async (request) => listImports(db, actorOf(request)));

  app.get('/api/imports/:id', { schema: { tags, summary: '导入进度与结果', params: IdParamsSchema, response: { 200: ImportBatchSchema } } },
    async (request) => getImport(db, actorOf(request), request.params.id));

  app.get('/api/imports/:id/errors.xlsx', { schema: { tags, summary: '下载错误行（含错误原因）', params: IdParamsSchema } },
    async (request, reply) => {
      const batch = await findVisibleImport(db, actorOf(request), request.params.id);
      if (!batch.stored_path) throw new AppError('NOT_FOUND', '该导入没有保存原文件，无法生成错误报告');
      const tmp = path.join(dir, `report-${crypto.randomBytes(6).toString('hex')}.xlsx`);
      await writeImportErrorReport(database, batch.id, { path: batch.stored_path, source: batch.source, actorId: batch.actor_id }, tmp);
      return sendXlsx(reply, `导入错误行-${batch.id}.xlsx`, async (out) => {
        try {
          await pipeline(fs.createReadStream(tmp), out);
        } finally {
          fs.rmSync(tmp, { force: true });
        }
      });
    });

  app.get('/api/import-mappings/:source', {
    schema: { tags, summary: '某数据来源保存的列映射', params: SourceParams, response: { 200: ImportMappingSchema } },
  }, async (request) => ({ mapping: await getMapping(db, actorOf(request), request.params.source) }));

  app.put('/api/import-mappings/:source', {
    schema: { tags, summary: '保存某数据来源的列映射', params: SourceParams, body: ImportMappingSchema, response: { 200: ImportMappingSchema } },
  }, async (request) => ({ mapping: await saveMapping(db, actorOf(request), request.params.source, request.body.mapping) }));
};
