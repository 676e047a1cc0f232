import type { Db } from '../../db/schema.js';
import { notFound } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { toAttachment } from '../attachment/attachment.mapper.js';
import { findOwnedAttachment } from '../attachment/attachment.repository.js';
import { deleteAttachment, storeAttachment, type Received } from '../attachment/attachment.service.js';
import type { AttachmentStore } from '../attachment/attachment.store.js';
import { requireManagedMaterial, requireVisibleMaterial } from './study.access.js';

/**
 * A study material's files — the document itself, a 学习辅导 in PDF or Word (docs/study.md): added and
 * removed by whoever may change the material (audited), read by whoever may read it.
 *
 * Downloads are NOT audited, unlike a meeting's files: a study document holds no personal data, and
 * an entry per opening would be the record of who studied what that the product rules out.
 */
const url = (materialId: string, id: string) => `/api/study/materials/${materialId}/attachments/${id}`;

/** Checked before the body is read, so a caller who may not add files never fills the disk. */
export const assertStudyUpload = (db: Db, actor: Actor, materialId: string) => requireManagedMaterial(db, actor, materialId);

export async function addStudyAttachment(db: Db, actor: Actor, store: AttachmentStore, materialId: string, file: Received) {
  return db.transaction().execute(async (tx) => {
    await requireManagedMaterial(tx, actor, materialId);
    const row = await storeAttachment(tx, actor, store, { kind: 'study', id: materialId }, file);
    return toAttachment(row, url(materialId, row.id));
  });
}

export async function downloadStudyAttachment(db: Db, actor: Actor, store: AttachmentStore, materialId: string, id: string) {
  await requireVisibleMaterial(db, actor, materialId);
  const row = await findOwnedAttachment(db, 'study', materialId, id);
  const body = row ? await store.get(row.sha256) : null;
  if (!row || !body) throw notFound('附件');
  return { row, stream: () => body };
}

export async function removeStudyAttachment(db: Db, actor: Actor, materialId: string, id: string, version: number) {
  await db.transaction().execute(async (tx) => {
    await requireManagedMaterial(tx, actor, materialId);
    await deleteAttachment(tx, actor, { kind: 'study', id: materialId }, id, version);
  });
}
