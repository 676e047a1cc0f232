import type { Readable } from 'node:stream';
import type { Db, Executor } from '../../db/schema.js';
import { AppError, notFound } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { holdsAction } from '../access/require.js';
import { holdsRecipientAction, recipientScopesFor, noticeOwnedSql, recipientManagedSql } from '../access/notice-scope.js';
import { scopeFor } from '../access/scope.js';
import { toAttachment } from '../attachment/attachment.mapper.js';
import { deleteAttachment, openAttachment, storeAttachment, type Received } from '../attachment/attachment.service.js';
import type { AttachmentStore } from '../attachment/attachment.store.js';
import { requirePublisherNotice } from './notice.access.js';
import { noticeFileUrl } from './notice.query.js';

/**
 * A notice's files (docs/notices.md; stored like a meeting's, docs/attachments.md): added and removed
 * by the sending office while the notice is a draft — what recipients receive does not change under
 * them; read by the office and by the managers of a recipient organisation once published.
 */
async function requireDraft(db: Executor, actor: Actor, id: string) {
  const { n } = await requirePublisherNotice(db, actor, id);
  if (n.state !== 'draft') throw new AppError('CONFLICT', '通知发布后不能再增删附件', [{ field: 'file', code: 'NOT_DRAFT', message: '只有草稿可以增删附件' }]);
  return n;
}

/** Checked before the body is read, so a caller who may not add files never fills the disk. */
export const assertNoticeUpload = (db: Db, actor: Actor, id: string) => requireDraft(db, actor, id);

export async function addNoticeAttachment(db: Db, actor: Actor, store: AttachmentStore, id: string, file: Received) {
  return db.transaction().execute(async (tx) => {
    await requireDraft(tx, actor, id);
    const row = await storeAttachment(tx, actor, store, { kind: 'notice', id }, file);
    return toAttachment(row, noticeFileUrl(id, row.id));
  });
}

export async function removeNoticeAttachment(db: Db, actor: Actor, id: string, fileId: string, version: number) {
  await db.transaction().execute(async (tx) => {
    await requireDraft(tx, actor, id);
    await deleteAttachment(tx, actor, { kind: 'notice', id }, fileId, version);
  });
}

/** The office (by the notice's region) or a manager of a recipient organisation of the published notice. */
async function requireReadable(db: Executor, actor: Actor, id: string): Promise<void> {
  if (!/^\d{1,18}$/.test(id)) throw notFound('附件');
  if (holdsAction(actor, 'notice.publish')) {
    const mine = await db.selectFrom('notice as n').select('n.id').where('n.id', '=', id).where(noticeOwnedSql(scopeFor(actor, 'notice.publish'), 'n')).executeTakeFirst();
    if (mine) return;
  }
  if (holdsRecipientAction(actor)) {
    const copy = await db.selectFrom('notice_recipient as r').innerJoin('notice as n', 'n.id', 'r.notice_id').select('r.id')
      .where('r.notice_id', '=', id).where('n.state', '=', 'published').where(recipientManagedSql(recipientScopesFor(actor), 'r')).executeTakeFirst();
    if (copy) return;
  }
  throw notFound('附件');
}

export async function downloadNoticeAttachment(db: Db, actor: Actor, store: AttachmentStore, id: string, fileId: string) {
  let opened: Readable | undefined;
  try {
    return await db.transaction().execute(async (tx) => {
      await requireReadable(tx, actor, id);
      const f = await openAttachment(tx, actor, store, { kind: 'notice', id }, fileId);
      opened = f.stream();
      return f;
    });
  } catch (e) {
    opened?.destroy(); // the content was opened but the audit did not commit: let go of the file or connection
    throw e;
  }
}
