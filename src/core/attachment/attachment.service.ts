import fs from 'node:fs';
import type { Readable } from 'node:stream';
import type { Executor } from '../../db/schema.js';
import { ACCEPTED_LABEL, ATTACHMENT_MAX_BYTES, sniffMediaType, type AttachmentOwnerKind } from '../../domain/attachment.js';
import { AppError, notFound } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { versionConflict } from '../party-org/party-org.access.js';
import * as repo from './attachment.repository.js';
import type { AttachmentStore } from './attachment.store.js';
import { downscaleImageFileOffThread } from './image-downscale-worker.js';

/**
 * Keeping and serving files for a record (docs/attachments.md). The caller has decided access
 * through the owner (a meeting, a checklist); here the content is judged — size, then type by its
 * first bytes, never the name — a photo over 1600 px shrunk (image-downscale.ts), stored by hash,
 * and every upload, download and delete audited in the transaction of the row it touches.
 */
export type Received = { path: string; fileName: string };
type Owner = { kind: AttachmentOwnerKind; id: string };

const refuse = (code: string, message: string, status: 'VALIDATION_FAILED' | 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE' = 'VALIDATION_FAILED') =>
  new AppError(status, message, [{ field: 'file', code, message }]);

export const fileTooLarge = () => refuse('FILE_TOO_LARGE', `文件超过${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB，请压缩后上传`, 'PAYLOAD_TOO_LARGE');

/** Size and type, before anything is stored; a refused file is removed. */
export function judgeFile(file: Received): string {
  try {
    const size = fs.statSync(file.path).size;
    if (size === 0) throw refuse('FILE_EMPTY', '上传的文件是空的');
    if (size > ATTACHMENT_MAX_BYTES) throw fileTooLarge();
    const head = Buffer.alloc(Math.min(size, 4096));
    const fd = fs.openSync(file.path, 'r');
    try { fs.readSync(fd, head, 0, head.length, 0); } finally { fs.closeSync(fd); }
    const type = sniffMediaType(head);
    if (!type) throw refuse('FILE_TYPE', `不支持的文件类型（按文件内容判断），只能上传${ACCEPTED_LABEL}`, 'UNSUPPORTED_MEDIA_TYPE');
    return type;
  } catch (e) {
    fs.rmSync(file.path, { force: true });
    throw e;
  }
}

const fileName = (name: string) => (name.replace(/[\\/\u0000-\u001f]/g, '_').trim() || '附件').slice(0, 200);

export async function storeAttachment(tx: Executor, actor: Actor, store: AttachmentStore, owner: Owner, file: Received): Promise<repo.AttachmentRow> {
  const mediaType = judgeFile(file);
  // Shrunk in place before hashing, so the stored size and hash are the smaller file's; on a worker
  // thread, so the server answers others meanwhile.
  await downscaleImageFileOffThread(file.path, mediaType);
  const { sha256, size } = await store.put(file.path);
  const row = await repo.insertAttachment(tx, { owner_kind: owner.kind, owner_id: owner.id, sha256, size, media_type: mediaType, file_name: fileName(file.fileName), uploaded_by: actor.userId });
  await recordAudit(tx, actor, { action: 'attachment.upload', entity: 'attachment', entityId: row.id, after: auditView(row) });
  return row;
}

export async function openAttachment(tx: Executor, actor: Actor, store: AttachmentStore, owner: Owner, id: string): Promise<{ row: repo.AttachmentRow; stream: () => Readable }> {
  const row = await repo.findOwnedAttachment(tx, owner.kind, owner.id, id);
  // Opened before the audit: content missing from the store is the same 404 on every store, unaudited.
  const body = row ? await store.get(row.sha256) : null;
  if (!row || !body) throw notFound('附件');
  try {
    await recordAudit(tx, actor, { action: 'attachment.download', entity: 'attachment', entityId: row.id, after: { ownerKind: owner.kind, ownerId: owner.id, fileName: row.file_name } });
  } catch (e) {
    body.destroy();
    throw e;
  }
  return { row, stream: () => body };
}

export async function deleteAttachment(tx: Executor, actor: Actor, owner: Owner, id: string, version: number): Promise<void> {
  if (!(await repo.findOwnedAttachment(tx, owner.kind, owner.id, id))) throw notFound('附件');
  const gone = await repo.softDeleteAttachment(tx, id, version, actor.userId);
  if (!gone) throw versionConflict();
  await recordAudit(tx, actor, { action: 'attachment.delete', entity: 'attachment', entityId: id, before: auditView(gone) });
}

export const auditView = (r: repo.AttachmentRow) => ({ ownerKind: r.owner_kind, ownerId: r.owner_id, fileName: r.file_name, mediaType: r.media_type, size: r.size, sha256: r.sha256, version: r.version });
