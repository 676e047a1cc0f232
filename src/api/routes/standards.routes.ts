import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Assessment, AssessmentCreate, AssessmentParams, EvidenceInput, ItemParams, OrgStandards, OrgStandardsQuery, ReviewInput, ReviewList, ReviewListQuery,
  StandardsRollup, StandardsRollupQuery, TemplateList, TemplatesQuery, VersionBody,
} from '../../contracts/standards.js';
import { IdString } from '../../contracts/party-org.js';
import type { Readable } from 'node:stream';
import { fileTooLarge } from '../../core/attachment/attachment.service.js';
import { attachmentStoreFor } from '../../core/attachment/attachment.store.js';
import { keyringFor, keyringSettings } from '../../core/crypto/keyring.js';
import { attachEvidence, createAssessment, readAssessment, setEvidence, submitAssessment } from '../../core/standards/assessment.service.js';
import { assertChecklistUpload, downloadChecklistFile } from '../../core/standards/checklist-files.js';
import { reviewAssessment } from '../../core/standards/review.service.js';
import { openReviewExport, orgStandards, reviewList, standardsRollup } from '../../core/standards/standards.query.js';
import { listTemplates } from '../../core/standards/templates.query.js';
import { ATTACHMENT_MAX_BYTES } from '../../domain/attachment.js';
import { AppError } from '../../domain/errors.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { receiveUpload } from '../upload.js';
import { conflictResponse, withCurrent } from '../version-conflict.js';
import { sendXlsx } from './enterprise.routes.js';

/** What multipart framing (boundaries, part headers, a version field) may add to a file at the limit. */
const MULTIPART_SLACK = 64 * 1024;

/**
 * Receives one file into DATA_DIR/uploads (a temp name); the attachment store takes it from there.
 * A body declaring more than the limit is refused (413, FILE_TOO_LARGE) before a byte of it is read;
 * one that sends no length, or lies, is cut off at the limit by the parser with the same answer.
 */
export async function receiveAttachment(request: FastifyRequest, dataDir: string) {
  if (Number(request.headers['content-length'] ?? 0) > ATTACHMENT_MAX_BYTES + MULTIPART_SLACK) throw fileTooLarge();
  const dir = path.join(dataDir, 'uploads');
  fs.mkdirSync(dir, { recursive: true });
  const r = await receiveUpload(request, () => path.join(dir, `att-${Date.now()}-${crypto.randomBytes(6).toString('hex')}`), ATTACHMENT_MAX_BYTES)
    .catch((e: unknown) => { throw ['FST_REQ_FILE_TOO_LARGE', 'PAYLOAD_TOO_LARGE'].includes(String((e as { code?: unknown }).code)) ? fileTooLarge() : e; });
  if (!r.path) throw new AppError('VALIDATION_FAILED', '请选择要上传的文件', [{ field: 'file', code: 'REQUIRED', message: '请选择要上传的文件' }]);
  return { path: r.path, fileName: r.fileName, fields: r.fields };
}

/** A stored file to the browser: its own type, its name (UTF-8), never guessed from the content by the browser. */
export function sendFile(reply: FastifyReply, f: { row: { media_type: string; file_name: string; size: number }; stream: () => Readable }) {
  const type = f.row.media_type.startsWith('application/vnd.openxmlformats') ? 'application/octet-stream' : f.row.media_type;
  return reply.header('content-type', type).header('x-content-type-options', 'nosniff').header('content-length', String(f.row.size))
    .header('content-disposition', `attachment; filename="download"; filename*=UTF-8''${encodeURIComponent(f.row.file_name)}`).send(f.stream());
}

const FileParams = z.object({ id: IdString, fileId: IdString });

