import type { NoticeCopy, NoticeField, NoticeInboxItem, NoticeReplyRow, NoticeSummary, NoticeTarget } from '../../contracts/notice.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import type { CopyView, NoticeView, ReplyRowView } from './notice.repository.js';

/** Row → contract for notices (docs/notices.md). */
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
export const formOf = (r: { reply_form: unknown }) => (r.reply_form ?? []) as NoticeField[];

export const toNoticeSummary = (r: NoticeView): NoticeSummary => ({
  id: r.id, title: r.title, publisherName: r.publisher_name, publisherRegionCode: r.publisher_region_code, deadline: r.deadline,
  askReceipt: r.ask_receipt, hasReplyForm: formOf(r).length > 0, state: r.state, publishedAt: iso(r.published_at),
  counts: { recipients: r.recipients, read: r.read, replied: r.replied, unreplied: r.recipients - r.replied }, version: r.version,
});
export const targetOf = (r: { target: unknown }) => r.target as NoticeTarget;

export const orgLink = (kind: 'party_org' | 'union_org', id: string) => (kind === 'party_org' ? `/orgs/${id}` : `/unions/${id}`);
const kindOf = (r: { party_org_id: string | null }) => (r.party_org_id ? 'party_org' as const : 'union_org' as const);

export const toReplyRow = (r: ReplyRowView): NoticeReplyRow => {
  const orgKind = kindOf(r);
  const orgId = (r.party_org_id ?? r.union_id)!;
  return {
    recipientId: r.id, orgKind, orgId, orgName: r.org_name, link: orgLink(orgKind, orgId), streetCode: r.street_code, streetName: r.street_name ?? '未定属地',
    readAt: iso(r.read_at), repliedAt: iso(r.replied_at), values: r.reply ?? {},
  };
};

export const toInboxItem = (r: CopyView): NoticeInboxItem => ({
  recipientId: r.id, noticeId: r.notice_id, title: r.title, publisherName: r.publisher_name, publishedAt: iso(r.published_at), deadline: r.deadline,
  orgKind: kindOf(r), orgId: (r.party_org_id ?? r.union_id)!, orgName: r.org_name, askReceipt: r.ask_receipt, hasReplyForm: formOf(r).length > 0,
  // Unread only where a receipt is asked for (nothing is recorded about reading the others).
  read: !r.ask_receipt || r.read_at !== null, repliedAt: iso(r.replied_at),
  overdue: formOf(r).length > 0 && r.replied_at === null && r.deadline !== null && r.deadline < today(),
});

export const toCopy = (r: CopyView, attachments: NoticeCopy['attachments']): NoticeCopy => ({
  ...toInboxItem(r), body: r.body, replyForm: formOf(r), readAt: iso(r.read_at), values: r.reply, attachments,
  replyOpen: formOf(r).length > 0 && (r.deadline === null || today() <= r.deadline), version: r.version,
});
