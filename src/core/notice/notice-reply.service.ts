import type { NoticeCopy, NoticeReplyInput } from '../../contracts/notice.js';
import type { Db } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { checkReply, replyOpen } from '../../domain/notice.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { toAttachment } from '../attachment/attachment.mapper.js';
import { attachmentsOf } from '../attachment/attachment.repository.js';
import { recordAudit } from '../audit/audit.service.js';
import { versionConflict } from '../party-org/party-org.access.js';
import { requireCopy } from './notice.access.js';
import { formOf, toCopy } from './notice.mapper.js';
import { noticeFileUrl } from './notice.query.js';
import * as repo from './notice.repository.js';
import { closeReplyTask } from './notice-tasks.js';

/**
 * An organisation's copy (docs/notices.md): opening it records the read receipt when — and only
 * when — the notice asks for one (the first opening: who and when, audited); the one reply per
 * organisation is written and changed until the deadline, at the copy's version, and closes the
 * organisation's reply task.
 */
async function copyOut(db: Db, actor: Actor, id: string): Promise<NoticeCopy> {
  const c = await requireCopy(db, actor, id);
  const files = await attachmentsOf(db, 'notice', c.notice_id);
  return toCopy(c, files.map((r) => toAttachment(r, noticeFileUrl(c.notice_id, r.id))));
}

export async function openCopy(db: Db, actor: Actor, id: string): Promise<NoticeCopy> {
  const c = await requireCopy(db, actor, id);
  if (c.ask_receipt && !c.read_at) {
    await db.transaction().execute(async (tx) => {
      const read = await repo.markRead(tx, id, actor.userId);
      if (read) await recordAudit(tx, actor, { action: 'notice.read', entity: 'notice_recipient', entityId: id, after: { noticeId: c.notice_id, orgId: c.party_org_id ?? c.union_id } });
    });
  }
  return copyOut(db, actor, id);
}

export async function replyToNotice(db: Db, actor: Actor, id: string, input: NoticeReplyInput): Promise<NoticeCopy> {
  await db.transaction().execute(async (tx) => {
    const c = await requireCopy(tx, actor, id);
    const fields = formOf(c);
    if (!fields.length) throw new AppError('CONFLICT', '该通知不需要回复', [{ field: 'values', code: 'NO_REPLY_FORM', message: '该通知没有回执' }]);
    if (!replyOpen(c.deadline, today())) throw new AppError('CONFLICT', `回复截止日期（${c.deadline}）已过，不能再填报或修改`, [{ field: 'values', code: 'DEADLINE_PASSED', message: '已过回复截止日期' }]);
    const { values, problems } = checkReply(fields, input.values);
    if (problems.length) throw new AppError('VALIDATION_FAILED', problems[0].message, problems);
    const before = await repo.lockRecipient(tx, id);
    if (!before || before.version !== input.version) throw versionConflict();
    const after = await repo.saveReply(tx, id, input.version, values, actor.userId);
    if (!after) throw versionConflict();
    await closeReplyTask(tx, actor, after);
    await recordAudit(tx, actor, { action: 'notice.reply', entity: 'notice_recipient', entityId: id, before: { values: before.reply, version: before.version }, after: { noticeId: c.notice_id, values, version: after.version } });
  });
  return copyOut(db, actor, id);
}

export const getCopy = copyOut;