/** 标准化建设 (docs/standards.md): checklist templates as data, self-assessment, street and district review, the district view. */
export const standardsRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = () => ctx.database.db;
  // A checklist's review goes through the approval engine, whose decisions take the keyring (docs/standards.md).
  const keyring = () => keyringFor(keyringSettings(ctx.config, ctx.database.engine));
  const store = attachmentStoreFor(ctx.config);
  const tags = ['standards'];
  const read = (request: FastifyRequest, id: string) => () => readAssessment(db(), actorOf(request), id);

  app.get('/api/standards/templates', { schema: { tags, summary: '标准化建设标准（六有、七个有、双强六好、工会六有、职工之家：条目、分值、佐证、审核层级、依据）', querystring: TemplatesQuery, response: { 200: TemplateList } } },
    async (request) => { actorOf(request); return listTemplates(request.query.date, request.query.orgKind); });

  for (const [prefix, kind, who] of [['party-orgs', 'partyOrg', '党组织'], ['unions', 'union', '工会']] as const) {
    app.get(`/api/${prefix}/:id/standards`, { schema: { tags, summary: `${who}的标准化建设情况（本年度各项标准的自评和审核状态）`, params: AssessmentParams, querystring: OrgStandardsQuery, response: { 200: OrgStandards } } },
      async (request) => orgStandards(db(), actorOf(request), kind, request.params.id, request.query.year));
  }

  app.post('/api/standards/assessments', { schema: { tags, summary: '开始标准化建设自评（组织自己的管理者）', body: AssessmentCreate, response: { 201: Assessment } } },
    async (request, reply) => reply.status(201).send(await createAssessment(db(), actorOf(request), request.body)));

  app.get('/api/standards/assessments/:id', { schema: { tags, summary: '自评详情（各条目佐证：台账已有、已上传、已说明、缺少；审核记录）', params: AssessmentParams, response: { 200: Assessment } } },
    async (request) => readAssessment(db(), actorOf(request), request.params.id));

  app.put('/api/standards/assessments/:id/items/:key', { schema: { tags, summary: '填写条目佐证（采用台账记录、情况说明或清除；乐观锁 version）', params: ItemParams, body: EvidenceInput, response: { 200: Assessment, ...conflictResponse(Assessment) } } },
    async (request) => withCurrent(() => setEvidence(db(), actorOf(request), request.params.id, request.params.key, request.body), read(request, request.params.id)));

  app.post('/api/standards/assessments/:id/items/:key/file', { schema: { tags, summary: '上传条目佐证材料（multipart：file、version；按内容判断类型）', params: ItemParams, consumes: ['multipart/form-data'], response: { 200: Assessment, ...conflictResponse(Assessment) } } },
    async (request) => {
      const actor = actorOf(request);
      await assertChecklistUpload(db(), actor, request.params.id);
      const f = await receiveAttachment(request, ctx.config.dataDir);
      try {
        const version = Number(f.fields.version);
        if (!Number.isInteger(version) || version < 1) throw new AppError('VALIDATION_FAILED', '缺少版本号', [{ field: 'version', code: 'REQUIRED', message: '缺少版本号' }]);
        return await withCurrent(() => attachEvidence(db(), actor, store, request.params.id, request.params.key, version, f), read(request, request.params.id));
      } finally { fs.rmSync(f.path, { force: true }); }
    });

  app.get('/api/standards/assessments/:id/attachments/:fileId', { schema: { tags, summary: '下载自评佐证材料（记录审计）', params: FileParams } },
    async (request, reply) => sendFile(reply, await downloadChecklistFile(db(), actorOf(request), store, request.params.id, request.params.fileId)));

  app.post('/api/standards/assessments/:id/submit', { schema: { tags, summary: '提交自评（台账记录按提交时保存；乐观锁 version）', params: AssessmentParams, body: VersionBody, response: { 200: Assessment, ...conflictResponse(Assessment) } } },
    async (request) => withCurrent(() => submitAssessment(db(), keyring(), actorOf(request), request.params.id, request.body.version), read(request, request.params.id)));

  app.post('/api/standards/assessments/:id/reviews', { schema: { tags, summary: '审核自评（按审批流程逐级：社区、街道、区县；逐项打分，通过或退回；乐观锁 version）', params: AssessmentParams, body: ReviewInput, response: { 200: Assessment, ...conflictResponse(Assessment) } } },
    async (request) => withCurrent(() => reviewAssessment(db(), keyring(), actorOf(request), request.params.id, request.body), read(request, request.params.id)));

  app.get('/api/standards/reviews', { schema: { tags, summary: '标准化建设审核列表（本辖区组织；含总数）', querystring: ReviewListQuery, response: { 200: ReviewList } } },
    async (request) => reviewList(db(), actorOf(request), request.query));

  app.get('/api/standards/reviews/export.xlsx', { schema: { tags, summary: '导出标准化建设审核列表（与列表同一范围和筛选）', querystring: ReviewListQuery } },
    async (request, reply) => {
      const file = await openReviewExport(db(), actorOf(request), request.query);
      return sendXlsx(reply, `${file.title}.xlsx`, (out) => file.write(out));
    });

  app.get('/api/standards/rollup', { schema: { tags, summary: '标准化建设统计（按街道：各状态、星级组织数）', querystring: StandardsRollupQuery, response: { 200: StandardsRollup } } },
    async (request) => standardsRollup(db(), actorOf(request), request.query));
};
