import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParamsSchema } from '../../contracts/enterprise.js';
import { MemberImportResultSchema } from '../../contracts/member-import.js';
import { keyringFor, keyringSettings } from '../../core/crypto/keyring.js';
import { writeMemberErrorReport } from '../../core/member-import/member-error-report.js';
import { assertCanImportMembers, importMembers } from '../../core/member-import/member-import.service.js';
import { findVisibleMemberImport } from '../../core/member-import/member-import-query.js';
import { AppError } from '../../domain/errors.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { receiveUpload } from '../upload.js';
import { sendXlsx } from './enterprise.routes.js';

/**
 * The roster import over HTTP: the upload is kept under DATA_DIR/imports (for the error report) and
 * imported at once; the answer is the whole result (a roster is one transaction, all or nothing).
 */
export const memberImportRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const { database } = ctx;
  const dir = path.join(ctx.config.dataDir, 'imports');
  const keyring = () => keyringFor(keyringSettings(ctx.config, database.engine));
  const tags = ['imports'];

  app.post('/api/imports/members', {
    schema: { tags, summary: '导入党员名册（全部通过才写入；可试运行；重复导入不产生变化）', consumes: ['multipart/form-data'], response: { 200: MemberImportResultSchema } },
  }, async (request) => {
    const actor = actorOf(request);
    assertCanImportMembers(actor);
    fs.mkdirSync(dir, { recursive: true });
    const received = await receiveUpload(request, (fileName) => {
      const ext = path.extname(fileName).toLowerCase().replace(/[^.a-z0-9]/g, '').slice(0, 6);
      return path.join(dir, `members-${Date.now()}-${crypto.randomBytes(6).toString('hex')}${ext}`);
    });
    if (!received.path) throw new AppError('VALIDATION_FAILED', '请选择要导入的文件', [{ field: 'file', code: 'REQUIRED' }]);
    const file = received.path;
    try {
      const result = await importMembers({ database, keyring }, actor, file, { dryRun: received.fields.dryRun === 'true', fileName: received.fileName, storedPath: file });
      // Only a file with rejected rows is kept: its error report reads it again.
      if (!result.rejected) fs.rmSync(file, { force: true });
      return result;
    } catch (err) {
      fs.rmSync(file, { force: true });
      throw err;
    }
  });

  app.get('/api/imports/members/:id/errors.xlsx', { schema: { tags, summary: '下载党员名册导入的错误行（含错误原因，身份证号码和电话已遮蔽）', params: IdParamsSchema } },
    async (request, reply) => {
      const batch = await findVisibleMemberImport(database.db, actorOf(request), request.params.id);
      if (!batch.stored_path || !fs.existsSync(batch.stored_path)) throw new AppError('NOT_FOUND', '该导入没有保存原文件，无法生成错误报告');
      const tmp = path.join(dir, `report-${crypto.randomBytes(6).toString('hex')}.xlsx`);
      await writeMemberErrorReport(database, batch.id, batch.stored_path, tmp);
      return sendXlsx(reply, `党员名册导入错误行-${batch.id}.xlsx`, async (out) => {
        try {
          await pipeline(fs.createReadStream(tmp), out);
        } finally {
          fs.rmSync(tmp, { force: true });
        }
      });
    });
};
