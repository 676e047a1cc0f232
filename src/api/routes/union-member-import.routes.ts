import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema } from '../../contracts/enterprise.js';
import { IdString } from '../../contracts/party-org.js';
import { UnionMemberImportResult } from '../../contracts/union-member.js';
import { keyringFor, keyringSettings } from '../../core/crypto/keyring.js';
import { unionMemberTemplate, writeUnionMemberErrorReport } from '../../core/union-member/union-member-import-files.js';
import { assertCanImportUnionMembers, findVisibleUnionMemberImport, importUnionMembers } from '../../core/union-member/union-member-import.service.js';
import { AppError } from '../../domain/errors.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { receiveUpload } from '../upload.js';
import { sendXlsx } from './enterprise.routes.js';

/**
 * A union's roster import over HTTP (docs/unions.md, "会员实名制", "Import"): the template, the upload
 * (kept under DATA_DIR/imports only when rows were rejected, for the error report), the error report.
 */
export const unionMemberImportRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const { database } = ctx;
  const dir = path.join(ctx.config.dataDir, 'imports');
  const keyring = () => keyringFor(keyringSettings(ctx.config, database.engine));
  const tags = ['imports'];

  app.get('/api/imports/union-members/template.xlsx', { schema: { tags, summary: '下载工会会员名册导入模板（含填写说明）' } }, async (_request, reply) => {
    const name = encodeURIComponent('工会会员名册导入模板.xlsx');
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="union-members-template.xlsx"; filename*=UTF-8''${name}`).send(await unionMemberTemplate());
  });

  app.post('/api/unions/:id/members/import', {
    schema: { tags, summary: '导入工会会员名册（全部通过才写入；可试运行；按公民身份号码认定同一人，重复导入不产生变化）', params: z.object({ id: IdString }), consumes: ['multipart/form-data'], response: { 200: UnionMemberImportResult } },
  }, async (request) => {
    const actor = actorOf(request);
    assertCanImportUnionMembers(actor);
    fs.mkdirSync(dir, { recursive: true });
    const received = await receiveUpload(request, (fileName) => {
      const ext = path.extname(fileName).toLowerCase().replace(/[^.a-z0-9]/g, '').slice(0, 6);
      return path.join(dir, `union-members-${Date.now()}-${crypto.randomBytes(6).toString('hex')}${ext}`);
    });
    if (!received.path) throw new AppError('VALIDATION_FAILED', '请选择要导入的文件', [{ field: 'file', code: 'REQUIRED' }]);
    const file = received.path;
    try {
      const result = await importUnionMembers({ database, keyring }, actor, request.params.id, file, { dryRun: received.fields.dryRun === 'true', fileName: received.fileName, storedPath: file });
      if (!result.rejected) fs.rmSync(file, { force: true });
      return result;
    } catch (err) {
      fs.rmSync(file, { force: true });
      throw err;
    }
  });

  app.get('/api/imports/union-members/:id/errors.xlsx', { schema: { tags, summary: '下载工会会员名册导入的错误行（含错误原因，身份证号码和手机号已遮蔽）', params: IdParamsSchema } },
    async (request, reply) => {
      const batch = await findVisibleUnionMemberImport(database.db, actorOf(request), request.params.id);
      if (!batch.stored_path || !fs.existsSync(batch.stored_path)) throw new AppError('NOT_FOUND', '该导入没有保存原文件，无法生成错误报告');
      const tmp = path.join(dir, `report-${crypto.randomBytes(6).toString('hex')}.xlsx`);
      await writeUnionMemberErrorReport(database, batch.id, batch.stored_path, tmp);
      return sendXlsx(reply, `工会会员名册导入错误行-${batch.id}.xlsx`, async (out) => {
        try {
          await pipeline(fs.createReadStream(tmp), out);
        } finally {
          fs.rmSync(tmp, { force: true });
        }
      });
    });
};
