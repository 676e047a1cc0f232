import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParamsSchema } from '../../contracts/enterprise.js';
import { AttendanceImportResult, TrainingParams } from '../../contracts/training.js';
import { keyringFor, keyringSettings } from '../../core/crypto/keyring.js';
import { attendanceTemplate, writeAttendanceErrorReport } from '../../core/training/attendance-import-files.js';
import { assertCanImportAttendance, findVisibleAttendanceImport, importAttendance } from '../../core/training/attendance-import.service.js';
import { AppError } from '../../domain/errors.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { receiveUpload } from '../upload.js';
import { sendXlsx } from './enterprise.routes.js';

/**
 * A session's 签到表 import over HTTP (docs/training.md, "Attendance import"): the template, the upload
 * (fields `version` and `dryRun`; kept under DATA_DIR/imports only when rows were rejected, for the
 * error report) and the error report.
 */
export const trainingImportRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const { database } = ctx;
  const dir = path.join(ctx.config.dataDir, 'imports');
  const keyring = () => keyringFor(keyringSettings(ctx.config, database.engine));
  const tags = ['imports'];

  app.get('/api/imports/training-attendance/template.xlsx', { schema: { tags, summary: '下载培训签到表导入模板（含填写说明）' } }, async (_request, reply) => {
    const name = encodeURIComponent('培训签到表导入模板.xlsx');
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="training-attendance-template.xlsx"; filename*=UTF-8''${name}`).send(await attendanceTemplate());
  });

  app.post('/api/training/sessions/:id/attendance/import', {
    schema: { tags, summary: '导入培训签到表（全部通过才写入；可试运行；与已登记的参训人员合并；乐观锁 version）', params: TrainingParams, consumes: ['multipart/form-data'], response: { 200: AttendanceImportResult } },
  }, async (request) => {
    const actor = actorOf(request);
    assertCanImportAttendance(actor);
    fs.mkdirSync(dir, { recursive: true });
    const received = await receiveUpload(request, (fileName) => {
      const ext = path.extname(fileName).toLowerCase().replace(/[^.a-z0-9]/g, '').slice(0, 6);
      return path.join(dir, `training-attendance-${Date.now()}-${crypto.randomBytes(6).toString('hex')}${ext}`);
    });
    if (!received.path) throw new AppError('VALIDATION_FAILED', '请选择要导入的文件', [{ field: 'file', code: 'REQUIRED' }]);
    const file = received.path;
    try {
      const version = Number(received.fields.version);
      if (!Number.isInteger(version) || version < 1) throw new AppError('VALIDATION_FAILED', '缺少培训班次的版本号，请刷新页面后重试', [{ field: 'version', code: 'REQUIRED' }]);
      const result = await importAttendance({ database, keyring }, actor, request.params.id, file, { dryRun: received.fields.dryRun === 'true', version, fileName: received.fileName, storedPath: file });
      if (!result.rejected) fs.rmSync(file, { force: true });
      return result;
    } catch (err) {
      fs.rmSync(file, { force: true });
      throw err;
    }
  });

  app.get('/api/imports/training-attendance/:id/errors.xlsx', { schema: { tags, summary: '下载培训签到表导入的错误行（含错误原因，身份证号和手机号已遮蔽）', params: IdParamsSchema } },
    async (request, reply) => {
      const batch = await findVisibleAttendanceImport(database.db, actorOf(request), request.params.id);
      if (!batch.stored_path || !fs.existsSync(batch.stored_path)) throw new AppError('NOT_FOUND', '该导入没有保存原文件，无法生成错误报告');
      const tmp = path.join(dir, `report-${crypto.randomBytes(6).toString('hex')}.xlsx`);
      await writeAttendanceErrorReport(database, batch.id, batch.stored_path, tmp);
      return sendXlsx(reply, `培训签到表导入错误行-${batch.id}.xlsx`, async (out) => {
        try {
          await pipeline(fs.createReadStream(tmp), out);
        } finally {
          fs.rmSync(tmp, { force: true });
        }
      });
    });
};
