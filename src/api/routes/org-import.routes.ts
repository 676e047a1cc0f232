import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAction } from '../../core/access/require.js';
import { keyringFor, keyringSettings } from '../../core/crypto/keyring.js';
import { runOrgImport } from '../../core/org-import/org-import.service.js';
import { templateXlsx } from '../../core/org-import/template-writer.js';
import { ORG_IMPORT_KINDS, TEMPLATE_TITLE } from '../../core/org-import/templates.js';
import { AppError } from '../../domain/errors.js';
import type { Action } from '../../domain/permissions.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { receiveUpload } from '../upload.js';

const Result = z.object({
  kind: z.string(), dryRun: z.boolean(), rows: z.number(), created: z.number(), updated: z.number(), unchanged: z.number(), rejected: z.number(),
  errors: z.array(z.object({ row: z.number(), column: z.string().nullable(), code: z.string(), message: z.string() })),
});
const ACTION: Record<(typeof ORG_IMPORT_KINDS)[number], Action> = { orgs: 'org.manage', positions: 'org.manage', unions: 'union.manage', assignments: 'instructor.manage' };

/** The uploaded file into the private temp directory `dir` (organisation files are small and imported at once). */
async function receive(request: FastifyRequest, dir: string): Promise<{ file: string; dryRun: boolean }> {
  const received = await receiveUpload(request, () => path.join(dir, `upload-${crypto.randomBytes(4).toString('hex')}`));
  if (!received.path) throw new AppError('VALIDATION_FAILED', '请选择要导入的文件', [{ field: 'file', code: 'REQUIRED' }]);
  return { file: received.path, dryRun: received.fields.dryRun === 'true' };
}

export const orgImportRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = ctx.database.db;
  const keyring = () => keyringFor(keyringSettings(ctx.config, ctx.database.engine));
  for (const kind of ORG_IMPORT_KINDS) {
    app.post(`/api/imports/${kind}`, {
      schema: { tags: ['imports'], summary: `导入${TEMPLATE_TITLE[kind].replace('导入模板', '')}（一次事务，错误行单独报告，可重复导入）`, consumes: ['multipart/form-data'], response: { 200: Result } },
    }, async (request) => {
      const actor = actorOf(request);
      requireAction(actor, ACTION[kind]);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-org-import-'));
      try {
        const upload = await receive(request, dir);
        return await runOrgImport({ db, keyring }, actor, kind, upload.file, { dryRun: upload.dryRun });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
    app.get(`/api/imports/${kind}/template.xlsx`, { schema: { tags: ['imports'], summary: `下载${TEMPLATE_TITLE[kind]}` } }, async (_request, reply) => {
      const name = encodeURIComponent(`${TEMPLATE_TITLE[kind]}.xlsx`);
      return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${kind}-template.xlsx"; filename*=UTF-8''${name}`).send(await templateXlsx(kind));
    });
  }
};
