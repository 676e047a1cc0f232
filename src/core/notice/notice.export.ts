import type { Writable } from 'node:stream';
import type { NoticeField, NoticeInboxFilter, NoticeInboxItem, NoticeListFilter, NoticeReplyFilter, NoticeReplyRow, NoticeSummary } from '../../contracts/notice.js';
import type { Db } from '../../db/schema.js';
import { NOTICE_ORG_KIND_LABELS, NOTICE_STATE_LABELS } from '../../domain/notice.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { recordAudit } from '../audit/audit.service.js';
import { writeListXlsx, type Cell, type ListColumn } from '../xlsx/list-xlsx.js';
import { listInbox, listNoticePage, replyTable } from './notice.query.js';

/** The notice lists as XLSX — exactly their rows (same scope, filters and order); audited with the filter and the row count. */
type Export = { title: string; write(out: Writable): Promise<number> };
const local = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '');
const audit = (db: Db, actor: Actor, action: string, entityId: string | null, after: unknown) =>
  db.transaction().execute((tx) => recordAudit(tx, actor, { action, entity: 'notice', entityId, after }));
async function* once<T>(rows: () => Promise<T[]>): AsyncGenerator<T[]> { yield await rows(); }

const LIST_COLUMNS: ListColumn<NoticeSummary>[] = [
  { header: '标题', width: 44, cell: (r) => r.title }, { header: '发文单位', width: 20, cell: (r) => r.publisherName },
  { header: '状态', width: 8, cell: (r) => NOTICE_STATE_LABELS[r.state] }, { header: '发布时间', width: 20, cell: (r) => local(r.publishedAt) },
  { header: '截止日期', width: 12, cell: (r) => r.deadline ?? '' }, { header: '接收组织', width: 10, cell: (r) => r.counts.recipients },
  { header: '已读', width: 8, cell: (r) => (r.askReceipt ? r.counts.read : '不要求回执') }, { header: '已回复', width: 8, cell: (r) => (r.hasReplyForm ? r.counts.replied : '无需回复') },
  { header: '未回复', width: 8, cell: (r) => (r.hasReplyForm ? r.counts.unreplied : '') },
];

export function openNoticeListExport(db: Db, actor: Actor, filter: NoticeListFilter): Export {
  // Refused before the first byte: once the workbook streams, an error can only cut the download.
  requireAction(actor, 'notice.publish');
  return {
    title: `通知公告-${today()}`,
    write: (out) => writeListXlsx(db, out, {
      sheet: '通知公告', columns: LIST_COLUMNS, pages: once(async () => (await listNoticePage(db, actor, filter)).items),
      beforeClose: (rows) => audit(db, actor, 'notice.export', null, { filter, rows }),
    }),
  };
}

const valueCell = (f: NoticeField, v: unknown): Cell => (v === null || v === undefined ? '' : f.type === 'number' ? Number(v) : String(v));

/** The replies table: one row per organisation, a column per reply field, then a 合计 row of the number fields. */
export async function openReplyExport(db: Db, actor: Actor, id: string, filter: NoticeReplyFilter): Promise<Export> {
  const table = await replyTable(db, actor, id, filter);
  const columns: ListColumn<NoticeReplyRow | 'sum'>[] = [
    { header: '组织名称', width: 36, cell: (r) => (r === 'sum' ? '合计' : r.orgName) },
    { header: '类别', width: 8, cell: (r) => (r === 'sum' ? '' : NOTICE_ORG_KIND_LABELS[r.orgKind]) },
    { header: '所在街道（乡镇）', width: 20, cell: (r) => (r === 'sum' ? '' : r.streetName) },
    { header: '阅读时间', width: 20, cell: (r) => (r === 'sum' ? '' : local(r.readAt)) },
    { header: '回复时间', width: 20, cell: (r) => (r === 'sum' ? `已回复 ${table.replied} 个` : local(r.repliedAt)) },
    ...table.fields.map((f): ListColumn<NoticeReplyRow | 'sum'> => ({
      header: f.label, width: Math.max(12, f.label.length * 2 + 4),
      cell: (r) => (r === 'sum' ? (f.key in table.sums ? table.sums[f.key] : '') : valueCell(f, r.values[f.key])),
    })),
  ];
  return {
    title: `通知回复-${id}-${today()}`,
    write: (out) => writeListXlsx(db, out, {
      sheet: '回复情况', columns, pages: once(async () => [...table.items, 'sum' as const]),
      beforeClose: async (rows) => audit(db, actor, 'notice.replies.export', id, { filter, rows: rows - 1 }),
    }),
  };
}

const INBOX_COLUMNS: ListColumn<NoticeInboxItem>[] = [
  { header: '标题', width: 44, cell: (r) => r.title }, { header: '发文单位', width: 20, cell: (r) => r.publisherName },
  { header: '收文组织', width: 32, cell: (r) => r.orgName }, { header: '发布时间', width: 20, cell: (r) => local(r.publishedAt) },
  { header: '截止日期', width: 12, cell: (r) => r.deadline ?? '' }, { header: '阅读', width: 8, cell: (r) => (r.read ? '已读' : '未读') },
  { header: '回复', width: 10, cell: (r) => (!r.hasReplyForm ? '无需回复' : r.repliedAt ? '已回复' : r.overdue ? '逾期未回复' : '未回复') },
];

export function openInboxExport(db: Db, actor: Actor, filter: NoticeInboxFilter): Export {
  return {
    title: `收到的通知-${today()}`,
    write: (out) => writeListXlsx(db, out, {
      sheet: '收到的通知', columns: INBOX_COLUMNS, pages: once(async () => (await listInbox(db, actor, filter)).items),
      beforeClose: (rows) => audit(db, actor, 'notice.inbox.export', null, { filter, rows }),
    }),
  };
}
