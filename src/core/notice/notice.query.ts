import type { Notice, NoticeInboxFilter, NoticeInboxPage, NoticeListFilter, NoticePage, NoticeReplyFilter, NoticeReplyTable } from '../../contracts/notice.js';
import type { Db, Executor } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { holdsRecipientAction, recipientScopesFor } from '../access/notice-scope.js';
import { holdsAction, requireAction } from '../access/require.js';
import { scopeFor } from '../access/scope.js';
import { toAttachment } from '../attachment/attachment.mapper.js';
import { attachmentsOf } from '../attachment/attachment.repository.js';
import { requirePublisherNotice } from './notice.access.js';
import { formOf, targetOf, toInboxItem, toNoticeSummary, toReplyRow } from './notice.mapper.js';
import * as repo from './notice.repository.js';

/** Reading notices (docs/notices.md): the office's list and progress, the replies table, an organisation's 通知 list. */
export const noticeFileUrl = (noticeId: string, id: string) => `/api/notices/${noticeId}/attachments/${id}`;

export async function listNoticePage(db: Db, actor: Actor, f: NoticeListFilter): Promise<NoticePage> {
  const scope = requireAction(actor, 'notice.publish');
  const items = (await repo.listNotices(db, scope, f)).map(toNoticeSummary);
  return { items, total: items.length };
}

export async function getNoticeIn(db: Executor, actor: Actor, id: string): Promise<Notice> {
  const { n } = await requirePublisherNotice(db, actor, id);
  const [streets, files] = await Promise.all([repo.progressByStreet(db, id), attachmentsOf(db, 'notice', id)]);
  return {
    ...toNoticeSummary(n), body: n.body, replyForm: formOf(n), target: targetOf(n),
    withdrawnAt: n.withdrawn_at ? new Date(n.withdrawn_at).toISOString() : null, withdrawReason: n.withdraw_reason,
    byStreet: streets.map((s) => ({ regionCode: s.street_code, name: s.street_name ?? '未定属地', recipients: s.recipients, read: s.read, replied: s.replied, unreplied: s.recipients - s.replied })),
    attachments: files.map((r) => toAttachment(r, noticeFileUrl(id, r.id))),
    // Whoever reaches the notice here holds notice.publish over its office (the only way to see it).
    manageable: true,
  };
}

export async function replyTable(db: Db, actor: Actor, id: string, f: NoticeReplyFilter): Promise<NoticeReplyTable> {
  const { n } = await requirePublisherNotice(db, actor, id);
  const fields = formOf(n);
  const items = (await repo.replyRows(db, id, f)).map(toReplyRow);
  const sums: Record<string, number> = {};
  for (const fl of fields.filter((x) => x.type === 'number')) {
    sums[fl.key] = items.reduce((s, r) => s + (typeof r.values[fl.key] === 'number' ? (r.values[fl.key] as number) : 0), 0);
  }
  return { fields, items, total: items.length, sums, replied: items.filter((r) => r.repliedAt).length };
}

/** The copies of the organisations the reader manages; someone who manages none gets an empty list, not a refusal. */
export async function listInbox(db: Db, actor: Actor, f: NoticeInboxFilter): Promise<NoticeInboxPage> {
  if (!holdsRecipientAction(actor)) return { items: [], total: 0, unread: 0 };
  const own = holdsAction(actor, 'notice.publish') ? scopeFor(actor, 'notice.publish') : null;
  const rows = await repo.listCopies(db, recipientScopesFor(actor), own, { unread: f.unread === undefined ? undefined : f.unread === 'true', q: f.q });
  const items = rows.map(toInboxItem);
  return { items, total: items.length, unread: items.filter((i) => !i.read).length };
}
