import type { Executor } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { closeTask, openTask } from '../task/task-writer.js';
import type { NoticeRow, RecipientRow } from './notice.repository.js';

/**
 * The reply tasks of a notice (kinds in src/domain/task-kinds/notice.ts): one per recipient
 * organisation, anchored on it, due on the notice's deadline; written in the transaction of the
 * publish, reply or withdrawal that raises or resolves them.
 */
const kindOf = (r: RecipientRow) => (r.party_org_id ? 'notice.reply' : 'notice.replyUnion');

export async function openReplyTasks(tx: Executor, actor: Actor, n: NoticeRow, recipients: RecipientRow[]): Promise<void> {
  for (const r of recipients) {
    await openTask(tx, actor, {
      kind: kindOf(r), subjectTable: 'notice_recipient', subjectId: r.id, subjectLabel: n.title,
      linkPath: `/notices/inbox/${r.id}`, anchor: { partyOrgId: r.party_org_id, unionOrgId: r.union_id }, regionCode: r.region_code,
      ...(n.deadline ? { dueOn: n.deadline } : {}), reason: `${n.publisher_name}要求回复`,
    });
  }
}

export async function closeReplyTask(tx: Executor, actor: Actor, r: RecipientRow): Promise<void> {
  await closeTask(tx, actor, { kind: kindOf(r), subjectTable: 'notice_recipient', subjectId: r.id, closedBy: 'notice.reply', reason: '已回复' });
}

export async function closeReplyTasks(tx: Executor, actor: Actor, recipients: RecipientRow[], why: 'withdrawn'): Promise<void> {
  for (const r of recipients) {
    await closeTask(tx, actor, { kind: kindOf(r), subjectTable: 'notice_recipient', subjectId: r.id, closedBy: `notice.${why}`, reason: '通知已撤回', state: 'cancelled' });
  }
}
