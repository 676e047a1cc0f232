import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DuesImportResult } from '../../contracts/dues.js';
import { keyringFor, keyringSettings } from '../../core/crypto/keyring.js';
import { assertCanImportDues, importDuesPayments } from '../../core/dues/dues-import.service.js';
import { AppError } from '../../domain/errors.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import type { FastifyRequest } from 'fastify';
import { receiveUpload } from '../upload.js';
import { sendXlsx } from './enterprise.routes.js';

/**
 * A payment file over HTTP (docs/dues.md): imported (all or nothing, or a dry run), or checked again
 * for its error report. Nothing of a rejected file is kept: the page still holds the file and sends it
 * again for the report, which is checked in the caller's own scope as the import was.
 */
export const duesImportRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = () => ctx.database.db;
  const keyring = () => keyringFor(keyringSettings(ctx.config, ctx.database.engine));
  const tags = ['dues'];
  const dir = path.join(ctx.config.dataDir, 'imports');

  async function receive(request: FastifyRequest) {
    assertCanImportDues(actorOf(request));
    fs.mkdirSync(dir, { recursive: true });
    const received = await receiveUpload(request, (fileName) => {
      const ext = path.extname(fileName).toLowerCase().replace(/[^.a-z0-9]/g, '').slice(0, 6);
      return path.join(dir, `dues-${Date.now()}-${crypto.randomBytes(6).toString('hex')}${ext}`);
    });
    if (!received.path) throw new AppError('VALIDATION_FAILED', '请选择要导入的文件', [{ field: 'file', code: 'REQUIRED' }]);
    return { ...received, path: received.path };
  }

  app.post('/api/dues/imports', {
    schema: { tags, summary: '导入党费缴纳文件（银行或缴费平台导出；全部通过才写入；可试运行；重复导入不产生变化）', consumes: ['multipart/form-data'], response: { 200: DuesImportResult } },
  }, async (request) => {
    const received = await receive(request);
    try {
      return await importDuesPayments({ db: db(), keyring: keyring() }, actorOf(request), received.path, { dryRun: received.fields.dryRun === 'true', fileName: received.fileName });
    } finally {
      fs.rmSync(received.path, { force: true });
    }
  });

  app.post('/api/dues/imports/errors.xlsx', {
    schema: { tags, summary: '党费缴纳文件的错误报告：未通过校验的行及错误原因（XLSX，身份证号码已遮蔽；只校验，不写入）', consumes: ['multipart/form-data'] },
  }, async (request, reply) => {
    const received = await receive(request);
    const tmp = path.join(dir, `dues-report-${crypto.randomBytes(6).toString('hex')}.xlsx`);
    try {
      const r = await importDuesPayments({ db: db(), keyring: keyring() }, actorOf(request), received.path, { dryRun: true, fileName: received.fileName, reportPath: tmp });
      if (!r.rejected) throw new AppError('VALIDATION_FAILED', '该文件全部通过校验，没有错误行', [{ field: 'file', code: 'NO_REJECTED_ROWS', message: '没有错误行' }]);
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      throw err;
    } finally {
      fs.rmSync(received.path, { force: true });
    }
    return sendXlsx(reply, '党费缴纳文件错误行.xlsx', async (out) => {
      try {
        await pipeline(fs.createReadStream(tmp), out);
      } finally {
        fs.rmSync(tmp, { force: true });
      }
    });
  });
};
