import type { InboxCounts, InboxTask } from '../../contracts/task.js';
import type { NoticeInboxItem } from '../../contracts/notice.js';
import type { MailMessage } from './mime.js';

/**
 * One person's daily digest (docs/inbox.md, "每日摘要"): counts by kind, then at most 20 lines —
 * overdue tasks first, then the other open ones, then unread notices — and "还有N项", with the link
 * to 待办. Names shown are of organisations and enterprises only (and notice titles); a task about a
 * person's record shows its kind alone, so no personal data leaves in an e-mail.
 */
export const DIGEST_MAX_LINES = 20;
const NAMED = new Set(['enterprise', 'party_org', 'union_org', 'notice_recipient']);

export type DigestInput = {
  name: string; date: string; counts: InboxCounts; tasks: InboxTask[]; notices: NoticeInboxItem[]; unread: number; inboxUrl: string;
};

const cnDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function digestLines(d: DigestInput): { lines: string[]; more: number } {
  const taskLine = (t: InboxTask) => `${t.overdue ? '【已逾期】' : ''}${t.kindLabel}${NAMED.has(t.link.entity) ? ` — ${t.subjectName}` : ''}（办理期限 ${t.dueOn}）`;
  const overdue = d.tasks.filter((t) => t.overdue);
  const rest = d.tasks.filter((t) => !t.overdue);
  const all = [...overdue.map(taskLine), ...rest.map(taskLine), ...d.notices.map((n) => `【未读通知】${n.title}（${n.publisherName}${n.deadline ? `，${n.deadline}前回复` : ''}）`)];
  const total = d.counts.views.role + d.unread;
  const lines = all.slice(0, DIGEST_MAX_LINES);
  return { lines, more: Math.max(0, total - lines.length) };
}

export function digestMessage(to: string, d: DigestInput): MailMessage {
  const open = d.counts.views.role;
  const overdue = d.counts.views.overdue;
  const kinds = d.counts.byKind.filter((k) => k.open > 0).map((k) => `${k.label}：${k.open}项${k.overdue ? `（已逾期${k.overdue}项）` : ''}`);
  if (d.unread) kinds.push(`未读通知：${d.unread}条`);
  const { lines, more } = digestLines(d);
  const head = `截至${cnDate(d.date)}，您有待办事项${open}项${overdue ? `（其中已逾期${overdue}项）` : ''}，未读通知${d.unread}条。`;
  const text = [
    `${d.name}，您好：`, '', head, '', '按类别：', ...kinds.map((k) => `  ${k}`), '', '事项：', ...lines.map((l) => `  ${l}`),
    ...(more ? [`  还有${more}项`] : []), '', `请登录平台查看和办理：${d.inboxUrl}`, '', '（本邮件由两新党建与工会工作平台自动发送，请勿回复。）',
  ].join('\n');
  const html = `<!doctype html><html><body style="font-family:sans-serif">
<p>${esc(d.name)}，您好：</p><p>${esc(head)}</p>
<p><b>按类别</b></p><ul>${kinds.map((k) => `<li>${esc(k)}</li>`).join('')}</ul>
<p><b>事项</b></p><ol>${lines.map((l) => `<li>${esc(l)}</li>`).join('')}</ol>${more ? `<p>还有${more}项</p>` : ''}
<p><a href="${esc(d.inboxUrl)}">打开待办</a></p><p style="color:#888">本邮件由两新党建与工会工作平台自动发送，请勿回复。</p>
</body></html>`;
  const subject = `待办摘要：${open}项待办${overdue ? `，${overdue}项已逾期` : ''}${d.unread ? `，${d.unread}条未读通知` : ''}（${d.date}）`;
  return { to, subject, text, html };
}
