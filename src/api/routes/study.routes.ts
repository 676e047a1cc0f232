import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdString } from '../../contracts/party-org.js';
import { StudyListFilter, StudyMarkInput, StudyMaterial, StudyMaterialInput, StudyMaterialPage, StudyMaterialUpdate } from '../../contracts/study.js';
import { attachmentStoreFor } from '../../core/attachment/attachment.store.js';
import { addStudyAttachment, assertStudyUpload, downloadStudyAttachment, removeStudyAttachment } from '../../core/study/study-attachments.js';
import { openStudyExport } from '../../core/study/study.export.js';
import { createMaterial, getMaterialIn, listMaterialPage, setLearned, updateMaterial } from '../../core/study/study.service.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { conflictResponse, withCurrent } from '../version-conflict.js';
import { sendXlsx } from './enterprise.routes.js';
import { ownedAttachmentRoutes } from './owned-attachments.js';

const Params = z.object({ id: IdString });

/** 学习 (docs/study.md): the study library — read by anyone signed in within scope, published under study.publish. */
export const studyRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = () => ctx.database.db;
  const store = attachmentStoreFor(ctx.config);
  const tags = ['study'];

  app.get('/api/study/materials', { schema: { tags, summary: '学习资料（含总数；不记录任何阅读情况）', querystring: StudyListFilter, response: { 200: StudyMaterialPage } } },
    async (request) => listMaterialPage(db(), actorOf(request), request.query));
  app.get('/api/study/materials/export.xlsx', { schema: { tags, summary: '导出学习资料（发布单位用；与列表同一范围和筛选）', querystring: StudyListFilter } },
    async (request, reply) => {
      const file = openStudyExport(db(), actorOf(request), request.query);
      return sendXlsx(reply, `${file.title}.xlsx`, (out) => file.write(out));
    });
  app.post('/api/study/materials', { schema: { tags, summary: '发布学习资料', body: StudyMaterialInput, response: { 201: StudyMaterial } } },
    async (request, reply) => reply.status(201).send(await createMaterial(db(), actorOf(request), request.body)));
  app.get('/api/study/materials/:id', { schema: { tags, summary: '学习资料', params: Params, response: { 200: StudyMaterial } } },
    async (request) => getMaterialIn(db(), actorOf(request), request.params.id));
  app.put('/api/study/materials/:id', { schema: { tags, summary: '修改、撤回或重新发布学习资料（乐观锁 version）', params: Params, body: StudyMaterialUpdate, response: { 200: StudyMaterial, ...conflictResponse(StudyMaterial) } } },
    async (request) => withCurrent(() => updateMaterial(db(), actorOf(request), request.params.id, request.body), () => getMaterialIn(db(), actorOf(request), request.params.id)));
  app.put('/api/study/materials/:id/learned', { schema: { tags, summary: '标记“已学”（仅本人可见，不计时、不排名）', params: Params, body: StudyMarkInput, response: { 200: StudyMaterial } } },
    async (request) => setLearned(db(), actorOf(request), request.params.id, request.body.learned));

  ownedAttachmentRoutes(app, { db, store, dataDir: ctx.config.dataDir }, {
    base: '/api/study/materials/:id', tags,
    summaries: {
      upload: '上传学习资料文件（multipart：file；PDF、Word、Excel、图片，按内容判断，20 MB 以内）',
      download: '下载学习资料文件',
      remove: '删除学习资料文件（保留审计记录；乐观锁 version）',
    },
    assertUpload: assertStudyUpload, add: addStudyAttachment, download: downloadStudyAttachment, remove: removeStudyAttachment,
  });
};
