import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  Notice, NoticeCopy, NoticeInboxFilter, NoticeInboxPage, NoticeInput, NoticeListFilter, NoticePage, NoticeParams,
  NoticeReplyFilter, NoticeReplyInput, NoticeReplyTable, NoticeVersionInput, NoticeWithdrawInput,
} from '../../contracts/notice.js';
import { attachmentStoreFor } from '../../core/attachment/attachment.store.js';
import { addNoticeAttachment, assertNoticeUpload, downloadNoticeAttachment, removeNoticeAttachment } from '../../core/notice/notice-attachments.js';
import { getCopy, openCopy, replyToNotice } from '../../core/notice/notice-reply.service.js';
import { openInboxExport, openNoticeListExport, openReplyExport } from '../../core/notice/notice.export.js';
import { getNoticeIn, listInbox, listNoticePage, replyTable } from '../../core/notice/notice.query.js';
import { createNotice, publishNotice, withdrawNotice } from '../../core/notice/notice.service.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { conflictResponse, withCurrent } from '../version-conflict.js';
import { sendXlsx } from './enterprise.routes.js';
import { ownedAttachmentRoutes } from './owned-attachments.js';


/** Notices (通知公告, docs/notices.md): the office's side under /api/notices, an organisation's copies under /api/notice-inbox. */
export const noticeRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = () => ctx.database.db;
  const store = attachmentStoreFor(ctx.config);
  const tags = ['notices'];

  app.get('/api/notices', { schema: { tags, summary: '本单位发出的通知（含总数和回复进度）', querystring: NoticeListFilter, response: { 200: NoticePage } } },
    async (request) => listNoticePage(db(), actorOf(request), request.query));
  app.get('/api/notices/export.xlsx', { schema: { tags, summary: '导出通知列表（与列表同一范围和筛选）', querystring: NoticeListFilter } },
    async (request, reply) => {
      const file = openNoticeListExport(db(), actorOf(request), request.query);
      return sendXlsx(reply, `${file.title}.xlsx`, (out) => file.write(out));
    });
  app.post('/api/notices', { schema: { tags, summary: '拟写通知（草稿；发布时确定接收组织）', body: NoticeInput, response: { 201: Notice } } },
    async (request, reply) => reply.status(201).send(await createNotice(db(), actorOf(request), request.body)));
  app.get('/api/notices/:id', { schema: { tags, summary: '通知详情和各街道回复进度', params: NoticeParams, response: { 200: Notice } } },
    async (request) => getNoticeIn(db(), actorOf(request), request.params.id));
  app.post('/api/notices/:id/publish', { schema: { tags, summary: '发布通知（确定接收组织；乐观锁 version）', params: NoticeParams, body: NoticeVersionInput, response: { 200: Notice, ...conflictResponse(Notice) } } },
    async (request) => withCurrent(() => publishNotice(db(), actorOf(request), request.params.id, request.body.version), () => getNoticeIn(db(), actorOf(request), request.params.id)));
  app.post('/api/notices/:id/withdraw', { schema: { tags, summary: '撤回通知（保留已收回复；乐观锁 version）', params: NoticeParams, body: NoticeWithdrawInput, response: { 200: Notice, ...conflictResponse(Notice) } } },
    async (request) => withCurrent(() => withdrawNotice(db(), actorOf(request), request.params.id, request.body), () => getNoticeIn(db(), actorOf(request), request.params.id)));
  app.get('/api/notices/:id/replies', { schema: { tags, summary: '各组织回复情况（含合计）', params: NoticeParams, querystring: NoticeReplyFilter, response: { 200: NoticeReplyTable } } },
    async (request) => replyTable(db(), actorOf(request), request.params.id, request.query));
  app.get('/api/notices/:id/replies.xlsx', { schema: { tags, summary: '导出回复情况（与表格同一筛选，含合计行）', params: NoticeParams, querystring: NoticeReplyFilter } },
    async (request, reply) => {
      const file = await openReplyExport(db(), actorOf(request), request.params.id, request.query);
      return sendXlsx(reply, `${file.title}.xlsx`, (out) => file.write(out));
    });

  ownedAttachmentRoutes(app, { db, store, dataDir: ctx.config.dataDir }, {
    base: '/api/notices/:id', tags,
    summaries: {
      upload: '上传通知附件（草稿时；multipart：file；JPEG、PNG、PDF、Word、Excel，20 MB 以内）',
      download: '下载通知附件（发文单位或收文组织；记录审计）',
      remove: '删除通知附件（草稿时；乐观锁 version）',
    },
    assertUpload: assertNoticeUpload, add: addNoticeAttachment, download: downloadNoticeAttachment, remove: removeNoticeAttachment,
  });

  app.get('/api/notice-inbox', { schema: { tags, summary: '收到的通知（本人管理的组织；未读在前）', querystring: NoticeInboxFilter, response: { 200: NoticeInboxPage } } },
    async (request) => listInbox(db(), actorOf(request), request.query));
  app.get('/api/notice-inbox/export.xlsx', { schema: { tags, summary: '导出收到的通知（与列表同一范围和筛选）', querystring: NoticeInboxFilter } },
    async (request, reply) => {
      const file = openInboxExport(db(), actorOf(request), request.query);
      return sendXlsx(reply, `${file.title}.xlsx`, (out) => file.write(out));
    });
  app.get('/api/notice-inbox/:id', { schema: { tags, summary: '阅读通知（要求回执的，首次打开即记录阅读人和时间）', params: NoticeParams, response: { 200: NoticeCopy } } },
    async (request) => openCopy(db(), actorOf(request), request.params.id));
  app.put('/api/notice-inbox/:id/reply', { schema: { tags, summary: '填报或修改回执（截止日期前；乐观锁 version）', params: NoticeParams, body: NoticeReplyInput, response: { 200: NoticeCopy, ...conflictResponse(NoticeCopy) } } },
    async (request) => withCurrent(() => replyToNotice(db(), actorOf(request), request.params.id, request.body), () => getCopy(db(), actorOf(request), request.params.id)));
};
